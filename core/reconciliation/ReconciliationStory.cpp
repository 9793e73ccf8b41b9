#include "core/reconciliation/ReconciliationStory.h"

#include "core/reconciliation/DiscrepancyStore.h"
#include "core/reconciliation/ReconciliationRunStore.h"
#include "core/util/Clock.h"

#include <QSet>

namespace paydesk::ReconciliationStory {

namespace {
const QString kSource = QStringLiteral("reconciliation");

StoryItem line(const QDateTime &at, const QString &kind, const QString &result, const QJsonObject &raw,
               const QString &refundNo = QString())
{
    StoryItem item;
    item.at = at;
    item.source = kSource;
    item.kind = kind;
    item.result = result;
    item.refundNo = refundNo;
    item.raw = raw;
    return item;
}

QJsonObject runOf(const ReconciliationRun &run)
{
    return {{QStringLiteral("run_id"), QString::number(run.id)},
            {QStringLiteral("bill_date"), run.billDate.toString(Qt::ISODate)},
            {QStringLiteral("started_by"), run.startedBy}};
}

void addItemLines(const QList<ReconciliationItem> &items, const QHash<qint64, ReconciliationRun> &runs,
                  QList<StoryItem> *lines)
{
    for (const ReconciliationItem &item : items) {
        const ReconciliationRun run = runs.value(item.runId);
        QJsonObject raw = runOf(run);
        raw.insert(QStringLiteral("category"), ReconciliationNames::category(item.category));
        raw.insert(QStringLiteral("statement_file"), item.statementFile);
        raw.insert(QStringLiteral("line"), item.lineNumber);
        if (item.channelAmount)
            raw.insert(QStringLiteral("channel_amount"), QString::number(*item.channelAmount));
        if (item.platformAmount)
            raw.insert(QStringLiteral("our_amount"), QString::number(*item.platformAmount));
        if (item.channelFee)
            raw.insert(QStringLiteral("channel_fee"), QString::number(*item.channelFee));
        if (item.platformFee)
            raw.insert(QStringLiteral("our_fee"), QString::number(*item.platformFee));
        lines->append(line(run.finishedAt, QStringLiteral("item"), ReconciliationNames::category(item.category), raw,
                           item.refundNo));
    }
}
} // namespace

Result<QList<StoryItem>> linesOf(const QSqlDatabase &db, const PaymentOrder &order)
{
    QList<StoryItem> lines;
    auto items = ReconciliationRunStore::itemsOfOrder(db, order.orderNo);
    if (!items)
        return items.error();
    QHash<qint64, ReconciliationRun> runs;
    QSet<qint64> runsListingThePayment;
    for (const ReconciliationItem &item : std::as_const(*items)) {
        if (!runs.contains(item.runId)) {
            auto run = ReconciliationRunStore::byId(db, item.runId);
            if (!run)
                return run.error();
            runs.insert(item.runId, *run);
        }
        if (item.type == RecordType::Payment)
            runsListingThePayment.insert(item.runId);
    }
    addItemLines(*items, runs, &lines);
    // The day's current run that did not list the payment matched it.
    if (order.paidAt.isValid()) {
        const QDate paidDay = order.paidAt.toTimeZone(Clock::platformTimeZone()).date();
        auto current = ReconciliationRunStore::current(db, order.channelAccountId, paidDay);
        if (!current)
            return current.error();
        if (*current && !runsListingThePayment.contains((*current)->id))
            lines << line((*current)->finishedAt, QStringLiteral("matched"), QStringLiteral("ok"), runOf(**current));
    }
    auto discrepancies = DiscrepancyStore::ofOrder(db, order.orderNo);
    if (!discrepancies)
        return discrepancies.error();
    for (const PoolDiscrepancy &d : std::as_const(*discrepancies)) {
        const QJsonObject base{{QStringLiteral("discrepancy_id"), QString::number(d.id)},
                               {QStringLiteral("category"), ReconciliationNames::category(d.category)},
                               {QStringLiteral("bill_date"), d.billDate.toString(Qt::ISODate)}};
        lines << line(d.foundAt, QStringLiteral("discrepancy"), ReconciliationNames::category(d.category), base,
                      d.refundNo);
        if (d.proposedAt.isValid() && d.resolution) {
            QJsonObject raw = base;
            raw.insert(QStringLiteral("proposed_by"), d.proposedBy);
            raw.insert(QStringLiteral("note"), d.note);
            lines << line(d.proposedAt, QStringLiteral("resolution_proposed"),
                          ReconciliationNames::resolution(*d.resolution), raw, d.refundNo);
        }
        if (d.decidedAt.isValid()) {
            QJsonObject raw = base;
            raw.insert(QStringLiteral("decided_by"), d.decidedBy);
            const bool rejected = !d.rejectReason.isEmpty() && d.status != DiscrepancyStatus::Resolved;
            if (rejected)
                raw.insert(QStringLiteral("reason"), d.rejectReason);
            if (d.ledgerEntryId)
                raw.insert(QStringLiteral("entry"), QString::number(d.ledgerEntryId));
            lines << line(d.decidedAt,
                          rejected ? QStringLiteral("resolution_rejected") : QStringLiteral("resolution_approved"),
                          d.resolution ? ReconciliationNames::resolution(*d.resolution) : QStringLiteral("rejected"),
                          raw, d.refundNo);
        }
    }
    return lines;
}

} // namespace paydesk::ReconciliationStory
