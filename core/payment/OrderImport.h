#pragma once

#include "core/security/Actor.h"
#include "core/util/Result.h"

#include <functional>

namespace paydesk {

class AuditLog;
class Clock;
class Database;
class FeeService;

// Historical orders and refunds from another system (a migration), or millions of them for a
// benchmark: `paydesk-cli orders import --file F.csv`. The file is read twice, streaming: first
// every line is checked (each problem reported as "line N: field: reason"), then — only if there
// was none — everything is written in one unit of work: orders, refunds, one "import" line in
// each order's story, and the ledger entries of every payment and refund (DESIGN §6, the fees of
// the rates in effect on the day, refund fees returned pro rata), exactly as if they had come
// through the gateway. All or nothing.
//
// The CSV (UTF-8, a header line, columns by name in any order; docs/payments.md):
//   type                 order | refund
//   app_id               the application the order was made through
//   merchant_order_no    the application's order number (a refund names the order it refunds;
//                        that order must come earlier in the file)
//   merchant_refund_no   refunds only
//   method               wechat.native, wechat.jsapi, alipay.precreate, unionpay.front (orders)
//   amount               "88.00"
//   currency             optional, the merchant's (CNY)
//   subject              orders
//   status               orders: succeeded, closed or failed; refunds: succeeded
//   created_at           ISO 8601 with offset, e.g. 2026-10-01T09:30:00+08:00
//   paid_at              succeeded orders (when paid) and refunds (when refunded)
//   channel_account      orders: the channel account's name, of the method's channel
//   channel_transaction_id, payer_id   optional
//   merchant_fee, channel_fee           optional, both or neither (orders): the old system's fees;
//                        without them the rates in effect on the order's day apply
class OrderImport
{
public:
    OrderImport(Database &database, const Clock &clock, AuditLog &audit, FeeService &fees);

    struct Summary
    {
        qint64 lines = 0;
        qint64 orders = 0;
        qint64 refunds = 0;
        qint64 entries = 0;
        double checkSeconds = 0;
        double writeSeconds = 0;
    };
    // progress(bytes done, bytes total, writing?) returns false to cancel (nothing is written).
    using Progress = std::function<bool(qint64, qint64, bool)>;

    // Needs ledger.post. ImportFailed with every problem (the first 50, then a count) in the
    // detail when the file has any; Cancelled when progress said so.
    Result<Summary> run(const Actor &actor, const QString &path, const Progress &progress = {});

private:
    Database &m_database;
    const Clock &m_clock;
    AuditLog &m_audit;
    FeeService &m_fees;
};

} // namespace paydesk
