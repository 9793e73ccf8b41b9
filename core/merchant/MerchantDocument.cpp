#include "core/merchant/MerchantDocument.h"

#include <array>
#include <utility>

namespace paydesk::DocumentNames {

namespace {
constexpr std::array<std::pair<DocumentKind, const char *>, 5> kKinds{{
    {DocumentKind::BusinessLicence, "business_licence"},
    {DocumentKind::LegalIdFront, "legal_id_front"},
    {DocumentKind::LegalIdBack, "legal_id_back"},
    {DocumentKind::BankAccountProof, "bank_account_proof"},
    {DocumentKind::Other, "other"},
}};
} // namespace

QString kind(DocumentKind kind)
{
    for (const auto &[k, name] : kKinds) {
        if (k == kind)
            return QString::fromLatin1(name);
    }
    return {};
}

bool kindFromName(const QString &name, DocumentKind *kind)
{
    for (const auto &[k, text] : kKinds) {
        if (name == QLatin1String(text)) {
            *kind = k;
            return true;
        }
    }
    return false;
}

QList<DocumentKind> allKinds()
{
    QList<DocumentKind> kinds;
    for (const auto &entry : kKinds)
        kinds << entry.first;
    return kinds;
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
