#pragma once

#include "core/merchant/MerchantDocument.h"
#include "core/security/Actor.h"
#include "core/util/Clock.h"
#include "core/util/Result.h"

namespace paydesk {

class AuditLog;
class Database;

// A merchant's documents (资料备案): scans of the business licence, the legal person's ID card
// and the bank account proof. Only PNG, JPEG and PDF, recognised and checked from the content
// (DocumentInspector); kept whole with their SHA-256. Documents change only while the merchant
// is a draft or rejected (merchant.edit); reading the list needs merchant.view, opening a
// document merchant.view_sensitive (they carry personal data) and is audited.
class MerchantDocuments
{
public:
    static constexpr qint64 kDefaultMaximumSize = 10 * 1024 * 1024;

    MerchantDocuments(Database &database, const Clock &clock, AuditLog &audit,
                      qint64 maximumSize = kDefaultMaximumSize);

    qint64 maximumSize() const { return m_maximumSize; }

    // Attaching a single kind again supersedes the current one (kept, marked superseded); the
    // same bytes again for the same kind return the document already there and change nothing.
    Result<MerchantDocument> attach(const Actor &actor, qint64 merchantId, DocumentKind kind, const QString &fileName,
                                    const QByteArray &bytes);
    // Current documents by kind, then upload order; with includeSuperseded the replaced ones too.
    Result<QList<MerchantDocument>> list(const Actor &actor, qint64 merchantId, bool includeSuperseded = false);
    Result<DocumentContent> content(const Actor &actor, qint64 documentId);
    // Marks the document superseded (nothing is deleted).
    Status remove(const Actor &actor, qint64 documentId);

    // The kinds a submission of this merchant type needs that have no current document.
    static Result<QList<DocumentKind>> missing(Database &database, qint64 merchantId, MerchantType type);
    // The last path component, without control characters, at most 255 characters.
    static QString cleanFileName(const QString &fileName);

private:
    Result<MerchantDocument> load(qint64 documentId);

    Database &m_database;
    const Clock &m_clock;
    AuditLog &m_audit;
    qint64 m_maximumSize;
};

} // namespace paydesk
