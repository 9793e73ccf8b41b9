#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QSqlDatabase>

namespace paydesk::ReconciliationMetrics {

// The reconciliation part of /metrics (Prometheus text format), read from the database at each
// scrape: runs by status, the unresolved (open or proposed) discrepancies by category, and the age
// of the oldest of them in seconds. Every status and category is always written (0 when none), so
// a series does not come and go with the pool. Empty when the tables cannot be read.
QByteArray render(const QSqlDatabase &db, const QDateTime &now);

} // namespace paydesk::ReconciliationMetrics
