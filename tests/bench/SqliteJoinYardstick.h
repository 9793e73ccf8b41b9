#pragma once

#include <QString>

namespace paydesk::bench {

// The yardstick every reconciliation benchmark prints beside its own figure: both sides of
// SyntheticReconciliationDay(transactions) written as CSV (type, key, amount, fee, status) and
// matched by the sqlite3 shell — import both, index the keys, a FULL OUTER JOIN emulated with
// LEFT JOIN … UNION ALL … LEFT JOIN … IS NULL, counted by category.
struct SqliteJoinYardstick
{
    QString error;      // empty when it ran
    double seconds = 0; // import, index and join (writing the CSV files not counted)
    double cpu = 0;     // the sqlite3 process's CPU time
    double csvSeconds = 0;
    QString counts; // what the join found, "category|count" per line, simplified

    // Runs it in `directory` (the CSV files and the database stay there), with `cacheKib` of
    // page cache. Without the sqlite3 shell, error says so.
    static SqliteJoinYardstick measure(qint64 transactions, const QString &directory, qint64 cacheKib);
};

} // namespace paydesk::bench
