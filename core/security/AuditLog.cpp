#include "core/security/AuditLog.h"

#include "core/security/AuditStore.h"
#include "core/security/Authorizer.h"
#include "core/security/Crypto.h"
#include "core/storage/Database.h"
#include "core/storage/UnitOfWork.h"

#include <QCoreApplication>
#include <QJsonDocument>

namespace paydesk {

namespace {
// Length-prefixed fields: no separator inside a field can make two records hash alike.
void appendField(QByteArray &out, const QString &field)
{
    const QByteArray utf8 = field.toUtf8();
    out += QByteArray::number(utf8.size());
    out += ':';
    out += utf8;
}
} // namespace

const char *AuditVerification::problemName(Problem problem)
{
    switch (problem) {
    case Problem::None:
        return "none";
    case Problem::Gap:
        return "gap";
    case Problem::Link:
        return "link";
    case Problem::Content:
        return "content";
    }
    return "unknown";
}

QString AuditVerification::reason() const
{
    switch (problem) {
    case Problem::None:
        return QCoreApplication::translate("AuditLog", "all records verify");
    case Problem::Gap:
        return QCoreApplication::translate("AuditLog", "record %1 was expected here: records were removed or inserted")
            .arg(expectedSeq);
    case Problem::Link:
        return QCoreApplication::translate(
            "AuditLog", "it does not follow the record before it: records were removed, inserted or reordered");
    case Problem::Content:
        return QCoreApplication::translate("AuditLog", "its content was changed after it was written");
    }
    return {};
}

AuditLog::AuditLog(Database &database, const Clock &clock) : m_database(database), m_clock(clock) {}

QString AuditLog::genesisHash()
{
    return QString(64, QLatin1Char('0'));
}

QString AuditLog::hashOf(const AuditRecord &record)
{
    QByteArray canonical;
    appendField(canonical, record.prevHash);
    appendField(canonical, QString::number(record.seq));
    appendField(canonical, QString::number(record.at.toMSecsSinceEpoch()));
    appendField(canonical, record.actor);
    appendField(canonical, record.source);
    appendField(canonical, record.action);
    appendField(canonical, record.object);
    appendField(canonical, AuditNames::result(record.result));
    appendField(canonical, record.detail);
    return QString::fromLatin1(Crypto::sha256(canonical).toHex());
}

Status AuditLog::append(const Actor &actor, const AuditEvent &event)
{
    UnitOfWork work(m_database);
    if (!work.isActive())
        return work.error();
    const QSqlDatabase &db = work.connection();
    if (!m_database.isSqlite()) {
        // Appends take turns across processes; SQLite's writer lock already does this.
        auto locked = AuditStore::takeAppendTurn(db);
        if (!locked)
            return locked;
    }
    auto last = AuditStore::chainEnd(db);
    if (!last)
        return last.error();
    AuditRecord record;
    record.seq = 1;
    record.prevHash = genesisHash();
    if (*last) {
        record.seq = (*last)->seq + 1;
        record.prevHash = (*last)->hash;
    }
    record.at = m_clock.nowUtc();
    record.actor = actor.isValid() ? actor.name() : QStringLiteral("anonymous");
    record.source = actor.source();
    record.action = event.action;
    record.object = event.object;
    record.result = event.result;
    record.detail = event.detail.isEmpty()
                        ? QStringLiteral("")
                        : QString::fromUtf8(QJsonDocument(event.detail).toJson(QJsonDocument::Compact));
    record.hash = hashOf(record);
    auto inserted = AuditStore::insert(db, record);
    if (!inserted)
        return inserted;
    return work.commit();
}

Result<QList<AuditRecord>> AuditLog::records(const Actor &actor, const AuditFilter &filter, qint64 beforeSeq, int limit)
{
    auto allowed = Authorizer(*this).require(actor, Permission::AuditView, QStringLiteral("audit log"));
    if (!allowed)
        return allowed.error();
    return page(filter, beforeSeq, limit);
}

Result<AuditVerification> AuditLog::verify(const Actor &actor)
{
    auto allowed = Authorizer(*this).require(actor, Permission::AuditVerify, QStringLiteral("audit log"));
    if (!allowed)
        return allowed.error();
    auto result = verify();
    if (!result)
        return result;
    auto recorded = append(
        actor, {QStringLiteral("audit.verify"), QStringLiteral("audit log"), AuditNames::outcome(result->intact()),
                QJsonObject{{QStringLiteral("records"), QString::number(result->records)},
                            {QStringLiteral("broken_at"), QString::number(result->brokenSeq)},
                            {QStringLiteral("problem"),
                             QString::fromLatin1(AuditVerification::problemName(result->problem))}}});
    if (!recorded)
        return recorded.error();
    return result;
}

Result<QList<AuditRecord>> AuditLog::page(const AuditFilter &filter, qint64 beforeSeq, int limit)
{
    return AuditStore::page(m_database, filter, beforeSeq, limit);
}

Result<AuditVerification> AuditLog::verify()
{
    AuditVerification verification;
    qint64 expectedSeq = 1;
    QString previousHash = genesisHash();
    auto status = AuditStore::forEachInOrder(m_database, [&](const AuditRecord &record) {
        ++verification.records;
        using Problem = AuditVerification::Problem;
        Problem problem = Problem::None;
        if (record.seq != expectedSeq)
            problem = Problem::Gap;
        else if (record.prevHash != previousHash)
            problem = Problem::Link;
        else if (record.hash != hashOf(record))
            problem = Problem::Content;
        if (problem != Problem::None) {
            verification.problem = problem;
            verification.brokenSeq = record.seq;
            verification.expectedSeq = expectedSeq;
            return false;
        }
        previousHash = record.hash;
        ++expectedSeq;
        return true;
    });
    if (!status)
        return status.error();
    return verification;
}

} // namespace paydesk
