#pragma once

#include "core/security/Actor.h"
#include "core/util/Result.h"

namespace paydesk {

class AuditLog;

// The single place where a service asks "may this actor do that?". For an operator the answer
// comes from the operator's roles and status as stored now, not as they were at sign-in, so a
// role taken away or an operator disabled stops working at once. A refusal is written to the
// audit log (in its own unit of work, so call this before opening one) and returned as
// ErrorCode::PermissionDenied naming the permission.
class Authorizer
{
public:
    explicit Authorizer(AuditLog &audit) : m_audit(audit) {}

    Status require(const Actor &actor, Permission permission, const QString &object = QString());

private:
    AuditLog &m_audit;
};

} // namespace paydesk
