#include "widgets/payment/PaymentText.h"

#include "core/channel/ChannelNames.h"
#include "core/payment/PaymentEventKind.h"
#include "core/util/Error.h"
#include "widgets/reconciliation/ReconciliationText.h"

#include <QCoreApplication>

namespace paydesk::PaymentText {

namespace {
QString translated(const char *text)
{
    return QCoreApplication::translate("PaymentText", text);
}
} // namespace

QString orderStatus(PaymentStatus status)
{
    switch (status) {
    case PaymentStatus::Created:
        return QCoreApplication::translate("PaymentText", "created");
    case PaymentStatus::Paying:
        return QCoreApplication::translate("PaymentText", "waiting for payment");
    case PaymentStatus::Succeeded:
        return QCoreApplication::translate("PaymentText", "paid");
    case PaymentStatus::Failed:
        return QCoreApplication::translate("PaymentText", "failed");
    case PaymentStatus::Closed:
        return QCoreApplication::translate("PaymentText", "closed");
    case PaymentStatus::PartiallyRefunded:
        return QCoreApplication::translate("PaymentText", "partially refunded");
    case PaymentStatus::Refunded:
        return QCoreApplication::translate("PaymentText", "refunded");
    }
    return {};
}

QString refundStatus(PaymentRefundStatus status)
{
    switch (status) {
    case PaymentRefundStatus::Requested:
        return QCoreApplication::translate("PaymentText", "requested");
    case PaymentRefundStatus::Processing:
        return QCoreApplication::translate("PaymentText", "at the channel");
    case PaymentRefundStatus::Succeeded:
        return QCoreApplication::translate("PaymentText", "refunded");
    case PaymentRefundStatus::Failed:
        return QCoreApplication::translate("PaymentText", "failed");
    }
    return {};
}

QString storyKind(const QString &source, const QString &kind)
{
    if (source == QLatin1String("ledger"))
        return QCoreApplication::translate("PaymentText", "Ledger entry");
    if (source == QLatin1String("reconciliation")) {
        static const QList<std::pair<const char *, const char *>> reconciliationKinds{
            {"matched", QT_TRANSLATE_NOOP("PaymentText", "Reconciled: matched")},
            {"item", QT_TRANSLATE_NOOP("PaymentText", "Reconciliation run")},
            {"discrepancy", QT_TRANSLATE_NOOP("PaymentText", "Discrepancy found")},
            {"resolution_proposed", QT_TRANSLATE_NOOP("PaymentText", "Resolution proposed")},
            {"resolution_approved", QT_TRANSLATE_NOOP("PaymentText", "Resolution approved")},
            {"resolution_rejected", QT_TRANSLATE_NOOP("PaymentText", "Resolution rejected")},
        };
        for (const auto &[name, text] : reconciliationKinds)
            if (kind == QLatin1String(name))
                return translated(text);
        return kind;
    }
    static const QList<std::pair<const char *, const char *>> kinds{
        {"create", QT_TRANSLATE_NOOP("PaymentText", "Order created")},
        {"prepay", QT_TRANSLATE_NOOP("PaymentText", "Channel prepay")},
        {"query", QT_TRANSLATE_NOOP("PaymentText", "Channel query")},
        {"callback", QT_TRANSLATE_NOOP("PaymentText", "Channel callback")},
        {"callback_checked", QT_TRANSLATE_NOOP("PaymentText", "Channel callback, checked by a query")},
        {"refund_callback_checked", QT_TRANSLATE_NOOP("PaymentText", "Refund callback, checked by a query")},
        {"close", QT_TRANSLATE_NOOP("PaymentText", "Closed")},
        {"notify", QT_TRANSLATE_NOOP("PaymentText", "Merchant notification")},
        {"refund", QT_TRANSLATE_NOOP("PaymentText", "Refund")},
        {"refund_query", QT_TRANSLATE_NOOP("PaymentText", "Refund query")},
        {"refund_request", QT_TRANSLATE_NOOP("PaymentText", "Refund request")},
        {"import", QT_TRANSLATE_NOOP("PaymentText", "Imported")},
    };
    for (const auto &[name, text] : kinds)
        if (kind == QLatin1String(name))
            return translated(text);
    return kind;
}

QString refundRequestStatus(RefundRequestStatus status)
{
    switch (status) {
    case RefundRequestStatus::Pending:
        return QCoreApplication::translate("PaymentText", "waiting for approval");
    case RefundRequestStatus::Approved:
        return QCoreApplication::translate("PaymentText", "approved");
    case RefundRequestStatus::Rejected:
        return QCoreApplication::translate("PaymentText", "rejected");
    case RefundRequestStatus::Executed:
        return QCoreApplication::translate("PaymentText", "made (no approval needed)");
    case RefundRequestStatus::Failed:
        return QCoreApplication::translate("PaymentText", "failed");
    }
    return {};
}

QString refundRequestStatus(const QString &status)
{
    RefundRequestStatus known = RefundRequestStatus::Pending;
    return RefundRequestNames::statusFromName(status, &known) ? refundRequestStatus(known) : status;
}

QString notificationStatus(NotificationStatus status)
{
    switch (status) {
    case NotificationStatus::Pending:
        return QCoreApplication::translate("PaymentText", "pending");
    case NotificationStatus::Delivered:
        return QCoreApplication::translate("PaymentText", "delivered");
    case NotificationStatus::Failed:
        return QCoreApplication::translate("PaymentText", "gave up");
    }
    return {};
}

QString notificationKind(NotificationKind kind)
{
    return kind == NotificationKind::Refund ? QCoreApplication::translate("PaymentText", "refund")
                                            : QCoreApplication::translate("PaymentText", "payment");
}

QString notificationOutcome(AttemptOutcome outcome)
{
    switch (outcome) {
    case AttemptOutcome::Delivered:
        return QCoreApplication::translate("PaymentText", "delivered");
    case AttemptOutcome::Rejected:
        return QCoreApplication::translate("PaymentText", "refused by the application");
    case AttemptOutcome::Unreachable:
        return QCoreApplication::translate("PaymentText", "unreachable");
    }
    return {};
}

QString notificationOutcome(const QString &outcome)
{
    AttemptOutcome known = AttemptOutcome::Unreachable;
    return NotificationNames::outcomeFromName(outcome, &known) ? notificationOutcome(known) : outcome;
}

QString storyResult(const QString &kind, const QString &result)
{
    // Reconciliation's lines carry a discrepancy category or a resolution as their result.
    DiscrepancyCategory category = DiscrepancyCategory::Matched;
    if ((kind == QLatin1String("item") || kind == QLatin1String("discrepancy")) &&
        ReconciliationNames::categoryFromName(result, &category))
        return ReconciliationText::category(category);
    DiscrepancyResolution resolution = DiscrepancyResolution::Acknowledge;
    if (kind.startsWith(QLatin1String("resolution_")) && ReconciliationNames::resolutionFromName(result, &resolution))
        return ReconciliationText::resolution(resolution);
    // A refund request's line carries the request's status; a notification's its attempt's
    // outcome (or "resend", an operator's new attempt). Lines of other sources have other kinds.
    PaymentEventKind eventKind = PaymentEventKind::Create;
    if (PaymentEventNames::kindFromName(kind, &eventKind)) {
        if (eventKind == PaymentEventKind::RefundRequest)
            return refundRequestStatus(result);
        if (eventKind == PaymentEventKind::Notify && result != QLatin1String("resend"))
            return notificationOutcome(result);
    }
    static const QList<std::pair<const char *, const char *>> results{
        {"ok", QT_TRANSLATE_NOOP("PaymentText", "ok")},
        {"failed", QT_TRANSLATE_NOOP("PaymentText", "failed")},
        {"duplicate", QT_TRANSLATE_NOOP("PaymentText", "duplicate")},
        {"refused", QT_TRANSLATE_NOOP("PaymentText", "refused")},
        {"posted", QT_TRANSLATE_NOOP("PaymentText", "posted")},
        {"resend", QT_TRANSLATE_NOOP("PaymentText", "sent again")},
        {"pending", QT_TRANSLATE_NOOP("PaymentText", "pending")},
        {"created", QT_TRANSLATE_NOOP("PaymentText", "created")},
        {"paying", QT_TRANSLATE_NOOP("PaymentText", "waiting for payment")},
        {"succeeded", QT_TRANSLATE_NOOP("PaymentText", "succeeded")},
        {"closed", QT_TRANSLATE_NOOP("PaymentText", "closed")},
        {"partially_refunded", QT_TRANSLATE_NOOP("PaymentText", "partially refunded")},
        {"refunded", QT_TRANSLATE_NOOP("PaymentText", "refunded")},
        {"requested", QT_TRANSLATE_NOOP("PaymentText", "requested")},
        {"processing", QT_TRANSLATE_NOOP("PaymentText", "at the channel")},
        {"amount_mismatch", QT_TRANSLATE_NOOP("PaymentText", "amount does not match")},
        {"unchanged", QT_TRANSLATE_NOOP("PaymentText", "no change")},
        {"ignored", QT_TRANSLATE_NOOP("PaymentText", "ignored")},
    };
    for (const auto &[name, text] : results)
        if (result == QLatin1String(name))
            return translated(text);
    return result;
}

QString matchedBy(const QString &kind)
{
    static const QList<std::pair<const char *, const char *>> kinds{
        {"order_no", QT_TRANSLATE_NOOP("PaymentText", "order no")},
        {"merchant_order_no", QT_TRANSLATE_NOOP("PaymentText", "merchant order no")},
        {"channel_transaction_id", QT_TRANSLATE_NOOP("PaymentText", "channel transaction id")},
        {"payer_id", QT_TRANSLATE_NOOP("PaymentText", "payer id")},
        {"refund_no", QT_TRANSLATE_NOOP("PaymentText", "refund no")},
        {"merchant_refund_no", QT_TRANSLATE_NOOP("PaymentText", "merchant refund no")},
        {"channel_refund_id", QT_TRANSLATE_NOOP("PaymentText", "channel refund id")},
    };
    for (const auto &[name, text] : kinds)
        if (kind == QLatin1String(name))
            return translated(text);
    return kind;
}

QString channelAnswer(const QString &answer)
{
    if (answer.isEmpty())
        return QCoreApplication::translate("PaymentText", "no answer yet");
    RefundState state = RefundState::Processing;
    if (ChannelNames::refundStateFromName(answer, &state)) {
        switch (state) {
        case RefundState::Succeeded:
            return QCoreApplication::translate("PaymentText", "refunded by the channel");
        case RefundState::Processing:
            return QCoreApplication::translate("PaymentText", "the channel is processing it");
        case RefundState::Failed:
            return QCoreApplication::translate("PaymentText", "the channel says it failed");
        case RefundState::NotFound:
            return QCoreApplication::translate("PaymentText", "the channel has no such refund yet");
        case RefundState::Abnormal:
            return QCoreApplication::translate("PaymentText", "the channel could not pay it back (abnormal)");
        }
    }
    ErrorCode code = ErrorCode::None;
    if (errorCodeFromName(answer, &code))
        return Error::describe(code);
    return answer;
}

QString age(qint64 seconds)
{
    const qint64 minutes = qMax<qint64>(0, seconds) / 60;
    if (minutes >= 24 * 60)
        return QCoreApplication::translate("PaymentText", "%1 d %2 h").arg(minutes / (24 * 60)).arg(minutes / 60 % 24);
    if (minutes >= 60)
        return QCoreApplication::translate("PaymentText", "%1 h %2 min").arg(minutes / 60).arg(minutes % 60);
    return QCoreApplication::translate("PaymentText", "%1 min").arg(minutes);
}

} // namespace paydesk::PaymentText
