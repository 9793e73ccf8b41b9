#pragma once

#include "core/ledger/TrialBalance.h"
#include "core/util/Result.h"

namespace paydesk {

class Database;

// Read side of the ledger: balances as of any business date and the trial balance.
// Reads the per-account running balance and the per-day movements kept beside the postings,
// so the cost does not grow with the number of postings.
class LedgerBalances
{
public:
    explicit LedgerBalances(Database &database);

    // asOf invalid: current balances. Otherwise balances after every entry dated on or before it.
    Result<TrialBalance> trialBalance(const QDate &asOf = QDate());

private:
    Database &m_database;
};

} // namespace paydesk
