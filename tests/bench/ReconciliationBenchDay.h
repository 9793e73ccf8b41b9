#pragma once

#include "core/util/Result.h"

#include <QString>

namespace paydesk {
class Database;
}

namespace paydesk::bench {

// SyntheticReconciliationDay made real for an end-to-end run: its records written as payment
// orders and refunds of one WeChat Pay channel account ("wx_bench", merchant id 1900009991, app id
// wx8888888888888888) straight into the database, and its lines as that account's WeChat ALL
// bill. Orders carry what a run reads (numbers, amounts, channel fees, paid times) and no journal
// entries: reconciliation reads the orders, not the ledger.
namespace ReconciliationBenchDay {

inline const QString kAccount = QStringLiteral("wx_bench");

// The account, of the first active merchant with an application; created when missing.
Result<qint64> seedAccount(Database &database);
// How many orders the account has (of any earlier seeding).
Result<qint64> orderCount(Database &database, qint64 channelAccountId);
// Writes the day's orders and refunds in one unit of work.
Status writeOrders(Database &database, qint64 channelAccountId, qint64 transactions);
// Writes the day's bill to `path`.
Status writeBill(const QString &path, qint64 transactions);
// Removes every reconciliation run, item, discrepancy and kept file of the account, so that
// the same bill is reconciled afresh rather than found already imported.
Status forgetRuns(Database &database, qint64 channelAccountId);

} // namespace ReconciliationBenchDay
} // namespace paydesk::bench
