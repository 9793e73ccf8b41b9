#include "core/merchant/MerchantStore.h"

#include "core/storage/Database.h"
#include "core/storage/Sql.h"
#include "core/storage/StoreSql.h"
#include "core/storage/StoredName.h"

#include <QSqlQuery>

namespace paydesk {

namespace {
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

// What the list's name search looks in (see MerchantQuery).
QString searchName(const MerchantProfile &p)
{
    return (p.legalName + QLatin1Char('\n') + p.shortName).toLower();
}

const QString kProfileColumns = QStringLiteral(
    "legal_name, short_name, type, registration_no, contact_name, contact_phone, contact_email, industry, "
    "bank_account_name, bank_name, bank_branch, bank_account_no, currency, settlement_cycle, settlement_days, "
    "minimum_payout, reserve_ppm");
} // namespace

const QString &MerchantStore::columns()
{
    static const QString columns =
        QStringLiteral("id, merchant_no, ") + kProfileColumns +
        QStringLiteral(", status, rejection_reason, submitted_by, submitted_at, reviewed_by, "
                       "reviewed_at, freeze_entry_id, created_at, created_by, updated_at, version");
    return columns;
}

Result<Merchant> MerchantStore::read(const QSqlQuery &q, int c)
{
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

Result<Merchant> MerchantStore::load(qint64 id, bool forUpdate)
{
    auto connection = m_database.connection();
    if (!connection)
        return connection.error();
    const QString lock = forUpdate && !m_database.isSqlite() ? QStringLiteral(" FOR UPDATE") : QString();
    auto query =
        Sql::run(*connection,
                 QStringLiteral("SELECT ") + columns() + QStringLiteral(" FROM merchant WHERE id = ?") + lock, {id});
    if (!query)
        return query.error();
    if (!query->next())
        return Error(ErrorCode::MerchantUnknown, QString::number(id));
    return read(*query);
}

Result<Merchant> MerchantStore::loadByNo(const QString &merchantNo)
{
    auto connection = m_database.connection();
    if (!connection)
        return connection.error();
    auto query = Sql::run(
        *connection, QStringLiteral("SELECT ") + columns() + QStringLiteral(" FROM merchant WHERE merchant_no = ?"),
        {merchantNo.trimmed().toUpper()});
    if (!query)
        return query.error();
    if (!query->next())
        return Error(ErrorCode::MerchantUnknown, merchantNo);
    return read(*query);
}

Result<Merchant> MerchantStore::insert(const Merchant &merchant)
{
    auto connection = m_database.connection();
    if (!connection)
        return connection.error();
    auto id = StoreSql::reserveId(m_database, *connection, QStringLiteral("merchant"));
    if (!id)
        return id.error();
    QVariantList values{*id, merchantNoFor(*id)};
    values << profileValues(merchant.profile);
    values << MerchantNames::status(merchant.status) << StoreSql::instantValue(merchant.createdAt)
           << StoreSql::text(merchant.createdBy) << StoreSql::instantValue(merchant.updatedAt)
           << searchName(merchant.profile);
    auto inserted =
        Sql::exec(*connection,
                  QStringLiteral("INSERT INTO merchant (id, merchant_no, ") + kProfileColumns +
                      QStringLiteral(", status, created_at, created_by, updated_at, search_name, version) VALUES (") +
                      Sql::placeholders(int(values.size())) + QStringLiteral(", 1)"),
                  values);
    if (!inserted)
        return inserted.error();
    return load(*id);
}

Result<Merchant> MerchantStore::update(const Merchant &after)
{
    auto connection = m_database.connection();
    if (!connection)
        return connection.error();
    QVariantList values = profileValues(after.profile);
    values << MerchantNames::status(after.status) << StoreSql::text(after.rejectionReason)
           << StoreSql::text(after.submittedBy) << StoreSql::instantValue(after.submittedAt)
           << StoreSql::text(after.reviewedBy) << StoreSql::instantValue(after.reviewedAt)
           << (after.freezeEntryId > 0 ? QVariant(after.freezeEntryId) : QVariant(QMetaType(QMetaType::LongLong)))
           << StoreSql::instantValue(after.updatedAt) << searchName(after.profile) << after.id << after.version;
    auto changed = StoreSql::changedRows(
        *connection,
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
    return load(after.id);
}

Status MerchantStore::addHistory(qint64 merchantId, const QDateTime &at, const QString &actor, const QString &action,
                                 std::optional<MerchantStatus> from, std::optional<MerchantStatus> to,
                                 const QString &note)
{
    auto connection = m_database.connection();
    if (!connection)
        return connection.error();
    return Sql::exec(
        *connection,
        QStringLiteral("INSERT INTO merchant_history (merchant_id, at, actor, action, from_status, to_status, note) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?)"),
        {merchantId, at.toMSecsSinceEpoch(), StoreSql::text(actor), action, nameOrEmpty(from), nameOrEmpty(to),
         StoreSql::text(note)});
}

Result<QList<MerchantHistoryEntry>> MerchantStore::history(qint64 merchantId)
{
    auto connection = m_database.connection();
    if (!connection)
        return connection.error();
    auto query = Sql::run(*connection,
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

} // namespace paydesk
