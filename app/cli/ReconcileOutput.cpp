#include "app/cli/ReconcileOutput.h"

#include "app/cli/CliCommand.h"
#include "core/money/Money.h"
#include "core/reconciliation/ReconciliationSummaryJson.h"

#include <QJsonArray>

namespace paydesk::cli::ReconcileOutput {

namespace {
const RecordType kTypes[] = {RecordType::Payment, RecordType::Refund};

QString key(const char *text)
{
    return QString::fromLatin1(text);
}

QString decimal(qint64 minor, Currency currency)
{
    return Money::fromMinor(minor, currency).toString();
}

QJsonValue optionalDecimal(const std::optional<qint64> &minor, Currency currency)
{
    return minor ? QJsonValue(decimal(*minor, currency)) : QJsonValue(QJsonValue::Null);
}

QJsonValue time(const QDateTime &at)
{
    return at.isValid() ? QJsonValue(at.toUTC().toString(Qt::ISODate)) : QJsonValue(QJsonValue::Null);
}

QJsonValue id(qint64 value)
{
    return value ? QJsonValue(value) : QJsonValue(QJsonValue::Null);
}

QString categoryOrMatched(const std::optional<DiscrepancyCategory> &category)
{
    return ReconciliationNames::category(category.value_or(DiscrepancyCategory::Matched));
}

// The money a category's items concern (see Tallies::amounts).
qint64 amountOf(DiscrepancyCategory category, const CategoryTally &tally, bool *overflow)
{
    switch (category) {
    case DiscrepancyCategory::PlatformOnly:
        return tally.platformAmount;
    case DiscrepancyCategory::CarriedOver: {
        qint64 sum = 0; // each carried item has one side
        *overflow = *overflow || addOverflows(tally.channelAmount, tally.platformAmount, &sum);
        return sum;
    }
    default:
        return tally.channelAmount;
    }
}

QString itemAmounts(const ReconciliationItem &item)
{
    QStringList sides;
    if (item.channelAmount)
        sides << Cli::tr("channel %1").arg(decimal(*item.channelAmount, item.currency));
    if (item.platformAmount)
        sides << Cli::tr("ours %1").arg(decimal(*item.platformAmount, item.currency));
    return sides.join(QStringLiteral(", "));
}
} // namespace

qint64 Tallies::discrepancies() const
{
    qint64 total = 0;
    for (int c = 0; c < kDiscrepancyCategoryCount; ++c) {
        const auto category = DiscrepancyCategory(c);
        if (category != DiscrepancyCategory::Matched && category != DiscrepancyCategory::CarriedOver)
            total += counts[c];
    }
    return total;
}

Result<Tallies> talliesOf(const ReconciliationSummary &summary)
{
    Tallies tallies;
    if (summary.currency.isValid())
        tallies.currency = summary.currency;
    bool overflow = false;
    for (int c = 0; c < kDiscrepancyCategoryCount; ++c) {
        for (RecordType type : kTypes) {
            const CategoryTally &tally = summary.of(DiscrepancyCategory(c), type);
            const qint64 amount = amountOf(DiscrepancyCategory(c), tally, &overflow);
            if (addOverflows(tallies.counts[c], tally.count, &tallies.counts[c]) ||
                addOverflows(tallies.amounts[c], amount, &tallies.amounts[c]))
                overflow = true;
        }
    }
    if (overflow)
        return Error(ErrorCode::ArithmeticOverflow, QStringLiteral("reconciliation totals"));
    return tallies;
}

Result<Tallies> talliesOf(const ReconciliationRun &run)
{
    auto summary = ReconciliationSummaryJson::read(run.summary);
    if (!summary)
        return summary.error();
    return talliesOf(*summary);
}

QJsonObject runObject(qint64 runId, const QString &account, const QDate &date, ReconciliationRunStatus status,
                      const Tallies &tallies)
{
    QJsonObject counts;
    QJsonObject amounts;
    for (int c = 0; c < kDiscrepancyCategoryCount; ++c) {
        const QString name = ReconciliationNames::category(DiscrepancyCategory(c));
        counts.insert(name, tallies.counts[c]);
        amounts.insert(name, decimal(tallies.amounts[c], tallies.currency));
    }
    return QJsonObject{{key("run_id"), runId},
                       {key("channel_account"), account},
                       {key("date"), date.toString(Qt::ISODate)},
                       {key("status"), ReconciliationNames::runStatus(status)},
                       {key("currency"), tallies.currency.code()},
                       {key("counts"), counts},
                       {key("amounts"), amounts}};
}

QJsonObject historyObject(const ReconciliationRun &run, const QString &account, const Tallies &tallies)
{
    QJsonObject object = runObject(run.id, account, run.billDate, run.status, tallies);
    object.insert(key("started_by"), run.startedBy);
    object.insert(key("started_at"), time(run.startedAt));
    object.insert(key("finished_at"), time(run.finishedAt));
    object.insert(key("superseded_by_run_id"), id(run.supersededByRunId));
    object.insert(key("file"), run.settings.value(key("file")).toString());
    object.insert(key("error"), run.error);
    return object;
}

QJsonObject itemObject(const ReconciliationItem &item)
{
    return QJsonObject{
        {key("id"), item.id},
        {key("category"), ReconciliationNames::category(item.category)},
        {key("type"), ReconciliationNames::recordType(item.type)},
        {key("match_key"), item.matchKey},
        {key("order_no"), item.orderNo},
        {key("refund_no"), item.refundNo},
        {key("channel_transaction_id"), item.channelTransactionId},
        {key("channel_refund_no"), item.channelRefundNo},
        {key("currency"), item.currency.code()},
        {key("channel_amount"), optionalDecimal(item.channelAmount, item.currency)},
        {key("platform_amount"), optionalDecimal(item.platformAmount, item.currency)},
        {key("channel_fee"), optionalDecimal(item.channelFee, item.currency)},
        {key("platform_fee"), optionalDecimal(item.platformFee, item.currency)},
        {key("channel_status"),
         item.channelStatus ? QJsonValue(statementLineStatusName(*item.channelStatus)) : QJsonValue::Null},
        {key("platform_status"), item.platformStatus
                                     ? QJsonValue(ReconciliationNames::platformStatus(*item.platformStatus))
                                     : QJsonValue::Null},
        {key("trade_time"), time(item.tradeTime)},
        {key("platform_time"), time(item.platformTime)},
        {key("statement_file"), item.statementFile},
        {key("line"), item.lineNumber},
        {key("carried"), item.carried},
    };
}

QJsonObject discrepancyObject(const PoolDiscrepancy &d, const QString &account)
{
    return QJsonObject{
        {key("id"), d.id},
        {key("channel_account"), account},
        {key("date"), d.billDate.toString(Qt::ISODate)},
        {key("type"), ReconciliationNames::recordType(d.type)},
        {key("category"), ReconciliationNames::category(d.category)},
        {key("status"), ReconciliationNames::discrepancyStatus(d.status)},
        {key("match_key"), d.matchKey},
        {key("order_no"), d.orderNo},
        {key("refund_no"), d.refundNo},
        {key("channel_transaction_id"), d.channelTransactionId},
        {key("currency"), d.item.currency.code()},
        {key("channel_amount"), optionalDecimal(d.item.channelAmount, d.item.currency)},
        {key("platform_amount"), optionalDecimal(d.item.platformAmount, d.item.currency)},
        {key("merchant_id"), id(d.merchantId)},
        {key("found_at"), time(d.foundAt)},
        {key("latest_run_id"), d.latestRunId},
        {key("resolution"),
         d.resolution ? QJsonValue(ReconciliationNames::resolution(*d.resolution)) : QJsonValue::Null},
        {key("proposed_by"), d.proposedBy},
        {key("note"), d.note},
        {key("decided_by"), d.decidedBy},
        {key("reject_reason"), d.rejectReason},
        {key("ledger_entry_id"), id(d.ledgerEntryId)},
        {key("parked_entry_id"), id(d.parkedEntryId)},
        {key("assign_merchant_no"), d.assignMerchantNo},
        {key("version"), d.version},
    };
}

QJsonObject diffObject(const ReconciliationRunDiff &diff, const QString &account)
{
    QJsonArray lines;
    for (const RunDiffLine &line : diff.lines) {
        lines.append(QJsonObject{{key("match_key"), line.matchKey},
                                 {key("type"), ReconciliationNames::recordType(line.type)},
                                 {key("order_no"), line.orderNo},
                                 {key("refund_no"), line.refundNo},
                                 {key("channel_transaction_id"), line.channelTransactionId},
                                 {key("older_category"), categoryOrMatched(line.olderCategory)},
                                 {key("newer_category"), categoryOrMatched(line.newerCategory)},
                                 {key("cause"), ReconciliationNames::runDiffCause(line.cause)}});
    }
    return QJsonObject{{key("older_run_id"), diff.older.id},
                       {key("newer_run_id"), diff.newer.id},
                       {key("channel_account"), account},
                       {key("date"), diff.older.billDate.toString(Qt::ISODate)},
                       {key("same_statement"), diff.sameStatement},
                       {key("same_settings"), diff.sameSettings},
                       {key("lines"), lines}};
}

void printTallies(QTextStream &out, const Tallies &tallies)
{
    for (int c = 0; c < kDiscrepancyCategoryCount; ++c) {
        out << "  " << ReconciliationNames::category(DiscrepancyCategory(c)).leftJustified(24)
            << QString::number(tallies.counts[c]).rightJustified(10) << "  "
            << decimal(tallies.amounts[c], tallies.currency).rightJustified(16) << '\n';
    }
}

void printRunLine(QTextStream &out, const ReconciliationRun &run, const QString &account, const Tallies &tallies)
{
    out << Cli::tr("%1  %2  %3  %4  matched %5, discrepancies %6, carried over %7%8")
               .arg(QString::number(run.id).rightJustified(6), run.billDate.toString(Qt::ISODate), account,
                    ReconciliationNames::runStatus(run.status).leftJustified(9))
               .arg(tallies.counts[int(DiscrepancyCategory::Matched)])
               .arg(tallies.discrepancies())
               .arg(tallies.counts[int(DiscrepancyCategory::CarriedOver)])
               .arg(run.supersededByRunId ? Cli::tr(" (superseded by %1)").arg(run.supersededByRunId) : QString())
        << '\n';
}

void printItem(QTextStream &out, const ReconciliationItem &item)
{
    out << QStringLiteral("  %1 %2 %3  %4  %5")
               .arg(ReconciliationNames::category(item.category).leftJustified(22),
                    ReconciliationNames::recordType(item.type).leftJustified(7), item.matchKey,
                    item.channelTransactionId.isEmpty() ? QStringLiteral("-") : item.channelTransactionId,
                    itemAmounts(item));
    if (!item.statementFile.isEmpty())
        out << QStringLiteral("  %1:%2").arg(item.statementFile).arg(item.lineNumber);
    out << '\n';
}

void printDiscrepancy(QTextStream &out, const PoolDiscrepancy &d, const QString &account)
{
    out << Cli::tr("%1  %2  %3  %4  %5  %6  %7  version %8%9")
               .arg(QString::number(d.id).rightJustified(6), d.billDate.toString(Qt::ISODate), account,
                    ReconciliationNames::category(d.category).leftJustified(22),
                    ReconciliationNames::discrepancyStatus(d.status).leftJustified(8), d.matchKey, itemAmounts(d.item))
               .arg(d.version)
               .arg(d.resolution
                        ? Cli::tr("  %1 by %2").arg(ReconciliationNames::resolution(*d.resolution), d.proposedBy)
                        : QString())
        << '\n';
}

void printDiff(QTextStream &out, const ReconciliationRunDiff &diff, const QString &account)
{
    out << Cli::tr("Runs %1 and %2 of %3 for %4")
               .arg(diff.older.id)
               .arg(diff.newer.id)
               .arg(account, diff.older.billDate.toString(Qt::ISODate))
        << '\n';
    out << (diff.sameStatement ? Cli::tr("Statement: the same file") : Cli::tr("Statement: different files")) << '\n';
    out << (diff.sameSettings ? Cli::tr("Settings: the same") : Cli::tr("Settings: changed")) << '\n';
    if (diff.lines.isEmpty()) {
        out << Cli::tr("No item changed category.") << '\n';
        return;
    }
    out << Cli::tr("%n item(s) changed category:", nullptr, int(diff.lines.size())) << '\n';
    for (const RunDiffLine &line : diff.lines) {
        out << QStringLiteral("  %1 %2  %3 -> %4  (%5)")
                   .arg(ReconciliationNames::recordType(line.type).leftJustified(7), line.matchKey,
                        categoryOrMatched(line.olderCategory), categoryOrMatched(line.newerCategory),
                        ReconciliationNames::runDiffCause(line.cause))
            << '\n';
    }
}

} // namespace paydesk::cli::ReconcileOutput
