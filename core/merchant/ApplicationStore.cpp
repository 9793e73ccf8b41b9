#include "core/merchant/ApplicationStore.h"

#include "core/storage/Database.h"
#include "core/storage/Sql.h"
#include "core/storage/StoreSql.h"
#include "core/storage/StoredName.h"
#include "core/util/Error.h"

#include <QSqlQuery>

namespace paydesk::ApplicationStore {

namespace {
const QString kColumns = QStringLiteral(
    "a.id, a.app_id, a.merchant_id, m.merchant_no, a.name, a.methods, a.notify_url, a.ip_allowlist, a.status, "
    "a.created_at, a.created_by, a.updated_at, a.version");
const QString kFrom = QStringLiteral(" FROM application a LEFT JOIN merchant m ON m.id = a.merchant_id");
const QString kKeyColumns = QStringLiteral(
    "id, application_id, kind, public_key, secret_name, fingerprint, valid_from, valid_until, created_at, created_by");

QStringList listOf(const QString &text)
{
    return text.split(QLatin1Char(','), Qt::SkipEmptyParts);
}

// QueryFailed for a state or name this version does not know.
Result<Application> readApplication(const QSqlQuery &q)
{
    Application a;
    a.id = q.value(0).toLongLong();
    a.appId = q.value(1).toString();
    a.merchantId = q.value(2).toLongLong();
    a.merchantNo = q.value(3).toString();
    a.name = q.value(4).toString();
    a.methods = listOf(q.value(5).toString());
    a.notifyUrl = q.value(6).toString();
    a.ipAllowlist = IpAllowlist::parse(listOf(q.value(7).toString())).value_or(IpAllowlist());
    auto enabled = StoredName::flag(q.value(8), "enabled", "disabled", "application.status");
    if (!enabled)
        return enabled.error();
    a.enabled = *enabled;
    a.createdAt = StoreSql::instant(q.value(9));
    a.createdBy = q.value(10).toString();
    a.updatedAt = StoreSql::instant(q.value(11));
    a.version = q.value(12).toInt();
    return a;
}

Result<ApplicationKey> readKey(const QSqlQuery &q)
{
    ApplicationKey k;
    k.id = q.value(0).toLongLong();
    k.applicationId = q.value(1).toLongLong();
    auto type = StoredName::read<SignType>(q.value(2), ApplicationNames::signTypeFromName, "application_key.sign_type");
    if (!type)
        return type.error();
    k.type = *type;
    k.publicKeyPem = q.value(3).toString();
    k.secretName = q.value(4).toString();
    k.fingerprint = q.value(5).toString();
    k.validFrom = StoreSql::instant(q.value(6));
    k.validUntil = StoreSql::instant(q.value(7));
    k.createdAt = StoreSql::instant(q.value(8));
    k.createdBy = q.value(9).toString();
    return k;
}

bool isPostgres(const QSqlDatabase &db)
{
    return db.driverName() == QLatin1String("QPSQL");
}

Result<Application> one(const QSqlDatabase &db, const QString &column, const QVariant &value, bool forUpdate)
{
    const QString lock = forUpdate && isPostgres(db) ? QStringLiteral(" FOR UPDATE OF a") : QString();
    auto query = Sql::run(db,
                          QStringLiteral("SELECT ") + kColumns + kFrom + QStringLiteral(" WHERE a.") + column +
                              QStringLiteral(" = ?") + lock,
                          {value});
    if (!query)
        return query.error();
    if (!query->next())
        return Error(ErrorCode::ApplicationUnknown, value.toString());
    return readApplication(*query);
}

QVariant merchantOrNull(qint64 merchantId)
{
    return merchantId > 0 ? QVariant(merchantId) : QVariant(QMetaType(QMetaType::LongLong));
}
} // namespace

Result<Application> byId(const QSqlDatabase &db, qint64 id, bool forUpdate)
{
    return one(db, QStringLiteral("id"), id, forUpdate);
}

Result<Application> byAppId(const QSqlDatabase &db, const QString &appId, bool forUpdate)
{
    return one(db, QStringLiteral("app_id"), appId, forUpdate);
}

Result<QList<Application>> list(Database &database, const ApplicationFilter &filter, qint64 afterId, int limit)
{
    QStringList conditions;
    QVariantList values;
    if (afterId > 0) {
        conditions << QStringLiteral("a.id < ?");
        values << afterId;
    }
    if (filter.scope == ApplicationFilter::Scope::Platform) {
        conditions << QStringLiteral("a.merchant_id IS NULL");
    } else if (filter.scope == ApplicationFilter::Scope::Merchant) {
        conditions << QStringLiteral("a.merchant_id = ?");
        values << filter.merchantId;
    }
    const QString text = filter.text.trimmed();
    if (!text.isEmpty()) {
        conditions << QLatin1Char('(') + StoreSql::containsCondition(database, QStringLiteral("a.app_id")) +
                          QStringLiteral(" OR ") + StoreSql::containsCondition(database, QStringLiteral("a.name")) +
                          QLatin1Char(')');
        values << StoreSql::containsPattern(text) << StoreSql::containsPattern(text);
    }
    QString sql = QStringLiteral("SELECT ") + kColumns + kFrom;
    if (!conditions.isEmpty())
        sql += QStringLiteral(" WHERE ") + conditions.join(QStringLiteral(" AND "));
    sql += QStringLiteral(" ORDER BY a.id DESC LIMIT %1").arg(qBound(1, limit, 1000));
    auto connection = database.connection();
    if (!connection)
        return connection.error();
    return Sql::readAll<Application>(Sql::run(*connection, sql, values), readApplication);
}

Result<bool> appIdTaken(const QSqlDatabase &db, const QString &appId)
{
    auto taken = Sql::scalar(db, QStringLiteral("SELECT count(*) FROM application WHERE app_id = ?"), {appId});
    if (!taken)
        return taken.error();
    return taken->toLongLong() > 0;
}

Status insert(const QSqlDatabase &db, const QString &appId, qint64 merchantId, const ApplicationDraft &draft,
              const QDateTime &now, const QString &createdBy)
{
    const qint64 at = StoreSql::nowMs(now);
    return Sql::exec(db,
                     QStringLiteral("INSERT INTO application (app_id, merchant_id, name, methods, notify_url, "
                                    "ip_allowlist, status, created_at, created_by, updated_at, version) "
                                    "VALUES (?, ?, ?, ?, ?, ?, 'enabled', ?, ?, ?, 1)"),
                     {appId, merchantOrNull(merchantId), draft.name, draft.methods.join(QLatin1Char(',')),
                      StoreSql::text(draft.notifyUrl), StoreSql::text(draft.ipAllowlist.join(QLatin1Char(','))), at,
                      createdBy, at});
}

Result<bool> update(const QSqlDatabase &db, qint64 id, int version, const ApplicationDraft &draft, const QDateTime &now)
{
    auto changed = StoreSql::changedRows(
        db,
        QStringLiteral("UPDATE application SET name = ?, methods = ?, notify_url = ?, ip_allowlist = ?, "
                       "updated_at = ?, version = version + 1 WHERE id = ? AND version = ?"),
        {draft.name, draft.methods.join(QLatin1Char(',')), StoreSql::text(draft.notifyUrl),
         StoreSql::text(draft.ipAllowlist.join(QLatin1Char(','))), StoreSql::nowMs(now), id, version});
    if (!changed)
        return changed.error();
    return *changed == 1;
}

Result<bool> setEnabled(const QSqlDatabase &db, qint64 id, int version, bool enabled, const QDateTime &now)
{
    auto changed = StoreSql::changedRows(
        db,
        QStringLiteral(
            "UPDATE application SET status = ?, updated_at = ?, version = version + 1 WHERE id = ? AND version = ?"),
        {enabled ? QStringLiteral("enabled") : QStringLiteral("disabled"), StoreSql::nowMs(now), id, version});
    if (!changed)
        return changed.error();
    return *changed == 1;
}

Result<ApplicationKey> keyById(const QSqlDatabase &db, qint64 keyId)
{
    auto query = Sql::run(
        db, QStringLiteral("SELECT ") + kKeyColumns + QStringLiteral(" FROM application_key WHERE id = ?"), {keyId});
    if (!query)
        return query.error();
    if (!query->next())
        return Error(ErrorCode::ApplicationKeyInvalid, QStringLiteral("no key %1").arg(keyId));
    return readKey(*query);
}

Result<QList<ApplicationKey>> keysOf(const QSqlDatabase &db, qint64 applicationId)
{
    return Sql::readAll<ApplicationKey>(
        Sql::run(db,
                 QStringLiteral("SELECT ") + kKeyColumns +
                     QStringLiteral(" FROM application_key WHERE application_id = ? ORDER BY id DESC"),
                 {applicationId}),
        readKey);
}

Result<QStringList> endKeys(const QSqlDatabase &db, qint64 applicationId, SignType type, const QDateTime &until)
{
    const qint64 end = until.toMSecsSinceEpoch();
    auto ids = Sql::run(db,
                        QStringLiteral("SELECT id FROM application_key WHERE application_id = ? AND kind = ? "
                                       "AND (valid_until IS NULL OR valid_until > ?) ORDER BY id"),
                        {applicationId, ApplicationNames::signType(type), end});
    if (!ids)
        return ids.error();
    QStringList ended;
    while (ids->next())
        ended << ids->value(0).toString();
    ids->finish();
    if (ended.isEmpty())
        return ended;
    auto updated =
        Sql::exec(db,
                  QStringLiteral("UPDATE application_key SET valid_until = ? WHERE application_id = ? AND kind = ? "
                                 "AND (valid_until IS NULL OR valid_until > ?)"),
                  {end, applicationId, ApplicationNames::signType(type), end});
    if (!updated)
        return updated.error();
    return ended;
}

Result<qint64> reserveKeyId(Database &database, const QSqlDatabase &db)
{
    return StoreSql::reserveId(database, db, QStringLiteral("application_key"));
}

Status insertKey(const QSqlDatabase &db, const ApplicationKey &key, const QDateTime &now)
{
    return Sql::exec(
        db,
        QStringLiteral("INSERT INTO application_key (id, application_id, kind, public_key, secret_name, "
                       "fingerprint, valid_from, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"),
        {key.id, key.applicationId, ApplicationNames::signType(key.type), StoreSql::text(key.publicKeyPem),
         StoreSql::text(key.secretName), key.fingerprint, now.toMSecsSinceEpoch(), now.toMSecsSinceEpoch(),
         key.createdBy});
}

Status endKey(const QSqlDatabase &db, qint64 keyId, const QDateTime &at)
{
    return Sql::exec(db, QStringLiteral("UPDATE application_key SET valid_until = ? WHERE id = ?"),
                     {at.toMSecsSinceEpoch(), keyId});
}

Result<qint64> enabledCount(const QSqlDatabase &db, qint64 merchantId)
{
    auto count =
        Sql::scalar(db, QStringLiteral("SELECT count(*) FROM application WHERE merchant_id = ? AND status = 'enabled'"),
                    {merchantId});
    if (!count)
        return count.error();
    return count->toLongLong();
}

} // namespace paydesk::ApplicationStore
