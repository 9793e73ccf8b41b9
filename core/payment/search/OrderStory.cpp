#include "core/payment/search/OrderStory.h"

#include "core/ledger/Ledger.h"
#include "core/merchant/MerchantMasking.h"
#include "core/payment/NotificationService.h"
#include "core/payment/PaymentOrderStore.h"
#include "core/payment/PaymentRefundStore.h"
#include "core/payment/PaymentService.h"
#include "core/security/AuditLog.h"
#include "core/security/Authorizer.h"
#include "core/storage/Database.h"

#include <QJsonArray>
#include <QSet>

#include <algorithm>

namespace paydesk {

namespace {

// Keys under which channels and our snapshots carry who paid.
const QSet<QString> &personalKeys()
{
    static const QSet<QString> keys{QStringLiteral("openid"),         QStringLiteral("sp_openid"),
                                    QStringLiteral("sub_openid"),     QStringLiteral("payer_id"),
                                    QStringLiteral("buyer_id"),       QStringLiteral("buyer_user_id"),
                                    QStringLiteral("buyer_logon_id"), QStringLiteral("buyer_open_id"),
                                    QStringLiteral("accNo"),          QStringLiteral("payerId")};
    return keys;
}

QJsonValue masked(const QJsonValue &value);

QJsonObject maskObject(const QJsonObject &object)
{
    QJsonObject out;
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        if (personalKeys().contains(it.key()) && it.value().isString())
            out.insert(it.key(), MerchantMasking::payerId(it.value().toString()));
        else
            out.insert(it.key(), masked(it.value()));
    }
    return out;
}

QJsonValue masked(const QJsonValue &value)
{
    if (value.isObject())
        return maskObject(value.toObject());
    if (value.isArray()) {
        QJsonArray out;
        for (const QJsonValue &item : value.toArray())
            out.append(masked(item));
        return out;
    }
    return value;
}

QJsonObject entryJson(const JournalEntry &entry)
{
    QJsonArray postings;
    for (const Posting &p : entry.postings)
        postings.append(
            QJsonObject{{QStringLiteral("account"), p.account}, {QStringLiteral("amount"), p.amount.toString()}});
    return QJsonObject{{QStringLiteral("entry"), entry.id},
                       {QStringLiteral("kind"), entryKindName(entry.kind)},
                       {QStringLiteral("business_date"), entry.businessDate.toString(Qt::ISODate)},
                       {QStringLiteral("reference"), entry.reference},
                       {QStringLiteral("memo"), entry.memo},
                       {QStringLiteral("event_key"), entry.eventKey},
                       {QStringLiteral("created_by"), entry.createdBy},
                       {QStringLiteral("postings"), postings}};
}

} // namespace

OrderStories::OrderStories(Database &database, const Clock &clock, AuditLog &audit, PaymentService &payments,
                           NotificationService &notifications)
    : m_database(database), m_clock(clock), m_audit(audit), m_payments(payments), m_notifications(notifications)
{
}

void OrderStories::addSource(Source source)
{
    m_sources << std::move(source);
}

QJsonObject OrderStories::maskPersonalData(const QJsonObject &raw)
{
    return maskObject(raw);
}

Result<OrderStory> OrderStories::story(const Actor &actor, const QString &orderNo)
{
    // view() checks payment.view and masks the payer id as this operator must see it.
    auto order = m_payments.view(actor, orderNo);
    if (!order)
        return order.error();
    auto sensitive = MerchantMasking::canSeeSensitive(m_database, actor);
    if (!sensitive)
        return sensitive.error();
    auto connection = m_database.connection();
    if (!connection)
        return connection.error();

    OrderStory story;
    story.order = *order;
    auto refunds = PaymentRefundStore::forOrder(*connection, order->id);
    if (!refunds)
        return refunds.error();
    story.refunds = *refunds;
    auto notifications = m_notifications.forOrder(actor, order->orderNo);
    if (!notifications)
        return notifications.error();
    story.notifications = *notifications;

    QHash<qint64, QString> refundNos;
    for (const PaymentRefund &r : std::as_const(story.refunds))
        refundNos.insert(r.id, r.refundNo);
    auto events = PaymentOrderStore::events(*connection, order->id);
    if (!events)
        return events.error();
    for (const PaymentEvent &e : std::as_const(*events))
        story.timeline << StoryItem{e.at,     QStringLiteral("payment"),   PaymentEventNames::kind(e.kind),
                                    e.result, refundNos.value(e.refundId), e.detail};

    // The ledger's side: the payment's entry and each refund's.
    Ledger ledger(m_database, m_clock);
    QList<std::pair<qint64, QString>> entries;
    if (order->entryId > 0)
        entries << std::pair{order->entryId, QString()};
    for (const PaymentRefund &r : std::as_const(story.refunds))
        if (r.entryId > 0)
            entries << std::pair{r.entryId, r.refundNo};
    for (const auto &[id, refundNo] : entries) {
        auto entry = ledger.entry(id);
        if (!entry)
            return entry.error();
        // Shown right after the channel's word that posted it (the ledger keeps its own clock
        // to the second): the first "succeeded" of the payment or of this refund.
        QDateTime at = entry->createdAt;
        const QString succeeded = PaymentStates::name(PaymentStatus::Succeeded); // the same for refunds
        for (const PaymentEvent &e : std::as_const(*events)) {
            if (refundNos.value(e.refundId) == refundNo && e.result == succeeded) {
                at = e.at;
                break;
            }
        }
        story.timeline << StoryItem{
            at,       QStringLiteral("ledger"), QStringLiteral("entry"), QStringLiteral("posted"),
            refundNo, entryJson(*entry)};
    }
    for (const Source &source : std::as_const(m_sources)) {
        auto more = source(story.order);
        if (!more)
            return more.error();
        story.timeline << *more;
    }
    if (!*sensitive) {
        for (StoryItem &item : story.timeline)
            item.raw = maskObject(item.raw);
    }
    std::stable_sort(story.timeline.begin(), story.timeline.end(),
                     [](const StoryItem &a, const StoryItem &b) { return a.at < b.at; });
    return story;
}

} // namespace paydesk
