#pragma once

#include "core/channel/account/ChannelAccount.h"
#include "core/util/Result.h"

#include <QList>
#include <QSqlDatabase>

namespace paydesk {

// The channel_account rows, without permission checks or audit: the service, the fee module
// and the router read through it; only ChannelAccountService writes.
namespace ChannelAccountStore {

Result<ChannelAccount> load(const QSqlDatabase &db, qint64 id);                 // ChannelAccountUnknown
Result<ChannelAccount> loadByName(const QSqlDatabase &db, const QString &name); // ChannelAccountUnknown
Result<QList<ChannelAccount>> list(const QSqlDatabase &db);                     // by name
Result<QList<ChannelAccount>> loadMany(const QSqlDatabase &db, const QList<qint64> &ids);

// Inserts a new account (id, version and times as given are ignored) and returns it as stored.
Result<ChannelAccount> insert(const QSqlDatabase &db, const ChannelAccount &account, const QDateTime &now,
                              const QString &by);
// Writes the editable fields when the stored version is still `account.version`
// (ChannelAccountChangedMeanwhile otherwise) and bumps the version.
Status update(const QSqlDatabase &db, const ChannelAccount &account, const QDateTime &now);
Status setEnabled(const QSqlDatabase &db, qint64 id, bool enabled, const QDateTime &now);
Status recordTest(const QSqlDatabase &db, qint64 id, const QDateTime &at, const QString &result);
// The credentials of every account of `channel` with `channelMerchantId` changed (they share
// them): their versions move, so adapters built from the old credentials are rebuilt at once,
// and with `trustMaterial` their trust_changed_at becomes `now`.
Status credentialsChanged(const QSqlDatabase &db, ChannelKind channel, const QString &channelMerchantId,
                          const QDateTime &now, bool trustMaterial);
// The names of the accounts that share those credentials, by name.
Result<QStringList> sharingCredentials(const QSqlDatabase &db, ChannelKind channel, const QString &channelMerchantId);

// The name of another account (not `exceptId`) with the same channel merchant and sub-merchant;
// empty when there is none.
Result<QString> holderOfMerchantId(const QSqlDatabase &db, ChannelKind channel, const QString &channelMerchantId,
                                   const QString &subMerchantId, qint64 exceptId);
// Routing rules of merchants other than `merchantId` that use the account.
Result<qint64> rulesOfOtherMerchants(const QSqlDatabase &db, qint64 accountId, qint64 merchantId);
// Routing rules and recorded usage (payments) of the account.
Result<qint64> rulesAndUsage(const QSqlDatabase &db, qint64 accountId);

} // namespace ChannelAccountStore
} // namespace paydesk
