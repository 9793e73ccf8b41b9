#include "core/channel/account/ChannelAccountStore.h"

#include "core/channel/ChannelNames.h"
#include "core/storage/Sql.h"
#include "core/storage/StoredName.h"

namespace paydesk::ChannelAccountStore {

namespace {
const QString kColumns = QStringLiteral("id, name, channel, mode, owner_merchant_id, channel_merchant_id, "
                                        "sub_merchant_id, channel_app_id, base_url, file_url, "
                                        "notify_url, ca_certificates, currency, per_transaction_limit, daily_limit, "
                                        "status, last_test_at, last_test_result, "
                                        "created_at, created_by, updated_at, version, trust_changed_at");

QDateTime instant(const QVariant &value)
{
    return value.isNull() ? QDateTime() : QDateTime::fromMSecsSinceEpoch(value.toLongLong(), Qt::UTC);
}

// A null QString would be bound as NULL; the text columns are NOT NULL with '' for "none".
QString text(const QString &value)
{
    return value.isNull() ? QStringLiteral("") : value;
}

QVariant nullableId(qint64 id)
{
    return id > 0 ? QVariant(id) : QVariant(QMetaType::fromType<qint64>());
}

Result<ChannelAccount> fromRow(const QSqlQuery &row)
{
    ChannelAccount account;
    account.id = row.value(0).toLongLong();
    account.name = row.value(1).toString();
    if (!ChannelNames::channelFromName(row.value(2).toString(), &account.channel))
        return Error(ErrorCode::ChannelAccountInvalid,
                     QStringLiteral("stored channel %1").arg(row.value(2).toString()));
    if (!ChannelAccount::modeFromName(row.value(3).toString(), &account.mode))
        return Error(ErrorCode::ChannelAccountInvalid, QStringLiteral("stored mode %1").arg(row.value(3).toString()));
    account.ownerMerchantId = row.value(4).isNull() ? 0 : row.value(4).toLongLong();
    account.channelMerchantId = row.value(5).toString();
    account.subMerchantId = row.value(6).toString();
    account.channelAppId = row.value(7).toString();
    account.baseUrl = row.value(8).toString();
    account.fileUrl = row.value(9).toString();
    account.notifyUrl = row.value(10).toString();
    account.caCertificates = row.value(11).toString().toUtf8();
    auto currency = Currency::fromCode(row.value(12).toString());
    if (!currency)
        return currency.error().within(QStringLiteral("channel account %1").arg(account.name));
    account.currency = *currency;
    account.perTransactionLimit = Money::fromMinor(row.value(13).toLongLong(), *currency);
    account.dailyLimit = Money::fromMinor(row.value(14).toLongLong(), *currency);
    auto enabled = StoredName::flag(row.value(15), "enabled", "disabled", "channel_account.status");
    if (!enabled)
        return enabled.error();
    account.enabled = *enabled;
    account.lastTestAt = instant(row.value(16));
    account.lastTestResult = row.value(17).toString();
    account.createdAt = instant(row.value(18));
    account.createdBy = row.value(19).toString();
    account.updatedAt = instant(row.value(20));
    account.version = row.value(21).toInt();
    account.trustChangedAt = instant(row.value(22));
    return account;
}

Result<QList<ChannelAccount>> select(const QSqlDatabase &db, const QString &where, const QVariantList &values)
{
    return Sql::readAll<ChannelAccount>(
        Sql::run(db, QStringLiteral("SELECT ") + kColumns + QStringLiteral(" FROM channel_account ") + where, values),
        fromRow);
}

Result<ChannelAccount> one(const QSqlDatabase &db, const QString &where, const QVariant &value)
{
    auto found = select(db, where, {value});
    if (!found)
        return found.error();
    if (found->isEmpty())
        return Error(ErrorCode::ChannelAccountUnknown, value.toString());
    return found->first();
}

// The columns a create or an update writes, in kEditable's order.
QVariantList editableValues(const ChannelAccount &account)
{
    return {text(account.name),
            ChannelAccount::modeName(account.mode),
            nullableId(account.mode == ChannelAccountMode::Own ? account.ownerMerchantId : 0),
            text(account.channelMerchantId),
            text(account.subMerchantId),
            text(account.channelAppId),
            text(account.baseUrl),
            text(account.fileUrl),
            text(account.notifyUrl),
            text(QString::fromUtf8(account.caCertificates)),
            account.currency.code(),
            account.perTransactionLimit.minor(),
            account.dailyLimit.minor(),
            account.enabled ? QStringLiteral("enabled") : QStringLiteral("disabled")};
}
const QStringList kEditable = {QStringLiteral("name"),
                               QStringLiteral("mode"),
                               QStringLiteral("owner_merchant_id"),
                               QStringLiteral("channel_merchant_id"),
                               QStringLiteral("sub_merchant_id"),
                               QStringLiteral("channel_app_id"),
                               QStringLiteral("base_url"),
                               QStringLiteral("file_url"),
                               QStringLiteral("notify_url"),
                               QStringLiteral("ca_certificates"),
                               QStringLiteral("currency"),
                               QStringLiteral("per_transaction_limit"),
                               QStringLiteral("daily_limit"),
                               QStringLiteral("status")};

Status exactlyOneRow(QSqlQuery &query, qint64 id)
{
    if (query.numRowsAffected() != 1)
        return Error(ErrorCode::ChannelAccountUnknown, QString::number(id));
    return {};
}
} // namespace

Result<ChannelAccount> load(const QSqlDatabase &db, qint64 id)
{
    return one(db, QStringLiteral("WHERE id = ?"), id);
}

Result<ChannelAccount> loadByName(const QSqlDatabase &db, const QString &name)
{
    return one(db, QStringLiteral("WHERE name = ?"), name);
}

Result<QList<ChannelAccount>> list(const QSqlDatabase &db)
{
    return select(db, QStringLiteral("ORDER BY name"), {});
}

Result<QList<ChannelAccount>> loadMany(const QSqlDatabase &db, const QList<qint64> &ids)
{
    if (ids.isEmpty())
        return QList<ChannelAccount>();
    QVariantList values;
    for (qint64 id : ids)
        values << id;
    return select(
        db, QStringLiteral("WHERE id IN (") + Sql::placeholders(int(ids.size())) + QStringLiteral(") ORDER BY id"),
        values);
}

Result<ChannelAccount> insert(const QSqlDatabase &db, const ChannelAccount &account, const QDateTime &now,
                              const QString &by)
{
    const qint64 at = now.toMSecsSinceEpoch();
    QVariantList values = editableValues(account);
    values << ChannelNames::channel(account.channel) << at << by << at;
    auto inserted = Sql::exec(db,
                              QStringLiteral("INSERT INTO channel_account (") + kEditable.join(QStringLiteral(", ")) +
                                  QStringLiteral(", channel, created_at, created_by, updated_at, version) VALUES (") +
                                  Sql::placeholders(int(values.size())) + QStringLiteral(", 1)"),
                              values);
    if (!inserted)
        return inserted.error();
    return loadByName(db, account.name);
}

Status update(const QSqlDatabase &db, const ChannelAccount &account, const QDateTime &now)
{
    QStringList assignments;
    for (const QString &column : kEditable)
        assignments << column + QStringLiteral(" = ?");
    QVariantList values = editableValues(account);
    values << now.toMSecsSinceEpoch() << account.id << account.version;
    auto updated = Sql::run(db,
                            QStringLiteral("UPDATE channel_account SET ") + assignments.join(QStringLiteral(", ")) +
                                QStringLiteral(", updated_at = ?, version = version + 1 WHERE id = ? AND version = ?"),
                            values);
    if (!updated)
        return updated.error();
    if (updated->numRowsAffected() != 1)
        return Error(ErrorCode::ChannelAccountChangedMeanwhile, account.name);
    return {};
}

Status setEnabled(const QSqlDatabase &db, qint64 id, bool enabled, const QDateTime &now)
{
    auto updated = Sql::run(
        db, QStringLiteral("UPDATE channel_account SET status = ?, updated_at = ?, version = version + 1 WHERE id = ?"),
        {enabled ? QStringLiteral("enabled") : QStringLiteral("disabled"), now.toMSecsSinceEpoch(), id});
    if (!updated)
        return updated.error();
    return exactlyOneRow(*updated, id);
}

Status credentialsChanged(const QSqlDatabase &db, ChannelKind channel, const QString &channelMerchantId,
                          const QDateTime &now, bool trustMaterial)
{
    const qint64 at = now.toMSecsSinceEpoch();
    const QString name = ChannelNames::channel(channel);
    return trustMaterial
               ? Sql::exec(db,
                           QStringLiteral(
                               "UPDATE channel_account SET trust_changed_at = ?, updated_at = ?, version = version + 1 "
                               "WHERE channel = ? AND channel_merchant_id = ?"),
                           {at, at, name, channelMerchantId})
               : Sql::exec(db,
                           QStringLiteral("UPDATE channel_account SET updated_at = ?, version = version + 1 "
                                          "WHERE channel = ? AND channel_merchant_id = ?"),
                           {at, name, channelMerchantId});
}

Result<QStringList> sharingCredentials(const QSqlDatabase &db, ChannelKind channel, const QString &channelMerchantId)
{
    auto names =
        Sql::run(db,
                 QStringLiteral("SELECT name FROM channel_account WHERE channel = ? AND channel_merchant_id = ? "
                                "ORDER BY name"),
                 {ChannelNames::channel(channel), channelMerchantId});
    if (!names)
        return names.error();
    QStringList accounts;
    while (names->next())
        accounts << names->value(0).toString();
    return accounts;
}

Status recordTest(const QSqlDatabase &db, qint64 id, const QDateTime &at, const QString &result)
{
    // A test changes no configuration: the version stays, so an edit open meanwhile still saves.
    auto updated =
        Sql::run(db, QStringLiteral("UPDATE channel_account SET last_test_at = ?, last_test_result = ? WHERE id = ?"),
                 {at.toMSecsSinceEpoch(), result, id});
    if (!updated)
        return updated.error();
    return exactlyOneRow(*updated, id);
}

Result<QString> holderOfMerchantId(const QSqlDatabase &db, ChannelKind channel, const QString &channelMerchantId,
                                   const QString &subMerchantId, qint64 exceptId)
{
    auto same = Sql::scalar(db,
                            QStringLiteral("SELECT name FROM channel_account WHERE channel = ? AND channel_merchant_id "
                                           "= ? AND sub_merchant_id = ? AND id <> ?"),
                            {ChannelNames::channel(channel), channelMerchantId,
                             subMerchantId.isNull() ? QStringLiteral("") : subMerchantId, exceptId});
    if (!same)
        return same.error();
    return same->isValid() ? same->toString() : QString();
}

Result<qint64> rulesOfOtherMerchants(const QSqlDatabase &db, qint64 accountId, qint64 merchantId)
{
    auto others = Sql::scalar(
        db, QStringLiteral("SELECT count(*) FROM routing_rule WHERE channel_account_id = ? AND merchant_id <> ?"),
        {accountId, merchantId});
    if (!others)
        return others.error();
    return others->toLongLong();
}

Result<qint64> rulesAndUsage(const QSqlDatabase &db, qint64 accountId)
{
    auto used = Sql::scalar(db,
                            QStringLiteral("SELECT (SELECT count(*) FROM routing_rule WHERE channel_account_id = ?) + "
                                           "(SELECT count(*) FROM channel_account_usage WHERE channel_account_id = ?)"),
                            {accountId, accountId});
    if (!used)
        return used.error();
    return used->toLongLong();
}

} // namespace paydesk::ChannelAccountStore
