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

PAYDESK_NAME_PAIR(result, resultFromName, AuditResult, kResults)

} // namespace paydesk::AuditNames
