#include "core/ledger/LedgerInvariantChecker.h"

#include "core/ledger/LedgerQueryStore.h"
#include "core/ledger/PostingLines.h"
#include "core/money/Money.h"

#include <QDate>
#include <QHash>
#include <QSet>

namespace paydesk {

namespace {
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
    const QStringList queryChecks = LedgerQueryStore::queryChecks();
    for (const QString &check : queryChecks) {
        auto status = runQueryCheck(report, check, maxViolationsPerCheck);
        if (!status)
            return status.error();
    }

    Scan scan;
    auto accounts =
        LedgerQueryStore::forEachAccountRule(m_database, [&scan](const LedgerQueryStore::AccountRule &account) {
            scan.accounts.insert(account.id, {account.name, account.currency, account.normalSign, account.nonNegative});
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

Status LedgerInvariantChecker::runQueryCheck(InvariantReport &report, const QString &check, int limit)
{
    report.checks << check;
    int found = 0;
    return LedgerQueryStore::forEachViolation(m_database, check, [&](const QStringList &columns) {
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

    auto reversed = LedgerQueryStore::reversedEntryIds(m_database);
    if (!reversed)
        return reversed.error();
    QHash<qint64, QHash<qint64, qint64>> originals; // reversed entry → account → sum
    QHash<QString, int> found;
    auto report1 = [&](const QString &check, const QString &detail) {
        if (found[check]++ < limit)
            report.violations.append({check, detail});
    };

    return LedgerQueryStore::forEachEntryLines(m_database, [&](const LedgerQueryStore::EntryLines &entry) {
        const qint64 id = entry.id;
        const qint64 day = entry.businessDate.toJulianDay();
        auto lines = PostingLines::decode(entry.postings);
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
                report1(
                    shape,
                    QStringLiteral("entry %1: line %2 on unknown account %3").arg(id).arg(number).arg(line.accountId));
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
                report1(balances,
                        QStringLiteral("entry %1, %2, off by %3 minor units").arg(id).arg(it.key()).arg(it.value()));
        }
        if (debits != entry.debitTotal)
            report1(shape,
                    QStringLiteral("entry %1: debit total %2, lines %3").arg(id).arg(entry.debitTotal).arg(debits));
        if (reversed->contains(id))
            originals.insert(id, byAccount);
        if (entry.reversesEntryId) {
            const qint64 original = *entry.reversesEntryId;
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
    auto scanned = LedgerQueryStore::forEachPostingRow(m_database, [&](const LedgerQueryStore::PostingRow &row) {
        const qint64 accountId = row.accountId;
        const qint64 entryId = row.entryId;
        const qint64 amount = row.amount;
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
        scan.hashFromRows += lineHash(entryId, row.line, accountId, amount, row.businessDate.toJulianDay());
        ++scan.rowCount;
        return true;
    });
    checkEntryEnd();
    return scanned;
}

} // namespace paydesk
