#include "core/ledger/LedgerInvariantChecker.h"

#include "core/ledger/PostingLines.h"
#include "core/money/Money.h"
#include "core/storage/BatchSql.h"
#include "core/storage/Database.h"
#include "core/storage/Sql.h"

#include <QDate>
#include <QHash>
#include <QSet>
#include <QSqlRecord>

namespace paydesk {

namespace {
struct QueryCheck
{
    const char *name;
    const char *sql; // every row it returns is one violation; its columns are joined as the detail
};

const QueryCheck kQueryChecks[] = {
    {"trial_balance_zero",
     "SELECT currency, 'net ' || sum(balance) FROM ledger_account GROUP BY currency HAVING sum(balance) <> 0"},
    {"account_balance_equals_postings",
     "SELECT a.name, a.currency, 'stored ' || a.balance, 'postings ' || coalesce(s.total, 0) FROM ledger_account a "
     "LEFT JOIN (SELECT account_id, sum(amount) AS total FROM ledger_posting GROUP BY account_id) s "
     "ON s.account_id = a.id WHERE a.balance <> coalesce(s.total, 0)"},
    {"account_day_equals_postings",
     "SELECT 'account ' || coalesce(x.account_id, d.account_id), coalesce(x.business_date, d.business_date), "
     "'postings ' || coalesce(x.posted, 0), 'daily ' || coalesce(d.delta, 0) "
     "FROM (SELECT account_id, business_date, sum(amount) AS posted FROM ledger_posting "
     "GROUP BY account_id, business_date) x FULL OUTER JOIN ledger_account_day d "
     "ON d.account_id = x.account_id AND d.business_date = x.business_date "
     "WHERE coalesce(x.posted, 0) <> coalesce(d.delta, 0)"},
    {"non_negative_balance", "SELECT name, currency, 'balance ' || balance FROM ledger_account "
                             "WHERE non_negative = 1 AND normal_sign * balance < 0"},
    {"closed_account_zero",
     "SELECT name, currency, 'balance ' || balance FROM ledger_account WHERE status = 'closed' AND balance <> 0"},
    {"reversal_kind", "SELECT 'entry ' || id, kind, 'reverses ' || coalesce(reverses_entry_id, 0) FROM journal_entry "
                      "WHERE (kind = 'reversal') <> (reverses_entry_id IS NOT NULL)"},
    {"reversal_of_reversal",
     "SELECT 'entry ' || r.id, 'reverses reversal ' || o.id FROM journal_entry r "
     "JOIN journal_entry o ON o.id = r.reverses_entry_id WHERE o.reverses_entry_id IS NOT NULL"},
    {"event_posted_once", "SELECT e.kind, e.reference, count(*) || ' entries' FROM journal_entry e "
                          "WHERE e.kind IN ('payment', 'refund') AND e.reference <> '' "
                          "AND NOT EXISTS (SELECT 1 FROM journal_entry r WHERE r.reverses_entry_id = e.id) "
                          "GROUP BY e.kind, e.reference HAVING count(*) > 1"},
};

// One line of the journal as a 64-bit value; the sum of all of them is the same whichever
// side (entries' own lines, or the per-account rows) it is computed from, in any order.
quint64 lineHash(qint64 entry, qint64 line, qint64 account, qint64 amount, qint64 day)
{
    auto mix = [](quint64 x) {
        x += 0x9e3779b97f4a7c15ULL;
        x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
        x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
        return x ^ (x >> 31);
    };
    quint64 h = mix(quint64(entry));
    h = mix(h ^ quint64(line));
    h = mix(h ^ quint64(account));
    h = mix(h ^ quint64(amount));
    return mix(h ^ quint64(day));
}

qint64 dayNumber(const QVariant &value)
{
    return value.toDate().toJulianDay();
}
} // namespace

struct LedgerInvariantChecker::Scan
{
    struct Account
    {
        QString name;
        QString currency;
        int normalSign = 1;
        bool nonNegative = false;
    };
    QHash<qint64, Account> accounts;
    QHash<qint64, qint64> totalsFromEntries; // account → sum of the entries' own lines
    QHash<qint64, qint64> totalsFromRows;    // account → sum of ledger_posting rows
    quint64 hashFromEntries = 0;
    quint64 hashFromRows = 0;
    qint64 linesInEntries = 0;
    qint64 rowCount = 0;
};

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

    Scan scan;
    auto accounts = BatchSql::forEachRow(
        m_database, QStringLiteral("SELECT id, name, currency, normal_sign, non_negative FROM ledger_account"), {},
        [&scan](const QVariantList &row) {
            scan.accounts.insert(row.at(0).toLongLong(), {row.at(1).toString(), row.at(2).toString(), row.at(3).toInt(),
                                                          row.at(4).toInt() != 0});
            return true;
        });
    if (!accounts)
        return accounts.error();
    auto entries = scanEntries(scan, report, maxViolationsPerCheck);
    if (!entries)
        return entries.error();
    auto rows = scanPostingRows(scan, report, maxViolationsPerCheck);
    if (!rows)
        return rows.error();

    const QString match = QStringLiteral("posting_rows_match_entries");
    report.checks << match;
    if (scan.hashFromEntries != scan.hashFromRows || scan.linesInEntries != scan.rowCount) {
        int found = 0;
        QSet<qint64> ids;
        for (auto it = scan.totalsFromEntries.cbegin(); it != scan.totalsFromEntries.cend(); ++it)
            ids.insert(it.key());
        for (auto it = scan.totalsFromRows.cbegin(); it != scan.totalsFromRows.cend(); ++it)
            ids.insert(it.key());
        for (qint64 id : std::as_const(ids)) {
            const qint64 fromEntries = scan.totalsFromEntries.value(id);
            const qint64 fromRows = scan.totalsFromRows.value(id);
            if (fromEntries != fromRows && found++ < maxViolationsPerCheck) {
                report.violations.append({match, QStringLiteral("%1: entries %2, posting rows %3")
                                                     .arg(scan.accounts.value(id).name)
                                                     .arg(fromEntries)
                                                     .arg(fromRows)});
            }
        }
        if (found == 0) {
            report.violations.append({match, QStringLiteral("%1 lines in entries, %2 posting rows; the lines differ")
                                                 .arg(scan.linesInEntries)
                                                 .arg(scan.rowCount)});
        }
    }
    return report;
}

Status LedgerInvariantChecker::runQueryCheck(InvariantReport &report, const QString &check, const QString &sql,
                                             int limit)
{
    report.checks << check;
    int found = 0;
    return BatchSql::forEachRow(m_database, sql, {}, [&](const QVariantList &row) {
        QStringList columns;
        for (const QVariant &value : row)
            columns << value.toString();
        report.violations.append({check, columns.join(QStringLiteral(", "))});
        return ++found < limit;
    });
}

// Every entry's own lines: readable, at least two, none zero, balanced per currency, on
// known accounts; a reversal's lines are the exact negation of its original's.
Status LedgerInvariantChecker::scanEntries(Scan &scan, InvariantReport &report, int limit)
{
    const QString shape = QStringLiteral("entry_shape");
    const QString balances = QStringLiteral("entry_balances");
    const QString mirror = QStringLiteral("reversal_mirrors_original");
    report.checks << shape << balances << mirror;

    QSet<qint64> reversed;
    auto loaded = BatchSql::forEachRow(
        m_database, QStringLiteral("SELECT reverses_entry_id FROM journal_entry WHERE reverses_entry_id IS NOT NULL"),
        {}, [&reversed](const QVariantList &row) {
            reversed.insert(row.at(0).toLongLong());
            return true;
        });
    if (!loaded)
        return loaded;
    QHash<qint64, QHash<qint64, qint64>> originals; // reversed entry → account → sum
    QHash<QString, int> found;
    auto report1 = [&](const QString &check, const QString &detail) {
        if (found[check]++ < limit)
            report.violations.append({check, detail});
    };

    return BatchSql::forEachRow(
        m_database,
        QStringLiteral(
            "SELECT id, business_date, reverses_entry_id, postings, debit_total FROM journal_entry ORDER BY id"),
        {}, [&](const QVariantList &row) {
            const qint64 id = row.at(0).toLongLong();
            const qint64 day = dayNumber(row.at(1));
            auto lines = PostingLines::decode(row.at(3).toString());
            if (!lines) {
                report1(shape, QStringLiteral("entry %1: unreadable lines").arg(id));
                return true;
            }
            if (lines->size() < 2)
                report1(shape, QStringLiteral("entry %1: %2 line(s)").arg(id).arg(lines->size()));
            QHash<QString, qint64> sums;
            QHash<qint64, qint64> byAccount;
            qint64 number = 0;
            qint64 debits = 0;
            for (const PostingLines::Line &line : std::as_const(*lines)) {
                ++number;
                if (line.amount == 0)
                    report1(shape, QStringLiteral("entry %1: line %2 is zero").arg(id).arg(number));
                auto account = scan.accounts.constFind(line.accountId);
                if (account == scan.accounts.constEnd()) {
                    report1(shape, QStringLiteral("entry %1: line %2 on unknown account %3")
                                       .arg(id)
                                       .arg(number)
                                       .arg(line.accountId));
                    continue;
                }
                qint64 &sum = sums[account->currency];
                qint64 &total = scan.totalsFromEntries[line.accountId];
                if (addOverflows(sum, line.amount, &sum) || addOverflows(total, line.amount, &total))
                    report1(balances, QStringLiteral("entry %1: sums overflow").arg(id));
                byAccount[line.accountId] += line.amount;
                if (line.amount > 0)
                    debits += line.amount;
                scan.hashFromEntries += lineHash(id, number, line.accountId, line.amount, day);
                ++scan.linesInEntries;
            }
            for (auto it = sums.cbegin(); it != sums.cend(); ++it) {
                if (it.value() != 0)
                    report1(
                        balances,
                        QStringLiteral("entry %1, %2, off by %3 minor units").arg(id).arg(it.key()).arg(it.value()));
            }
            if (debits != row.at(4).toLongLong())
                report1(shape, QStringLiteral("entry %1: debit total %2, lines %3")
                                   .arg(id)
                                   .arg(row.at(4).toLongLong())
                                   .arg(debits));
            if (reversed.contains(id))
                originals.insert(id, byAccount);
            if (!row.at(2).isNull()) {
                const qint64 original = row.at(2).toLongLong();
                QHash<qint64, qint64> expected;
                const auto source = originals.take(original);
                for (auto it = source.cbegin(); it != source.cend(); ++it)
                    expected.insert(it.key(), -it.value());
                if (expected != byAccount)
                    report1(mirror, QStringLiteral("entry %1 does not mirror entry %2").arg(id).arg(original));
            }
            return true;
        });
}

// The per-account posting rows, in (account, entry) order: their totals and line hash for the
// comparison with the entries, and each non-negative account replayed entry by entry.
Status LedgerInvariantChecker::scanPostingRows(Scan &scan, InvariantReport &report, int limit)
{
    const QString history = QStringLiteral("non_negative_history");
    report.checks << history;
    qint64 currentAccount = -1;
    qint64 currentEntry = -1;
    qint64 running = 0;
    const Scan::Account *account = nullptr;
    bool reported = false;
    int found = 0;
    auto checkEntryEnd = [&]() {
        if (account && account->nonNegative && !reported && account->normalSign * running < 0) {
            reported = true;
            if (found++ < limit) {
                report.violations.append({history, QStringLiteral("%1, %2, below zero after entry %3")
                                                       .arg(account->name, account->currency)
                                                       .arg(currentEntry)});
            }
        }
    };
    auto scanned = BatchSql::forEachRow(
        m_database,
        QStringLiteral("SELECT account_id, entry_id, line, amount, business_date FROM ledger_posting "
                       "ORDER BY account_id, entry_id, line"),
        {}, [&](const QVariantList &row) {
            const qint64 accountId = row.at(0).toLongLong();
            const qint64 entryId = row.at(1).toLongLong();
            const qint64 amount = row.at(3).toLongLong();
            if (accountId != currentAccount || entryId != currentEntry)
                checkEntryEnd();
            if (accountId != currentAccount) {
                currentAccount = accountId;
                running = 0;
                reported = false;
                auto it = scan.accounts.constFind(accountId);
                account = it == scan.accounts.constEnd() ? nullptr : &*it;
            }
            currentEntry = entryId;
            running += amount;
            scan.totalsFromRows[accountId] += amount;
            scan.hashFromRows += lineHash(entryId, row.at(2).toLongLong(), accountId, amount, dayNumber(row.at(4)));
            ++scan.rowCount;
            return true;
        });
    checkEntryEnd();
    return scanned;
}

} // namespace paydesk
