#include "core/merchant/MerchantDocuments.h"

#include "core/merchant/DocumentInspector.h"
#include "core/merchant/MerchantStore.h"
#include "core/merchant/MerchantWorkflow.h"
#include "core/security/AuditLog.h"
#include "core/security/AuditedChange.h"
#include "core/security/Authorizer.h"
#include "core/security/Crypto.h"
#include "core/storage/Database.h"
#include "core/storage/Sql.h"
#include "core/storage/StoreSql.h"
#include "core/storage/StoredName.h"
#include "core/storage/UnitOfWork.h"

#include <QSqlQuery>

namespace paydesk {

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

QJsonObject describe(const MerchantDocument &d)
{
    return QJsonObject{
        {QStringLiteral("document"), QString::number(d.id)}, {QStringLiteral("kind"), DocumentNames::kind(d.kind)},
        {QStringLiteral("file_name"), d.fileName},           {QStringLiteral("media_type"), d.mediaType},
        {QStringLiteral("size"), QString::number(d.size)},   {QStringLiteral("sha256"), d.sha256}};
}

QString merchantObject(const Merchant &merchant)
{
    return QStringLiteral("merchant:") + merchant.merchantNo;
}

Status changeable(const Merchant &merchant)
{
    if (MerchantWorkflow::editScope(merchant.status) == MerchantEditScope::Full)
        return {};
    return Error(ErrorCode::MerchantTransitionRefused,
                 QStringLiteral("documents change only while the merchant is a draft or rejected; %1 is %2")
                     .arg(merchant.merchantNo, MerchantNames::status(merchant.status)));
}
} // namespace

MerchantDocuments::MerchantDocuments(Database &database, const Clock &clock, AuditLog &audit, qint64 maximumSize)
    : m_database(database), m_clock(clock), m_audit(audit), m_maximumSize(maximumSize)
{
}

QString MerchantDocuments::cleanFileName(const QString &fileName)
{
    QString name = fileName.section(QLatin1Char('/'), -1).section(QLatin1Char('\\'), -1);
    QString clean;
    for (QChar c : std::as_const(name)) {
        if (c.category() != QChar::Other_Control && c.category() != QChar::Other_Format)
            clean += c;
    }
    clean = clean.trimmed().left(255);
    return clean.isEmpty() ? QStringLiteral("document") : clean;
}

Result<MerchantDocument> MerchantDocuments::load(qint64 documentId)
{
    auto connection = m_database.connection();
    if (!connection)
        return connection.error();
    auto query = Sql::run(*connection,
                          QStringLiteral("SELECT ") + kColumns + QStringLiteral(" FROM merchant_document WHERE id = ?"),
                          {documentId});
    if (!query)
        return query.error();
    if (!query->next())
        return Error(ErrorCode::DocumentUnknown, QString::number(documentId));
    return readDocument(*query);
}

Result<MerchantDocument> MerchantDocuments::attach(const Actor &actor, qint64 merchantId, DocumentKind kind,
                                                   const QString &fileName, const QByteArray &bytes)
{
    auto allowed =
        Authorizer(m_audit).require(actor, Permission::MerchantEdit, QStringLiteral("merchant:%1").arg(merchantId));
    if (!allowed)
        return allowed.error();
    if (bytes.size() > m_maximumSize)
        return Error(ErrorCode::DocumentTooLarge,
                     QStringLiteral("%1 bytes, at most %2 are accepted").arg(bytes.size()).arg(m_maximumSize));
    auto mediaType = DocumentInspector::inspect(bytes);
    if (!mediaType)
        return mediaType.error();
    const QString sha256 = QString::fromLatin1(Crypto::sha256(bytes).toHex());
    const QString name = cleanFileName(fileName);

    UnitOfWork work(m_database);
    if (!work.isActive())
        return work.error();
    auto merchant = MerchantStore::byId(work.connection(), merchantId, true);
    if (!merchant)
        return merchant.error();
    auto open = changeable(*merchant);
    if (!open)
        return open.error();
    auto current = Sql::run(
        work.connection(),
        QStringLiteral("SELECT ") + kColumns +
            QStringLiteral(" FROM merchant_document WHERE merchant_id = ? AND kind = ? AND superseded = 0 ORDER BY id"),
        {merchantId, DocumentNames::kind(kind)});
    if (!current)
        return current.error();
    QList<MerchantDocument> existing;
    while (current->next()) {
        auto row = readDocument(*current);
        if (!row)
            return row.error();
        existing << *row;
    }
    current->finish();
    for (const MerchantDocument &document : std::as_const(existing)) {
        if (document.sha256 == sha256)
            return document; // the same file again: nothing changes
    }
    const qint64 now = StoreSql::nowMs(m_clock.nowUtc());
    QJsonObject detail;
    if (DocumentNames::isSingle(kind) && !existing.isEmpty()) {
        auto superseded =
            Sql::exec(work.connection(),
                      QStringLiteral("UPDATE merchant_document SET superseded = 1 WHERE merchant_id = ? AND kind = ? "
                                     "AND superseded = 0"),
                      {merchantId, DocumentNames::kind(kind)});
        if (!superseded)
            return superseded.error();
        detail.insert(QStringLiteral("before"), describe(existing.last()));
    }
    auto id = StoreSql::reserveId(m_database, work.connection(), QStringLiteral("merchant_document"));
    if (!id)
        return id.error();
    auto inserted =
        Sql::exec(work.connection(),
                  QStringLiteral("INSERT INTO merchant_document (id, merchant_id, kind, file_name, media_type, size, "
                                 "sha256, content, superseded, uploaded_at, uploaded_by) "
                                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)"),
                  {*id, merchantId, DocumentNames::kind(kind), name, *mediaType, qint64(bytes.size()), sha256, bytes,
                   now, actor.name()});
    if (!inserted)
        return inserted.error();
    auto document = load(*id);
    if (!document)
        return document.error();
    auto history = MerchantStore::addHistory(work.connection(), merchantId, m_clock.nowUtc(), actor.name(),
                                             QStringLiteral("document.attach"), std::nullopt, std::nullopt,
                                             DocumentNames::kind(kind) + QStringLiteral(": ") + name);
    if (!history)
        return history.error();
    detail.insert(QStringLiteral("after"), describe(*document));
    auto audited = m_audit.append(
        actor, {QStringLiteral("merchant.document.attach"), merchantObject(*merchant), QStringLiteral("ok"), detail});
    if (!audited)
        return audited.error();
    auto committed = work.commit();
    if (!committed)
        return committed.error();
    return document;
}

Result<QList<MerchantDocument>> MerchantDocuments::list(const Actor &actor, qint64 merchantId, bool includeSuperseded)
{
    auto allowed =
        Authorizer(m_audit).require(actor, Permission::MerchantView, QStringLiteral("merchant:%1").arg(merchantId));
    if (!allowed)
        return allowed.error();
    auto connection = m_database.connection();
    if (!connection)
        return connection.error();
    auto merchant = MerchantStore::byId(*connection, merchantId);
    if (!merchant)
        return merchant.error();
    const QString current = includeSuperseded ? QString() : QStringLiteral(" AND superseded = 0");
    auto query = Sql::run(*connection,
                          QStringLiteral("SELECT ") + kColumns +
                              QStringLiteral(" FROM merchant_document WHERE merchant_id = ?") + current +
                              QStringLiteral(" ORDER BY id"),
                          {merchantId});
    if (!query)
        return query.error();
    QList<MerchantDocument> documents;
    while (query->next()) {
        auto row = readDocument(*query);
        if (!row)
            return row.error();
        documents << *row;
    }
    std::stable_sort(documents.begin(), documents.end(),
                     [](const MerchantDocument &a, const MerchantDocument &b) { return int(a.kind) < int(b.kind); });
    return documents;
}

Result<DocumentContent> MerchantDocuments::content(const Actor &actor, qint64 documentId)
{
    const QString object = QStringLiteral("document:%1").arg(documentId);
    auto allowed = Authorizer(m_audit).require(actor, Permission::MerchantViewSensitive, object);
    if (!allowed)
        return allowed.error();
    auto document = load(documentId);
    if (!document)
        return document.error();
    auto connection = m_database.connection();
    if (!connection)
        return connection.error();
    auto bytes =
        Sql::scalar(*connection, QStringLiteral("SELECT content FROM merchant_document WHERE id = ?"), {documentId});
    if (!bytes)
        return bytes.error();
    DocumentContent content{*document, bytes->toByteArray()};
    if (QString::fromLatin1(Crypto::sha256(content.bytes).toHex()) != document->sha256)
        return Error(ErrorCode::DocumentCorrupt, QStringLiteral("the stored bytes no longer match their SHA-256"));
    auto merchant = MerchantStore::byId(*connection, document->merchantId);
    if (!merchant)
        return merchant.error();
    QJsonObject detail = describe(*document);
    auto audited = m_audit.append(
        actor, {QStringLiteral("merchant.document.view"), merchantObject(*merchant), QStringLiteral("ok"), detail});
    if (!audited)
        return audited.error();
    return content;
}

Status MerchantDocuments::remove(const Actor &actor, qint64 documentId)
{
    auto allowed =
        Authorizer(m_audit).require(actor, Permission::MerchantEdit, QStringLiteral("document:%1").arg(documentId));
    if (!allowed)
        return allowed;
    UnitOfWork work(m_database);
    if (!work.isActive())
        return work.error();
    auto document = load(documentId);
    if (!document)
        return document.error();
    auto merchant = MerchantStore::byId(work.connection(), document->merchantId, true);
    if (!merchant)
        return merchant.error();
    auto open = changeable(*merchant);
    if (!open)
        return open;
    if (document->superseded)
        return {}; // already out of use
    auto marked = Sql::exec(work.connection(),
                            QStringLiteral("UPDATE merchant_document SET superseded = 1 WHERE id = ?"), {documentId});
    if (!marked)
        return marked;
    auto history = MerchantStore::addHistory(
        work.connection(), merchant->id, m_clock.nowUtc(), actor.name(), QStringLiteral("document.remove"),
        std::nullopt, std::nullopt, DocumentNames::kind(document->kind) + QStringLiteral(": ") + document->fileName);
    if (!history)
        return history;
    return auditAndCommit(work, m_audit, actor,
                          {QStringLiteral("merchant.document.remove"), merchantObject(*merchant), QStringLiteral("ok"),
                           QJsonObject{{QStringLiteral("before"), describe(*document)}}});
}

Result<QList<DocumentKind>> MerchantDocuments::missing(Database &database, qint64 merchantId, MerchantType type)
{
    auto connection = database.connection();
    if (!connection)
        return connection.error();
    auto query =
        Sql::run(*connection,
                 QStringLiteral("SELECT DISTINCT kind FROM merchant_document WHERE merchant_id = ? AND superseded = 0"),
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
    QList<DocumentKind> missingKinds;
    for (DocumentKind kind : DocumentNames::requiredFor(type)) {
        if (!present.contains(kind))
            missingKinds << kind;
    }
    return missingKinds;
}

} // namespace paydesk
