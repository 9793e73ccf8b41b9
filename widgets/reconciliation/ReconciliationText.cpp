#include "widgets/reconciliation/ReconciliationText.h"

#include "core/util/Error.h"
#include "widgets/format/DisplayFormat.h"

#include <QCoreApplication>
#include <QLocale>

namespace paydesk::ReconciliationText {

namespace {
QString translated(const char *text)
{
    return QCoreApplication::translate("ReconciliationText", text);
}
} // namespace

QString category(DiscrepancyCategory category)
{
    switch (category) {
    case DiscrepancyCategory::Matched:
        return translated(QT_TRANSLATE_NOOP("ReconciliationText", "Matched"));
    case DiscrepancyCategory::ChannelOnly:
        return translated(QT_TRANSLATE_NOOP("ReconciliationText", "Channel only"));
    case DiscrepancyCategory::PlatformOnly:
        return translated(QT_TRANSLATE_NOOP("ReconciliationText", "Platform only"));
    case DiscrepancyCategory::AmountMismatch:
        return translated(QT_TRANSLATE_NOOP("ReconciliationText", "Amount mismatch"));
    case DiscrepancyCategory::StatusMismatch:
        return translated(QT_TRANSLATE_NOOP("ReconciliationText", "Status mismatch"));
    case DiscrepancyCategory::FeeMismatch:
        return translated(QT_TRANSLATE_NOOP("ReconciliationText", "Fee mismatch"));
    case DiscrepancyCategory::DuplicateInStatement:
        return translated(QT_TRANSLATE_NOOP("ReconciliationText", "Duplicate in statement"));
    case DiscrepancyCategory::CarriedOver:
        return translated(QT_TRANSLATE_NOOP("ReconciliationText", "Carried to next day"));
    }
    return {};
}

QString runStatus(ReconciliationRunStatus status)
{
    switch (status) {
    case ReconciliationRunStatus::Running:
        return translated(QT_TRANSLATE_NOOP("ReconciliationText", "Running"));
    case ReconciliationRunStatus::Completed:
        return translated(QT_TRANSLATE_NOOP("ReconciliationText", "Completed"));
    case ReconciliationRunStatus::Failed:
        return translated(QT_TRANSLATE_NOOP("ReconciliationText", "Failed"));
    case ReconciliationRunStatus::Cancelled:
        return translated(QT_TRANSLATE_NOOP("ReconciliationText", "Cancelled"));
    case ReconciliationRunStatus::Abandoned:
        return translated(QT_TRANSLATE_NOOP("ReconciliationText", "Abandoned"));
    }
    return {};
}

QString discrepancyStatus(DiscrepancyStatus status)
{
    switch (status) {
    case DiscrepancyStatus::Open:
        return translated(QT_TRANSLATE_NOOP("ReconciliationText", "Open"));
    case DiscrepancyStatus::Proposed:
        return translated(QT_TRANSLATE_NOOP("ReconciliationText", "Waiting for approval"));
    case DiscrepancyStatus::Resolved:
        return translated(QT_TRANSLATE_NOOP("ReconciliationText", "Resolved"));
    case DiscrepancyStatus::Gone:
        return translated(QT_TRANSLATE_NOOP("ReconciliationText", "Gone in a later run"));
    }
    return {};
}

QString resolution(DiscrepancyResolution resolution)
{
    switch (resolution) {
    case DiscrepancyResolution::ChannelOnlyMarkPaid:
        return translated(QT_TRANSLATE_NOOP("ReconciliationText", "Mark the order paid"));
    case DiscrepancyResolution::ParkInSuspense:
        return translated(QT_TRANSLATE_NOOP("ReconciliationText", "Park in suspense"));
    case DiscrepancyResolution::RefundToPayer:
        return translated(QT_TRANSLATE_NOOP("ReconciliationText", "Refund to the payer"));
    case DiscrepancyResolution::AssignToMerchant:
        return translated(QT_TRANSLATE_NOOP("ReconciliationText", "Assign to a merchant"));
    case DiscrepancyResolution::ReversePayment:
        return translated(QT_TRANSLATE_NOOP("ReconciliationText", "Reverse our payment posting"));
    case DiscrepancyResolution::AdjustAmount:
        return translated(QT_TRANSLATE_NOOP("ReconciliationText", "Adjust the amount"));
    case DiscrepancyResolution::AdjustFee:
        return translated(QT_TRANSLATE_NOOP("ReconciliationText", "Adjust the channel fee"));
    case DiscrepancyResolution::Acknowledge:
        return translated(QT_TRANSLATE_NOOP("ReconciliationText", "Acknowledge, no money moves"));
    }
    return {};
}

QString resolutionHint(DiscrepancyResolution resolution)
{
    switch (resolution) {
    case DiscrepancyResolution::ChannelOnlyMarkPaid:
        return translated(QT_TRANSLATE_NOOP("ReconciliationText",
                                            "The channel has the payment and our order is unpaid: the order is marked "
                                            "paid the way a callback would, posted once, and the merchant notified."));
    case DiscrepancyResolution::ParkInSuspense:
        return translated(QT_TRANSLATE_NOOP("ReconciliationText",
                                            "Money nobody can place yet goes to the suspense account until it is "
                                            "refunded or assigned."));
    case DiscrepancyResolution::RefundToPayer:
        return translated(
            QT_TRANSLATE_NOOP("ReconciliationText", "The parked money goes back to the payer out of suspense."));
    case DiscrepancyResolution::AssignToMerchant:
        return translated(QT_TRANSLATE_NOOP("ReconciliationText",
                                            "The parked money belongs to a merchant after all: it moves from suspense "
                                            "to the merchant's pending balance."));
    case DiscrepancyResolution::ReversePayment:
        return translated(QT_TRANSLATE_NOOP("ReconciliationText",
                                            "The channel confirms it never took the money: our payment posting is "
                                            "reversed by a new entry."));
    case DiscrepancyResolution::AdjustAmount:
        return translated(QT_TRANSLATE_NOOP(
            "ReconciliationText", "The difference between the two amounts is posted by an adjustment entry."));
    case DiscrepancyResolution::AdjustFee:
        return translated(
            QT_TRANSLATE_NOOP("ReconciliationText", "Our channel fee posting is adjusted to the channel's fee."));
    case DiscrepancyResolution::Acknowledge:
        return translated(QT_TRANSLATE_NOOP("ReconciliationText",
                                            "Nothing is posted: no money differs (a line listed twice, say). The note "
                                            "says why."));
    }
    return {};
}

QString poolStatus(const PoolDiscrepancy &discrepancy)
{
    if (discrepancy.status == DiscrepancyStatus::Resolved && discrepancy.parkedEntryId != 0 &&
        discrepancy.resolution == DiscrepancyResolution::ParkInSuspense)
        return translated(QT_TRANSLATE_NOOP("ReconciliationText", "Parked in suspense"));
    return discrepancyStatus(discrepancy.status);
}

QString diffCause(RunDiffCause cause)
{
    switch (cause) {
    case RunDiffCause::StatementChanged:
        return translated(QT_TRANSLATE_NOOP("ReconciliationText", "Another statement file"));
    case RunDiffCause::Resolution:
        return translated(QT_TRANSLATE_NOOP("ReconciliationText", "Resolved in between"));
    case RunDiffCause::SettingsChanged:
        return translated(QT_TRANSLATE_NOOP("ReconciliationText", "Settings changed"));
    case RunDiffCause::OurSideChanged:
        return translated(QT_TRANSLATE_NOOP("ReconciliationText", "Our records changed"));
    }
    return {};
}

QString phase(ReconciliationPhase phase)
{
    switch (phase) {
    case ReconciliationPhase::Fetching:
        return translated(QT_TRANSLATE_NOOP("ReconciliationText", "Downloading the statement"));
    case ReconciliationPhase::Keeping:
        return translated(QT_TRANSLATE_NOOP("ReconciliationText", "Archiving the statement"));
    case ReconciliationPhase::ReadingStatement:
        return translated(QT_TRANSLATE_NOOP("ReconciliationText", "Reading the statement"));
    case ReconciliationPhase::ReadingOurSide:
        return translated(QT_TRANSLATE_NOOP("ReconciliationText", "Reading our payments and refunds"));
    case ReconciliationPhase::Matching:
        return translated(QT_TRANSLATE_NOOP("ReconciliationText", "Matching"));
    case ReconciliationPhase::Writing:
        return translated(QT_TRANSLATE_NOOP("ReconciliationText", "Writing the results"));
    }
    return {};
}

QString recordType(RecordType type)
{
    return type == RecordType::Refund ? translated(QT_TRANSLATE_NOOP("ReconciliationText", "Refund"))
                                      : translated(QT_TRANSLATE_NOOP("ReconciliationText", "Payment"));
}

QString platformStatus(PlatformStatus status)
{
    switch (status) {
    case PlatformStatus::Succeeded:
        return translated(QT_TRANSLATE_NOOP("ReconciliationText", "Succeeded"));
    case PlatformStatus::Pending:
        return translated(QT_TRANSLATE_NOOP("ReconciliationText", "Not paid yet"));
    case PlatformStatus::Failed:
        return translated(QT_TRANSLATE_NOOP("ReconciliationText", "Failed or closed"));
    }
    return {};
}

QString lineStatus(StatementLineStatus status)
{
    switch (status) {
    case StatementLineStatus::Succeeded:
        return translated(QT_TRANSLATE_NOOP("ReconciliationText", "Succeeded"));
    case StatementLineStatus::Revoked:
        return translated(QT_TRANSLATE_NOOP("ReconciliationText", "Revoked"));
    case StatementLineStatus::Processing:
        return translated(QT_TRANSLATE_NOOP("ReconciliationText", "Refund in progress"));
    case StatementLineStatus::Closed:
        return translated(QT_TRANSLATE_NOOP("ReconciliationText", "Refund closed"));
    case StatementLineStatus::Abnormal:
        return translated(QT_TRANSLATE_NOOP("ReconciliationText", "Refund abnormal"));
    }
    return {};
}

QString diffCategory(const std::optional<DiscrepancyCategory> &value)
{
    return category(value.value_or(DiscrepancyCategory::Matched));
}

QString amount(const std::optional<qint64> &minor, const Currency &currency)
{
    if (!minor)
        return QStringLiteral("—");
    return DisplayFormat::money(Money::fromMinor(*minor, currency));
}

QString duration(qint64 milliseconds)
{
    const QLocale locale;
    if (milliseconds < 1)
        return translated(QT_TRANSLATE_NOOP("ReconciliationText", "under 1 ms"));
    if (milliseconds < 1000)
        return translated(QT_TRANSLATE_NOOP("ReconciliationText", "%1 ms")).arg(locale.toString(milliseconds));
    if (milliseconds < 60 * 1000)
        // Tenths of a second from integer arithmetic: "12.4 s".
        return translated(QT_TRANSLATE_NOOP("ReconciliationText", "%1 s"))
            .arg(locale.toString(milliseconds / 1000) + locale.decimalPoint() +
                 QString::number(milliseconds % 1000 / 100));
    const qint64 seconds = milliseconds / 1000;
    return translated(QT_TRANSLATE_NOOP("ReconciliationText", "%1 min %2 s"))
        .arg(locale.toString(seconds / 60))
        .arg(seconds % 60);
}

QString actionError(const Error &error)
{
    switch (error.code()) {
    case ErrorCode::DiscrepancyChangedMeanwhile:
        return translated(QT_TRANSLATE_NOOP("ReconciliationText",
                                            "Another operator changed this discrepancy meanwhile. It has been "
                                            "reloaded: look at it again before you act."));
    case ErrorCode::DiscrepancySelfApproval:
        return translated(QT_TRANSLATE_NOOP("ReconciliationText",
                                            "You proposed this resolution yourself: another approver must approve or "
                                            "reject it."));
    case ErrorCode::DiscrepancyStateConflict:
        return translated(QT_TRANSLATE_NOOP("ReconciliationText",
                                            "The discrepancy's status no longer allows this. It has been reloaded."));
    default:
        return error.message();
    }
}

} // namespace paydesk::ReconciliationText
