#pragma once

#include "core/reconciliation/ReconciliationRecords.h"
#include "core/reconciliation/ReconciliationSummary.h"
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

// Streams the day's payments and refunds to onRecord, on any thread (through that thread's
// connection); false from onRecord stops it with Cancelled.
Status forEachOfTheDay(Database &database, qint64 channelAccountId, const QDate &billDate, const QTimeZone &zone,
                       const std::function<bool(const PlatformRecord &)> &onRecord);

// The previous date's carried_over items, fed into the matcher again. Returns how many.
Result<qint64> feedCarriedOver(Database &database, qint64 channelAccountId, const QDate &billDate,
                               ReconciliationMatcher &matcher);

// A channel_only payment names an order number: when we have that order but do not hold it as
// paid (a missed callback), its item gets our side too, so that a person (and a resolution) can
// tell it from "no such order of ours". One batched lookup for all of them, after the match: the
// day's unpaid orders are never streamed through the matcher.
Status addUnpaidOrders(Database &database, qint64 channelAccountId, QList<ReconciliationItem> &items);

// A channel_only refund names our refund number: when we hold that refund as requested,
// processing or failed while the channel lists it as made, the channel refunded and we did not
// (yet): its item gets our side and becomes a status_mismatch, and the summary's counts move with
// it. (A refund line with no refund of ours at all stays channel_only: money left at the channel
// that we have no record of.) One batched lookup, after the match.
Status reclassifyUnfinishedRefunds(Database &database, qint64 channelAccountId, QList<ReconciliationItem> &items,
                                   ReconciliationSummary &summary);

} // namespace PlatformSide
} // namespace paydesk
