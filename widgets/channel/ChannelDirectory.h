#pragma once

#include "core/channel/account/ChannelAccount.h"
#include "core/merchant/MerchantTypes.h"
#include "core/security/Actor.h"
#include "core/util/Result.h"

#include <QList>

namespace paydesk {

class PaydeskCore;

// A merchant as the channel, fee and routing pickers list it.
struct MerchantChoice
{
    qint64 id = 0;
    QString merchantNo;
    QString name;
    MerchantStatus status = MerchantStatus::Draft;
    Currency currency = Currency::cny();

    // "M1001 Tencent"
    QString label() const { return name.isEmpty() ? merchantNo : merchantNo + QLatin1Char(' ') + name; }
};

// What the pickers of these panels choose from: the merchants (closed ones last) and the
// channel accounts, read through the core's services. load() blocks: run it off the GUI thread.
struct ChannelDirectory
{
    QList<MerchantChoice> merchants;
    QList<ChannelAccount> accounts;

    // Merchants need merchant.view and accounts channel.view; what the actor may not read stays
    // empty rather than being asked for (a refusal would be audited on every reload).
    static Result<ChannelDirectory> load(PaydeskCore &core, const Actor &actor);

    const MerchantChoice *merchant(qint64 id) const;
    const ChannelAccount *account(qint64 id) const;
    QString merchantLabel(qint64 id) const; // "#7" when unknown
    QString accountLabel(qint64 id) const;
};

} // namespace paydesk
