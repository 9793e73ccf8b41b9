#include "widgets/payment/RefundRequestFlow.h"

#include "widgets/payment/PaymentText.h"

#include "core/PaydeskCore.h"
#include "widgets/format/DisplayFormat.h"
#include "widgets/format/MoneyInput.h"

#include <QInputDialog>
#include <QLineEdit>

namespace paydesk {

std::optional<Result<RefundRequestFlow::Answer>>
RefundRequestFlow::ask(QWidget *parent, const PaymentOrder &order, const QString &amountText, const QString &reasonText)
{
    const Money left = Money::fromMinor(order.amount.minor() - order.refundedAmount.minor(), order.amount.currency());
    QString amount = amountText;
    QString reason = reasonText;
    bool ok = true;
    if (amount.isEmpty())
        amount = QInputDialog::getText(
            parent, tr("Request refund"),
            tr("Amount to refund of %1 (at most %2):").arg(order.orderNo, DisplayFormat::moneyWithCurrency(left)),
            QLineEdit::Normal, MoneyInput::text(left), &ok);
    if (!ok || amount.isEmpty())
        return std::nullopt;
    if (reason.isEmpty())
        reason = QInputDialog::getText(parent, tr("Request refund"), tr("Reason (kept with the refund):"),
                                       QLineEdit::Normal, QString(), &ok);
    if (!ok || reason.trimmed().isEmpty())
        return std::nullopt;
    auto money = MoneyInput::parse(amount, order.amount.currency());
    if (!money)
        return Result<Answer>(money.error());
    return Result<Answer>(Answer{*money, reason});
}

Result<QString> RefundRequestFlow::send(PaydeskCore &core, const Actor &actor, const QString &orderNo,
                                        const Answer &answer)
{
    auto made = core.refundRequests().request(actor, orderNo, answer.amount, answer.reason);
    if (!made)
        return made.error();
    if (made->status == RefundRequestStatus::Pending)
        return tr("Refund request %1 waits for an approver.").arg(made->id);
    return outcome(*made);
}

QString RefundRequestFlow::outcome(const OperatorRefundRequest &request)
{
    if (request.takenByChannel())
        return tr("Refund %1 of %2 requested from the channel.")
            .arg(request.refundNo, DisplayFormat::moneyWithCurrency(request.amount));
    if (request.refundStatus == PaymentRefundStatus::Failed)
        return tr("Refund %1 of %2 failed at the channel: %3.")
            .arg(request.refundNo, DisplayFormat::moneyWithCurrency(request.amount),
                 PaymentText::channelAnswer(request.channelAnswer));
    return tr("Refund %1 of %2 is recorded, but the channel has not taken it: %3. Paydesk asks the channel again under "
              "the same "
              "refund number until it settles; it is never refunded twice.")
        .arg(request.refundNo, DisplayFormat::moneyWithCurrency(request.amount),
             PaymentText::channelAnswer(request.channelAnswer));
}

} // namespace paydesk
