#pragma once

#include "core/payment/search/OrderQuery.h"
#include "core/util/Result.h"

#include <QHash>
#include <QSqlDatabase>
#include <QStringList>
#include <QVariantList>

namespace paydesk {

class Database;

// The order search's SQL over payment_order (with payment_refund for ids and refunds, and the
// merchant, application and channel_account names): the only place that holds it. How each
// filter is written so a page stays one short index walk is docs/order-search.md. OrderSearch
// holds the filter's rules, the paging, authorisation, masking and the export's audit.
namespace OrderSearchStore {

// A filter as conditions over payment_order o, its names resolved to row ids. Written and read
// only here; OrderSearch reads matchesNothing and matchedBy.
struct Selection
{
    QStringList conditions;
    QVariantList values;
    bool matchesNothing = false;      // e.g. an id nobody has: no query needed
    QHash<qint64, QString> matchedBy; // order id → the id kind the any-id text matched
};
// InvalidArgument for an unknown merchant, application or channel account. The filter's ranges
// are checked by the caller.
Result<Selection> select(const QSqlDatabase &db, const OrderFilter &filter);

struct Rows
{
    QList<OrderSummary> rows; // payer ids as stored, matchedBy empty
    bool more = false;        // rows follow the last one
};
// Up to `pageSize` orders of the selection, newest first, after `after`. withoutIndexes: read the
// whole table instead (SQLite NOT INDEXED; PostgreSQL with index scans off in a transaction of
// its own). QueryFailed for a name or currency this version does not know.
Result<Rows> page(Database &database, const Selection &selection, const std::optional<OrderCursor> &after, int pageSize,
                  bool withoutIndexes);
Result<qint64> count(const QSqlDatabase &db, const Selection &selection);

} // namespace OrderSearchStore
} // namespace paydesk
