#pragma once

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QMutex>

namespace paydesk {

class Database;

// What /metrics reports, in Prometheus' text exposition format (version 0.0.4): requests by
// route and status with a latency histogram per route, channel callbacks by account and result,
// notification attempts by outcome — counted by this process since it started — and, read from
// the database at each scrape through indexes and bounded by kOpenCountLimit, the notification
// backlog and the orders still waiting for their payment result; and reconciliation's runs and
// unresolved discrepancies (ReconciliationMetrics; a run a day per account, and the pool, are
// small enough to count whole). Every label value comes from a fixed set or a known channel
// account, so no request can grow the exposition.
class GatewayMetrics
{
public:
    void observeRequest(const QByteArray &route, int status, double seconds);
    // `known`: the name is one of our channel accounts; others are counted under "(unknown)".
    void observeCallback(const QString &channelAccount, bool accepted, bool known);
    void observeNotification(const QString &outcome);

    // The whole exposition; the database gauges are left out (with a comment) if it cannot be read.
    QByteArray render(Database &database) const;

    static const QList<double> &latencyBuckets();  // seconds
    static constexpr int kOpenCountLimit = 100000; // a gauge at this value means "at least"
    static constexpr int kMaxAccountLabel = 64;    // longer names are no channel account's

private:
    static constexpr int kMaxCallbackSeries = 400;
    struct Histogram
    {
        QList<quint64> buckets; // cumulative counts per bound, as Prometheus wants them
        quint64 count = 0;
        double sum = 0;
    };

    mutable QMutex m_mutex;
    QMap<std::pair<QByteArray, int>, quint64> m_requests;
    QMap<QByteArray, Histogram> m_latency;
    QMap<std::pair<QString, QString>, quint64> m_callbacks;
    QMap<QString, quint64> m_notifications;
};

} // namespace paydesk
