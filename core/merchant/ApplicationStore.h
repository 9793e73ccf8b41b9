#pragma once

#include "core/merchant/Application.h"
#include "core/util/Result.h"

#include <QSqlDatabase>

namespace paydesk {

class Database;

// The application and application_key tables: the only place that holds their SQL.
// ApplicationService holds the rules, authorisation, units of work and audit. Reads check the
// stored status and sign types: a name this version does not know is QueryFailed.
namespace ApplicationStore {

// ApplicationUnknown when there is none. forUpdate: lock the row (PostgreSQL).
Result<Application> byId(const QSqlDatabase &db, qint64 id, bool forUpdate = false);
Result<Application> byAppId(const QSqlDatabase &db, const QString &appId, bool forUpdate = false);
// Newest first, below `afterId` when it is > 0, at most `limit` (1–1000).
Result<QList<Application>> list(Database &database, const ApplicationFilter &filter, qint64 afterId, int limit);
Result<bool> appIdTaken(const QSqlDatabase &db, const QString &appId);

// An enabled application at version 1; merchantId 0 for a platform application.
Status insert(const QSqlDatabase &db, const QString &appId, qint64 merchantId, const ApplicationDraft &draft,
              const QDateTime &now, const QString &createdBy);
// false when the row is no longer at `version` (changed meanwhile): nothing was written.
Result<bool> update(const QSqlDatabase &db, qint64 id, int version, const ApplicationDraft &draft,
                    const QDateTime &now);
Result<bool> setEnabled(const QSqlDatabase &db, qint64 id, int version, bool enabled, const QDateTime &now);

// ApplicationKeyInvalid when there is none.
Result<ApplicationKey> keyById(const QSqlDatabase &db, qint64 keyId);
// Newest first.
Result<QList<ApplicationKey>> keysOf(const QSqlDatabase &db, qint64 applicationId);
// Ends, at `until`, the application's keys of that type still valid then; returns their ids.
Result<QStringList> endKeys(const QSqlDatabase &db, qint64 applicationId, SignType type, const QDateTime &until);
// Reserves the id a new key will be inserted under (the vault names its secret after it).
Result<qint64> reserveKeyId(Database &database, const QSqlDatabase &db);
// Inserts the key under key.id (reserved by the caller), valid from and created `now`.
Status insertKey(const QSqlDatabase &db, const ApplicationKey &key, const QDateTime &now);
Status endKey(const QSqlDatabase &db, qint64 keyId, const QDateTime &at);

// How many of the merchant's applications are enabled.
Result<qint64> enabledCount(const QSqlDatabase &db, qint64 merchantId);

} // namespace ApplicationStore
} // namespace paydesk
