#pragma once

#include "core/security/AuditLog.h"
#include "core/util/Result.h"

#include <QSqlDatabase>

#include <functional>
#include <optional>

namespace paydesk {

class Database;

// The audit_log table: the only place that holds its SQL. AuditLog holds the chain (numbering,
// hashing, verification), authorisation and the unit of work an append joins.
namespace AuditStore {

// PostgreSQL: waits for this transaction's turn to append (a transaction-scoped advisory lock),
// so appends take turns across processes.
Status takeAppendTurn(const QSqlDatabase &db);

// The newest record's number and hash; nullopt while the log is empty.
struct ChainEnd
{
    qint64 seq = 0;
    QString hash;
};
Result<std::optional<ChainEnd>> chainEnd(const QSqlDatabase &db);

Status insert(const QSqlDatabase &db, const AuditRecord &record);

// Newest first, older than `beforeSeq` (0: from the newest), at most `limit` (1–10,000).
Result<QList<AuditRecord>> page(Database &database, const AuditFilter &filter, qint64 beforeSeq, int limit);
// Every record in order, streamed; onRecord returns false to stop.
Status forEachInOrder(Database &database, const std::function<bool(const AuditRecord &)> &onRecord);

} // namespace AuditStore
} // namespace paydesk
