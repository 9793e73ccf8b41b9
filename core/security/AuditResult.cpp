#include "core/security/AuditResult.h"

#include "core/util/NameTable.h"

namespace paydesk::AuditNames {

namespace {
constexpr NameTable::Table<AuditResult, 3> kResults{{
    {AuditResult::Ok, "ok"},
    {AuditResult::Failed, "failed"},
    {AuditResult::Denied, "denied"},
}};
} // namespace

QString result(AuditResult result)
{
    return NameTable::name(kResults, result);
}

bool resultFromName(const QString &name, AuditResult *result)
{
    return NameTable::fromName(kResults, name, result);
}

} // namespace paydesk::AuditNames
