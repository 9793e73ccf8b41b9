#pragma once

#include "core/reconciliation/ReconciliationSummary.h"

#include <QJsonObject>

namespace paydesk {

// A run's summary as recon_run.summary keeps it and scripts read it: counts and amounts (integers
// of minor units) per category and record type, both sides' totals, what was carried in, how the
// match ran, and how long the run took:
//   {"currency":"CNY","duration_ms":n,"partitions":n,"spilled_bytes":n,
//    "carried_in":{"channel":n,"platform":n},
//    "channel":{"payment":{"count":n,"amount":n,"fee":n},"refund":{…}},"platform":{…},
//    "categories":{"matched":{"payment":{"count":n,"channel_amount":n,"platform_amount":n},
//                  "refund":{…}},"channel_only":{…},…},
//    "agreed_no_money":{"payment":{…},"refund":{…}}}
namespace ReconciliationSummaryJson {

QJsonObject write(const ReconciliationSummary &summary, qint64 durationMs);
// Missing parts read as zero (a run that failed early has none); CurrencyUnknown for a currency
// this version does not know, JsonMalformed for a category name it does not know.
Result<ReconciliationSummary> read(const QJsonObject &json, qint64 *durationMs = nullptr);

} // namespace ReconciliationSummaryJson
} // namespace paydesk
