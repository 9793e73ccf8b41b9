#include "core/ledger/LedgerBalances.h"

#include "core/ledger/LedgerAccounts.h"
#include "core/ledger/LedgerStore.h"
#include "core/storage/Database.h"

namespace paydesk {

LedgerBalances::LedgerBalances(Database &database) : m_database(database) {}

Result<TrialBalance> LedgerBalances::trialBalance(const QDate &asOf)
{
    auto connection = m_database.connection();
    if (!connection)
        return connection.error();
    auto accounts = LedgerAccounts::list(m_database);
    if (!accounts)
        return accounts.error();

    TrialBalance trial;
    trial.asOf = asOf;
    trial.accounts = *accounts;
    if (asOf.isValid()) {
        auto balances = LedgerStore::balancesAsOf(*connection, asOf);
        if (!balances)
            return balances.error();
        for (LedgerAccount &account : trial.accounts)
            account.balance = Money::fromMinor(balances->value(account.id), account.currency);
    }
    for (const LedgerAccount &account : std::as_const(trial.accounts)) {
        TrialBalance::Totals &totals = trial.totals[account.currency];
        const qint64 balance = account.balance.minor();
        const bool overflow = balance >= 0 ? addOverflows(totals.debits, balance, &totals.debits)
                                           : subtractOverflows(totals.credits, balance, &totals.credits);
        if (overflow)
            return Error(ErrorCode::ArithmeticOverflow, account.name);
    }
    return trial;
}

} // namespace paydesk
