#pragma once

#include "core/money/Money.h"
#include "core/payment/PaymentOrder.h"
#include "core/payment/RefundRequests.h"
#include "core/security/Actor.h"
#include "core/util/Result.h"

#include <QCoreApplication>

#include <optional>

class QWidget;

namespace paydesk {

class PaydeskCore;

// An operator's refund request as the panels ask for it: how much (at most what is left) and
// why, then the request through the core (made at once up to the approval threshold, otherwise
// waiting for an approver).
class RefundRequestFlow
{
    Q_DECLARE_TR_FUNCTIONS(RefundRequestFlow)

public:
    struct Answer
    {
        Money amount;
        QString reason;
    };

    // Asks for what is not given; nothing when the operator cancels; an error for an amount
    // that is not one.
    static std::optional<Result<Answer>> ask(QWidget *parent, const PaymentOrder &order, const QString &amount,
                                             const QString &reason);
    // Runs on a worker thread: the message for the operator.
    static Result<QString> send(PaydeskCore &core, const Actor &actor, const QString &orderNo, const Answer &answer);
    // What became of a request that was made (at once or after approval), for the operator: the
    // refund asked of the channel, or — when the channel did not take it — the translated reason
    // and what Paydesk does next.
    static QString outcome(const OperatorRefundRequest &request);
};

} // namespace paydesk
