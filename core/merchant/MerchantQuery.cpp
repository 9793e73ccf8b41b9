#include "core/merchant/MerchantQuery.h"

#include "core/merchant/MerchantStore.h"
#include "core/storage/Database.h"
#include "core/storage/Sql.h"
#include "core/storage/StoreSql.h"
#include "core/storage/StoredName.h"

#include <QRegularExpression>
#include <QSqlQuery>

namespace paydesk {

void MerchantQuery::textAndType(const MerchantFilter &filter, QStringList *conditions, QVariantList *values) const
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

Result<QList<Merchant>> MerchantQuery::page(const MerchantFilter &filter, qint64 afterId, int limit)
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
    QString sql = QStringLiteral("SELECT ") + MerchantStore::columns() + QStringLiteral(" FROM merchant");
    if (!conditions.isEmpty())
        sql += QStringLiteral(" WHERE ") + conditions.join(QStringLiteral(" AND "));
    sql += newestFirst ? QStringLiteral(" ORDER BY id DESC") : QStringLiteral(" ORDER BY id");
    sql += QStringLiteral(" LIMIT %1").arg(qBound(1, limit, kMaximumPage));
    auto connection = m_database.connection();
    if (!connection)
        return connection.error();
    auto query = Sql::run(*connection, sql, values);
    if (!query)
        return query.error();
    QList<Merchant> merchants;
    while (query->next()) {
        auto merchant = MerchantStore::read(*query);
        if (!merchant)
            return merchant.error();
        merchants.append(*merchant);
    }
    return merchants;
}

Result<QMap<MerchantStatus, qint64>> MerchantQuery::countsByStatus(const MerchantFilter &filter)
{
    QStringList conditions;
    QVariantList values;
    textAndType(filter, &conditions, &values);
    QString sql = QStringLiteral("SELECT status, count(*) FROM merchant");
    if (!conditions.isEmpty())
        sql += QStringLiteral(" WHERE ") + conditions.join(QStringLiteral(" AND "));
    sql += QStringLiteral(" GROUP BY status");
    auto connection = m_database.connection();
    if (!connection)
        return connection.error();
    auto query = Sql::run(*connection, sql, values);
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

} // namespace paydesk
