#include "LedgerAccounts.h"

#include "storage/Database.h"
#include "storage/Sql.h"
#include "storage/UnitOfWork.h"

#include <QSet>

namespace paydesk {

namespace {
const QString kColumns = QStringLiteral(
    "id, name, currency, type_code, category, normal_sign, non_negative, status, balance, opened_at, closed_at");

AccountCategory categoryFromName(const QString &name)
{
    if (name == QLatin1String("liability"))
        return AccountCategory::Liability;
    if (name == QLatin1String("income"))
        return AccountCategory::Income;
    if (name == QLatin1String("expense"))
        return AccountCategory::Expense;
    return AccountCategory::Asset;
}

LedgerAccount readAccount(const QSqlQuery &query)
{
    LedgerAccount account;
    account.id = query.value(0).toLongLong();
    account.name = query.value(1).toString();
    account.currency = Currency::fromCode(query.value(2).toString()).value();
    account.typeCode = query.value(3).toInt();
    account.category = categoryFromName(query.value(4).toString());
    account.normalSign = query.value(5).toInt();
    account.nonNegative = query.value(6).toInt() != 0;
    account.open = query.value(7).toString() == QLatin1String("open");
    account.balance = Money::fromMinor(query.value(8).toLongLong(), account.currency);
    account.openedAt = QDateTime::fromMSecsSinceEpoch(query.value(9).toLongLong(), Qt::UTC);
    if (!query.value(10).isNull())
        account.closedAt = QDateTime::fromMSecsSinceEpoch(query.value(10).toLongLong(), Qt::UTC);
    return account;
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
    auto inserted = Sql::exec(work.connection(),
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
    auto query = Sql::run(*connection, QStringLiteral("SELECT ") + kColumns +
                                           QStringLiteral(" FROM ledger_account ORDER BY type_code, name, currency"));
    if (!query)
        return query.error();
    QList<LedgerAccount> accounts;
    while (query->next())
        accounts.append(readAccount(*query));
    return accounts;
}

Result<QHash<QString, LedgerAccount>> LedgerAccounts::findManyForUpdate(const QList<QString> &keys)
{
    auto connection = m_database.connection();
    if (!connection)
        return connection.error();
    QSet<QString> names;
    for (const QString &k : keys)
        names.insert(k.section(QLatin1Char('|'), 0, 0));
    const QList<QString> nameList(names.cbegin(), names.cend());
    const QString lock = m_database.isSqlite() ? QString() // the writer lock is already held
                                               : QStringLiteral(" ORDER BY id FOR UPDATE");
    QHash<QString, LedgerAccount> found;
    // Stay well below the bound-parameter limits of both databases.
    constexpr qsizetype kChunk = 500;
    for (qsizetype start = 0; start < nameList.size(); start += kChunk) {
        const QList<QString> chunk = nameList.mid(start, kChunk);
        QVariantList values(chunk.cbegin(), chunk.cend());
        auto query = Sql::run(*connection,
                              QStringLiteral("SELECT ") + kColumns + QStringLiteral(" FROM ledger_account WHERE name IN (") +
                                  Sql::placeholders(int(chunk.size())) + QLatin1Char(')') + lock,
                              values);
        if (!query)
            return query.error();
        while (query->next()) {
            LedgerAccount account = readAccount(*query);
            found.insert(key(account.name, account.currency), account);
        }
    }
    return found;
}

} // namespace paydesk
