#pragma once

#include "core/util/Result.h"
#include "sandbox/SandboxStore.h"

#include <QDateTime>
#include <QHash>
#include <QMap>

#include <optional>

namespace paydesk::sandbox {

// The channel merchants the sandbox serves, one per channel (WeChat Pay mchid 1900000109, Alipay
// app_id 2021000000000001 with pid 2088000000000001, UnionPay merId 777290058000001), and the fee
// rate each signed up for: a channel charges every merchant the rate of its own contract, and the
// platform enters the same rate as the channel account's cost. A merchant without a rate of its
// own pays the sandbox's default (settings' fee_rate_bp).
//
// The rates are kept in the state directory's merchants.json beside the keys: the admin API writes
// it, and so does a platform's demo setup (tellFeeRates) whether or not the sandbox runs. The
// sandbox reads the file again whenever it changed, so a platform set up while it runs is charged
// its rates from the next payment on.
class SandboxMerchants
{
public:
    explicit SandboxMerchants(const QString &stateDirectory = {});

    // The id a channel account holds for the channel's merchant (Alipay: the app id).
    static QString merchantId(SandboxChannel channel);
    // The id the channel's statements name (Alipay: the pid 2088…).
    static QString statementMerchantId(SandboxChannel channel);
    // A merchant id (Alipay: app id or pid) or a channel name: whose channel.
    static bool channelOf(const QString &merchantOrChannel, SandboxChannel *channel);

    // The merchant's own rate in parts per million; none: it pays the default.
    std::optional<qint64> feeRatePpm(SandboxChannel channel);
    // Sets (or, with none, removes) the merchant's rate and writes the file.
    // InvalidArgument outside 0–1,000,000 ppm; FileUnwritable.
    Status setFeeRatePpm(SandboxChannel channel, std::optional<qint64> ppm);

    static QString fileIn(const QString &stateDirectory);
    // Records rates (merchant id → ppm, ids as channelOf takes them) in the state directory's
    // file, keeping the other merchants'. InvalidArgument for an id the sandbox does not serve or
    // a rate out of range; FileUnwritable.
    static Status tellFeeRates(const QString &stateDirectory, const QMap<QString, qint64> &ppmByMerchant);

private:
    void reloadIfChanged();

    QString m_file;
    QDateTime m_modified;
    qint64 m_size = -1;
    QHash<int, qint64> m_rates; // by SandboxChannel
};

} // namespace paydesk::sandbox
