#pragma once

#include "core/payment/PaymentOrder.h"
#include "core/util/Result.h"

#include <QSqlDatabase>

#include <functional>

namespace paydesk {

class Database;

// SQL of payment_order and payment_event; callers own the unit of work and the checks.
namespace PaymentOrderStore {

// Inserts `order` as it is (created_at and updated_at from its createdAt, version 1) and returns
// the new row's id; the row is not read back. A second order under the same (application,
// merchant order no) fails (the unique key) so the caller can read the first.
Result<qint64> insert(const QSqlDatabase &db, const PaymentOrder &order);
// insert() and the order's first event. On PostgreSQL one statement (a data-modifying WITH): a
// round trip saved on the path every payment takes. The caller holds the unit of work.
Result<qint64> insertWithEvent(const QSqlDatabase &db, const PaymentOrder &order, PaymentEventKind kind,
                               const QString &result, const QJsonObject &detail);

// OrderUnknown when there is none. forUpdate: lock the row (PostgreSQL) for a status change.
Result<PaymentOrder> load(const QSqlDatabase &db, qint64 id, bool forUpdate = false);
Result<PaymentOrder> loadByNo(const QSqlDatabase &db, const QString &orderNo, bool forUpdate = false);
// Empty optional when the application has no order under that number.
Result<std::optional<PaymentOrder>> loadByMerchantOrderNo(const QSqlDatabase &db, qint64 applicationId,
                                                          const QString &merchantOrderNo);

// Writes the mutable columns of `order` (status, channel ids, prepay, paid_at, entry_id,
// refunded_amount) if its version is still the one read; OrderChangedMeanwhile otherwise.
Status update(const QSqlDatabase &db, const PaymentOrder &order, const QDateTime &now);
// update() and an event about it, both or neither. On PostgreSQL one statement, atomic by itself
// (no unit of work needed); elsewhere two, which the caller wraps in a unit of work.
Status updateWithEvent(const QSqlDatabase &db, const PaymentOrder &order, const QDateTime &now, PaymentEventKind kind,
                       const QString &result, const QJsonObject &detail);
bool changesAtomically(const QSqlDatabase &db); // whether updateWithEvent needs no unit of work

// Numbers of orders still created or paying that were made before `createdBefore`, oldest first.
Result<QStringList> pending(const QSqlDatabase &db, const QDateTime &createdBefore, int limit);

Status addEvent(const QSqlDatabase &db, qint64 orderId, PaymentEventKind kind, const QString &result,
                const QJsonObject &detail, const QDateTime &at, qint64 refundId = 0);
Result<QList<PaymentEvent>> events(const QSqlDatabase &db, qint64 orderId);

// The bulk import's path (PaymentStoreBulk.cpp): hundreds of rows per statement, in the caller's
// unit of work. Each order is written as it is (version 1, updated `now`) with its one event,
// kind "import", result its status and `eventDetail`; returns the ids in the order given.
struct ImportedOrder
{
    PaymentOrder order;
    QJsonObject eventDetail;
};
Result<QList<qint64>> insertImported(Database &database, const QList<ImportedOrder> &orders, const QDateTime &now);
// Calls `taken` for every order already holding one of these merchant order numbers.
using TakenNumber = std::function<void(qint64 applicationId, const QString &number)>;
Status findTaken(Database &database, const QStringList &merchantOrderNos, const TakenNumber &taken);
// Tells the query planner what a bulk write added. Inside the unit of work (PostgreSQL's ANALYZE
// counts its uncommitted rows) for the order, refund and ledger tables; after it, sampled, for
// the order search's choice of index.
Status refreshStatisticsDuringImport(const QSqlDatabase &db);
Status refreshStatisticsAfterImport(const QSqlDatabase &db);

} // namespace PaymentOrderStore
} // namespace paydesk
