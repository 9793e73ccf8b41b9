#pragma once

#include "core/payment/search/OrderStory.h"

#include <QSqlDatabase>

namespace paydesk {

// The order story's reconciliation lines (source "reconciliation"): each run that reconciled the
// order's payment day and what it found for the order — "matched", or an item with its category
// ("item", result the category) — and the pool's discrepancies of the order with their proposals and
// decisions ("discrepancy", "resolution_proposed", "resolution_approved", "resolution_rejected").
namespace ReconciliationStory {

Result<QList<StoryItem>> linesOf(const QSqlDatabase &db, const PaymentOrder &order);

} // namespace ReconciliationStory
} // namespace paydesk
