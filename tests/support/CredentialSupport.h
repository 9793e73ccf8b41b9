#pragma once

#include "core/PaydeskCore.h"

#include <QMap>

namespace paydesk::test {

// Credentials in place for tests that only need them there (the maker-checker flow is tested on
// its own): installed by the platform itself, as the demo generator does — first credentials
// only (CredentialChanges::provision).
inline Status provideCredentials(PaydeskCore &core, qint64 accountId, const QMap<QString, SecretBytes> &items)
{
    const Actor platform =
        Actor::system(QStringLiteral("test"), {Permission::ChannelProvision}, QStringLiteral("test"));
    return core.channelAccounts().credentialChanges().provision(platform, accountId, items);
}

// The flow as operators run it: `maker` proposes, `checker` (another operator with
// channel.approve) approves. Items that need no approval are stored by the proposal alone.
inline Result<CredentialChange> proposeAndApprove(ChannelAccountService &accounts, const Actor &maker,
                                                  const Actor &checker, qint64 accountId,
                                                  const QMap<QString, SecretBytes> &items)
{
    auto proposed = accounts.proposeCredentials(maker, accountId, items);
    if (!proposed || !proposed->isPending())
        return proposed;
    return accounts.credentialChanges().approve(checker, proposed->id);
}

} // namespace paydesk::test
