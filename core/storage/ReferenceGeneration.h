#pragma once

#include "core/util/Result.h"

namespace paydesk {

class Database;

// Reference data — merchants, applications and their keys, channel accounts, fee rates and
// routing rules — is read by every payment and changes seldom. Every change to it, by any
// process, moves one counter (migration 0008's triggers), so a cache of it is exact when it
// starts over whenever the counter has moved (ReferenceCache).
namespace ReferenceGeneration {

// The counter as this thread sees it: the reading of the innermost open Scope for this
// database, else a fresh one (one single-row statement).
Result<qint64> current(Database &database);

// One reading of the counter for a whole request: every cache consulted on this thread while
// the scope is open uses it, so a request sees one consistent set of reference data for one
// statement. Opened by the gateway around each request it serves.
class Scope
{
public:
    explicit Scope(Database &database);
    ~Scope();
    Scope(const Scope &) = delete;
    Scope &operator=(const Scope &) = delete;

private:
    Database &m_database;
    bool m_outermost = false;
};

} // namespace ReferenceGeneration

} // namespace paydesk
