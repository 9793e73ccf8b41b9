#pragma once

#include "core/payment/PaymentOrder.h"
#include "core/security/Actor.h"
#include "core/storage/Settings.h"
#include "core/util/Result.h"

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
    // refunded (PaymentTransitionRefused); one amount is at most the platform's maximum
    // (AmountOutOfRange, Settings::MaxAmount); refunds that have not failed may not add up to more
    // than the paid amount (RefundExceedsPaid, compared without a sum that could overflow). A
    // refund the channel refused outright (ChannelRejected, ChannelStateConflict,
    // ChannelNotFound) and holds no record of is failed, and its amount may be refunded again. A
    // refund whose channel call got no usable answer stays requested: the same request again, or
    // the sweep, asks the channel again with the same refund number (never a new one), so the
    // channel refunds it at most once.
    Result<PaymentRefund> refund(const Application &application, const QString &merchantOrderNo,
                                 const CreateRefundRequest &request, QRandomGenerator &random);

    Result<PaymentRefund> find(const QString &refundNo);
    Result<PaymentRefund> findByMerchantRefundNo(qint64 applicationId, const QString &merchantRefundNo);

    // The channel's word on a refund (its answer, a callback or a query): succeeded posts the
    // refund and moves the order to partially_refunded or refunded in one unit of work; a second
    // success is a duplicate and posts nothing.
    Result<PaymentRefund> applyChannelStatus(const QString &refundNo, const RefundStatus &status,
                                             PaymentEventKind source);
    Result<PaymentRefund> queryChannel(const QString &refundNo);

    struct SweepSummary
    {
        int queried = 0;
        int finished = 0;   // succeeded or failed meanwhile
        int failed = 0;     // the channel could not be asked; the order's story says why
        int askedAgain = 0; // requested refunds the channel had no record of, sent again
    };
    // For the scheduler: asks the channel about the refunds it has not settled, oldest first —
    // processing ones requested more than `settleSeconds` ago, and requested ones (their answer
    // was lost, or the process stopped between recording and asking) more than
    // `requestedSettleSeconds` ago, longer than a channel call can take — and settles each by
    // what the channel says: succeeded is posted exactly once, processing and failed are
    // recorded. A requested refund the channel has no record of never reached it: it is sent
    // again under the same refund number once resendDelaySeconds(asks) have passed since it was
    // last sent (and is failed if the channel then refuses it), or left for a later sweep.
    Result<SweepSummary> sweep(const QDateTime &now, int limit = 500, int settleSeconds = 10,
                               int requestedSettleSeconds = 120);
    // How long a requested refund waits after its n-th sending before the sweep sends it again:
    // one minute, doubling, at most an hour.
    static int resendDelaySeconds(int asks);

    // Where channels post their results for this process's orders: `base` + "/callback/<account
    // name>" when set (paydeskd's --public-url), the channel account's own notify URL otherwise.
    // Set once, before serving.
    void setCallbackBase(const QUrl &base) { m_callbackBase = base; }

private:
    // Sends the refund to the channel (`counted`: its sending is already counted, as a new
    // refund's is) and applies the answer; a refusal is applied as failed once a query finds no
    // refund under its number at the channel; a call without a usable answer is recorded as the
    // refund's last channel answer and in the order's story, and returned as the error.
    Result<PaymentRefund> askChannel(const PaymentRefund &refund, bool counted);
    Status recordFailedCall(const PaymentRefund &refund, PaymentEventKind source, const Error &error);

    Database &m_database;
    const Clock &m_clock;
    ChannelAccountService &m_channelAccounts;
    Actor m_actor;
    QUrl m_callbackBase;
    Settings m_settings; // the amount limit, cached
};

} // namespace paydesk
