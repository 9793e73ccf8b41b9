#pragma once

#include "tests/reconciliation/ReconcileRunSupport.h"

#include <QDir>
#include <QElapsedTimer>
#include <QTimer>

// Days for the reconciliation panel's tests: many matched orders of one channel account written
// into the database at once, and a WeChat bill that lists them with one planted fault of each
// kind the pool knows.
namespace paydesk::test::ReconcilePanel {

using ReconcileRun::Order;
using ReconcileRun::RunFixture;
using ReconcileRun::shanghai;

// `count` paid orders PREFIX1..PREFIXcount of the fixture's account, paid at 10:00 on `day`
// (1.00 CNY, channel fee 0.06), in one statement per backend: a recursive series, not one
// round trip per order.
inline bool insertPaidOrders(RunFixture &f, const QString &prefix, int count, const QDate &day)
{
    const QSqlDatabase db = f.database().connection().value();
    const ReconcileStore::Account &a = f.account();
    const qint64 at = shanghai(10, 0, day).toMSecsSinceEpoch();
    const QString sql =
        QStringLiteral("WITH RECURSIVE seq(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < %1) "
                       "INSERT INTO payment_order (order_no, application_id, merchant_id, merchant_order_no, "
                       "request_hash, method, amount, currency, subject, expires_at, status, channel_account_id, "
                       "merchant_rate_ppm, merchant_fee, channel_rate_ppm, channel_fee, business_date, created_at, "
                       "updated_at, paid_at, channel_transaction_id) "
                       "SELECT '%2' || n, %3, %4, 'm-%2' || n, 'h', 'wechat.native', 1000, 'CNY', 'tea', %5, "
                       "'succeeded', %6, 6000, 6, 6000, 6, '%7', %5, %5, %5, 'T%2' || n FROM seq")
            .arg(count)
            .arg(prefix)
            .arg(a.applicationId)
            .arg(a.merchantId)
            .arg(at)
            .arg(a.channelAccountId)
            .arg(day.toString(Qt::ISODate));
    const Status inserted = Sql::exec(db, sql);
    if (!inserted)
        qWarning("inserting %d orders failed: %s", count, qPrintable(inserted.error().message()));
    return inserted.ok();
}

inline Order order(const QString &orderNo, const QDate &day, qint64 amount = 1000, qint64 fee = 6)
{
    return Order{orderNo, QStringLiteral("T") + orderNo, amount, fee, shanghai(10, 0, day)};
}

// The day's orders and its bill: `matched` orders that agree, then one of each planted fault —
// CO (the channel has it, we have no order), PO (ours, not in the bill), AM (amounts differ),
// FM (fees differ), SM (the channel revoked what we hold as paid), MC (our order never got its
// callback) and DU (listed twice); `only` plants just those kinds. The bill's path.
inline QString plantDay(RunFixture &f, const QDate &day, int matched, const QString &name = {},
                        const QStringList &only = {})
{
    const QString tag = day.toString(QStringLiteral("MMdd"));
    const QString prefix = QStringLiteral("OK%1-").arg(tag);
    if (!insertPaidOrders(f, prefix, matched, day))
        return {};
    QList<StatementLine> lines;
    lines.reserve(matched + 8);
    for (int n = 1; n <= matched; ++n)
        lines << RunFixture::line(order(prefix + QString::number(n), day));

    auto planted = [&](const char *kind) { return QStringLiteral("%1%2-1").arg(QLatin1String(kind), tag); };
    auto wanted = [&](const char *kind) { return only.isEmpty() || only.contains(QLatin1String(kind)); };
    if (wanted("CO"))
        lines << RunFixture::line(order(planted("CO"), day)); // no order of ours
    if (wanted("PO"))
        f.addOrder(order(planted("PO"), day)); // not in the bill
    if (wanted("AM")) {
        f.addOrder(order(planted("AM"), day, 1000));
        lines << RunFixture::line(order(planted("AM"), day, 1200));
    }
    if (wanted("FM")) {
        f.addOrder(order(planted("FM"), day, 1000, 6));
        lines << RunFixture::line(order(planted("FM"), day, 1000, 9));
    }
    if (wanted("SM")) {
        f.addOrder(order(planted("SM"), day));
        StatementLine revoked = RunFixture::line(order(planted("SM"), day));
        revoked.status = StatementLineStatus::Revoked;
        revoked.channelStatus = QStringLiteral("REVOKED");
        lines << revoked;
    }
    if (wanted("MC")) {
        f.addOrder(order(planted("MC"), day), QStringLiteral("paying"));
        lines << RunFixture::line(order(planted("MC"), day));
    }
    if (wanted("DU")) {
        f.addOrder(order(planted("DU"), day));
        lines << RunFixture::line(order(planted("DU"), day)) << RunFixture::line(order(planted("DU"), day));
    }
    return f.writeBill(name.isEmpty() ? QStringLiteral("bill-%1.csv").arg(tag) : name, lines);
}

// The planted faults' discrepancies in the pool: all but the matched and carried ones.
constexpr int kPlantedPerDay = 7;

// Records the longest gap between the ticks of a 20 ms timer on the GUI thread: how long the
// event loop was held up while it ran.
class EventLoopWatch
{
public:
    EventLoopWatch()
    {
        m_timer.setInterval(20);
        QObject::connect(&m_timer, &QTimer::timeout, [this]() {
            const qint64 gap = m_sinceTick.restart();
            m_longest = qMax(m_longest, gap);
            ++m_ticks;
        });
        m_sinceTick.start();
        m_timer.start();
    }
    void stop()
    {
        // The gap since the last tick counts too: a loop held up at the end is held up.
        m_longest = qMax(m_longest, m_sinceTick.elapsed());
        m_timer.stop();
    }
    qint64 longestGapMs() const { return m_longest; }
    int ticks() const { return m_ticks; }

private:
    QTimer m_timer;
    QElapsedTimer m_sinceTick;
    qint64 m_longest = 0;
    int m_ticks = 0;
};

} // namespace paydesk::test::ReconcilePanel
