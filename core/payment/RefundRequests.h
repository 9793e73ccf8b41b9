#pragma once

#include "money/Money.h"
#include "security/Actor.h"
#include "util/Result.h"

#include <QDateTime>

namespace paydesk {

class ApplicationService;
class AuditLog;
class Clock;
class Database;
class RefundService;
class Settings;

// A refund an operator asked for (console or cli), with its approval.
struct OperatorRefundRequest
{
    qint64 id = 0;
    qint64 orderId = 0;
    QString orderNo;
    QString merchantNo;
    Money amount;
    QString reason;
    QString status;       // pending, approved, rejected, executed (no approval needed), failed
    QString requestedBy;
    QDateTime requestedAt;
    QString decidedBy;
    QDateTime decidedAt;
    QString decisionNote; // the approver's note, or why the refund could not be made
    QString refundNo;     // the refund made, once made
};

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

    // refund.request. RefundExceedsPaid when the order's refunds, those under way and those
    // waiting for approval would exceed what was paid.
    Result<OperatorRefundRequest> request(const Actor &actor, const QString &orderNo, const Money &amount, const QString &reason);
    // payment.view: newest first; `status` empty for all.
    Result<QList<OperatorRefundRequest>> list(const Actor &actor, const QString &status, int limit = 200);
    Result<QList<OperatorRefundRequest>> forOrder(const Actor &actor, const QString &orderNo);
    // refund.approve, not by the requester (RefundSelfApproval); exactly one decision per request
    // however many approvers press at once (RefundRequestDecided for the others).
    Result<OperatorRefundRequest> approve(const Actor &actor, qint64 id, const QString &note);
    Result<OperatorRefundRequest> reject(const Actor &actor, qint64 id, const QString &note);

private:
    Result<OperatorRefundRequest> load(qint64 id);
    Result<OperatorRefundRequest> decide(const Actor &actor, qint64 id, bool approve, const QString &note);
    Result<OperatorRefundRequest> execute(const OperatorRefundRequest &request, const QString &doneStatus);

    Database &m_database;
    const Clock &m_clock;
    AuditLog &m_audit;
    Settings &m_settings;
    RefundService &m_refunds;
    ApplicationService &m_applications;
    Actor m_actor; // reads the order's application
};

} // namespace paydesk
