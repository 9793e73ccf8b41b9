#pragma once

#include "core/security/Actor.h"
#include "core/security/AuditResult.h"
#include "core/util/Clock.h"
#include "core/util/Result.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>

namespace paydesk {

class Database;

// What happened, as the caller describes it.
struct AuditEvent
{
    QString action; // e.g. "login", "operator.create", "ledger.post", "permission.denied"
    QString object; // what it happened to, e.g. "operator:alice", "entries 12-40"
    AuditResult result = AuditResult::Ok;
    QJsonObject detail; // before/after of changes, reasons; never a secret
};

struct AuditRecord
{
    qint64 seq = 0;
    QDateTime at;
    QString actor;
    QString source;
    QString action;
    QString object;
    AuditResult result = AuditResult::Ok;
    QString detail; // compact JSON
    QString prevHash;
    QString hash;
};

struct AuditFilter
{
    QString actor;  // exact operator name; empty = any
    QString action; // prefix, e.g. "login" matches "login.failed"; empty = any
    QDateTime from; // inclusive, UTC; invalid = open
    QDateTime to;   // exclusive, UTC; invalid = open
};

struct AuditVerification
{
    enum class Problem
    {
        None,
        Gap,     // the record numbers jump: records were removed or inserted
        Link,    // the record does not carry the previous record's hash
        Content, // the record's fields no longer match its own hash
    };

    qint64 records = 0; // records read, up to and including the first broken one
    Problem problem = Problem::None;
    qint64 brokenSeq = 0; // the first record that does not verify
    qint64 expectedSeq = 0;
    bool intact() const { return problem == Problem::None; }
    // What is wrong with the first broken record, translated.
    QString reason() const;
    static const char *problemName(Problem problem);
};

// The tamper-evident audit log. Records are numbered 1, 2, 3… and each carries the SHA-256
// of the previous record's hash and its own fields, so changing, removing, inserting or
// reordering any record breaks the chain from that point on. Appending joins the caller's
// UnitOfWork, so an action and its record commit (or vanish) together.
class AuditLog
{
public:
    AuditLog(Database &database, const Clock &clock);

    Status append(const Actor &actor, const AuditEvent &event);

    // Newest first, older than `beforeSeq` (0: from the newest). Needs audit.view.
    Result<QList<AuditRecord>> records(const Actor &actor, const AuditFilter &filter, qint64 beforeSeq, int limit);
    // Walks the whole chain. The actor form needs audit.verify and records the check itself.
    Result<AuditVerification> verify(const Actor &actor);
    Result<AuditVerification> verify();

    Database &database() { return m_database; }

    static QString genesisHash();
    static QString hashOf(const AuditRecord &record);

private:
    Result<QList<AuditRecord>> page(const AuditFilter &filter, qint64 beforeSeq, int limit);

    Database &m_database;
    const Clock &m_clock;
};

} // namespace paydesk
