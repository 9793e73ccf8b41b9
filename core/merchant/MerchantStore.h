#pragma once

#include "core/merchant/Merchant.h"
#include "core/merchant/MerchantReference.h"
#include "core/util/Result.h"

#include <QMap>
#include <QSqlDatabase>

#include <optional>

namespace paydesk {

class Database;

// The merchant and merchant_history tables: the only place that holds their SQL (documents are
// MerchantDocumentStore's). MerchantService and MerchantDocuments hold the rules, authorisation,
// units of work and audit. Reads check the stored names and currency: one this version does not
// know is QueryFailed, never a silent default.
namespace MerchantStore {

// MerchantUnknown when there is none. forUpdate: inside a unit of work, locks the row on
// PostgreSQL until the end of it.
Result<Merchant> byId(const QSqlDatabase &db, qint64 id, bool forUpdate = false);
Result<Merchant> byNo(const QSqlDatabase &db, const QString &merchantNo);

// Inserts a new merchant (id and number taken here) inside the caller's unit of work; returns
// its id.
Result<qint64> insert(Database &database, const QSqlDatabase &db, const Merchant &merchant);
// Writes `after` if the stored version is still `after.version`, and bumps the version;
// a row changed meanwhile gives MerchantChangedMeanwhile.
Status update(const QSqlDatabase &db, const Merchant &after);

Status addHistory(const QSqlDatabase &db, qint64 merchantId, const QDateTime &at, const QString &actor,
                  const QString &action, std::optional<MerchantStatus> from = std::nullopt,
                  std::optional<MerchantStatus> to = std::nullopt, const QString &note = QString());
Result<QList<MerchantHistoryEntry>> history(const QSqlDatabase &db, qint64 merchantId);

// What other modules need of a merchant they refer to (MerchantReference::load).
Result<MerchantReference> reference(const QSqlDatabase &db, qint64 id);

// The list: a page reads the primary key in order and stops after
// `limit` matches, so the first pages come back quickly however many merchants there are. The
// text matches a substring of the legal or short name (any case) or a whole merchant number,
// registration number or contact phone; a text that matches nothing reads the table once
// (100,000 merchants: about 30 ms on SQLite and on PostgreSQL). Values are unmasked:
// MerchantService masks them.
constexpr int kMaximumPage = 1000;
// afterId 0: the first page. Otherwise the page after the merchant with this id, in the
// filter's order.
Result<QList<Merchant>> page(const QSqlDatabase &db, const MerchantFilter &filter, qint64 afterId, int limit);
// Merchants per status matching the filter's text and type (its statuses are ignored, so
// every badge shows what choosing it would list).
Result<QMap<MerchantStatus, qint64>> countsByStatus(const QSqlDatabase &db, const MerchantFilter &filter);

} // namespace MerchantStore
} // namespace paydesk
