#pragma once

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QMap>
#include <QString>

namespace paydesk::sandbox {

enum class SandboxChannel
{
    WeChatPay,
    Alipay,
    UnionPay
};

struct SandboxRefund
{
    QString outRefundNo;
    QString refundId;
    qint64 amount = 0;                            // fen
    qint64 fee = 0;                               // channel fee returned, fen
    QString state = QStringLiteral("PROCESSING"); // PROCESSING, SUCCESS, CLOSED (failed: nothing was refunded)
    QDateTime createdAt;
    QDateTime succeededAt;
    QString notifyUrl;
    QString txnTime;          // UnionPay
    QString platformSerial;   // WeChat: the request's Wechatpay-Serial (empty: none); signs its notification
    bool channelOnly = false; // made at the channel, never requested by the merchant (fault)
    bool failing = false;     // accepted, but ends CLOSED instead of SUCCESS (refund-fails)

    bool failed() const { return state == QLatin1String("CLOSED"); }
};

struct SandboxTrade
{
    SandboxChannel channel = SandboxChannel::WeChatPay;
    QString outTradeNo;
    QString transactionId; // 微信订单号 / 支付宝交易号 / UnionPay queryId
    QString method;        // NATIVE, JSAPI, PRECREATE, FRONT
    qint64 amount = 0;     // fen
    qint64 fee = 0;        // channel fee, fen (set when paid)
    QString description;
    QString attach;
    QString notifyUrl;
    QString payUrl; // code_url / qr_code handed out at creation (repeated on retries); UnionPay: frontUrl
    QString state = QStringLiteral("NOTPAY"); // NOTPAY, SUCCESS, CLOSED, PAYERROR, REFUND
    QDateTime createdAt;
    QDateTime paidAt;
    QDateTime expiresAt;
    QString payer;
    QString txnTime;        // UnionPay: the merchant's txnTime (the order's identity with orderId)
    QString platformSerial; // WeChat: the prepay's Wechatpay-Serial (empty: none); signs its notification
    bool neverSeen = false; // a trade the merchant never created (statement fault)
    QList<SandboxRefund> refunds;

    // Paid, possibly refunded since: the money arrived.
    bool isPaid() const { return state == QLatin1String("SUCCESS") || state == QLatin1String("REFUND"); }

    SandboxRefund *refund(const QString &outRefundNo)
    {
        for (SandboxRefund &refund : refunds) {
            if (refund.outRefundNo == outRefundNo)
                return &refund;
        }
        return nullptr;
    }
    const SandboxRefund *refund(const QString &outRefundNo) const
    {
        return const_cast<SandboxTrade *>(this)->refund(outRefundNo);
    }
    // Fee handed back with a refund: the share of everything refunded so far less what earlier
    // refunds took back, each rounded half up, so the fees of a fully refunded trade cancel
    // exactly and a platform that returns fees the same way (core Fees::proRataShare) agrees to
    // the fen on every partial refund.
    qint64 refundFee(qint64 refundAmount) const
    {
        qint64 returned = 0;
        for (const SandboxRefund &refund : refunds) {
            if (!refund.failed())
                returned += refund.fee;
        }
        const qint64 after = refunded() + refundAmount;
        if (after >= amount || amount == 0)
            return fee - returned;
        return (fee * after + amount / 2) / amount - returned;
    }
    // Refunded or under way: a refund that failed gave nothing back, so its amount may be refunded again.
    qint64 refunded() const
    {
        qint64 sum = 0;
        for (const SandboxRefund &refund : refunds) {
            if (!refund.failed())
                sum += refund.amount;
        }
        return sum;
    }
};

// The fault switches of DESIGN/issue 4, for the whole run or one trade.
enum class Fault
{
    DropCallback,           // callbacks are not sent
    DuplicateCallback,      // each callback is sent twice
    Delay,                  // answers wait `value` milliseconds
    StatementAmountDiffers, // the statement reports `value` fen (default 1) more for the trade
    MissingFromStatement,   // the trade is left out of the statement
    ExtraTradeInStatement,  // the statement has a paid trade the merchant never made
    RefundAtChannelOnly,    // a refund of `value` fen made at the channel, not by the merchant
    Timeout,                // requests are carried out but never answered
    ServerError,            // requests are answered with HTTP 500
    BadSignature,           // answers and callbacks carry a broken signature (WeChat bills: a wrong hash)
    UnsignedAnswers,        // WeChat answers come without Wechatpay-* headers (as a front or proxy's would)
    RateLimited,            // requests are answered HTTP 429 by a front limiter before anything is done
    RefundFails,            // a new refund fails at the channel, the way each channel reports it
};

QString faultName(Fault fault);
bool faultFromName(const QString &name, Fault *fault);

struct FaultSetting
{
    qint64 value = 0;
    // How many more times it applies; -1: until switched off. Statement faults shape every
    // statement while they are on, so they last until switched off.
    int remaining = -1;
};

// Trades, refunds and fault switches of the sandbox, in memory (the sandbox is a test double:
// a restart starts a new world).
class SandboxStore
{
public:
    SandboxTrade *trade(SandboxChannel channel, const QString &outTradeNo);
    SandboxTrade *tradeByTransaction(const QString &transactionId);
    // The trade one of whose refunds has this number (refund numbers are unique per channel).
    SandboxTrade *tradeByRefund(SandboxChannel channel, const QString &outRefundNo);
    SandboxTrade &add(const SandboxTrade &trade);
    QList<SandboxTrade *> trades();
    QString nextId(const QString &prefix, int digits);

    void setFault(Fault fault, const QString &tradeNo, FaultSetting setting);
    void clearFault(Fault fault, const QString &tradeNo);
    void clearFaults();
    // Whether the fault applies to this trade (or the whole run) now; counts one use.
    bool take(Fault fault, const QString &tradeNo, qint64 *value = nullptr);
    // Whether it is switched on, without counting a use.
    bool isOn(Fault fault, const QString &tradeNo, qint64 *value = nullptr) const;

    struct ActiveFault
    {
        Fault fault;
        QString tradeNo; // empty: the whole run
        FaultSetting setting;
    };
    QList<ActiveFault> faults() const;

private:
    QMap<std::pair<int, QString>, SandboxTrade> m_trades;
    QHash<QString, std::pair<int, QString>> m_byTransaction;
    QHash<QString, QHash<int, FaultSetting>> m_faults; // "" = the whole run
    quint64 m_sequence = 0;
};

} // namespace paydesk::sandbox
