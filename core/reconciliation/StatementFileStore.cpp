#include "core/reconciliation/StatementFileStore.h"

#include "core/storage/BatchSql.h"
#include "core/storage/Sql.h"
#include "core/storage/StoreSql.h"
#include "core/storage/StoredName.h"

#include <QSqlQuery>

namespace paydesk::StatementFileStore {

namespace {
const QString kSelect =
    QStringLiteral("SELECT id, channel_account_id, bill_date, sha256, byte_size, chunk_count, format, file_name, "
                   "origin, kept_at, kept_by FROM recon_statement_file ");

Result<KeptStatementFile> read(const QSqlQuery &q)
{
    KeptStatementFile f;
    int c = 0;
    f.id = q.value(c++).toLongLong();
    f.channelAccountId = q.value(c++).toLongLong();
    f.billDate = QDate::fromString(q.value(c++).toString(), Qt::ISODate);
    f.sha256 = q.value(c++).toString();
    f.byteSize = q.value(c++).toLongLong();
    f.chunkCount = q.value(c++).toInt();
    f.format = q.value(c++).toString();
    f.fileName = q.value(c++).toString();
    auto origin = StoredName::read<StatementOrigin>(q.value(c++), ReconciliationNames::originFromName,
                                                    "recon_statement_file.origin");
    if (!origin)
        return origin.error();
    f.origin = *origin;
    f.keptAt = StoreSql::instant(q.value(c++));
    f.keptBy = q.value(c++).toString();
    return f;
}
} // namespace

Result<qint64> insertUnfinished(const QSqlDatabase &db, const StatementToKeep &file, const QDateTime &at)
{
    return StoreSql::insertReturningId(
        db,
        QStringLiteral("INSERT INTO recon_statement_file (channel_account_id, bill_date, format, "
                       "file_name, origin, kept_at, kept_by) VALUES (?, ?, ?, ?, ?, ?, ?)"),
        {file.channelAccountId, file.billDate.toString(Qt::ISODate), StoreSql::text(file.format),
         StoreSql::text(file.fileName), ReconciliationNames::origin(file.origin), at.toMSecsSinceEpoch(),
         StoreSql::text(file.keptBy)});
}

Status insertChunk(Database &database, qint64 fileId, int seq, const QByteArray &data)
{
    // Through BatchSql: on PostgreSQL the chunk then goes over as bytes, not as Qt's hex text twice its size.
    return BatchSql::execRows(database,
                              QStringLiteral("INSERT INTO recon_statement_chunk (file_id, seq, data) VALUES "),
                              QString(), 3, {fileId, seq, data});
}

Result<qint64> findKept(const QSqlDatabase &db, qint64 channelAccountId, const QDate &billDate, const QString &sha256)
{
    auto id = Sql::scalar(db,
                          QStringLiteral("SELECT id FROM recon_statement_file WHERE channel_account_id = ? "
                                         "AND bill_date = ? AND sha256 = ?"),
                          {channelAccountId, billDate.toString(Qt::ISODate), sha256});
    if (!id)
        return id.error();
    return id->isValid() ? id->toLongLong() : qint64(0);
}

Status finish(const QSqlDatabase &db, qint64 fileId, const QString &sha256, qint64 byteSize, int chunkCount)
{
    auto changed = StoreSql::changedRows(db,
                                         QStringLiteral("UPDATE recon_statement_file SET sha256 = ?, byte_size = ?, "
                                                        "chunk_count = ? WHERE id = ? AND sha256 IS NULL"),
                                         {sha256, byteSize, chunkCount, fileId});
    if (!changed)
        return changed.error();
    if (*changed != 1)
        return Error(ErrorCode::StatementFileUnknown, QStringLiteral("unfinished file %1 is gone").arg(fileId));
    return {};
}

Status remove(const QSqlDatabase &db, qint64 fileId)
{
    const Status chunks =
        Sql::exec(db, QStringLiteral("DELETE FROM recon_statement_chunk WHERE file_id = ?"), {fileId});
    if (!chunks)
        return chunks;
    return Sql::exec(db, QStringLiteral("DELETE FROM recon_statement_file WHERE id = ?"), {fileId});
}

Result<int> removeUnfinished(const QSqlDatabase &db, const QDateTime &before)
{
    const QVariantList values{before.toMSecsSinceEpoch()};
    const Status chunks = Sql::exec(db,
                                    QStringLiteral("DELETE FROM recon_statement_chunk WHERE file_id IN (SELECT id FROM "
                                                   "recon_statement_file WHERE sha256 IS NULL AND kept_at < ?)"),
                                    values);
    if (!chunks)
        return chunks.error();
    return StoreSql::changedRows(
        db, QStringLiteral("DELETE FROM recon_statement_file WHERE sha256 IS NULL AND kept_at < ?"), values);
}

Result<KeptStatementFile> byId(const QSqlDatabase &db, qint64 fileId)
{
    auto q = Sql::run(db, kSelect + QStringLiteral("WHERE id = ? AND sha256 IS NOT NULL"), {fileId});
    if (!q)
        return q.error();
    if (!q->next())
        return Error(ErrorCode::StatementFileUnknown, QString::number(fileId));
    return read(*q);
}

Result<QList<KeptStatementFile>> forDay(const QSqlDatabase &db, qint64 channelAccountId, const QDate &billDate)
{
    return Sql::readAll<KeptStatementFile>(
        Sql::run(db,
                 kSelect + QStringLiteral("WHERE channel_account_id = ? AND bill_date = ? AND sha256 IS NOT NULL "
                                          "ORDER BY id"),
                 {channelAccountId, billDate.toString(Qt::ISODate)}),
        read);
}

Result<QByteArray> chunk(const QSqlDatabase &db, qint64 fileId, int seq)
{
    auto q = Sql::run(db, QStringLiteral("SELECT data FROM recon_statement_chunk WHERE file_id = ? AND seq = ?"),
                      {fileId, seq});
    if (!q)
        return q.error();
    if (!q->next())
        return QByteArray();
    QByteArray data = q->value(0).toByteArray();
    if (data.isNull())
        data = QByteArray(""); // present but empty: not "missing"
    return data;
}

} // namespace paydesk::StatementFileStore
