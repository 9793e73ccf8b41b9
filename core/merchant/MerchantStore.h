#pragma once

#include "core/merchant/Merchant.h"
#include "core/util/Result.h"

#include <QSqlDatabase>

class QSqlQuery;

namespace paydesk {

class Database;

// The merchant and merchant_history rows: reading them into values and writing them back.
// No permission checks and no audit: MerchantService and MerchantDocuments do both.
class MerchantStore
{
public:
    explicit MerchantStore(Database &database) : m_database(database) {}

    static QString merchantNoFor(qint64 id) { return QStringLiteral("M%1").arg(1000 + id); }
    static const QString &columns();
    // QueryFailed for a name or currency this version does not know.
    static Result<Merchant> read(const QSqlQuery &query, int firstColumn = 0);

    // forUpdate: inside a unit of work, locks the row on PostgreSQL until the end of it.
    Result<Merchant> load(qint64 id, bool forUpdate = false);
    Result<Merchant> loadByNo(const QString &merchantNo);

    // Inserts a new merchant (id and number taken here) inside the caller's unit of work.
    Result<Merchant> insert(const Merchant &merchant);
    // Writes `after` if the stored version is still `after.version`, and bumps the version;
    // a row changed meanwhile gives MerchantChangedMeanwhile.
    Result<Merchant> update(const Merchant &after);

    Status addHistory(qint64 merchantId, const QDateTime &at, const QString &actor, const QString &action,
                      std::optional<MerchantStatus> from = std::nullopt,
                      std::optional<MerchantStatus> to = std::nullopt, const QString &note = QString());
    Result<QList<MerchantHistoryEntry>> history(qint64 merchantId);

private:
    Database &m_database;
};

} // namespace paydesk
