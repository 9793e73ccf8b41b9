#pragma once

#include "core/payment/PaymentOrder.h"
#include "core/payment/PaymentOrderStore.h"
#include "core/util/Result.h"

#include <QSqlDatabase>

namespace paydesk {

// A refund the channel has not settled for longer than it should (RefundAttention), with what
// finance needs to chase it.
struct UnsettledRefund
{
    PaymentRefund refund;
    QString merchantNo;
    QString channelAccount;
};

// SQL of payment_refund; callers own the unit of work and the checks.
namespace PaymentRefundStore {

// Inserted as sent once (asks 1, asked at requestedAt): the caller asks the channel next.
Result<PaymentRefund> insert(const QSqlDatabase &db, const PaymentRefund &refund);
// OrderUnknown (naming the refund number) when there is none.
Result<PaymentRefund> loadByNo(const QSqlDatabase &db, const QString &refundNo);
Result<std::optional<PaymentRefund>> loadByMerchantRefundNo(const QSqlDatabase &db, qint64 applicationId,
                                                            const QString &merchantRefundNo);
// What the order's refunds that have not failed add up to (requested, processing, succeeded),
// added up with overflow checked (ArithmeticOverflow rather than a wrong sum).
Result<qint64> committedAmount(const QSqlDatabase &db, qint64 orderId);
// Every refund of an order, oldest first.
Result<QList<PaymentRefund>> forOrder(const QSqlDatabase &db, qint64 orderId);
// Writes status, fees, channel id, succeeded_at and entry_id if the version is still the one read.
Status update(const QSqlDatabase &db, const PaymentRefund &refund, const QDateTime &now);

// The bulk import's path (PaymentStoreBulk.cpp), in the caller's unit of work: succeeded refunds
// written as they are (asks 0, version 1, updated `now`).
Status insertImported(Database &database, const QList<PaymentRefund> &refunds, const QDateTime &now);
// Calls `taken` for every refund already holding one of these merchant refund numbers.
Status findTaken(Database &database, const QStringList &merchantRefundNos, const PaymentOrderStore::TakenNumber &taken);

// One more sending of the refund to the channel, at `at` (counted before the call, so that a
// process that dies during it has counted it).
Status countAsk(const QSqlDatabase &db, qint64 refundId, const QDateTime &at);
// The channel's last word on the refund (see PaymentRefund::channelAnswer); not versioned.
Status recordAnswer(const QSqlDatabase &db, qint64 refundId, const QDateTime &at, const QString &answer,
                    const QString &text);

// Numbers of refunds the channel has not settled, oldest first: processing ones requested
// before `processingBefore`, requested ones requested before `requestedBefore`.
Result<QStringList> unsettled(const QSqlDatabase &db, const QDateTime &processingBefore,
                              const QDateTime &requestedBefore, int limit);
// Refunds still requested or processing that were requested before `requestedBefore`, oldest
// first, and how many there are in all.
Result<QList<UnsettledRefund>> unsettledSince(const QSqlDatabase &db, const QDateTime &requestedBefore, int limit);
Result<qint64> countUnsettledSince(const QSqlDatabase &db, const QDateTime &requestedBefore);

} // namespace PaymentRefundStore
} // namespace paydesk
