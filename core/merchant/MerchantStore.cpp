#include "core/merchant/MerchantStore.h"

#include "core/storage/Sql.h"
#include "core/storage/StoreSql.h"
#include "core/storage/StoredName.h"

#include <QRegularExpression>
#include <QSqlQuery>

namespace paydesk::MerchantStore {

namespace {
QString merchantNoFor(qint64 id)
{
    return QStringLiteral("M%1").arg(1000 + id);
}

std::optional<MerchantStatus> statusOrNone(const QString &name)
{
    MerchantStatus status;
    if (name.isEmpty() || !MerchantNames::statusFromName(name, &status))
        return std::nullopt;
    return status;
}

QString nameOrEmpty(std::optional<MerchantStatus> status)
{
    return status ? MerchantNames::status(*status) : QStringLiteral("");
}

bool isPostgres(const QSqlDatabase &db)
{
    return db.driverName() == QLatin1String("QPSQL");
}

QVariantList profileValues(const MerchantProfile &p)
{
    using StoreSql::text;
    return {text(p.legalName),
            text(p.shortName),
            MerchantNames::type(p.type),
            text(p.registrationNo),
            text(p.contactName),
            text(p.contactPhone),
            text(p.contactEmail),
            text(p.industry),
            text(p.bankAccountName),
            text(p.bankName),
            text(p.bankBranch),
            text(p.bankAccountNo),
            p.currency.code(),
            MerchantNames::cycle(p.settlementCycle),
            p.settlementDays,
            p.minimumPayout.minor(),
            p.reservePpm};
}

// What the list's name search looks in (see textAndType()).
QString searchName(const MerchantProfile &p)
{
    return (p.legalName + QLatin1Char('\n') + p.shortName).toLower();
}

const QString kProfileColumns = QStringLiteral(
    "legal_name, short_name, type, registration_no, contact_name, contact_phone, contact_email, industry, "
    "bank_account_name, bank_name, bank_branch, bank_account_no, currency, settlement_cycle, settlement_days, "
    "minimum_payout, reserve_ppm");

const QString &columns()
{
    static const QString columns =
        QStringLiteral("id, merchant_no, ") + kProfileColumns +
        QStringLiteral(", status, rejection_reason, submitted_by, submitted_at, reviewed_by, "
                       "reviewed_at, freeze_entry_id, created_at, created_by, updated_at, version");
    return columns;
}

Result<Merchant> readMerchant(const QSqlQuery &q)
{
    int c = 0;
    Merchant m;
    m.id = q.value(c++).toLongLong();
    m.merchantNo = q.value(c++).toString();
    MerchantProfile &p = m.profile;
    p.legalName = q.value(c++).toString();
    p.shortName = q.value(c++).toString();
    auto type = StoredName::read<MerchantType>(q.value(c++), MerchantNames::typeFromName, "merchant.type");
    if (!type)
        return type.error();
    p.type = *type;
    p.registrationNo = q.value(c++).toString();
    p.contactName = q.value(c++).toString();
    p.contactPhone = q.value(c++).toString();
    p.contactEmail = q.value(c++).toString();
    p.industry = q.value(c++).toString();
    p.bankAccountName = q.value(c++).toString();
    p.bankName = q.value(c++).toString();
    p.bankBranch = q.value(c++).toString();
    p.bankAccountNo = q.value(c++).toString();
    auto currency = Currency::fromCode(q.value(c++).toString());
    if (!currency)
        return currency.error().within(QStringLiteral("merchant.currency"));
    p.currency = *currency;
    auto cycle =
        StoredName::read<SettlementCycle>(q.value(c++), MerchantNames::cycleFromName, "merchant.settlement_cycle");
    if (!cycle)
        return cycle.error();
    p.settlementCycle = *cycle;
    p.settlementDays = q.value(c++).toInt();
    p.minimumPayout = Money::fromMinor(q.value(c++).toLongLong(), p.currency);
    p.reservePpm = q.value(c++).toLongLong();
    auto status = StoredName::read<MerchantStatus>(q.value(c++), MerchantNames::statusFromName, "merchant.status");
    if (!status)
        return status.error();
    m.status = *status;
    m.rejectionReason = q.value(c++).toString();
    m.submittedBy = q.value(c++).toString();
    m.submittedAt = StoreSql::instant(q.value(c++));
    m.reviewedBy = q.value(c++).toString();
    m.reviewedAt = StoreSql::instant(q.value(c++));
    m.freezeEntryId = q.value(c++).toLongLong();
    m.createdAt = StoreSql::instant(q.value(c++));
    m.createdBy = q.value(c++).toString();
    m.updatedAt = StoreSql::instant(q.value(c++));
    m.version = q.value(c++).toInt();
    return m;
}

// The list's text and type conditions, shared by a page and the counts.
void textAndType(const MerchantFilter &filter, QStringList *conditions, QVariantList *values)
{
    if (filter.type) {
        *conditions << QStringLiteral("type = ?");
        *values << MerchantNames::type(*filter.type);
    }
    const QString text = filter.text.trimmed();
    if (text.isEmpty())
        return;
    // Names: a substring, in any case (search_name is stored in lower case). Numbers: the whole
    // number, as a caller reads it out (spaces ignored; "1004" finds M1004), through an index.
    QString compact = text;
    compact.remove(QLatin1Char(' '));
    static const QRegularExpression digits(QStringLiteral("^[0-9]+$"));
    const QString merchantNo = digits.match(compact).hasMatch() ? QStringLiteral("M") + compact : compact.toUpper();
    *conditions << QStringLiteral(
        "(search_name LIKE ? ESCAPE '\\' OR merchant_no = ? OR registration_no = ? OR contact_phone = ?)");
    *values << StoreSql::containsPattern(text.toLower()) << merchantNo << compact.toUpper() << compact;
}
} // namespace

Result<Merchant> byId(const QSqlDatabase &db, qint64 id, bool forUpdate)
{
    const QString lock = forUpdate && isPostgres(db) ? QStringLiteral(" FOR UPDATE") : QString();
    auto query = Sql::run(
        db, QStringLiteral("SELECT ") + columns() + QStringLiteral(" FROM merchant WHERE id = ?") + lock, {id});
    if (!query)
        return query.error();
    if (!query->next())
        return Error(ErrorCode::MerchantUnknown, QString::number(id));
    return readMerchant(*query);
}

Result<Merchant> byNo(const QSqlDatabase &db, const QString &merchantNo)
{
    auto query =
        Sql::run(db, QStringLiteral("SELECT ") + columns() + QStringLiteral(" FROM merchant WHERE merchant_no = ?"),
                 {merchantNo.trimmed().toUpper()});
    if (!query)
        return query.error();
    if (!query->next())
        return Error(ErrorCode::MerchantUnknown, merchantNo);
    return readMerchant(*query);
}

Result<qint64> insert(Database &database, const QSqlDatabase &db, const Merchant &merchant)
{
    auto id = StoreSql::reserveId(database, db, QStringLiteral("merchant"));
    if (!id)
        return id.error();
    QVariantList values{*id, merchantNoFor(*id)};
    values << profileValues(merchant.profile);
    values << MerchantNames::status(merchant.status) << StoreSql::instantValue(merchant.createdAt)
           << StoreSql::text(merchant.createdBy) << StoreSql::instantValue(merchant.updatedAt)
           << searchName(merchant.profile);
    auto inserted =
        Sql::exec(db,
                  QStringLiteral("INSERT INTO merchant (id, merchant_no, ") + kProfileColumns +
                      QStringLiteral(", status, created_at, created_by, updated_at, search_name, version) VALUES (") +
                      Sql::placeholders(int(values.size())) + QStringLiteral(", 1)"),
                  values);
    if (!inserted)
        return inserted.error();
    return *id;
}

Status update(const QSqlDatabase &db, const Merchant &after)
{
    QVariantList values = profileValues(after.profile);
    values << MerchantNames::status(after.status) << StoreSql::text(after.rejectionReason)
           << StoreSql::text(after.submittedBy) << StoreSql::instantValue(after.submittedAt)
           << StoreSql::text(after.reviewedBy) << StoreSql::instantValue(after.reviewedAt)
           << (after.freezeEntryId > 0 ? QVariant(after.freezeEntryId) : QVariant(QMetaType(QMetaType::LongLong)))
           << StoreSql::instantValue(after.updatedAt) << searchName(after.profile) << after.id << after.version;
    auto changed = StoreSql::changedRows(
        db,
        QStringLiteral(
            "UPDATE merchant SET legal_name = ?, short_name = ?, type = ?, registration_no = ?, contact_name = ?, "
            "contact_phone = ?, contact_email = ?, industry = ?, bank_account_name = ?, bank_name = ?, "
            "bank_branch = ?, bank_account_no = ?, currency = ?, settlement_cycle = ?, settlement_days = ?, "
            "minimum_payout = ?, reserve_ppm = ?, status = ?, rejection_reason = ?, submitted_by = ?, "
            "submitted_at = ?, reviewed_by = ?, reviewed_at = ?, freeze_entry_id = ?, updated_at = ?, "
            "search_name = ?, version = version + 1 WHERE id = ? AND version = ?"),
        values);
    if (!changed)
        return changed.error();
    if (*changed != 1)
        return Error(ErrorCode::MerchantChangedMeanwhile, after.merchantNo);
    return {};
}

Status addHistory(const QSqlDatabase &db, qint64 merchantId, const QDateTime &at, const QString &actor,
                  const QString &action, std::optional<MerchantStatus> from, std::optional<MerchantStatus> to,
                  const QString &note)
{
    return Sql::exec(
        db,
        QStringLiteral("INSERT INTO merchant_history (merchant_id, at, actor, action, from_status, to_status, note) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?)"),
        {merchantId, at.toMSecsSinceEpoch(), StoreSql::text(actor), action, nameOrEmpty(from), nameOrEmpty(to),
         StoreSql::text(note)});
}

Result<QList<MerchantHistoryEntry>> history(const QSqlDatabase &db, qint64 merchantId)
{
    auto query = Sql::run(db,
                          QStringLiteral("SELECT id, merchant_id, at, actor, action, from_status, to_status, note "
                                         "FROM merchant_history WHERE merchant_id = ? ORDER BY id"),
                          {merchantId});
    if (!query)
        return query.error();
    QList<MerchantHistoryEntry> entries;
    while (query->next()) {
        MerchantHistoryEntry entry;
        entry.id = query->value(0).toLongLong();
        entry.merchantId = query->value(1).toLongLong();
        entry.at = StoreSql::instant(query->value(2));
        entry.actor = query->value(3).toString();
        entry.action = query->value(4).toString();
        entry.fromStatus = statusOrNone(query->value(5).toString());
        entry.toStatus = statusOrNone(query->value(6).toString());
        entry.note = query->value(7).toString();
        entries.append(entry);
    }
    return entries;
}

Result<MerchantReference> reference(const QSqlDatabase &db, qint64 id)
{
    auto query =
        Sql::run(db, QStringLiteral("SELECT id, merchant_no, status, currency FROM merchant WHERE id = ?"), {id});
    if (!query)
        return query.error();
    if (!query->next())
        return Error(ErrorCode::MerchantUnknown, QString::number(id));
    MerchantReference merchant;
    merchant.id = query->value(0).toLongLong();
    merchant.merchantNo = query->value(1).toString();
    auto status = StoredName::read<MerchantStatus>(query->value(2), MerchantNames::statusFromName, "merchant.status");
    if (!status)
        return status.error();
    merchant.status = *status;
    auto currency = Currency::fromCode(query->value(3).toString());
    if (!currency)
        return currency.error().within(QStringLiteral("merchant %1").arg(id));
    merchant.currency = *currency;
    return merchant;
}

Result<QList<Merchant>> page(const QSqlDatabase &db, const MerchantFilter &filter, qint64 afterId, int limit)
{
    const bool newestFirst = filter.order == MerchantOrder::NewestFirst;
    QStringList conditions;
    QVariantList values;
    if (afterId > 0) {
        conditions << (newestFirst ? QStringLiteral("id < ?") : QStringLiteral("id > ?"));
        values << afterId;
    }
    if (!filter.statuses.isEmpty()) {
        QStringList names;
        for (MerchantStatus status : MerchantNames::allStatuses()) {
            if (filter.statuses.contains(status)) {
                names << QStringLiteral("?");
                values << MerchantNames::status(status);
            }
        }
        conditions << QStringLiteral("status IN (") + names.join(QStringLiteral(", ")) + QLatin1Char(')');
    }
    textAndType(filter, &conditions, &values);
    QString sql = QStringLiteral("SELECT ") + columns() + QStringLiteral(" FROM merchant");
    if (!conditions.isEmpty())
        sql += QStringLiteral(" WHERE ") + conditions.join(QStringLiteral(" AND "));
    sql += newestFirst ? QStringLiteral(" ORDER BY id DESC") : QStringLiteral(" ORDER BY id");
    sql += QStringLiteral(" LIMIT %1").arg(qBound(1, limit, kMaximumPage));
    return Sql::readAll<Merchant>(Sql::run(db, sql, values), readMerchant);
}

Result<QMap<MerchantStatus, qint64>> countsByStatus(const QSqlDatabase &db, const MerchantFilter &filter)
{
    QStringList conditions;
    QVariantList values;
    textAndType(filter, &conditions, &values);
    QString sql = QStringLiteral("SELECT status, count(*) FROM merchant");
    if (!conditions.isEmpty())
        sql += QStringLiteral(" WHERE ") + conditions.join(QStringLiteral(" AND "));
    sql += QStringLiteral(" GROUP BY status");
    auto query = Sql::run(db, sql, values);
    if (!query)
        return query.error();
    QMap<MerchantStatus, qint64> counts;
    for (MerchantStatus status : MerchantNames::allStatuses())
        counts.insert(status, 0);
    while (query->next()) {
        auto status =
            StoredName::read<MerchantStatus>(query->value(0), MerchantNames::statusFromName, "merchant.status");
        if (!status)
            return status.error();
        counts[*status] = query->value(1).toLongLong();
    }
    return counts;
}

} // namespace paydesk::MerchantStore
