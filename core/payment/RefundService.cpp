#include "core/payment/RefundService.h"

#include "core/channel/ChannelAdapter.h"
#include "core/channel/ChannelNames.h"
#include "core/channel/account/ChannelAccountService.h"
#include "core/ledger/Ledger.h"
#include "core/merchant/Application.h"
#include "core/payment/NotificationService.h"
#include "core/payment/PaymentOrderStore.h"
#include "core/payment/PaymentPostings.h"
#include "core/payment/PaymentRecords.h"
#include "core/payment/PaymentRefundStore.h"
#include "core/security/Crypto.h"
#include "core/storage/Database.h"
#include "core/storage/UnitOfWork.h"
#include "core/util/Clock.h"
#include "core/util/Error.h"

#include <QHostInfo>
#include <QRandomGenerator>
#include <QRegularExpression>

namespace paydesk {

namespace {
QString requestHash(const QString &merchantOrderNo, const CreateRefundRequest &r)
{
    const QStringList fields{merchantOrderNo, r.merchantRefundNo, QString::number(r.amount.minor()),
                             r.amount.currency().code(), r.reason.trimmed()};
    return QString::fromLatin1(Crypto::sha256(fields.join(QChar(0x1f)).toUtf8()).toHex());
}

// The channel's own "no" to this refund (its parameters, the trade's state, the merchant's
// balance, an order it does not have) — not "busy", "timed out", "who are you" or an answer that
// could not be read, after which the refund may still be made by sending it again.
bool refusedByChannel(ErrorCode code)
{
    return code == ErrorCode::ChannelRejected || code == ErrorCode::ChannelStateConflict ||
           code == ErrorCode::ChannelNotFound;
}

} // namespace

RefundService::RefundService(Database &database, const Clock &clock, ChannelAccountService &channelAccounts)
    : m_database(database), m_clock(clock), m_channelAccounts(channelAccounts),
      m_actor(Actor::system(QStringLiteral("refund"), {Permission::ChannelView, Permission::ChannelManage},
                            QStringLiteral("refund@") + QHostInfo::localHostName())),
      m_settings(database)
{
}

int RefundService::resendDelaySeconds(int asks)
{
    if (asks <= 0)
        return 0;
    return qMin(60 << qMin(asks - 1, 6), 3600);
}

Result<PaymentRefund> RefundService::refund(const Application &application, const QString &merchantOrderNo,
                                            const CreateRefundRequest &request, QRandomGenerator &random)
{
    static const QRegularExpression number(QStringLiteral("^[A-Za-z0-9_-]{1,64}$"));
    if (!number.match(request.merchantRefundNo).hasMatch())
        return Error(ErrorCode::OrderInvalid, QStringLiteral("merchant_refund_no: 1–64 of A–Z a–z 0–9 _ -"));
    if (!request.amount.isValid() || !request.amount.isPositive())
        return Error(ErrorCode::OrderInvalid, QStringLiteral("amount: must be positive"));
    if (request.reason.trimmed().size() > 256)
        return Error(ErrorCode::OrderInvalid, QStringLiteral("reason: at most 256 characters"));
    auto maxAmount = m_settings.maxAmountMinor();
    if (!maxAmount)
        return maxAmount.error();
    if (request.amount.minor() > *maxAmount)
        return Error(ErrorCode::AmountOutOfRange,
                     QStringLiteral("amount: at most %1 (%2)")
                         .arg(Money::fromMinor(*maxAmount, request.amount.currency()).toString(), Settings::MaxAmount));
    const QString hash = requestHash(merchantOrderNo, request);
    auto connection = m_database.connection();
    if (!connection)
        return connection.error();
    auto existing = PaymentRefundStore::loadByMerchantRefundNo(*connection, application.id, request.merchantRefundNo);
    if (!existing)
        return existing.error();
    if (*existing) {
        if ((*existing)->requestHash != hash)
            return Error(ErrorCode::IdempotencyConflict,
                         QStringLiteral("merchant_refund_no %1 was used for another refund (%2)")
                             .arg(request.merchantRefundNo, (*existing)->refundNo));
        return (*existing)->status == PaymentRefundStatus::Requested ? askChannel(**existing, false) : **existing;
    }

    PaymentRefund refund;
    {
        UnitOfWork work(m_database);
        if (!work.isActive())
            return work.error();
        auto key = PaymentOrderStore::loadByMerchantOrderNo(work.connection(), application.id, merchantOrderNo);
        if (!key)
            return key.error();
        if (!*key)
            return Error(ErrorCode::OrderUnknown, merchantOrderNo);
        // Lock the order: refunds of one order are admitted one at a time.
        auto order = PaymentOrderStore::load(work.connection(), (*key)->id, true);
        if (!order)
            return order.error();
        if (!PaymentStates::isRefundable(order->status))
            return Error(ErrorCode::PaymentTransitionRefused,
                         QStringLiteral("order %1 is %2: only a paid order is refunded")
                             .arg(order->orderNo, PaymentStates::name(order->status)));
        if (request.amount.currency() != order->amount.currency())
            return Error(ErrorCode::OrderInvalid,
                         QStringLiteral("amount: the order is in %1").arg(order->amount.currency().code()));
        auto committed = PaymentRefundStore::committedAmount(work.connection(), order->id);
        if (!committed)
            return committed.error();
        // What is left to refund, compared without a sum that could overflow: both are whole
        // numbers of fen from 0 up, so their difference cannot.
        if (request.amount.minor() > order->amount.minor() - *committed)
            return Error(ErrorCode::RefundExceedsPaid,
                         QStringLiteral("%1: %2 refunded or under way + %3 > %4 paid")
                             .arg(order->orderNo, Money::fromMinor(*committed, order->amount.currency()).toString(),
                                  request.amount.toString(), order->amount.toString()));
        const QDateTime now = m_clock.nowUtc();
        refund.refundNo = PaymentRecords::newNumber(QLatin1Char('R'), now, random);
        refund.orderId = order->id;
        refund.applicationId = application.id;
        refund.merchantRefundNo = request.merchantRefundNo;
        refund.requestHash = hash;
        refund.amount = request.amount;
        refund.reason = request.reason.trimmed();
        refund.requestedAt = now;
        auto inserted = PaymentRefundStore::insert(work.connection(), refund);
        if (!inserted)
            return inserted.error();
        refund = *inserted;
        Status step = PaymentOrderStore::addEvent(
            work.connection(), order->id, PaymentEventKind::Refund, QStringLiteral("requested"),
            QJsonObject{{QStringLiteral("refund_no"), refund.refundNo},
                        {QStringLiteral("merchant_refund_no"), refund.merchantRefundNo},
                        {QStringLiteral("amount"), refund.amount.toString()},
                        {QStringLiteral("reason"), refund.reason}},
            now, refund.id);
        if (!step)
            return step.error();
        step = work.commit();
        if (!step)
            return step.error();
    }
    return askChannel(refund, true);
}

Status RefundService::recordFailedCall(const PaymentRefund &refund, PaymentEventKind source, const Error &error)
{
    auto connection = m_database.connection();
    if (!connection)
        return connection.error();
    const QDateTime now = m_clock.nowUtc();
    const Status answered = PaymentRefundStore::recordAnswer(
        *connection, refund.id, now, QString::fromLatin1(errorCodeName(error.code())), error.detail());
    if (!answered)
        return answered;
    return PaymentOrderStore::addEvent(*connection, refund.orderId, source, QStringLiteral("failed"),
                                       PaymentRecords::snapshot(error), now, refund.id);
}

Result<PaymentRefund> RefundService::askChannel(const PaymentRefund &refund, bool counted)
{
    auto connection = m_database.connection();
    if (!connection)
        return connection.error();
    if (!counted) {
        const Status sent = PaymentRefundStore::countAsk(*connection, refund.id, m_clock.nowUtc());
        if (!sent)
            return sent.error();
    }
    auto order = PaymentOrderStore::load(*connection, refund.orderId);
    if (!order)
        return order.error();
    ChannelAccount account;
    auto adapter = m_channelAccounts.sharedAdapterFor(m_actor, order->channelAccountId, &account);
    if (!adapter) {
        const Status logged = recordFailedCall(refund, PaymentEventKind::Refund, adapter.error());
        if (!logged)
            return logged.error();
        return adapter.error();
    }
    RefundRequest request;
    request.outTradeNo = order->orderNo;
    request.channelTransactionId = order->channelTransactionId;
    request.outRefundNo = refund.refundNo;
    request.refundAmount = refund.amount;
    request.totalAmount = order->amount;
    request.reason = refund.reason;
    request.notifyUrl = account.callbackUrl(m_callbackBase);
    request.requestedAt = refund.requestedAt;
    auto answer = (*adapter)->refund(request);
    if (!answer && refusedByChannel(answer.error().code())) {
        // Refused (Alipay's 40004 ACQ.SELLER_BALANCE_NOT_ENOUGH, WeChat's NOT_ENOUGH, …): failed,
        // once the channel confirms it holds no refund under this number — one an earlier sending
        // made would be there, and what the channel holds wins.
        auto held = (*adapter)->queryRefund(request.outTradeNo, request.outRefundNo, request.requestedAt);
        if (held && held->state != RefundState::NotFound)
            return applyChannelStatus(refund.refundNo, *held, PaymentEventKind::RefundQuery);
        if (held) {
            RefundStatus refused = *held;
            refused.state = RefundState::Failed;
            refused.channelState = answer.error().detail();
            return applyChannelStatus(refund.refundNo, refused, PaymentEventKind::Refund);
        }
    }
    if (!answer) {
        const Status logged = recordFailedCall(refund, PaymentEventKind::Refund, answer.error());
        if (!logged)
            return logged.error();
        return answer.error();
    }
    return applyChannelStatus(refund.refundNo, *answer, PaymentEventKind::Refund);
}

Result<PaymentRefund> RefundService::find(const QString &refundNo)
{
    auto connection = m_database.connection();
    if (!connection)
        return connection.error();
    return PaymentRefundStore::loadByNo(*connection, refundNo);
}

Result<PaymentRefund> RefundService::findByMerchantRefundNo(qint64 applicationId, const QString &merchantRefundNo)
{
    auto connection = m_database.connection();
    if (!connection)
        return connection.error();
    auto found = PaymentRefundStore::loadByMerchantRefundNo(*connection, applicationId, merchantRefundNo);
    if (!found)
        return found.error();
    if (!*found)
        return Error(ErrorCode::OrderUnknown, QStringLiteral("refund ") + merchantRefundNo);
    return **found;
}

Result<PaymentRefund> RefundService::applyChannelStatus(const QString &refundNo, const RefundStatus &status,
                                                        PaymentEventKind source)
{
    UnitOfWork work(m_database);
    if (!work.isActive())
        return work.error();
    auto found = PaymentRefundStore::loadByNo(work.connection(), refundNo);
    if (!found)
        return found.error();
    auto order =
        PaymentOrderStore::load(work.connection(), found->orderId, true); // the order's lock covers its refunds
    if (!order)
        return order.error();
    auto loaded = PaymentRefundStore::loadByNo(work.connection(), refundNo);
    if (!loaded)
        return loaded.error();
    PaymentRefund refund = *loaded;
    const QDateTime now = m_clock.nowUtc();
    const Status answered = PaymentRefundStore::recordAnswer(
        work.connection(), refund.id, now, ChannelNames::refundState(status.state), status.channelState);
    if (!answered)
        return answered.error();
    QJsonObject detail{{QStringLiteral("refund_no"), refund.refundNo},
                       {QStringLiteral("state"), ChannelNames::refundState(status.state)},
                       {QStringLiteral("channel_state"), status.channelState},
                       {QStringLiteral("channel_refund_id"), status.channelRefundId}};
    auto finish = [&](const QString &result) -> Result<PaymentRefund> {
        Status step = PaymentOrderStore::addEvent(work.connection(), order->id, source, result, detail, now, refund.id);
        if (!step)
            return step.error();
        return work.commitThenRead([&](const QSqlDatabase &db) { return PaymentRefundStore::loadByNo(db, refundNo); });
    };
    PaymentRefundStatus next = refund.status;
    if (status.state == RefundState::Processing || status.state == RefundState::Abnormal)
        next = PaymentRefundStatus::Processing;
    else if (status.state == RefundState::Succeeded)
        next = PaymentRefundStatus::Succeeded;
    else if (status.state == RefundState::Failed)
        next = PaymentRefundStatus::Failed;
    if (status.state == RefundState::Abnormal)
        detail.insert(QStringLiteral("attention"),
                      QStringLiteral("the money left the merchant but did not reach the payer"));
    if (next == refund.status || !PaymentStates::allows(refund.status, next))
        return finish(next == refund.status && next == PaymentRefundStatus::Succeeded ? QStringLiteral("duplicate")
                      : next == refund.status                                         ? QStringLiteral("unchanged")
                                                                                      : QStringLiteral("ignored"));
    refund.status = next;
    if (!status.channelRefundId.isEmpty())
        refund.channelRefundId = status.channelRefundId;
    if (next == PaymentRefundStatus::Succeeded) {
        const PaidOrder paid{order->orderNo, order->merchantNo,  order->channelAccount,
                             order->amount,  order->merchantFee, order->channelFee};
        auto fees = PaymentPostings::refundFees(paid, order->refundedAmount, refund.amount);
        if (!fees)
            return fees.error();
        refund.succeededAt = status.succeededAt.isValid() ? status.succeededAt.toUTC() : now;
        auto entry = PaymentPostings::refundSucceeded(paid, refund.refundNo, order->refundedAmount, refund.amount,
                                                      refund.succeededAt.toTimeZone(Clock::platformTimeZone()).date());
        if (!entry)
            return entry.error();
        auto posted = Ledger(m_database, m_clock).post(*entry);
        if (!posted)
            return posted.error();
        refund.entryId = *posted;
        refund.merchantFee = fees->merchantFee;
        refund.channelFee = fees->channelFee;
        auto refunded = order->refundedAmount.plus(refund.amount);
        if (!refunded)
            return refunded.error();
        PaymentOrder changed = *order;
        changed.refundedAmount = *refunded;
        changed.status = *refunded == order->amount ? PaymentStatus::Refunded : PaymentStatus::PartiallyRefunded;
        const Status moved = PaymentStates::check(order->status, changed.status);
        if (!moved)
            return moved.error();
        const Status saved = PaymentOrderStore::update(work.connection(), changed, now);
        if (!saved)
            return saved.error();
        detail.insert(QStringLiteral("entry_id"), QString::number(*posted));
        detail.insert(QStringLiteral("merchant_fee_returned"), fees->merchantFee.toString());
        detail.insert(QStringLiteral("channel_fee_returned"), fees->channelFee.toString());
    }
    const Status updated = PaymentRefundStore::update(work.connection(), refund, now);
    if (!updated)
        return updated.error();
    if (refund.status == PaymentRefundStatus::Succeeded || refund.status == PaymentRefundStatus::Failed) {
        const QString event = next == PaymentRefundStatus::Succeeded ? QStringLiteral("refund.succeeded")
                                                                     : QStringLiteral("refund.failed");
        const Status owed = NotificationService::enqueue(work.connection(), *order, &refund, event, now);
        if (!owed)
            return owed.error();
    }
    return finish(PaymentStates::name(refund.status));
}

Result<PaymentRefund> RefundService::queryChannel(const QString &refundNo)
{
    auto refund = find(refundNo);
    if (!refund)
        return refund.error();
    auto connection = m_database.connection();
    if (!connection)
        return connection.error();
    auto order = PaymentOrderStore::load(*connection, refund->orderId);
    if (!order)
        return order.error();
    auto adapter = m_channelAccounts.sharedAdapterFor(m_actor, order->channelAccountId);
    if (!adapter) {
        const Status logged = recordFailedCall(*refund, PaymentEventKind::RefundQuery, adapter.error());
        if (!logged)
            return logged.error();
        return adapter.error();
    }
    auto status = (*adapter)->queryRefund(order->orderNo, refund->refundNo, refund->requestedAt);
    if (!status) {
        const Status logged = recordFailedCall(*refund, PaymentEventKind::RefundQuery, status.error());
        if (!logged)
            return logged.error();
        return status.error();
    }
    return applyChannelStatus(refundNo, *status, PaymentEventKind::RefundQuery);
}

Result<RefundService::SweepSummary> RefundService::sweep(const QDateTime &now, int limit, int settleSeconds,
                                                         int requestedSettleSeconds)
{
    auto connection = m_database.connection();
    if (!connection)
        return connection.error();
    auto numbers = PaymentRefundStore::unsettled(*connection, now.addSecs(-settleSeconds),
                                                 now.addSecs(-requestedSettleSeconds), limit);
    if (!numbers)
        return numbers.error();
    SweepSummary summary;
    for (const QString &number : std::as_const(*numbers)) {
        ++summary.queried;
        // Whatever the channel knows is applied first: a refund it has (succeeded, processing,
        // failed) is settled by that and never sent again.
        auto refund = queryChannel(number);
        if (!refund) {
            ++summary.failed;
            continue;
        }
        const bool unknownAtChannel = refund->status == PaymentRefundStatus::Requested &&
                                      refund->channelAnswer == ChannelNames::refundState(RefundState::NotFound);
        const bool resendDue =
            !refund->askedAt.isValid() || refund->askedAt.addSecs(resendDelaySeconds(refund->asks)) <= now;
        if (unknownAtChannel && resendDue) {
            ++summary.askedAgain;
            refund = askChannel(*refund, false);
            if (!refund) {
                ++summary.failed;
                continue;
            }
        }
        if (refund->status == PaymentRefundStatus::Succeeded || refund->status == PaymentRefundStatus::Failed)
            ++summary.finished;
    }
    return summary;
}

} // namespace paydesk
