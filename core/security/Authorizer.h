#pragma once

#include "core/security/Actor.h"
#include "core/util/Result.h"

namespace paydesk {

class AuditLog;
class Database;

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

    // Whether the actor holds the permission now (same reading as require()), without writing
    // anything: for what changes only what is shown, such as masking.
    static Result<bool> holds(Database &database, const Actor &actor, Permission permission);

private:
    AuditLog &m_audit;
};

} // namespace paydesk
