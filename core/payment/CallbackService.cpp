#include "CallbackService.h"

#include "PaymentService.h"
#include "RefundService.h"
#include "channel/ChannelAdapter.h"
#include "channel/account/ChannelAccountService.h"
#include "security/AuditLog.h"
#include "util/Error.h"

#include <QHostInfo>

namespace paydesk {

CallbackService::CallbackService(AuditLog &audit, ChannelAccountService &channelAccounts, PaymentService &payments,
                                 RefundService &refunds)
    : m_audit(audit), m_channelAccounts(channelAccounts), m_payments(payments), m_refunds(refunds),
      m_actor(Actor::system(QStringLiteral("callback"), {Permission::ChannelView, Permission::ChannelManage},
                            QStringLiteral("callback@") + QHostInfo::localHostName()))
{
}

CallbackService::Answer CallbackService::reject(const QString &channelAccountName, const Error &error)
{
    // The record is the evidence of a forged or broken notification; the request body is not
    // kept (it may carry personal data), only what was wrong with it.
    const Status audited = m_audit.append(m_actor, {QStringLiteral("channel.callback"), QStringLiteral("channel_account:") + channelAccountName,
                             QStringLiteral("failed"),
                             QJsonObject{{QStringLiteral("error"), QString::fromLatin1(errorCodeName(error.code()))},
                                         {QStringLiteral("detail"), error.detail()}}});
    Answer answer;
    // A record that cannot be written is a server fault: 500, and the channel tries again.
    answer.status = audited ? 400 : 500;
    answer.body = "rejected: " + QByteArray(errorCodeName(error.code()));
    return answer;
}

CallbackService::Answer CallbackService::handle(const QString &channelAccountName, const CallbackRequest &request)
{
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
        return reject(channelAccountName, adapter.error());
    auto event = (*adapter)->parseCallback(request);
    if (!event)
        return reject(channelAccountName, event.error());
    Status applied;
    if (event->kind == CallbackEvent::Kind::Payment) {
        auto order = m_payments.find(event->order.outTradeNo);
        if (order && order->channelAccountId != account->id)
            return reject(channelAccountName, Error(ErrorCode::ChannelStateConflict,
                                                    QStringLiteral("order %1 is not on this channel account").arg(order->orderNo)));
        auto moved = order ? m_payments.applyChannelStatus(event->order.outTradeNo, event->order, QStringLiteral("callback"))
                           : Result<PaymentOrder>(order.error());
        if (!moved)
            applied = moved.error();
    } else {
        auto refund = m_refunds.find(event->refund.outRefundNo);
        auto order = refund ? m_payments.find(refund->orderNo) : Result<PaymentOrder>(refund.error());
        if (order && order->channelAccountId != account->id)
            return reject(channelAccountName, Error(ErrorCode::ChannelStateConflict,
                                                    QStringLiteral("refund %1 is not on this channel account").arg(refund->refundNo)));
        auto moved = order ? m_refunds.applyChannelStatus(event->refund.outRefundNo, event->refund, QStringLiteral("callback"))
                           : Result<PaymentRefund>(order.error());
        if (!moved)
            applied = moved.error();
    }
    if (!applied) // verified, but not about anything we can apply: answer with an error so it is retried and seen
        return reject(channelAccountName, applied.error());
    Answer answer;
    answer.status = event->replyStatus;
    answer.contentType = event->replyContentType;
    answer.body = event->replyBody;
    answer.accepted = true;
    return answer;
}

} // namespace paydesk
