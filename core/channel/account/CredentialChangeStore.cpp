#include "core/channel/account/CredentialChangeStore.h"

#include "core/channel/ChannelNames.h"
#include "core/storage/Sql.h"

#include <QJsonDocument>

namespace paydesk::CredentialChangeStore {

namespace {
const QString kSelect = QStringLiteral(
    "SELECT c.id, c.channel_account_id, a.name, c.channel, c.channel_merchant_id, c.items, c.fingerprints, c.status, "
    "c.proposed_by, c.proposed_by_id, c.proposed_at, c.expires_at, c.decided_by, c.decided_at, c.note "
    "FROM channel_credential_change c JOIN channel_account a ON a.id = c.channel_account_id ");

QDateTime instant(const QVariant &value)
{
    return value.isNull() ? QDateTime() : QDateTime::fromMSecsSinceEpoch(value.toLongLong(), Qt::UTC);
}

Result<CredentialChange> fromRow(const QSqlQuery &row)
{
    CredentialChange change;
    change.id = row.value(0).toLongLong();
    change.accountId = row.value(1).toLongLong();
    change.accountName = row.value(2).toString();
    if (!ChannelNames::channelFromName(row.value(3).toString(), &change.channel))
        return Error(ErrorCode::ChannelAccountInvalid,
                     QStringLiteral("stored channel %1").arg(row.value(3).toString()));
    change.channelMerchantId = row.value(4).toString();
    change.items = row.value(5).toString().split(QLatin1Char(','), Qt::SkipEmptyParts);
    change.fingerprints = QJsonDocument::fromJson(row.value(6).toString().toUtf8()).object();
    if (!CredentialChange::statusFromName(row.value(7).toString(), &change.status))
        return Error(ErrorCode::InvalidArgument, QStringLiteral("stored status %1").arg(row.value(7).toString()));
    change.proposedBy = row.value(8).toString();
    change.proposedById = row.value(9).toLongLong();
    change.proposedAt = instant(row.value(10));
    change.expiresAt = instant(row.value(11));
    change.decidedBy = row.value(12).toString();
    change.decidedAt = instant(row.value(13));
    change.note = row.value(14).toString();
    return change;
}

Result<QList<CredentialChange>> select(const QSqlDatabase &db, const QString &where, const QVariantList &values)
{
    return Sql::readAll<CredentialChange>(Sql::run(db, kSelect + where, values), fromRow);
}
} // namespace

QByteArray sealContext(const CredentialChange &change)
{
    return QStringLiteral("channel_credential_change:%1/%2/%3/%4/%5")
        .arg(ChannelNames::channel(change.channel), change.channelMerchantId, change.items.join(QLatin1Char(',')))
        .arg(change.proposedAt.toMSecsSinceEpoch())
        .arg(change.proposedById)
        .toUtf8();
}

Result<qint64> insert(const QSqlDatabase &db, const CredentialChange &change, const QByteArray &sealed)
{
    auto inserted =
        Sql::run(db,
                 QStringLiteral(
                     "INSERT INTO channel_credential_change (channel_account_id, channel, channel_merchant_id, items, "
                     "fingerprints, sealed, status, proposed_by, proposed_by_id, proposed_at, expires_at) "
                     "VALUES (?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?, ?) RETURNING id"),
                 {change.accountId, ChannelNames::channel(change.channel), change.channelMerchantId,
                  change.items.join(QLatin1Char(',')),
                  QString::fromUtf8(QJsonDocument(change.fingerprints).toJson(QJsonDocument::Compact)), sealed,
                  change.proposedBy, change.proposedById, change.proposedAt.toMSecsSinceEpoch(),
                  change.expiresAt.toMSecsSinceEpoch()});
    if (!inserted)
        return inserted.error();
    if (!inserted->next())
        return Error(ErrorCode::QueryFailed, QStringLiteral("the new credential change's id"));
    const qint64 id = inserted->value(0).toLongLong();
    inserted->finish();
    return id;
}

Result<CredentialChange> load(const QSqlDatabase &db, qint64 id)
{
    auto found = select(db, QStringLiteral("WHERE c.id = ?"), {id});
    if (!found)
        return found.error();
    if (found->isEmpty())
        return Error(ErrorCode::CredentialChangeUnknown, QString::number(id));
    return found->first();
}

Result<QByteArray> sealed(const QSqlDatabase &db, qint64 id)
{
    auto value = Sql::scalar(
        db, QStringLiteral("SELECT sealed FROM channel_credential_change WHERE id = ? AND status = 'pending'"), {id});
    if (!value)
        return value.error();
    if (!value->isValid() || value->isNull())
        return Error(ErrorCode::CredentialChangeDecided, QString::number(id));
    return value->toByteArray();
}

Result<QList<CredentialChange>> list(const QSqlDatabase &db, qint64 accountId, bool pendingOnly, int limit)
{
    QStringList where;
    QVariantList values;
    if (accountId > 0) {
        // Every account sharing the account's credentials sees the same changes.
        where << QStringLiteral(
            "c.channel = (SELECT channel FROM channel_account WHERE id = ?) AND "
            "c.channel_merchant_id = (SELECT channel_merchant_id FROM channel_account WHERE id = ?)");
        values << accountId << accountId;
    }
    if (pendingOnly)
        where << QStringLiteral("c.status = 'pending'");
    QString sql = where.isEmpty() ? QString() : QStringLiteral("WHERE ") + where.join(QStringLiteral(" AND "));
    sql += QStringLiteral(" ORDER BY c.id DESC LIMIT %1").arg(qBound(1, limit, 1000));
    return select(db, sql, values);
}

Result<QList<CredentialChange>> due(const QSqlDatabase &db, const QDateTime &now)
{
    return select(db, QStringLiteral("WHERE c.status = 'pending' AND c.expires_at <= ? ORDER BY c.id"),
                  {now.toMSecsSinceEpoch()});
}

Result<bool> decide(const QSqlDatabase &db, qint64 id, CredentialChange::Status status, const QString &by,
                    const QDateTime &at, const QString &note, const QDateTime &unexpiredAt)
{
    QString sql =
        QStringLiteral("UPDATE channel_credential_change SET status = ?, decided_by = ?, decided_at = ?, note = ?, "
                       "sealed = NULL WHERE id = ? AND status = 'pending'");
    // A null QString would be bound as NULL; the column is NOT NULL with '' for "no note".
    QVariantList values{CredentialChange::statusName(status), by, at.toMSecsSinceEpoch(),
                        note.isNull() ? QStringLiteral("") : note, id};
    if (unexpiredAt.isValid()) {
        sql += QStringLiteral(" AND expires_at > ?");
        values << unexpiredAt.toMSecsSinceEpoch();
    }
    auto decided = Sql::run(db, sql, values);
    if (!decided)
        return decided.error();
    return decided->numRowsAffected() == 1;
}

} // namespace paydesk::CredentialChangeStore
