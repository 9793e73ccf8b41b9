#pragma once

#include "core/ledger/LedgerAccount.h"

#include <QDate>
#include <QList>
#include <QMap>

namespace paydesk {

// Every account's balance at the end of a business date, and per currency the debit and
// credit totals, which must be equal in a healthy ledger.
struct TrialBalance
{
    struct Totals
    {
        qint64 debits = 0;  // sum of debit balances
        qint64 credits = 0; // sum of credit balances, as a positive number
        qint64 net() const { return debits - credits; }
    };

    QDate asOf;                    // invalid: up to the latest posting
    QList<LedgerAccount> accounts; // balance = as of `asOf`
    QMap<Currency, Totals> totals;

    bool isBalanced() const
    {
        for (const Totals &t : totals) {
            if (t.net() != 0)
                return false;
        }
        return true;
    }
};

} // namespace paydesk
