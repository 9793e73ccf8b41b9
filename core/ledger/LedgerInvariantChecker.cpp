#include "LedgerInvariantChecker.h"

#include "storage/Database.h"
#include "storage/Sql.h"

#include <QSqlRecord>

namespace paydesk {

namespace {
struct QueryCheck
{
    const char *name;
    const char *sql; // every row it returns is one violation; its columns are joined as the detail
};

const QueryCheck kQueryChecks[] = {
    {"entry_balances",
     "SELECT 'entry ' || p.entry_id, a.currency, 'sum ' || sum(p.amount) FROM ledger_posting p "
     "JOIN ledger_account a ON a.id = p.account_id GROUP BY p.entry_id, a.currency HAVING sum(p.amount) <> 0"},
    {"entry_has_two_postings",
     "SELECT 'entry ' || e.id, count(p.entry_id) || ' posting(s)' FROM journal_entry e "
     "LEFT JOIN ledger_posting p ON p.entry_id = e.id GROUP BY e.id HAVING count(p.entry_id) < 2"},
    {"trial_balance_zero",
     "SELECT currency, 'net ' || sum(balance) FROM ledger_account GROUP BY currency HAVING sum(balance) <> 0"},
    {"account_balance_equals_postings",
     "SELECT a.name, a.currency, 'stored ' || a.balance, 'postings ' || coalesce(s.total, 0) FROM ledger_account a "
     "LEFT JOIN (SELECT account_id, sum(amount) AS total FROM ledger_posting GROUP BY account_id) s "
     "ON s.account_id = a.id WHERE a.balance <> coalesce(s.total, 0)"},
    {"account_day_equals_postings",
     "SELECT 'account ' || x.account_id, x.business_date, 'postings ' || x.posted, "
     "'daily ' || coalesce(d.delta, 0) FROM (SELECT p.account_id, e.business_date, sum(p.amount) AS posted "
     "FROM ledger_posting p JOIN journal_entry e ON e.id = p.entry_id GROUP BY p.account_id, e.business_date) x "
     "LEFT JOIN ledger_account_day d ON d.account_id = x.account_id AND d.business_date = x.business_date "
     "WHERE d.delta IS NULL OR d.delta <> x.posted"},
    {"account_day_without_postings",
     "SELECT 'account ' || d.account_id, d.business_date, 'daily ' || d.delta FROM ledger_account_day d "
     "WHERE d.delta <> 0 AND NOT EXISTS (SELECT 1 FROM ledger_posting p JOIN journal_entry e ON e.id = p.entry_id "
     "WHERE p.account_id = d.account_id AND e.business_date = d.business_date)"},
    {"non_negative_balance",
     "SELECT name, currency, 'balance ' || balance FROM ledger_account "
     "WHERE non_negative = 1 AND normal_sign * balance < 0"},
    {"closed_account_zero",
     "SELECT name, currency, 'balance ' || balance FROM ledger_account WHERE status = 'closed' AND balance <> 0"},
    {"reversal_kind",
     "SELECT 'entry ' || id, kind, 'reverses ' || coalesce(reverses_entry_id, 0) FROM journal_entry "
     "WHERE (kind = 'reversal') <> (reverses_entry_id IS NOT NULL)"},
    {"reversal_of_reversal",
     "SELECT 'entry ' || r.id, 'reverses reversal ' || o.id FROM journal_entry r "
     "JOIN journal_entry o ON o.id = r.reverses_entry_id WHERE o.reverses_entry_id IS NOT NULL"},
    {"reversal_mirrors_original",
     "SELECT 'entry ' || r.id, 'reverses ' || r.reverses_entry_id FROM journal_entry r "
     "WHERE r.reverses_entry_id IS NOT NULL AND ("
     " EXISTS (SELECT account_id, sum(amount) FROM ledger_posting WHERE entry_id = r.id GROUP BY account_id "
     "  EXCEPT SELECT account_id, -sum(amount) FROM ledger_posting WHERE entry_id = r.reverses_entry_id "
     "  GROUP BY account_id)"
     " OR EXISTS (SELECT account_id, -sum(amount) FROM ledger_posting WHERE entry_id = r.reverses_entry_id "
     "  GROUP BY account_id EXCEPT SELECT account_id, sum(amount) FROM ledger_posting WHERE entry_id = r.id "
     "  GROUP BY account_id))"},
    {"event_posted_once",
     "SELECT e.kind, e.reference, count(*) || ' entries' FROM journal_entry e "
     "WHERE e.kind IN ('payment', 'refund') AND e.reference <> '' "
     "AND NOT EXISTS (SELECT 1 FROM journal_entry r WHERE r.reverses_entry_id = e.id) "
     "GROUP BY e.kind, e.reference HAVING count(*) > 1"},
};
} // namespace

LedgerInvariantChecker::LedgerInvariantChecker(Database &database) : m_database(database) {}

Result<InvariantReport> LedgerInvariantChecker::run(int maxViolationsPerCheck)
{
    InvariantReport report;
    for (const QueryCheck &check : kQueryChecks) {
        auto status = runQueryCheck(report, QString::fromLatin1(check.name), QString::fromLatin1(check.sql),
                                    maxViolationsPerCheck);
        if (!status)
            return status.error();
    }
    auto history = checkNonNegativeHistory(report, maxViolationsPerCheck);
    if (!history)
        return history.error();
    return report;
}

Status LedgerInvariantChecker::runQueryCheck(InvariantReport &report, const QString &check, const QString &sql,
                                             int limit)
{
    auto connection = m_database.connection();
    if (!connection)
        return connection.error();
    report.checks << check;
    auto query = Sql::run(*connection, sql);
    if (!query)
        return query.error();
    int found = 0;
    while (query->next() && found < limit) {
        QStringList columns;
        for (int i = 0; i < query->record().count(); ++i)
            columns << query->value(i).toString();
        report.violations.append({check, columns.join(QStringLiteral(", "))});
        ++found;
    }
    return {};
}

// Replays the postings of every account that must stay non-negative, in commit (entry id)
// order, and reports the first entry after which such an account was below zero.
Status LedgerInvariantChecker::checkNonNegativeHistory(InvariantReport &report, int limit)
{
    const QString check = QStringLiteral("non_negative_history");
    report.checks << check;
    auto connection = m_database.connection();
    if (!connection)
        return connection.error();
    auto query = Sql::run(*connection,
                          QStringLiteral("SELECT a.id, a.name, a.currency, a.normal_sign, p.entry_id, sum(p.amount) "
                                         "FROM ledger_posting p JOIN ledger_account a ON a.id = p.account_id "
                                         "WHERE a.non_negative = 1 GROUP BY a.id, a.name, a.currency, a.normal_sign, "
                                         "p.entry_id ORDER BY a.id, p.entry_id"));
    if (!query)
        return query.error();
    qint64 currentAccount = -1;
    qint64 running = 0;
    bool reported = false;
    int found = 0;
    while (query->next() && found < limit) {
        const qint64 account = query->value(0).toLongLong();
        if (account != currentAccount) {
            currentAccount = account;
            running = 0;
            reported = false;
        }
        running += query->value(5).toLongLong();
        if (!reported && query->value(3).toInt() * running < 0) {
            report.violations.append({check, QStringLiteral("%1, %2, below zero after entry %3")
                                                  .arg(query->value(1).toString(), query->value(2).toString(),
                                                       query->value(4).toString())});
            reported = true;
            ++found;
        }
    }
    return {};
}

} // namespace paydesk
