#include "demo/DemoReconciliation.h"

#include "core/PaydeskCore.h"
#include "core/channel/ChannelNames.h"
#include "core/payment/OrderImport.h"
#include "core/payment/PaymentOrderStore.h"
#include "core/payment/PaymentRecords.h"
#include "core/storage/UnitOfWork.h"
#include "demo/DemoBills.h"
#include "demo/DemoStore.h"
#include "sandbox/statement/BillFaults.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QSet>
#include <QTemporaryDir>

namespace paydesk::DemoReconciliation {

namespace {
constexpr int kDaysPerRead = 7;

// Where the planted day's discrepancies go: one channel's file format each.
const QString kWeChatAccount = QStringLiteral("wx_shared01");
const QString kAlipayAccount = QStringLiteral("ali_shared01");
const QString kUnionPayAccount = QStringLiteral("up_shared01");

QDateTime at(const QDate &day, int hour, int minute, int second = 0)
{
    return QDateTime(day, QTime(hour, minute, second), Clock::platformTimeZone()).toUTC();
}

QByteArray isoText(const QDateTime &instant)
{
    return instant.toTimeZone(Clock::platformTimeZone()).toString(Qt::ISODate).toLatin1();
}

// Our two orders of the planted day that the channel sees otherwise than we do.
struct PlantedOrders
{
    QString lateOrderNo;      // paid at 23:55: the channel lists it on the next day's bill
    PaymentOrder unpaidOrder; // paid at the channel, but its callback never came: still paying
};

class Planting
{
public:
    Planting(PaydeskCore &core, const Actor &finance, const QDate &day, const QString &scratch)
        : m_core(core), m_finance(finance), m_day(day), m_scratch(scratch)
    {
    }

    Result<PlantedOrders> orders()
    {
        auto connection = m_core.database().connection();
        if (!connection)
            return connection.error();
        auto routes = DemoStore::liveRoutes(*connection);
        if (!routes)
            return routes.error();
        const DemoStore::LiveRoute *route = nullptr;
        for (const DemoStore::LiveRoute &candidate : std::as_const(*routes)) {
            if (candidate.account == kWeChatAccount && candidate.method == QLatin1String("wechat.native")) {
                route = &candidate;
                break;
            }
        }
        if (!route)
            return Error(ErrorCode::InvalidArgument,
                         QStringLiteral("no application is routed to %1").arg(kWeChatAccount));
        PlantedOrders planted;
        auto late = importLateOrder(*route);
        if (!late)
            return late.error();
        planted.lateOrderNo = *late;
        auto unpaid = insertUnpaidOrder(*route);
        if (!unpaid)
            return unpaid.error();
        planted.unpaidOrder = *unpaid;
        return planted;
    }

private:
    // Fees of today's rates, as the demo's other orders have them (the rates start today).
    Result<FeeQuote> quote(const DemoStore::LiveRoute &route, const Money &amount)
    {
        return m_core.fees().quote(route.merchantId, route.accountId, PayMethod::WeChatNative, amount,
                                   m_core.clock().businessDate());
    }

    // Paid at 23:55:00 through the same import as the demo's other orders.
    Result<QString> importLateOrder(const DemoStore::LiveRoute &route)
    {
        const Money amount = Money::fromMinor(6800, Currency::cny());
        auto fees = quote(route, amount);
        if (!fees)
            return fees.error();
        const QString merchantOrderNo =
            QStringLiteral("DEMO-CUTOFF-%1").arg(m_day.toString(QStringLiteral("yyyyMMdd")));
        const QString path = m_scratch + QStringLiteral("/cut-off-order.csv");
        QFile csv(path);
        if (!csv.open(QIODevice::WriteOnly))
            return Error(ErrorCode::FileUnwritable, path);
        csv.write("type,app_id,merchant_order_no,method,amount,subject,status,created_at,paid_at,channel_account,"
                  "channel_transaction_id,payer_id,merchant_fee,channel_fee\n");
        csv.write("order," + route.appId.toLatin1() + ',' + merchantOrderNo.toLatin1() + ",wechat.native," +
                  amount.toString().toLatin1() + ",夜宵外卖," + "succeeded," + isoText(at(m_day, 23, 54, 20)) + ',' +
                  isoText(at(m_day, 23, 55)) + ',' + route.account.toLatin1() + ",4200" +
                  m_day.toString(QStringLiteral("yyyyMMdd")).toLatin1() + "2355000001,o-demo-late," +
                  fees->merchantFee.toString().toLatin1() + ',' + fees->channelCost.toString().toLatin1() + '\n');
        csv.close();
        auto imported =
            OrderImport(m_core.database(), m_core.clock(), m_core.audit(), m_core.fees()).run(m_finance, path);
        if (!imported)
            return imported.error();
        auto order = m_core.payments().findByMerchantOrderNo(route.applicationId, merchantOrderNo);
        if (!order)
            return order.error();
        return order->orderNo;
    }

    // Made at 21:40 and sent to the channel, which took the payment at 21:41; its callback never
    // came and nobody asked the channel since. The gateway cannot make an order in the past, so it
    // is written as PaymentService::create writes one, with its create and prepay events.
    Result<PaymentOrder> insertUnpaidOrder(const DemoStore::LiveRoute &route)
    {
        PaymentOrder order;
        order.applicationId = route.applicationId;
        order.merchantId = route.merchantId;
        order.merchantNo = route.merchantNo;
        order.merchantOrderNo = QStringLiteral("DEMO-LOST-CALLBACK-%1").arg(m_day.toString(QStringLiteral("yyyyMMdd")));
        order.requestHash = QString::fromLatin1(
            QCryptographicHash::hash(order.merchantOrderNo.toUtf8(), QCryptographicHash::Sha256).toHex());
        order.method = PayMethod::WeChatNative;
        order.amount = Money::fromMinor(12900, Currency::cny());
        order.subject = QStringLiteral("会员年卡");
        order.status = PaymentStatus::Paying;
        order.channelAccountId = route.accountId;
        order.channelAccount = route.account;
        auto fees = quote(route, order.amount);
        if (!fees)
            return fees.error();
        order.merchantRatePpm = fees->merchantRate.ppm();
        order.merchantFee = fees->merchantFee;
        order.channelRatePpm = fees->channelRate.ppm();
        order.channelFee = fees->channelCost;
        order.refundedAmount = Money::zero(Currency::cny());
        order.businessDate = m_day;
        order.createdAt = at(m_day, 21, 40);
        order.updatedAt = order.createdAt;
        order.expiresAt = order.createdAt.addSecs(30 * 60);
        order.prepay =
            QJsonObject{{QStringLiteral("code_url"), QStringLiteral("weixin://wxpay/bizpayurl?pr=DemoLost")}};
        order.version = 1;
        QRandomGenerator random(quint32(m_day.toJulianDay()));
        order.orderNo = PaymentRecords::newNumber(QLatin1Char('P'), order.createdAt, random);
        UnitOfWork work(m_core.database());
        if (!work.isActive())
            return work.error();
        auto id = PaymentOrderStore::insertWithEvent(
            work.connection(), order, PaymentEventKind::Create, QStringLiteral("ok"),
            QJsonObject{{QStringLiteral("merchant_order_no"), order.merchantOrderNo},
                        {QStringLiteral("amount"), order.amount.toString()},
                        {QStringLiteral("method"), ChannelNames::method(order.method)},
                        {QStringLiteral("channel_account"), order.channelAccount},
                        {QStringLiteral("merchant_fee"), order.merchantFee.toString()},
                        {QStringLiteral("channel_fee"), order.channelFee.toString()}});
        if (!id)
            return id.error();
        order.id = *id;
        const Status prepaid = PaymentOrderStore::addEvent(work.connection(), order.id, PaymentEventKind::Prepay,
                                                           QStringLiteral("ok"), order.prepay, order.createdAt);
        if (!prepaid)
            return prepaid.error();
        if (auto committed = work.commit(); !committed)
            return committed.error();
        return order;
    }

    PaydeskCore &m_core;
    const Actor &m_finance;
    const QDate m_day;
    const QString m_scratch;
};

// The channel's word on the payment whose callback we never got.
StatementLine paidAtTheChannel(const PaymentOrder &order, const ChannelAccount &account)
{
    StatementLine line;
    line.type = StatementLineType::Payment;
    line.channelTransactionId =
        QStringLiteral("4200%1214100001")
            .arg(order.createdAt.toTimeZone(Clock::platformTimeZone()).toString(QStringLiteral("yyyyMMdd")));
    line.merchantOrderNo = order.orderNo;
    line.amount = order.amount;
    line.fee = order.channelFee;
    line.channelStatus = QStringLiteral("SUCCESS");
    line.merchantId = DemoBills::statementMerchantId(account);
    line.appId = account.channelAppId;
    line.tradeType = QStringLiteral("NATIVE");
    line.tradeTime = order.createdAt.addSecs(60);
    line.completeTime = line.tradeTime;
    return line;
}

// The first payment that no fault touched and that has no refund on the day: the channel revoked
// it (the payer got the money back there) while we hold it as paid.
void revokeOne(QList<StatementLine> &lines, const QStringList &touched)
{
    QSet<QString> refunded;
    for (const StatementLine &line : std::as_const(lines)) {
        if (line.type == StatementLineType::Refund)
            refunded.insert(line.merchantOrderNo);
    }
    for (StatementLine &line : lines) {
        if (line.type != StatementLineType::Payment || touched.contains(line.merchantOrderNo) ||
            refunded.contains(line.merchantOrderNo))
            continue;
        line.status = StatementLineStatus::Revoked;
        line.channelStatus = QStringLiteral("REVOKED");
        return;
    }
}

// One discrepancy of each category across the three channels' bills of the planted day.
void plant(QList<StatementLine> &lines, const ChannelAccount &account, const QDate &day, const PlantedOrders &orders,
           qint64 costRatePpm)
{
    BillFaults::Context context;
    context.channel = account.channel;
    context.date = day;
    context.merchantId = DemoBills::statementMerchantId(account);
    context.appId = account.channelAppId;
    context.feeRatePpm = costRatePpm;
    QList<PlantedBillFault> faults;
    if (account.name == kWeChatAccount) {
        // The 23:55 payment is on tomorrow's bill (carried over); one line twice.
        faults = {{BillFault::MissingLine, orders.lateOrderNo, 0}, {BillFault::DuplicateLine, QString(), 0}};
        lines << paidAtTheChannel(orders.unpaidOrder, account);
        std::stable_sort(lines.begin(), lines.end(),
                         [](const StatementLine &a, const StatementLine &b) { return a.tradeTime < b.tradeTime; });
    } else if (account.name == kAlipayAccount) {
        faults = {{BillFault::WrongAmount, QString(), 100}, {BillFault::ExtraLine, QString(), 8800}};
    } else if (account.name == kUnionPayAccount) {
        faults = {{BillFault::MissingLine, QString(), 0}, {BillFault::WrongFee, QString(), 1}};
    }
    QStringList touched = BillFaults::plant(lines, faults, context);
    if (account.name == kWeChatAccount) {
        touched << orders.unpaidOrder.orderNo;
        revokeOne(lines, touched);
    }
}

// What the channel charges the account (its first method's cost rate, as the demo sets them all).
Result<qint64> costRatePpm(PaydeskCore &core, const Actor &finance, const ChannelAccount &account)
{
    for (PayMethod method : ChannelNames::allMethods()) {
        if (ChannelNames::channelOf(method) != account.channel)
            continue;
        auto rate = core.fees().channelCostRateOn(finance, account.id, method, core.clock().businessDate());
        if (!rate)
            return rate.error();
        return rate->rate.ppm();
    }
    return Error(ErrorCode::InvalidArgument, account.name);
}

Result<QList<ChannelAccount>> accountsToReconcile(PaydeskCore &core, const Actor &finance)
{
    auto connection = core.database().connection();
    if (!connection)
        return connection.error();
    auto routes = DemoStore::liveRoutes(*connection);
    if (!routes)
        return routes.error();
    QList<ChannelAccount> accounts;
    QSet<QString> seen;
    for (const DemoStore::LiveRoute &route : std::as_const(*routes)) {
        if (seen.contains(route.account))
            continue;
        seen.insert(route.account);
        auto account = core.channelAccounts().findByName(finance, route.account);
        if (!account)
            return account.error();
        accounts << *account;
    }
    std::sort(accounts.begin(), accounts.end(),
              [](const ChannelAccount &a, const ChannelAccount &b) { return a.name < b.name; });
    return accounts;
}

// Writes the account's bill of the day (with the planted day's faults) and imports it.
Status reconcile(PaydeskCore &core, const Actor &finance, const ChannelAccount &account, const QDate &day,
                 QList<StatementLine> lines, const PlantedOrders *planted, const QString &scratch)
{
    if (planted) {
        auto rate = costRatePpm(core, finance, account);
        if (!rate)
            return rate.error();
        plant(lines, account, day, *planted, *rate);
    }
    const QString path = QDir(scratch).filePath(
        QStringLiteral("%1-%2.bill").arg(account.name, day.toString(QStringLiteral("yyyyMMdd"))));
    if (auto written = DemoBills::write(path, account, day, lines); !written)
        return written;
    ReconciliationRunRequest request;
    request.channelAccount = account.name;
    request.billDate = day;
    request.file = path;
    auto run = core.reconciliation().run(finance, request);
    QFile::remove(path);
    if (!run)
        return run.error().within(QStringLiteral("%1 %2").arg(account.name, day.toString(Qt::ISODate)));
    return {};
}
} // namespace

Result<Summary> create(PaydeskCore &core, const Actor &finance, const QDate &firstDay, const QDate &lastDay)
{
    QTemporaryDir scratch;
    if (!scratch.isValid())
        return Error(ErrorCode::FileUnwritable, QStringLiteral("a temporary directory for the demo's bills"));
    Summary summary;
    summary.plantedDay = lastDay;
    auto planted = Planting(core, finance, lastDay, scratch.path()).orders();
    if (!planted)
        return planted.error();
    auto accounts = accountsToReconcile(core, finance);
    if (!accounts)
        return accounts.error();
    // A week of the accounts' lines in memory at a time: few reads of our side, bounded memory.
    for (QDate from = firstDay; from <= lastDay; from = from.addDays(kDaysPerRead)) {
        const QDate to = qMin(from.addDays(kDaysPerRead - 1), lastDay);
        QList<QMap<QDate, QList<StatementLine>>> bills;
        for (const ChannelAccount &account : std::as_const(*accounts)) {
            auto days = DemoBills::linesByDay(core.database(), account, from, to);
            if (!days)
                return days.error();
            bills << *days;
        }
        for (QDate day = from; day <= to; day = day.addDays(1)) {
            for (qsizetype a = 0; a < accounts->size(); ++a) {
                const Status reconciled = reconcile(core, finance, accounts->at(a), day, bills[a].take(day),
                                                    day == lastDay ? &*planted : nullptr, scratch.path());
                if (!reconciled)
                    return reconciled.error();
                ++summary.runs;
            }
        }
    }
    return summary;
}

} // namespace paydesk::DemoReconciliation
