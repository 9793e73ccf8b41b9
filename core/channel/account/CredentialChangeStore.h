#pragma once

#include "core/channel/account/CredentialChange.h"
#include "core/util/Result.h"

#include <QList>
#include <QSqlDatabase>

namespace paydesk {

// The channel_credential_change rows, without permission checks or audit (CredentialChanges
// checks and audits). The sealed items are read apart from the rest: only an approval opens them.
namespace CredentialChangeStore {

// Inserts a pending change with its sealed items; returns its id.
Result<qint64> insert(const QSqlDatabase &db, const CredentialChange &change, const QByteArray &sealed);
Result<CredentialChange> load(const QSqlDatabase &db, qint64 id); // CredentialChangeUnknown
// The sealed items of a pending change (CredentialChangeDecided when it is no longer pending).
Result<QByteArray> sealed(const QSqlDatabase &db, qint64 id);
// Newest first; `accountId` 0: every account; `pendingOnly`: only those waiting.
Result<QList<CredentialChange>> list(const QSqlDatabase &db, qint64 accountId, bool pendingOnly, int limit);
// Pending changes whose expiry is at or before `now`.
Result<QList<CredentialChange>> due(const QSqlDatabase &db, const QDateTime &now);
// Decides a pending change and drops its sealed items, in one conditional update: of two
// deciders at once exactly one gets true. With `unexpiredAt` valid, a change already past its
// expiry at that time is not decided either.
Result<bool> decide(const QSqlDatabase &db, qint64 id, CredentialChange::Status status, const QString &by,
                    const QDateTime &at, const QString &note, const QDateTime &unexpiredAt = QDateTime());

// What the sealed items are bound to (AES-GCM associated data): the change's identity, so a
// sealed value copied to another row does not open there.
QByteArray sealContext(const CredentialChange &change);

} // namespace CredentialChangeStore
} // namespace paydesk
