#include "core/gateway/GatewayMetrics.h"

#include "core/gateway/GatewayStore.h"
#include "core/payment/RefundAttention.h"
#include "core/reconciliation/ReconciliationMetrics.h"
#include "core/storage/Database.h"

#include <QDebug>

namespace paydesk {

namespace {
// Label values escaped as the exposition format asks (backslash, quote, newline).
QByteArray label(const QString &value)
{
    QByteArray out = value.toUtf8();
    out.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n");
    return out;
}

QByteArray number(double value)
{
    return QByteArray::number(value, 'g', 12);
}
} // namespace

const QList<double> &GatewayMetrics::latencyBuckets()
{
    static const QList<double> buckets{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
    return buckets;
}

void GatewayMetrics::observeRequest(const QByteArray &route, int status, double seconds)
{
    QMutexLocker lock(&m_mutex);
    ++m_requests[{route, status}];
    Histogram &h = m_latency[route];
    if (h.buckets.isEmpty())
        h.buckets = QList<quint64>(latencyBuckets().size(), 0);
    for (int i = 0; i < latencyBuckets().size(); ++i) {
        if (seconds <= latencyBuckets().at(i))
            ++h.buckets[i];
    }
    ++h.count;
    h.sum += seconds;
}

void GatewayMetrics::observeCallback(const QString &channelAccount, bool accepted, bool known)
{
    QMutexLocker lock(&m_mutex);
    const QString result = accepted ? QStringLiteral("accepted") : QStringLiteral("rejected");
    // Anyone can post to /callback/<anything>: only our accounts' names become labels, and past
    // kMaxCallbackSeries series (accounts come and go) new ones are counted together.
    QString account = known && channelAccount.size() <= kMaxAccountLabel ? channelAccount : QStringLiteral("(unknown)");
    if (!m_callbacks.contains({account, result}) && m_callbacks.size() >= kMaxCallbackSeries)
        account = QStringLiteral("(other)");
    ++m_callbacks[{account, result}];
}

void GatewayMetrics::observeNotification(const QString &outcome)
{
    QMutexLocker lock(&m_mutex);
    ++m_notifications[outcome];
}

QByteArray GatewayMetrics::render(Database &database) const
{
    QByteArray out;
    {
        QMutexLocker lock(&m_mutex);
        out += "# HELP paydesk_gateway_requests_total Gateway requests by route and HTTP status.\n"
               "# TYPE paydesk_gateway_requests_total counter\n";
        for (auto it = m_requests.cbegin(); it != m_requests.cend(); ++it)
            out += "paydesk_gateway_requests_total{route=\"" + it.key().first + "\",status=\"" +
                   QByteArray::number(it.key().second) + "\"} " + QByteArray::number(it.value()) + '\n';
        out += "# HELP paydesk_gateway_request_duration_seconds Time from a request's arrival to its answer.\n"
               "# TYPE paydesk_gateway_request_duration_seconds histogram\n";
        for (auto it = m_latency.cbegin(); it != m_latency.cend(); ++it) {
            const QByteArray route = "route=\"" + it.key() + '"';
            for (int i = 0; i < latencyBuckets().size(); ++i)
                out += "paydesk_gateway_request_duration_seconds_bucket{" + route + ",le=\"" +
                       number(latencyBuckets().at(i)) + "\"} " + QByteArray::number(it->buckets.at(i)) + '\n';
            out += "paydesk_gateway_request_duration_seconds_bucket{" + route + ",le=\"+Inf\"} " +
                   QByteArray::number(it->count) + '\n';
            out += "paydesk_gateway_request_duration_seconds_sum{" + route + "} " + number(it->sum) + '\n';
            out +=
                "paydesk_gateway_request_duration_seconds_count{" + route + "} " + QByteArray::number(it->count) + '\n';
        }
        out += "# HELP paydesk_channel_callbacks_total Channel callbacks by channel account and result.\n"
               "# TYPE paydesk_channel_callbacks_total counter\n";
        for (auto it = m_callbacks.cbegin(); it != m_callbacks.cend(); ++it)
            out += "paydesk_channel_callbacks_total{account=\"" + label(it.key().first) + "\",result=\"" +
                   label(it.key().second) + "\"} " + QByteArray::number(it.value()) + '\n';
        out += "# HELP paydesk_notification_attempts_total Merchant notification attempts by outcome.\n"
               "# TYPE paydesk_notification_attempts_total counter\n";
        for (auto it = m_notifications.cbegin(); it != m_notifications.cend(); ++it)
            out += "paydesk_notification_attempts_total{outcome=\"" + label(it.key()) + "\"} " +
                   QByteArray::number(it.value()) + '\n';
    }

    auto connection = database.connection();
    if (!connection) {
        qWarning().noquote() << "metrics: database unavailable -" << connection.error().message();
        return out + "# database unavailable\n";
    }
    // Each count walks one index range and stops at kOpenCountLimit, however many orders and
    // notifications the database holds (a GROUP BY over every order grew with the platform's history).
    auto backlog = GatewayStore::notificationsWithStatus(*connection, NotificationStatus::Pending, kOpenCountLimit);
    auto failed = GatewayStore::notificationsWithStatus(*connection, NotificationStatus::Failed, kOpenCountLimit);
    if (backlog && failed) {
        out += "# HELP paydesk_notification_backlog Notifications waiting to be delivered (counted up to " +
               QByteArray::number(kOpenCountLimit) +
               ").\n"
               "# TYPE paydesk_notification_backlog gauge\n"
               "paydesk_notification_backlog " +
               QByteArray::number(*backlog) + '\n';
        out += "# HELP paydesk_notifications_failed Notifications whose retry schedule ran out (counted up to " +
               QByteArray::number(kOpenCountLimit) +
               ").\n"
               "# TYPE paydesk_notifications_failed gauge\n"
               "paydesk_notifications_failed " +
               QByteArray::number(*failed) + '\n';
    }
    auto attention = RefundAttention::count(database, QDateTime::currentDateTimeUtc());
    if (attention)
        out += "# HELP paydesk_refunds_needing_attention Refunds the channel has not settled past "
               "refund.attention_hours.\n"
               "# TYPE paydesk_refunds_needing_attention gauge\n"
               "paydesk_refunds_needing_attention " +
               QByteArray::number(*attention) + '\n';
    out += ReconciliationMetrics::render(*connection, QDateTime::currentDateTimeUtc());
    QByteArray open;
    for (PaymentStatus status : {PaymentStatus::Created, PaymentStatus::Paying}) {
        auto count = GatewayStore::ordersWithStatus(*connection, status, kOpenCountLimit);
        if (!count)
            return out;
        open += QByteArray("paydesk_orders_open{status=\"") + PaymentStates::name(status).toLatin1() + "\"} " +
                QByteArray::number(*count) + '\n';
    }
    out += "# HELP paydesk_orders_open Orders waiting for their payment result, by status (counted up to " +
           QByteArray::number(kOpenCountLimit) + ").\n# TYPE paydesk_orders_open gauge\n" + open;
    return out;
}

} // namespace paydesk
