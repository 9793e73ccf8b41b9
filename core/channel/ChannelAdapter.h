#pragma once

#include "core/channel/ChannelTypes.h"
#include "core/util/Result.h"

#include <QDate>

namespace paydesk {

// One payment channel, as the core uses it: the same calls for WeChat Pay, Alipay and UnionPay.
// Every call signs its request and verifies the channel's answer (and that the answer is about
// the order asked for); amounts are fen both ways; the channel's error answers become the codes
// of ChannelErrors with "<channel code>: <message>" as detail. Calls block (run them off the
// GUI thread) and are safe to repeat with the same identifiers.
class ChannelAdapter
{
public:
    virtual ~ChannelAdapter() = default;

    virtual ChannelKind kind() const = 0;
    virtual Result<PrepayResult> prepay(const PrepayRequest &request) = 0;
    // `createdAt` is when the order was sent to the channel (UnionPay identifies an order by
    // number and that time; the others ignore it).
    virtual Result<OrderStatus> queryOrder(const QString &outTradeNo, const QDateTime &createdAt) = 0;
    // UnionPay has no close (an unpaid order lapses at its payTimeout): there it is refused.
    virtual Status closeOrder(const QString &outTradeNo, const QDateTime &createdAt) = 0;
    virtual Result<RefundStatus> refund(const RefundRequest &request) = 0;
    virtual Result<RefundStatus> queryRefund(const QString &outTradeNo, const QString &outRefundNo,
                                             const QDateTime &requestedAt) = 0;
    // The statement (对账单) of a business date as the channel delivers it: a WeChat CSV bill,
    // an Alipay zip, the UnionPay ZM zip. Integrity checks (hashes) are done here.
    virtual Result<QByteArray> downloadStatement(const QDate &date) = 0;
    // Verifies and decodes a callback; a forged, tampered or expired one is an error (and the
    // caller answers it with an error status, so a genuine channel would retry).
    virtual Result<CallbackEvent> parseCallback(const CallbackRequest &request) = 0;
};

} // namespace paydesk
