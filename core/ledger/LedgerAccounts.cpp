#include "core/ledger/LedgerAccounts.h"

#include "core/storage/BatchSql.h"
#include "core/storage/Database.h"
#include "core/storage/Sql.h"
#include "core/storage/StoredName.h"
#include "core/storage/UnitOfWork.h"

#include <QSet>
#include <optional>

namespace paydesk {

namespace {
const QString kColumns = QStringLiteral(
    "id, name, currency, type_code, category, normal_sign, non_negative, status, balance, opened_at, closed_at");

// QueryFailed for a category, status or currency this version does not know.
Result<LedgerAccount> readAccount(const QVariantList &row)
{
    LedgerAccount account;
    account.id = row.at(0).toLongLong();
    account.name = row.at(1).toString();
    auto currency = Currency::fromCode(row.at(2).toString());
    if (!currency)
        return currency.error().within(QStringLiteral("ledger_account.currency"));
    account.currency = *currency;
    account.typeCode = row.at(3).toInt();
    auto category =
        StoredName::read<AccountCategory>(row.at(4), AccountName::categoryFromName, "ledger_account.category");
    if (!category)
        return category.error();
    account.category = *category;
    account.normalSign = row.at(5).toInt();
    account.nonNegative = row.at(6).toInt() != 0;
    auto open = StoredName::flag(row.at(7), "open", "closed", "ledger_account.status");
    if (!open)
        return open.error();
    account.open = *open;
    account.balance = Money::fromMinor(row.at(8).toLongLong(), account.currency);
    account.openedAt = QDateTime::fromMSecsSinceEpoch(row.at(9).toLongLong(), Qt::UTC);
    if (!row.at(10).isNull())
        account.closedAt = QDateTime::fromMSecsSinceEpoch(row.at(10).toLongLong(), Qt::UTC);
    return account;
}

Result<LedgerAccount> readAccount(const QSqlQuery &query)
{
    QVariantList row(11);
    for (int c = 0; c < 11; ++c)
        row[c] = query.value(c);
    return readAccount(row);
}
} // namespace

LedgerAccounts::LedgerAccounts(Database &database, const Clock &clock) : m_database(database), m_clock(clock) {}

QString LedgerAccounts::key(const QString &name, Currency currency)
{
    return name + QLatin1Char('|') + currency.code();
}

Result<LedgerAccount> LedgerAccounts::open(const QString &name, Currency currency)
{
    auto parsed = AccountName::parse(name);
    if (!parsed)
        return parsed.error();
    if (!currency.isValid())
        return Error(ErrorCode::CurrencyUnknown);
    UnitOfWork work(m_database);
    if (!work.isActive())
        return work.error();
    auto existing = find(name, currency);
    if (existing)
        return Error(ErrorCode::AccountExists, key(name, currency));
    if (existing.error().code() != ErrorCode::AccountUnknown)
        return existing.error();
    auto inserted = Sql::exec(
        work.connection(),
        QStringLiteral("INSERT INTO ledger_account (name, currency, type_code, category, normal_sign, non_negative, "
                       "status, balance, opened_at) VALUES (?, ?, ?, ?, ?, ?, 'open', 0, ?)"),
        {parsed->name(), currency.code(), parsed->typeCode(), AccountName::categoryName(parsed->category()),
         parsed->normalSign(), parsed->isNonNegative() ? 1 : 0, m_clock.nowUtc().toMSecsSinceEpoch()});
    if (!inserted)
        return inserted.error();
    auto account = find(name, currency);
    if (!account)
        return account.error();
    auto committed = work.commit();
    if (!committed)
        return committed.error();
    return account;
}

Status LedgerAccounts::close(const QString &name, Currency currency)
{
    UnitOfWork work(m_database);
    if (!work.isActive())
        return work.error();
    auto account = find(name, currency);
    if (!account)
        return account.error();
    if (!account->open)
        return Error(ErrorCode::AccountClosed, key(name, currency));
    if (!account->balance.isZero())
        return Error(ErrorCode::AccountNotZero, key(name, currency) + QLatin1Char(' ') + account->balance.toString());
    auto updated = Sql::exec(work.connection(),
                             QStringLiteral("UPDATE ledger_account SET status = 'closed', closed_at = ? WHERE id = ?"),
                             {m_clock.nowUtc().toMSecsSinceEpoch(), account->id});
    if (!updated)
        return updated;
    return work.commit();
}

Result<LedgerAccount> LedgerAccounts::find(const QString &name, Currency currency)
{
    auto connection = m_database.connection();
    if (!connection)
        return connection.error();
    auto query = Sql::run(*connection,
                          QStringLiteral("SELECT ") + kColumns +
                              QStringLiteral(" FROM ledger_account WHERE name = ? AND currency = ?"),
                          {name, currency.code()});
    if (!query)
        return query.error();
    if (!query->next())
        return Error(ErrorCode::AccountUnknown, key(name, currency));
    return readAccount(*query);
}

Result<QList<LedgerAccount>> LedgerAccounts::list(Database &database)
{
    auto connection = database.connection();
    if (!connection)
        return connection.error();
    return Sql::readAll<LedgerAccount>(
        Sql::run(*connection, QStringLiteral("SELECT ") + kColumns +
                                  QStringLiteral(" FROM ledger_account ORDER BY type_code, name, currency")),
        [](const QSqlQuery &row) { return readAccount(row); });
}

Result<QHash<QString, LedgerAccount>> LedgerAccounts::findManyForUpdate(const QList<QString> &nameList)
{
    const QSet<QString> names(nameList.cbegin(), nameList.cend());
    const QString lock = m_database.isSqlite() ? QString() // the writer lock is already held
                                               : QStringLiteral(" ORDER BY id FOR UPDATE");
    QHash<QString, LedgerAccount> found;
    std::optional<Error> unreadable;
    auto status = BatchSql::selectIn(
        m_database, QStringLiteral("SELECT ") + kColumns + QStringLiteral(" FROM ledger_account WHERE name IN "), lock,
        QVariantList(names.cbegin(), names.cend()), [&found, &unreadable](const QVariantList &row) {
            auto account = readAccount(row);
            if (!account) {
                unreadable = account.error();
                return;
            }
            found.insert(key(account->name, account->currency), *account);
        });
    if (!status)
        return status.error();
    if (unreadable)
        return *unreadable;
    return found;
}

} // namespace paydesk
