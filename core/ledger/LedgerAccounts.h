#pragma once

#include "core/ledger/LedgerAccount.h"
#include "core/util/Clock.h"

#include <QHash>
#include <QList>

namespace paydesk {

class Database;

// Opens, closes and looks up ledger accounts. Account rows are the only ledger rows that
// change after insert: their status and cached balance.
class LedgerAccounts
{
public:
    LedgerAccounts(Database &database, const Clock &clock);

    Result<LedgerAccount> open(const QString &name, Currency currency);
    // Refused unless the balance is zero; a closed account takes no further postings.
    Status close(const QString &name, Currency currency);

    Result<LedgerAccount> find(const QString &name, Currency currency);
    // Every account of the chart, ordered by type code and name; reading needs no clock.
    static Result<QList<LedgerAccount>> list(Database &database);

    // Looks up the accounts of these names (all currencies) inside the caller's transaction,
    // keyed by key(name, currency); absent accounts are simply missing. On PostgreSQL
    // the rows are locked (in id order, so writers cannot deadlock) until the transaction
    // ends, which makes the balances read here the ones the caller's checks can rely on.
    Result<QHash<QString, LedgerAccount>> findManyForUpdate(const QList<QString> &names);
    static QString key(const QString &name, Currency currency);

private:
    Database &m_database;
    const Clock &m_clock;
};

} // namespace paydesk
