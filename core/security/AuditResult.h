#pragma once

#include <QString>

namespace paydesk {

// How an audited action ended.
enum class AuditResult
{
    Ok,     // done as asked
    Failed, // tried and did not happen (a wrong password, a channel refusal, a broken chain)
    Denied  // refused before trying: the operator lacks the permission
};

// The stable names stored in audit_log.result, hashed into the chain and written by
// `audit list --json`: "ok", "failed", "denied".
namespace AuditNames {
QString result(AuditResult result);
bool resultFromName(const QString &name, AuditResult *result);
// Ok when `done`, else Failed: the outcome of an action that was allowed and tried.
inline AuditResult outcome(bool done)
{
    return done ? AuditResult::Ok : AuditResult::Failed;
}
} // namespace AuditNames

} // namespace paydesk
