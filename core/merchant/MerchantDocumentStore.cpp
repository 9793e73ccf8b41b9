#include "core/merchant/MerchantDocumentStore.h"

#include "core/storage/Sql.h"
#include "core/storage/StoreSql.h"
#include "core/storage/StoredName.h"

#include <QSqlQuery>

namespace paydesk::MerchantDocumentStore {

namespace {
const QString kColumns =
    QStringLiteral("id, merchant_id, kind, file_name, media_type, size, sha256, superseded, uploaded_at, uploaded_by");

// QueryFailed for a kind this version does not know.
Result<MerchantDocument> readDocument(const QSqlQuery &q)
{
    MerchantDocument d;
    d.id = q.value(0).toLongLong();
    d.merchantId = q.value(1).toLongLong();
    auto kind = StoredName::read<DocumentKind>(q.value(2), DocumentNames::kindFromName, "merchant_document.kind");
    if (!kind)
        return kind.error();
    d.kind = *kind;
    d.fileName = q.value(3).toString();
    d.mediaType = q.value(4).toString();
    d.size = q.value(5).toLongLong();
    d.sha256 = q.value(6).toString();
    d.superseded = q.value(7).toInt() != 0;
    d.uploadedAt = StoreSql::instant(q.value(8));
    d.uploadedBy = q.value(9).toString();
    return d;
}
} // namespace

Result<MerchantDocument> byId(const QSqlDatabase &db, qint64 documentId)
{
    auto query =
        Sql::run(db, QStringLiteral("SELECT ") + kColumns + QStringLiteral(" FROM merchant_document WHERE id = ?"),
                 {documentId});
    if (!query)
        return query.error();
    if (!query->next())
        return Error(ErrorCode::DocumentUnknown, QString::number(documentId));
    return readDocument(*query);
}

Result<QList<MerchantDocument>> currentOfKind(const QSqlDatabase &db, qint64 merchantId, DocumentKind kind)
{
    return Sql::readAll<MerchantDocument>(
        Sql::run(db,
                 QStringLiteral("SELECT ") + kColumns +
                     QStringLiteral(
                         " FROM merchant_document WHERE merchant_id = ? AND kind = ? AND superseded = 0 ORDER BY id"),
                 {merchantId, DocumentNames::kind(kind)}),
        readDocument);
}

Result<QList<MerchantDocument>> ofMerchant(const QSqlDatabase &db, qint64 merchantId, bool includeSuperseded)
{
    const QString current = includeSuperseded ? QString() : QStringLiteral(" AND superseded = 0");
    return Sql::readAll<MerchantDocument>(Sql::run(db,
                                                   QStringLiteral("SELECT ") + kColumns +
                                                       QStringLiteral(" FROM merchant_document WHERE merchant_id = ?") +
                                                       current + QStringLiteral(" ORDER BY id"),
                                                   {merchantId}),
                                          readDocument);
}

Result<QSet<DocumentKind>> currentKinds(const QSqlDatabase &db, qint64 merchantId)
{
    auto query = Sql::run(
        db, QStringLiteral("SELECT DISTINCT kind FROM merchant_document WHERE merchant_id = ? AND superseded = 0"),
        {merchantId});
    if (!query)
        return query.error();
    QSet<DocumentKind> present;
    while (query->next()) {
        auto kind =
            StoredName::read<DocumentKind>(query->value(0), DocumentNames::kindFromName, "merchant_document.kind");
        if (!kind)
            return kind.error();
        present.insert(*kind);
    }
    return present;
}

Result<QByteArray> content(const QSqlDatabase &db, qint64 documentId)
{
    auto bytes = Sql::scalar(db, QStringLiteral("SELECT content FROM merchant_document WHERE id = ?"), {documentId});
    if (!bytes)
        return bytes.error();
    return bytes->toByteArray();
}

Result<qint64> insert(Database &database, const QSqlDatabase &db, const MerchantDocument &document,
                      const QByteArray &bytes)
{
    auto id = StoreSql::reserveId(database, db, QStringLiteral("merchant_document"));
    if (!id)
        return id.error();
    auto inserted = Sql::exec(
        db,
        QStringLiteral("INSERT INTO merchant_document (id, merchant_id, kind, file_name, media_type, size, "
                       "sha256, content, superseded, uploaded_at, uploaded_by) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)"),
        {*id, document.merchantId, DocumentNames::kind(document.kind), document.fileName, document.mediaType,
         qint64(bytes.size()), document.sha256, bytes, StoreSql::nowMs(document.uploadedAt), document.uploadedBy});
    if (!inserted)
        return inserted.error();
    return *id;
}

Status supersedeKind(const QSqlDatabase &db, qint64 merchantId, DocumentKind kind)
{
    return Sql::exec(db,
                     QStringLiteral("UPDATE merchant_document SET superseded = 1 WHERE merchant_id = ? AND kind = ? "
                                    "AND superseded = 0"),
                     {merchantId, DocumentNames::kind(kind)});
}

Status supersede(const QSqlDatabase &db, qint64 documentId)
{
    return Sql::exec(db, QStringLiteral("UPDATE merchant_document SET superseded = 1 WHERE id = ?"), {documentId});
}

} // namespace paydesk::MerchantDocumentStore
