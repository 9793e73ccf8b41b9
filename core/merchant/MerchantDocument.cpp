#include "core/merchant/MerchantDocument.h"

#include "core/util/NameTable.h"

#include <array>
#include <utility>

namespace paydesk::DocumentNames {

namespace {
constexpr NameTable::Table<DocumentKind, 5> kKinds{{
    {DocumentKind::BusinessLicence, "business_licence"},
    {DocumentKind::LegalIdFront, "legal_id_front"},
    {DocumentKind::LegalIdBack, "legal_id_back"},
    {DocumentKind::BankAccountProof, "bank_account_proof"},
    {DocumentKind::Other, "other"},
}};
} // namespace

PAYDESK_NAME_PAIR(kind, kindFromName, DocumentKind, kKinds)

QList<DocumentKind> allKinds()
{
    return NameTable::values(kKinds);
}

bool isSingle(DocumentKind kind)
{
    return kind != DocumentKind::Other;
}

QList<DocumentKind> requiredFor(MerchantType type)
{
    if (type == MerchantType::Enterprise)
        return {DocumentKind::BusinessLicence, DocumentKind::LegalIdFront, DocumentKind::LegalIdBack,
                DocumentKind::BankAccountProof};
    return {DocumentKind::LegalIdFront, DocumentKind::LegalIdBack, DocumentKind::BankAccountProof};
}

} // namespace paydesk::DocumentNames
