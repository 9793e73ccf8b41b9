#pragma once

#include "core/channel/ChannelTypes.h"
#include "core/payment/CallbackConfirmation.h"
#include "core/payment/CallbackThrottle.h"
#include "core/security/Actor.h"
#include "core/security/AuditLogAggregator.h"

namespace paydesk {

class AuditLog;
class ChannelAccountService;
class ChannelAdapter;
class Clock;
class PaymentService;
class RefundService;
struct ChannelAccount;

// A channel's notification for one of our channel accounts, as the HTTP front end received it:
// verified with the account's credentials, then applied to the order or refund it is about
// (exactly one state change and one ledger entry however often it arrives). A forged, tampered
// or expired notification changes nothing and is answered with an error (a genuine channel would
// retry). For 24 hours after an approved change of the account's trust material, a verified
// notification is confirmed by a query to the channel before anything is posted
// (CallbackConfirmation). Refusals are audited through an AuditLogAggregator (the first of each
// account and reason in a minute with its detail, the rest counted into one summary per minute),
// and a sender whose callbacks keep failing verification at an account is answered 429 before
// any verification work (CallbackThrottle).
class CallbackService
{
public:
    CallbackService(AuditLog &audit, const Clock &clock, ChannelAccountService &channelAccounts,
                    PaymentService &payments, RefundService &refunds,
                    CallbackThrottle::Limits limits = CallbackThrottle::Limits{});

    struct Answer
    {
        int status = 200;
        QByteArray contentType = "text/plain";
        QByteArray body;
        bool accepted = false;
    };

    Answer handle(const QString &channelAccountName, const CallbackRequest &request);

    // Writes the refusal summaries of minutes that ended (`all`: the current one too, as at shutdown).
    Status flushRefusalAudit(bool all = false) { return m_refusals.flush(all); }

private:
    Answer refuse(const QString &channelAccountName, const QHostAddress &sender, const Error &error, int status);
    // The verified event applied to its order or refund; `confirm`: only as far as a query confirms.
    CallbackConfirmation::Outcome apply(const ChannelAccount &account, ChannelAdapter &adapter,
                                        const CallbackEvent &event, bool confirm);

    AuditLog &m_audit;
    const Clock &m_clock;
    ChannelAccountService &m_channelAccounts;
    PaymentService &m_payments;
    RefundService &m_refunds;
    Actor m_actor;
    CallbackThrottle m_throttle;
    AuditLogAggregator m_refusals;
};

} // namespace paydesk
