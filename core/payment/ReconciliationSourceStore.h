#pragma once

#include "core/reconciliation/PlatformRecord.h"
#include "core/util/Result.h"

#include <QHash>
#include <QSqlDatabase>
#include <QStringList>

#include <functional>

namespace paydesk {

class Database;

// Our side of a reconciliation, read-only over payment_order and payment_refund: the only place
// holding the SQL that reads them for a run (the tables' other SQL is in PaymentOrderStore and
// PaymentRefundStore). Times are UTC milliseconds, [fromMs, toMs): the business day's midnights.
namespace ReconciliationSourceStore {

using PlatformRecordHandler = std::function<bool(const PlatformRecord &record)>;

// The account's orders paid in [fromMs, toMs) (by paid_at: the day the channel lists them, the
// day their ledger entry is booked), also those since partly or fully refunded, streamed in
// constant memory. `onRecord` returning false stops it with Cancelled.
Status forEachPaidOrder(Database &database, qint64 channelAccountId, qint64 fromMs, qint64 toMs,
                        const PlatformRecordHandler &onRecord);
// The account's refunds that succeeded in [fromMs, toMs) (by succeeded_at), streamed likewise.
Status forEachSucceededRefund(Database &database, qint64 channelAccountId, qint64 fromMs, qint64 toMs,
                              const PlatformRecordHandler &onRecord);

// The account's orders with these numbers whatever their status, by order number: what a run
// looks up for the statement's lines it found no payment of ours for (a missed callback leaves
// the order created or paying; no row at all means no such order). Batched internally.
Result<QHash<QString, PlatformRecord>> ordersByNumber(const QSqlDatabase &db, qint64 channelAccountId,
                                                      const QStringList &orderNumbers);

// The account's refunds with these numbers whatever their status, by refund number: what a run
// looks up for the statement's refund lines it found no succeeded refund of ours for (one we hold
// as requested, processing or failed is a status_mismatch). Batched internally.
Result<QHash<QString, PlatformRecord>> refundsByNumber(const QSqlDatabase &db, qint64 channelAccountId,
                                                       const QStringList &refundNumbers);

} // namespace ReconciliationSourceStore
} // namespace paydesk
