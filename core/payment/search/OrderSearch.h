#pragma once

#include "core/payment/search/OrderQuery.h"
#include "core/util/Result.h"

#include <functional>

class QIODevice;

namespace paydesk {

class Actor;
class AuditLog;
class Database;

// Support's order search (支付交易查询): any id a caller reads out, any combination of filters,
// newest first with keyset paging, over tens of millions of orders. Each filter has an index
// that yields its orders newest first (migration 0007, docs/order-search.md), so a page is a
// short index walk whatever the table's size. Needs payment.view; payer ids are masked for
// operators without merchant.view_sensitive.
class OrderSearch
{
public:
    // How a page is read. FullScan reads the whole table without its indexes: the benchmark's
    // yardstick and the tests' cross-check, never for operators.
    enum class Plan
    {
        Indexed,
        FullScan
    };

    OrderSearch(Database &database, AuditLog &audit);

    static constexpr int kDefaultPageSize = 50;
    static constexpr int kMaxPageSize = 1000;

    // One page, newest first, starting after `after` (the previous page's `next`).
    // InvalidArgument for an unknown merchant, application or channel account, an empty range
    // or a page size outside 1–1000.
    Result<OrderPage> page(const Actor &actor, const OrderFilter &filter, const std::optional<OrderCursor> &after = {},
                           int pageSize = kDefaultPageSize, Plan plan = Plan::Indexed);
    // How many orders match (may take a moment on a broad filter: call it off the GUI thread).
    Result<qint64> count(const Actor &actor, const OrderFilter &filter);

    // Writes every matching order as CSV (UTF-8, header first), page by page, so memory stays
    // flat however many there are. `progress` hears the rows written so far and returns false
    // to stop: then the result is Cancelled and the caller discards what was written. The
    // export is audited (order.export) with its filter and row count.
    using Progress = std::function<bool(qint64 rowsWritten)>;
    Result<qint64> exportCsv(const Actor &actor, const OrderFilter &filter, QIODevice &out,
                             const Progress &progress = {});

    // The filter as one line for audit records and the cli ("merchant M1001, status paid, …").
    static QString describe(const OrderFilter &filter);

private:
    struct Resolved;
    // payment.view checked, then the filter resolved, knowing whether payer ids are masked.
    Result<Resolved> resolveFor(const Actor &actor, const OrderFilter &filter);
    Result<Resolved> resolve(const OrderFilter &filter);
    Result<OrderPage> readPage(const Resolved &resolved, const std::optional<OrderCursor> &after, int pageSize,
                               Plan plan);

    Database &m_database;
    AuditLog &m_audit;
};

} // namespace paydesk
