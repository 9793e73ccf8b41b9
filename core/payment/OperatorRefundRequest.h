#pragma once

#include "core/money/Money.h"
#include "core/payment/PaymentStates.h"

#include <QDateTime>

#include <optional>

namespace paydesk {

// pending: waits for an approver; approved: an approver said yes and the refund was made;
// rejected; executed: made at once (at or below the threshold); failed: no refund could be
// recorded for it.
enum class RefundRequestStatus
{
    Pending,
    Approved,
    Rejected,
    Executed,
    Failed
};

namespace RefundRequestNames {
QString status(RefundRequestStatus status); // "pending", "approved", …
bool statusFromName(const QString &name, RefundRequestStatus *status);
QList<RefundRequestStatus> allStatuses();
} // namespace RefundRequestNames

// A refund an operator asked for (console or cli), with its approval.
struct OperatorRefundRequest
{
    qint64 id = 0;
    qint64 orderId = 0;
    QString orderNo;
    QString merchantNo;
    Money amount;
    QString reason;
    RefundRequestStatus status = RefundRequestStatus::Pending;
    QString requestedBy;
    QDateTime requestedAt;
    QString decidedBy;
    QDateTime decidedAt;
    QString decisionNote;                            // the approver's note, or why the refund could not be made
    QString refundNo;                                // the refund made, once made
    std::optional<PaymentRefundStatus> refundStatus; // that refund's status, once made
    QString channelAnswer;                           // the channel's last word on it (PaymentRefund::channelAnswer)
    QString channelText;                             // and the channel's own text with it
    // Whether the channel has taken the refund (processing or succeeded). A refund it has not
    // taken stays requested: Paydesk asks again under the same refund number.
    bool takenByChannel() const;
};

} // namespace paydesk
