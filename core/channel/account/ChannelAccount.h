#pragma once

#include "core/channel/ChannelTypes.h"
#include "core/money/Money.h"

#include <QDateTime>
#include <QString>
#include <QUrl>

namespace paydesk {

// Shared: the platform's own channel merchant id, used for many small merchants. Own: a
// merchant's own channel merchant id (服务商/特约商户 mode), usable only for that merchant.
enum class ChannelAccountMode
{
    Shared,
    Own
};

// A channel account as the console edits it and the payment core uses it: where and as whom
// Paydesk talks to one channel. Its secrets (keys, certificates) are not here: they live in the
// vault, see ChannelCredentialItems. `name` is also the ledger id (channel_receivable:<name>).
struct ChannelAccount
{
    qint64 id = 0;
    QString name;
    ChannelKind channel = ChannelKind::WeChatPay;
    ChannelAccountMode mode = ChannelAccountMode::Shared;
    qint64 ownerMerchantId = 0; // own accounts only
    QString channelMerchantId;  // WeChat mchid, Alipay app_id, UnionPay merId
    QString subMerchantId;      // service-provider mode (WeChat sub_mchid); stored, not sent yet
    QString channelAppId;       // WeChat appid; empty for the other channels
    QString baseUrl;            // https; Alipay: the gateway (…/gateway.do is added to a bare host)
    QString fileUrl;            // UnionPay file download address; empty: the channel's default
    QString notifyUrl;          // where the channel posts payment results
    QByteArray caCertificates;  // extra CA certificates (PEM) to trust, e.g. the sandbox's; not secret
    Currency currency = Currency::cny();
    Money perTransactionLimit = Money::zero(Currency::cny()); // zero: no limit
    Money dailyLimit = Money::zero(Currency::cny());          // zero: no limit
    bool enabled = true;
    QDateTime lastTestAt;   // invalid: never tested
    QString lastTestResult; // "ok: …" or "failed: …"
    QDateTime createdAt;
    QString createdBy;
    QDateTime updatedAt;
    int version = 0; // optimistic locking: an update must carry the version it was read at
    // When a second operator last approved a change of the account's trust material (keys and
    // certificates callbacks and answers are verified or signed with); invalid: never.
    QDateTime trustChangedAt;

    // For this long after an approved change of trust material, every callback is confirmed by
    // a query to the channel before anything is posted: a key approved by mistake cannot mint
    // payments the channel never saw.
    static constexpr qint64 kTrustWindowSeconds = 24 * 3600;
    bool confirmsCallbacksByQuery(const QDateTime &now) const
    {
        return trustChangedAt.isValid() && now < trustChangedAt.addSecs(kTrustWindowSeconds);
    }

    bool lastTestOk() const { return lastTestResult.startsWith(QLatin1String("ok")); }
    bool hasPerTransactionLimit() const { return perTransactionLimit.isPositive(); }
    bool hasDailyLimit() const { return dailyLimit.isPositive(); }
    // The ledger account that collects what the channel owes for this account's payments.
    QString ledgerAccount() const { return QStringLiteral("channel_receivable:") + name; }
    // Where the channel posts results: `base` + "/callback/<name>" when a base is given (a
    // gateway's public address), notifyUrl otherwise.
    QString callbackUrl(const QUrl &base) const
    {
        if (!base.isValid() || base.isEmpty())
            return notifyUrl;
        QString text = base.toString(QUrl::StripTrailingSlash);
        return text + QStringLiteral("/callback/") + name;
    }

    static QString modeName(ChannelAccountMode mode); // "shared", "own"
    static bool modeFromName(const QString &name, ChannelAccountMode *mode);
    // The channel's production addresses, for a new account's form.
    static QString defaultBaseUrl(ChannelKind channel);
    static QString defaultFileUrl(ChannelKind channel); // UnionPay only; empty for the others
};

} // namespace paydesk
