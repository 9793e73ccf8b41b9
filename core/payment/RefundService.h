#pragma once

#include "PaymentOrder.h"
#include "security/Actor.h"
#include "util/Result.h"

#include <QUrl>

class QRandomGenerator;

namespace paydesk {

class ChannelAccountService;
class Clock;
class Database;
struct Application;
struct RefundStatus;

// Refunds of paid orders, partial and repeated up to the paid amount: asked of the channel
// with our refund number, and posted to the ledger when the channel says they succeeded, with
// the fees returned pro rata (PaymentPostings), exactly once.
class RefundService
{
public:
    RefundService(Database &database, const Clock &clock, ChannelAccountService &channelAccounts);

    // Idempotent per (application, merchant refund no). The order must be succeeded or partially
    // refunded (PaymentTransitionRefused); refunds that have not failed may not add up to more
    // than the paid amount (RefundExceedsPaid). A refund whose channel call failed stays
    // requested: the same request again asks the channel again with the same refund number.
    Result<PaymentRefund> refund(const Application &application, const QString &merchantOrderNo,
                                 const CreateRefundRequest &request, QRandomGenerator &random);

    Result<PaymentRefund> find(const QString &refundNo);
    Result<PaymentRefund> findByMerchantRefundNo(qint64 applicationId, const QString &merchantRefundNo);

    // The channel's word on a refund (its answer, a callback or a query): succeeded posts the
    // refund and moves the order to partially_refunded or refunded in one unit of work; a second
    // success is a duplicate and posts nothing.
    Result<PaymentRefund> applyChannelStatus(const QString &refundNo, const RefundStatus &status, const QString &source);
    Result<PaymentRefund> queryChannel(const QString &refundNo);

    struct SweepSummary
    {
        int queried = 0;
        int finished = 0; // succeeded or failed meanwhile
        int failed = 0;   // the channel could not be asked; the order's story says why
    };
    // For the scheduler: asks the channel about refunds still processing, oldest first.
    Result<SweepSummary> sweep(const QDateTime &now, int limit = 500, int settleSeconds = 10);

    // Where channels post their results for this process's orders: `base` + "/callback/<account
    // name>" when set (paydeskd's --public-url), the channel account's own notify URL otherwise.
    // Set once, before serving.
    void setCallbackBase(const QUrl &base) { m_callbackBase = base; }

private:
    Result<PaymentRefund> askChannel(const PaymentRefund &refund);

    Database &m_database;
    const Clock &m_clock;
    ChannelAccountService &m_channelAccounts;
    Actor m_actor;
    QUrl m_callbackBase;
};

} // namespace paydesk
