#include "core/reconciliation/ReconciliationMetrics.h"

#include "core/reconciliation/DiscrepancyStore.h"
#include "core/reconciliation/ReconciliationRunStore.h"

#include <QDebug>

namespace paydesk::ReconciliationMetrics {

namespace {
constexpr ReconciliationRunStatus kRunStatuses[] = {
    ReconciliationRunStatus::Running, ReconciliationRunStatus::Completed, ReconciliationRunStatus::Failed,
    ReconciliationRunStatus::Cancelled, ReconciliationRunStatus::Abandoned};
constexpr DiscrepancyCategory kPoolCategories[] = {
    DiscrepancyCategory::ChannelOnly,    DiscrepancyCategory::PlatformOnly, DiscrepancyCategory::AmountMismatch,
    DiscrepancyCategory::StatusMismatch, DiscrepancyCategory::FeeMismatch,  DiscrepancyCategory::DuplicateInStatement};
} // namespace

QByteArray render(const QSqlDatabase &db, const QDateTime &now)
{
    auto runs = ReconciliationRunStore::countByStatus(db);
    auto unresolved = DiscrepancyStore::unresolvedByCategory(db);
    if (!runs || !unresolved) {
        qWarning().noquote() << "metrics: reconciliation tables unavailable -"
                             << (runs ? unresolved.error() : runs.error()).message();
        return "# reconciliation tables unavailable\n";
    }
    QByteArray out = "# HELP paydesk_reconciliation_runs Reconciliation runs in the history, by status.\n"
                     "# TYPE paydesk_reconciliation_runs gauge\n";
    for (ReconciliationRunStatus status : kRunStatuses) {
        qint64 count = 0;
        for (const auto &[known, n] : std::as_const(*runs)) {
            if (known == status)
                count = n;
        }
        out += "paydesk_reconciliation_runs{status=\"" + ReconciliationNames::runStatus(status).toLatin1() + "\"} " +
               QByteArray::number(count) + '\n';
    }
    out += "# HELP paydesk_reconciliation_discrepancies_open Discrepancies of the pool not yet resolved (open or "
           "proposed), by category.\n"
           "# TYPE paydesk_reconciliation_discrepancies_open gauge\n";
    QDateTime oldest;
    for (DiscrepancyCategory category : kPoolCategories) {
        qint64 count = 0;
        for (const DiscrepancyTally &tally : std::as_const(*unresolved)) {
            if (tally.category != category)
                continue;
            count = tally.count;
            if (tally.oldestFoundAt.isValid() && (!oldest.isValid() || tally.oldestFoundAt < oldest))
                oldest = tally.oldestFoundAt;
        }
        out += "paydesk_reconciliation_discrepancies_open{category=\"" +
               ReconciliationNames::category(category).toLatin1() + "\"} " + QByteArray::number(count) + '\n';
    }
    const qint64 age = oldest.isValid() ? qMax<qint64>(0, oldest.secsTo(now)) : 0;
    out += "# HELP paydesk_reconciliation_oldest_open_discrepancy_age_seconds Age of the oldest unresolved "
           "discrepancy since it was found (0 when there is none).\n"
           "# TYPE paydesk_reconciliation_oldest_open_discrepancy_age_seconds gauge\n"
           "paydesk_reconciliation_oldest_open_discrepancy_age_seconds " +
           QByteArray::number(age) + '\n';
    return out;
}

} // namespace paydesk::ReconciliationMetrics
