#include "core/ledger/LedgerAccounts.h"

#include "core/ledger/LedgerStore.h"
#include "core/storage/Database.h"
#include "core/storage/UnitOfWork.h"

#include <QSet>

namespace paydesk {

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
    auto inserted = LedgerStore::insertAccount(work.connection(), *parsed, currency, m_clock.nowUtc());
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
    auto updated = LedgerStore::closeAccount(work.connection(), account->id, m_clock.nowUtc());
    if (!updated)
        return updated;
    return work.commit();
}

Result<LedgerAccount> LedgerAccounts::find(const QString &name, Currency currency)
{
    auto connection = m_database.connection();
    if (!connection)
        return connection.error();
    return LedgerStore::accountByName(*connection, name, currency);
}

Result<QList<LedgerAccount>> LedgerAccounts::list(Database &database)
{
    auto connection = database.connection();
    if (!connection)
        return connection.error();
    return LedgerStore::allAccounts(*connection);
}

Result<QHash<QString, LedgerAccount>> LedgerAccounts::findManyForUpdate(const QList<QString> &nameList)
{
    auto accounts = LedgerStore::accountsNamedForUpdate(m_database, QSet<QString>(nameList.cbegin(), nameList.cend()));
    if (!accounts)
        return accounts.error();
    QHash<QString, LedgerAccount> found;
    for (const LedgerAccount &account : std::as_const(*accounts))
        found.insert(key(account.name, account.currency), account);
    return found;
}

} // namespace paydesk
