#pragma once

#include "core/reconciliation/ReconciliationRecords.h"
#include "core/util/Result.h"

#include <QSqlDatabase>

namespace paydesk {

class Database;

// What is known of a statement file before its bytes are read.
struct StatementToKeep
{
    qint64 channelAccountId = 0;
    QDate billDate;
    QString format; // statementFormatName
    QString fileName;
    StatementOrigin origin = StatementOrigin::Import;
    QString keptBy;
};

// The recon_statement_file and recon_statement_chunk tables: the only place that holds their SQL.
// StatementArchive holds the streaming, hashing, compression and the units of work.
namespace StatementFileStore {

// A file row whose chunks are about to be written (sha256 NULL: unfinished); returns its id.
Result<qint64> insertUnfinished(const QSqlDatabase &db, const StatementToKeep &file, const QDateTime &at);
// One chunk, on this thread's connection (inside the caller's unit of work).
Status insertChunk(Database &database, qint64 fileId, int seq, const QByteArray &data);
// The finished file of this account and date with this SHA-256; 0 when there is none.
Result<qint64> findKept(const QSqlDatabase &db, qint64 channelAccountId, const QDate &billDate, const QString &sha256);
// Makes an unfinished file a kept one. Fails (unique key) when the same file was kept meanwhile,
// StatementFileUnknown when the unfinished row is gone (removeUnfinished took it).
Status finish(const QSqlDatabase &db, qint64 fileId, const QString &sha256, qint64 byteSize, int chunkCount);
// A file and its chunks.
Status remove(const QSqlDatabase &db, qint64 fileId);
// Unfinished files started before `before` (left by a process that died while keeping one) and
// their chunks; returns how many files. `before` lies well before any keep still under way could
// have started (an hour ago, say): a multi-GB bill takes a while.
Result<int> removeUnfinished(const QSqlDatabase &db, const QDateTime &before);

// StatementFileUnknown for no kept (finished) file of that id; QueryFailed for an unknown origin.
Result<KeptStatementFile> byId(const QSqlDatabase &db, qint64 fileId);
// The kept files of an account and date, oldest first.
Result<QList<KeptStatementFile>> forDay(const QSqlDatabase &db, qint64 channelAccountId, const QDate &billDate);
// One chunk's compressed bytes; a null QByteArray when the chunk is missing.
Result<QByteArray> chunk(const QSqlDatabase &db, qint64 fileId, int seq);

} // namespace StatementFileStore
} // namespace paydesk
