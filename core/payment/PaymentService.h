#pragma once

#include <functional>

#include "core/merchant/MerchantReference.h"
#include "core/payment/PaymentOrder.h"
#include "core/security/Actor.h"
#include "core/storage/ReferenceCache.h"
#include "core/storage/Settings.h"
#include "core/util/Result.h"

#include <QUrl>

class QRandomGenerator;

namespace paydesk {

class AuditLog;
class ChannelAccountService;
class Clock;
class Database;
class FeeService;
class RoutingService;
struct Application;

// Payment orders (支付交易): an application's create request becomes an order routed to a
// channel account, priced by the fee rates and sent to the channel for a prepay; the channel's
// word (callback or query) moves it on and posts the payment to the ledger exactly once.
// The gateway has verified the application's signature before it calls; the service acts for
// the platform with its own system actor (channel credentials are read under it).
class PaymentService
{
public:
    PaymentService(Database &database, const Clock &clock, AuditLog &audit, ChannelAccountService &channelAccounts,
                   FeeService &fees, RoutingService &routing);

    // Idempotent per (application, merchant order no): the same request again returns the order
    // already made (asking the channel again if its prepay never got through); the same number
    // with another request is IdempotencyConflict. OrderInvalid for a bad request, a method the
    // application does not have, or a merchant that is not active; NoRoute, FeeRateMissing and
    // channel errors as they come.
    //
    // `admission`, when given, is a step that must commit with the new order or not at all: the
    // gateway records the request's nonce this way (one transaction where two would do).
    // `committed` says afterwards whether it did; it did not when the request was refused,
    // repeated an earlier order, or failed before the order was written.
    struct Admission
    {
        std::function<Status(const QSqlDatabase &)> record;
        bool committed = false;
    };
    Result<PaymentOrder> create(const Application &application, const CreateOrderRequest &request,
                                QRandomGenerator &random, Admission *admission = nullptr);

    Result<PaymentOrder> find(const QString &orderNo);
    // For operators (payment.view): the order, its payer id masked without merchant.view_sensitive.
    Result<PaymentOrder> view(const Actor &actor, const QString &orderNo);
    Result<PaymentOrder> findByMerchantOrderNo(qint64 applicationId, const QString &merchantOrderNo);
    Result<QList<PaymentEvent>> events(qint64 orderId);

    // The channel's word on an order, from a verified callback (`source` "callback") or a query
    // ("query"): paid moves a created or paying order to succeeded and posts the payment in the
    // same unit of work; a second word on a succeeded order is recorded as a duplicate and posts
    // nothing. An amount that differs from the order's is refused (ChannelStateConflict) and kept
    // in the order's story.
    Result<PaymentOrder> applyChannelStatus(const QString &orderNo, const OrderStatus &status, PaymentEventKind source);
    // Asks the channel now (recovers a missed callback).
    Result<PaymentOrder> queryChannel(const QString &orderNo);
    // Closes an unpaid order at the channel and here.
    Result<PaymentOrder> close(const QString &orderNo);
    // The same two for operators (payment.operate), audited with their outcome; the order
    // comes back as view() shows it.
    Result<PaymentOrder> closeFor(const Actor &actor, const QString &orderNo);
    Result<PaymentOrder> queryChannelFor(const Actor &actor, const QString &orderNo);

    struct SweepSummary
    {
        int queried = 0;   // orders asked about
        int succeeded = 0; // found paid (a callback that never came)
        int closed = 0;    // past their expiry and unpaid: closed at the channel and here
        int failed = 0;    // the channel could not be asked; the order's story says why
    };
    // For the scheduler: asks the channel about orders still created or paying (oldest first, at
    // most `limit`, made more than `settleSeconds` before `now` so a prepay under way is left
    // alone) and closes those past their expiry that the channel says are unpaid. UnionPay has no
    // close: an unpaid order past its payTimeout lapses there, so it is closed here only.
    Result<SweepSummary> sweep(const QDateTime &now, int limit = 500, int settleSeconds = 10);

    // The platform's actor for channel calls: system "payment" with channel.view and channel.manage.
    const Actor &actor() const { return m_actor; }

    // Where channels post their results for this process's orders: `base` + "/callback/<account
    // name>" when set (paydeskd's --public-url), the channel account's own notify URL otherwise.
    // Set once, before serving.
    void setCallbackBase(const QUrl &base) { m_callbackBase = base; }

private:
    Result<PaymentOrder> operatorAction(const Actor &actor, const QString &orderNo, const QString &action,
                                        const std::function<Result<PaymentOrder>(const QString &)> &work);
    static constexpr int kPrepayWaitMs = 10000;
    // `returnUrl` is the create request's (a repeated request has the same: it is in the
    // request's hash); the order keeps it in its create event and its prepay form.
    Result<PaymentOrder> repeated(PaymentOrder order, const QString &returnUrl);
    Result<PaymentOrder> prepay(PaymentOrder order, const QString &returnUrl);
    Status checkReturnUrl(const QString &url);
    Status record(const PaymentOrder &order, PaymentEventKind kind, const QString &result, const QJsonObject &detail);

    Database &m_database;
    const Clock &m_clock;
    AuditLog &m_audit;
    ChannelAccountService &m_channelAccounts;
    FeeService &m_fees;
    RoutingService &m_routing;
    Actor m_actor;
    QUrl m_callbackBase;
    ReferenceCache<qint64, MerchantReference> m_merchants; // by id: status and currency for new orders
    Settings m_settings;                                   // the amount limit and the development switch, cached
};

} // namespace paydesk
