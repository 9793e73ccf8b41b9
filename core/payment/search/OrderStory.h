#pragma once

#include "core/payment/PaymentNotification.h"
#include "core/payment/PaymentOrder.h"
#include "core/util/Result.h"

#include <QJsonObject>

#include <functional>

namespace paydesk {

class Actor;
class AuditLog;
class Clock;
class Database;
class NotificationService;
class PaymentService;

// One line of an order's story, newest modules included: what happened, when, how it went,
// and the raw snapshot behind it (secrets were masked when it was stored; personal data is
// masked here for operators without merchant.view_sensitive).
struct StoryItem
{
    QDateTime at;
    QString
        source;   // "payment" (the order's own events), "ledger", and later "reconciliation", "clearing", "settlement"
    QString kind; // create, prepay, query, callback, close, notify, refund, refund_query, refund_request, import, entry
    QString result;   // ok, failed, duplicate, refused, … ("posted" for ledger entries)
    QString refundNo; // the refund it belongs to, if any
    QJsonObject raw;
};

struct OrderStory
{
    PaymentOrder order; // payer id masked without merchant.view_sensitive
    QList<PaymentRefund> refunds;
    QList<PaymentNotification> notifications;
    QList<StoryItem> timeline; // oldest first
};

// Everything that happened to an order, in one place (DESIGN.md §1, support's view): its
// events as the payment core recorded them (creation request, channel calls and answers,
// callbacks with their verification result, active queries, notification attempts, refunds
// and their channel calls), and the ledger entries of its payment and refunds. Later modules
// (reconciliation, clearing, settlement) add their lines through addSource(). Needs payment.view.
class OrderStories
{
public:
    OrderStories(Database &database, const Clock &clock, AuditLog &audit, PaymentService &payments,
                 NotificationService &notifications);

    Result<OrderStory> story(const Actor &actor, const QString &orderNo);

    // Lines another module knows about an order (called with the order, after payment.view
    // was checked); they join the timeline in time order.
    using Source = std::function<Result<QList<StoryItem>>(const PaymentOrder &order)>;
    void addSource(Source source);

    // The snapshot with personal data (openids, buyer ids and accounts, payer ids) masked.
    static QJsonObject maskPersonalData(const QJsonObject &raw);

private:
    Database &m_database;
    const Clock &m_clock;
    AuditLog &m_audit;
    PaymentService &m_payments;
    NotificationService &m_notifications;
    QList<Source> m_sources;
};

} // namespace paydesk
