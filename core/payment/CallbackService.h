#pragma once

#include "channel/ChannelTypes.h"
#include "security/Actor.h"

namespace paydesk {

class AuditLog;
class ChannelAccountService;
class PaymentService;
class RefundService;

// A channel's notification for one of our channel accounts, as the HTTP front end received it:
// verified with the account's credentials, then applied to the order or refund it is about
// (exactly one state change and one ledger entry however often it arrives). A forged, tampered
// or expired notification changes nothing, is answered with an error (a genuine channel would
// retry) and is written to the audit log.
class CallbackService
{
public:
    CallbackService(AuditLog &audit, ChannelAccountService &channelAccounts, PaymentService &payments, RefundService &refunds);

    struct Answer
    {
        int status = 200;
        QByteArray contentType = "text/plain";
        QByteArray body;
        bool accepted = false;
    };

    Answer handle(const QString &channelAccountName, const CallbackRequest &request);

private:
    Answer reject(const QString &channelAccountName, const Error &error);

    AuditLog &m_audit;
    ChannelAccountService &m_channelAccounts;
    PaymentService &m_payments;
    RefundService &m_refunds;
    Actor m_actor;
};

} // namespace paydesk
