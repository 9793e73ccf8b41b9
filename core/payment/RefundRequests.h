#pragma once

#include "core/money/Money.h"
#include "core/payment/OperatorRefundRequest.h"
#include "core/security/Actor.h"
#include "core/util/Result.h"

#include <QDateTime>

namespace paydesk {

class ApplicationService;
class AuditLog;
class Clock;
class Database;
class RefundService;
class Settings;

// Refunds from the platform's staff (DESIGN §10 maker-checker): one at or below the approval
// threshold (setting refund.approval_threshold, default 1,000.00) is made at once; a larger one
// waits until an approver — never the operator who asked — approves it, and is made then. The
// refund itself goes through RefundService like an application's, under the order's
// application, with merchant refund number "OPS-<request id>".
class RefundRequests
{
public:
    static constexpr qint64 kDefaultThresholdMinor = 100000;

    RefundRequests(Database &database, const Clock &clock, AuditLog &audit, Settings &settings, RefundService &refunds,
                   ApplicationService &applications);

    Result<Money> threshold();
    // refund.approve: approvers set how much may be refunded without them.
    Status setThreshold(const Actor &actor, const Money &threshold);

    // refund.request. AmountOutOfRange above the platform's maximum (Settings::MaxAmount);
    // RefundExceedsPaid when the order's refunds, those under way and those waiting for
    // approval would exceed what was paid (compared without a sum that could overflow). A
    // request made at once is audited once its refund was asked of the channel, with what
    // really happened: "ok" when the channel took it, "failed" with the error code and the
    // channel's own text when it did not. The request is returned either way (its refund, if one
    // was recorded, says how it stands); an error only when no refund could be recorded.
    Result<OperatorRefundRequest> request(const Actor &actor, const QString &orderNo, const Money &amount,
                                          const QString &reason);
    // payment.view: newest first; every status when `status` is empty.
    Result<QList<OperatorRefundRequest>> list(const Actor &actor, std::optional<RefundRequestStatus> status,
                                              int limit = 200);
    Result<QList<OperatorRefundRequest>> forOrder(const Actor &actor, const QString &orderNo);
    // refund.approve, not by the requester (RefundSelfApproval); exactly one decision per request
    // however many approvers press at once (RefundRequestDecided for the others). The decision
    // is audited as refund.approve; what the channel then did as refund.execute (ok or failed,
    // as for request()).
    Result<OperatorRefundRequest> approve(const Actor &actor, qint64 id, const QString &note);
    Result<OperatorRefundRequest> reject(const Actor &actor, qint64 id, const QString &note);

private:
    Result<OperatorRefundRequest> load(qint64 id);
    Result<OperatorRefundRequest> decide(const Actor &actor, qint64 id, bool approve, const QString &note);
    // Makes the request's refund and records, in one unit of work, the request's new status and
    // the audit record `auditAction` with what the channel did.
    Result<OperatorRefundRequest> execute(const Actor &actor, const OperatorRefundRequest &request,
                                          RefundRequestStatus doneStatus, const QString &auditAction);

    Database &m_database;
    const Clock &m_clock;
    AuditLog &m_audit;
    Settings &m_settings;
    RefundService &m_refunds;
    ApplicationService &m_applications;
    Actor m_actor; // reads the order's application
};

} // namespace paydesk
