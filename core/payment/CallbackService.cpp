#include "core/payment/CallbackService.h"

#include "core/channel/ChannelAdapter.h"
#include "core/channel/account/ChannelAccountService.h"
#include "core/payment/PaymentService.h"
#include "core/payment/RefundService.h"
#include "core/security/AuditLog.h"
#include "core/util/AddressGroup.h"
#include "core/util/Clock.h"
#include "core/util/Error.h"

#include <QHostInfo>

namespace paydesk {

namespace {
Actor callbackActor()
{
    return Actor::system(QStringLiteral("callback"), {Permission::ChannelView, Permission::ChannelManage},
                         QStringLiteral("callback@") + QHostInfo::localHostName());
}
} // namespace

CallbackService::CallbackService(AuditLog &audit, const Clock &clock, ChannelAccountService &channelAccounts,
                                 PaymentService &payments, RefundService &refunds, CallbackThrottle::Limits limits)
    : m_audit(audit), m_clock(clock), m_channelAccounts(channelAccounts), m_payments(payments), m_refunds(refunds),
      m_actor(callbackActor()), m_throttle(limits), m_refusals(audit, clock, callbackActor())
{
}

CallbackService::Answer CallbackService::refuse(const QString &channelAccountName, const QHostAddress &sender,
                                                const Error &error, int status)
{
    // The record is the evidence of a forged or broken notification; the request body is not
    // kept (it may carry personal data), only what was wrong with it and who sent it.
    const QString reason = QString::fromLatin1(errorCodeName(error.code()));
    const Status audited =
        m_refusals.record({QStringLiteral("channel.callback"), QStringLiteral("channel_account:") + channelAccountName,
                           AuditResult::Failed,
                           QJsonObject{{QStringLiteral("error"), reason}, {QStringLiteral("detail"), error.detail()}}},
                          reason, addressGroupOf(sender));
    Answer answer;
    // A record that cannot be written is a server fault: 500, and the channel tries again.
    answer.status = audited ? status : 500;
    answer.body = "rejected: " + reason.toLatin1();
    return answer;
}

CallbackConfirmation::Outcome CallbackService::apply(const ChannelAccount &account, ChannelAdapter &adapter,
                                                     const CallbackEvent &event, bool confirm)
{
    if (event.kind == CallbackEvent::Kind::Payment) {
        auto order = m_payments.find(event.order.outTradeNo);
        if (!order)
            return {order.error()};
        if (order->channelAccountId != account.id)
            return {Error(ErrorCode::ChannelStateConflict,
                          QStringLiteral("order %1 is not on this channel account").arg(order->orderNo))};
        if (confirm)
            return CallbackConfirmation::payment(adapter, m_payments, *order, event.order);
        auto moved = m_payments.applyChannelStatus(order->orderNo, event.order, PaymentEventKind::Callback);
        return {moved ? Status() : Status(moved.error())};
    }
    auto refund = m_refunds.find(event.refund.outRefundNo);
    if (!refund)
        return {refund.error()};
    auto order = m_payments.find(refund->orderNo);
    if (!order)
        return {order.error()};
    if (order->channelAccountId != account.id)
        return {Error(ErrorCode::ChannelStateConflict,
                      QStringLiteral("refund %1 is not on this channel account").arg(refund->refundNo))};
    if (confirm)
        return CallbackConfirmation::refund(adapter, m_refunds, *order, *refund, event.refund);
    auto moved = m_refunds.applyChannelStatus(refund->refundNo, event.refund, PaymentEventKind::Callback);
    return {moved ? Status() : Status(moved.error())};
}

CallbackService::Answer CallbackService::handle(const QString &channelAccountName, const CallbackRequest &request)
{
    const QDateTime now = m_clock.nowUtc();
    // Before any work: a sender whose callbacks to this account keep failing verification waits.
    if (m_throttle.isLimited(request.peer, channelAccountName, now))
        return refuse(channelAccountName, request.peer, Error(ErrorCode::CallbackRateLimited), 429);
    auto account = m_channelAccounts.findByName(m_actor, channelAccountName);
    if (!account) {
        // Anyone can post to any address: a name that is no channel account of ours is answered,
        // not written to the audit log (which would then grow at a stranger's pace).
        Answer unknown;
        unknown.status = account.error().code() == ErrorCode::ChannelAccountUnknown ? 404 : 500;
        unknown.body = "rejected: " + QByteArray(errorCodeName(account.error().code()));
        return unknown;
    }
    auto adapter = m_channelAccounts.sharedAdapterFor(m_actor, account->id);
    if (!adapter)
        return refuse(channelAccountName, request.peer, adapter.error(), 400);
    auto event = (*adapter)->parseCallback(request);
    if (!event) {
        m_throttle.refused(request.peer, channelAccountName, now);
        return refuse(channelAccountName, request.peer, event.error(), 400);
    }
    const CallbackConfirmation::Outcome applied =
        apply(*account, **adapter, *event, account->confirmsCallbacksByQuery(now));
    // Verified, but not about anything we can apply or not confirmed by the channel: answer with
    // an error so it is retried and seen; the channel unreachable for the confirming query: 503.
    if (!applied.status)
        return refuse(channelAccountName, request.peer, applied.status.error(), applied.queryFailed ? 503 : 400);
    Answer answer;
    answer.status = event->replyStatus;
    answer.contentType = event->replyContentType;
    answer.body = event->replyBody;
    answer.accepted = true;
    return answer;
}

} // namespace paydesk
