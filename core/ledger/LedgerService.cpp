#include "core/ledger/LedgerService.h"

#include "core/ledger/LedgerCliExporter.h"
#include "core/security/AuditLog.h"
#include "core/security/AuditedChange.h"
#include "core/security/Authorizer.h"
#include "core/storage/UnitOfWork.h"
#include "core/util/CsvWriter.h"

#include <QIODevice>

namespace paydesk {

LedgerService::LedgerService(Database &database, const Clock &clock, AuditLog &audit)
    : m_database(database), m_clock(clock), m_audit(audit), m_ledger(database, clock), m_journal(database)
{
}

Result<QList<qint64>> LedgerService::post(const Actor &actor, const QList<EntryDraft> &entries,
                                          Ledger::PostOptions options)
{
    auto allowed = Authorizer(m_audit).require(actor, Permission::LedgerPost, QStringLiteral("ledger"));
    if (!allowed)
        return allowed.error();
    QList<EntryDraft> drafts = entries;
    for (EntryDraft &draft : drafts)
        draft.createdBy = actor.name();
    Result<QList<qint64>> ids = QList<qint64>();
    {
        UnitOfWork work(m_database);
        if (!work.isActive())
            return work.error();
        ids = m_ledger.post(drafts, options);
        if (ids && !ids->isEmpty()) {
            qint64 debits = 0;
            for (const EntryDraft &draft : std::as_const(drafts)) {
                for (const PostingDraft &posting : draft.postings)
                    debits += qMax<qint64>(0, posting.amount.minor());
            }
            auto audited = m_audit.append(
                actor, {QStringLiteral("ledger.post"),
                        QStringLiteral("entries %1-%2").arg(ids->first()).arg(ids->last()), AuditResult::Ok,
                        QJsonObject{{QStringLiteral("entries"), int(ids->size())},
                                    {QStringLiteral("debit_minor_units"), QString::number(debits)}}});
            if (!audited)
                return audited.error();
            auto committed = work.commit();
            if (!committed)
                return committed.error();
            return ids;
        }
    }
    if (!ids) {
        // The refused batch left nothing behind; the refusal itself is on record.
        auto audited = m_audit.append(
            actor, {QStringLiteral("ledger.post"), QStringLiteral("ledger"), AuditResult::Failed,
                    QJsonObject{{QStringLiteral("entries"), int(entries.size())},
                                {QStringLiteral("error"), QString::fromLatin1(errorCodeName(ids.error().code()))},
                                {QStringLiteral("where"), ids.error().context()}}});
        if (!audited)
            return audited.error();
    }
    return ids;
}

Result<qint64> LedgerService::reverse(const Actor &actor, qint64 entryId, const QDate &businessDate,
                                      const QString &memo)
{
    const QString object = QStringLiteral("entry %1").arg(entryId);
    auto allowed = Authorizer(m_audit).require(actor, Permission::LedgerReverse, object);
    if (!allowed)
        return allowed.error();
    Result<qint64> id = qint64(0);
    {
        UnitOfWork work(m_database);
        if (!work.isActive())
            return work.error();
        id = m_ledger.reverse(entryId, businessDate, memo, actor.name());
        if (id) {
            auto done = auditAndCommit(
                work, m_audit, actor,
                {QStringLiteral("ledger.reverse"), object, AuditResult::Ok,
                 QJsonObject{{QStringLiteral("reversal"), QString::number(*id)}, {QStringLiteral("memo"), memo}}});
            if (!done)
                return done.error();
            return id;
        }
    }
    auto audited = m_audit.append(
        actor, {QStringLiteral("ledger.reverse"), object, AuditResult::Failed,
                QJsonObject{{QStringLiteral("error"), QString::fromLatin1(errorCodeName(id.error().code()))}}});
    if (!audited)
        return audited.error();
    return id;
}

Status LedgerService::closeAccount(const Actor &actor, const QString &name, Currency currency)
{
    const QString object = QStringLiteral("account:") + LedgerAccounts::key(name, currency);
    auto allowed = Authorizer(m_audit).require(actor, Permission::LedgerPost, object);
    if (!allowed)
        return allowed;
    UnitOfWork work(m_database);
    if (!work.isActive())
        return work.error();
    auto closed = m_ledger.accounts().close(name, currency);
    if (!closed)
        return closed;
    return auditAndCommit(work, m_audit, actor, {QStringLiteral("ledger.close_account"), object, AuditResult::Ok, {}});
}

Result<TrialBalance> LedgerService::trialBalance(const Actor &actor, const QDate &asOf)
{
    auto allowed = Authorizer(m_audit).require(actor, Permission::LedgerView, QStringLiteral("trial balance"));
    if (!allowed)
        return allowed.error();
    return LedgerBalances(m_database).trialBalance(asOf);
}

Result<QList<LedgerAccount>> LedgerService::accounts(const Actor &actor)
{
    auto allowed = Authorizer(m_audit).require(actor, Permission::LedgerView, QStringLiteral("accounts"));
    if (!allowed)
        return allowed.error();
    return LedgerAccounts::list(m_database);
}

Result<QList<JournalSummary>> LedgerService::journal(const Actor &actor, const JournalFilter &filter, qint64 beforeId,
                                                     int limit)
{
    auto allowed = Authorizer(m_audit).require(actor, Permission::LedgerView, QStringLiteral("journal"));
    if (!allowed)
        return allowed.error();
    return m_journal.page(filter, beforeId, limit);
}

Result<JournalEntry> LedgerService::entry(const Actor &actor, qint64 id)
{
    auto allowed = Authorizer(m_audit).require(actor, Permission::LedgerView, QStringLiteral("entry %1").arg(id));
    if (!allowed)
        return allowed.error();
    return m_ledger.entry(id);
}

Result<InvariantReport> LedgerService::check(const Actor &actor)
{
    auto allowed = Authorizer(m_audit).require(actor, Permission::LedgerView, QStringLiteral("ledger check"));
    if (!allowed)
        return allowed.error();
    return LedgerInvariantChecker(m_database).run();
}

Result<qint64> LedgerService::exportJournal(const Actor &actor, QIODevice &out)
{
    auto allowed = Authorizer(m_audit).require(actor, Permission::LedgerExport, QStringLiteral("journal"));
    if (!allowed)
        return allowed.error();
    auto written = LedgerCliExporter(m_database).write(out);
    if (!written)
        return written.error();
    auto audited = m_audit.append(actor, {QStringLiteral("ledger.export"), QStringLiteral("journal"), AuditResult::Ok,
                                          QJsonObject{{QStringLiteral("format"), QStringLiteral("ledger")},
                                                      {QStringLiteral("entries"), QString::number(*written)}}});
    if (!audited)
        return audited.error();
    return written;
}

Status LedgerService::exportTrialBalance(const Actor &actor, const QDate &asOf, QIODevice &out)
{
    auto allowed = Authorizer(m_audit).require(actor, Permission::LedgerExport, QStringLiteral("trial balance"));
    if (!allowed)
        return allowed;
    auto trial = LedgerBalances(m_database).trialBalance(asOf);
    if (!trial)
        return trial.error();
    auto unwritable = [&out]() { return Error(ErrorCode::FileUnwritable, out.errorString()); };
    if (!CsvWriter::writeRow(out,
                             QStringList{QStringLiteral("account"), QStringLiteral("currency"),
                                         QStringLiteral("type_code"), QStringLiteral("category"),
                                         QStringLiteral("status"), QStringLiteral("debit"), QStringLiteral("credit")}))
        return unwritable();
    for (const LedgerAccount &account : std::as_const(trial->accounts)) {
        const qint64 minor = account.balance.minor();
        CsvWriter::Row row;
        row.text(account.name)
            .text(account.currency.code())
            .number(account.typeCode)
            .text(AccountName::categoryName(account.category))
            .text(account.open ? QStringLiteral("open") : QStringLiteral("closed"))
            .number(minor > 0 ? account.balance.toString() : QString())
            .number(minor < 0 ? account.balance.negated().value().toString() : QString());
        if (!CsvWriter::writeRow(out, row))
            return unwritable();
    }
    return m_audit.append(actor, {QStringLiteral("ledger.export"), QStringLiteral("trial balance"), AuditResult::Ok,
                                  QJsonObject{{QStringLiteral("format"), QStringLiteral("csv")},
                                              {QStringLiteral("as_of"), asOf.isValid() ? asOf.toString(Qt::ISODate)
                                                                                       : QStringLiteral("latest")}}});
}

} // namespace paydesk
