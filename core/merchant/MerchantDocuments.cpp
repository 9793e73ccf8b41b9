#include "core/merchant/MerchantDocuments.h"

#include "core/merchant/DocumentInspector.h"
#include "core/merchant/MerchantDocumentStore.h"
#include "core/merchant/MerchantStore.h"
#include "core/merchant/MerchantWorkflow.h"
#include "core/security/AuditLog.h"
#include "core/security/AuditedChange.h"
#include "core/security/Authorizer.h"
#include "core/security/Crypto.h"
#include "core/storage/Database.h"
#include "core/storage/UnitOfWork.h"

namespace paydesk {

namespace {
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
    return MerchantDocumentStore::byId(*connection, documentId);
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
    auto existing = MerchantDocumentStore::currentOfKind(work.connection(), merchantId, kind);
    if (!existing)
        return existing.error();
    for (const MerchantDocument &document : std::as_const(*existing)) {
        if (document.sha256 == sha256)
            return document; // the same file again: nothing changes
    }
    const QDateTime uploadedAt = m_clock.nowUtc();
    QJsonObject detail;
    if (DocumentNames::isSingle(kind) && !existing->isEmpty()) {
        auto superseded = MerchantDocumentStore::supersedeKind(work.connection(), merchantId, kind);
        if (!superseded)
            return superseded.error();
        detail.insert(QStringLiteral("before"), describe(existing->last()));
    }
    MerchantDocument upload;
    upload.merchantId = merchantId;
    upload.kind = kind;
    upload.fileName = name;
    upload.mediaType = *mediaType;
    upload.sha256 = sha256;
    upload.uploadedAt = uploadedAt;
    upload.uploadedBy = actor.name();
    auto id = MerchantDocumentStore::insert(m_database, work.connection(), upload, bytes);
    if (!id)
        return id.error();
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
        actor, {QStringLiteral("merchant.document.attach"), merchantObject(*merchant), AuditResult::Ok, detail});
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
    auto found = MerchantDocumentStore::ofMerchant(*connection, merchantId, includeSuperseded);
    if (!found)
        return found.error();
    QList<MerchantDocument> documents = *found;
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
    auto bytes = MerchantDocumentStore::content(*connection, documentId);
    if (!bytes)
        return bytes.error();
    DocumentContent content{*document, *bytes};
    if (QString::fromLatin1(Crypto::sha256(content.bytes).toHex()) != document->sha256)
        return Error(ErrorCode::DocumentCorrupt, QStringLiteral("the stored bytes no longer match their SHA-256"));
    auto merchant = MerchantStore::byId(*connection, document->merchantId);
    if (!merchant)
        return merchant.error();
    QJsonObject detail = describe(*document);
    auto audited = m_audit.append(
        actor, {QStringLiteral("merchant.document.view"), merchantObject(*merchant), AuditResult::Ok, detail});
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
    auto marked = MerchantDocumentStore::supersede(work.connection(), documentId);
    if (!marked)
        return marked;
    auto history = MerchantStore::addHistory(
        work.connection(), merchant->id, m_clock.nowUtc(), actor.name(), QStringLiteral("document.remove"),
        std::nullopt, std::nullopt, DocumentNames::kind(document->kind) + QStringLiteral(": ") + document->fileName);
    if (!history)
        return history;
    return auditAndCommit(work, m_audit, actor,
                          {QStringLiteral("merchant.document.remove"), merchantObject(*merchant), AuditResult::Ok,
                           QJsonObject{{QStringLiteral("before"), describe(*document)}}});
}

Result<QList<DocumentKind>> MerchantDocuments::missing(Database &database, qint64 merchantId, MerchantType type)
{
    auto connection = database.connection();
    if (!connection)
        return connection.error();
    auto present = MerchantDocumentStore::currentKinds(*connection, merchantId);
    if (!present)
        return present.error();
    QList<DocumentKind> missingKinds;
    for (DocumentKind kind : DocumentNames::requiredFor(type)) {
        if (!present->contains(kind))
            missingKinds << kind;
    }
    return missingKinds;
}

} // namespace paydesk
