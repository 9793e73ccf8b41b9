#pragma once

#include "core/merchant/MerchantTypes.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>

namespace paydesk {

// The papers of 资料备案. All but `Other` are single: attaching one again supersedes the last.
enum class DocumentKind
{
    BusinessLicence,
    LegalIdFront,
    LegalIdBack,
    BankAccountProof,
    Other
};

namespace DocumentNames {
QString kind(DocumentKind kind); // "business_licence", "legal_id_front", "legal_id_back", "bank_account_proof", "other"
bool kindFromName(const QString &name, DocumentKind *kind);
QList<DocumentKind> allKinds();
bool isSingle(DocumentKind kind);
// What a submission needs. Enterprise: business licence, legal person's ID front and back,
// bank account proof. Individual: ID front and back, bank account proof.
QList<DocumentKind> requiredFor(MerchantType type);
} // namespace DocumentNames

// A stored document without its bytes (lists); content() adds them.
struct MerchantDocument
{
    qint64 id = 0;
    qint64 merchantId = 0;
    DocumentKind kind = DocumentKind::Other;
    QString fileName;
    QString mediaType; // image/png, image/jpeg, application/pdf: from the content, not the name
    qint64 size = 0;
    QString sha256; // lower-case hex
    bool superseded = false;
    QDateTime uploadedAt;
    QString uploadedBy;
};

struct DocumentContent
{
    MerchantDocument document;
    QByteArray bytes;
};

} // namespace paydesk
