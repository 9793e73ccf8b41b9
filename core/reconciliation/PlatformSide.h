#pragma once

#include "core/reconciliation/ReconciliationRecords.h"
#include "core/util/Result.h"

#include <QDate>
#include <QTimeZone>

#include <functional>

namespace paydesk {

class Database;
class ReconciliationMatcher;

// Our side of one channel account's business day, as a run feeds it to the matcher: the payments
// paid and the refunds succeeded between the day's midnights (in the platform's zone), and what
// the previous day's run carried over (日切). SQL is in ReconciliationSourceStore and
// ReconciliationRunStore.
namespace PlatformSide {

// Called every so many records: returning an error stops the feed with it (the run's heartbeat
// and cancel flag live there).
using Pulse = std::function<Status(qint64 records)>;

// Streams the day's payments and refunds, then the previous date's carried_over items, into the
// matcher. Returns how many records went in.
Result<qint64> feed(Database &database, qint64 channelAccountId, const QDate &billDate, const QTimeZone &zone,
                    ReconciliationMatcher &matcher, const Pulse &pulse);

// A channel_only payment names an order number: when we have that order but do not hold it as
// paid (a missed callback), its item gets our side too, so that a person (and a resolution) can
// tell it from "no such order of ours". One batched lookup for all of them, after the match: the
// day's unpaid orders are never streamed through the matcher.
Status addUnpaidOrders(Database &database, qint64 channelAccountId, QList<ReconciliationItem> &items);

} // namespace PlatformSide
} // namespace paydesk
