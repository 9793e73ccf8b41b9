#pragma once

#include "core/PaydeskCore.h"

// Things named on the command line by their number or name, or by their database id.
namespace paydesk::cli {

// A merchant by its number (M1004) or id (4).
inline Result<Merchant> findMerchant(PaydeskCore &core, const Actor &actor, const QString &key)
{
    bool isNumber = false;
    const qint64 id = key.toLongLong(&isNumber);
    return isNumber ? core.merchants().find(actor, id) : core.merchants().findByNo(actor, key.toUpper());
}

// A channel account by its name (wx_shared01) or id.
inline Result<ChannelAccount> findChannelAccount(PaydeskCore &core, const Actor &actor, const QString &key)
{
    bool isNumber = false;
    const qint64 id = key.toLongLong(&isNumber);
    return isNumber ? core.channelAccounts().find(actor, id) : core.channelAccounts().findByName(actor, key);
}

} // namespace paydesk::cli
