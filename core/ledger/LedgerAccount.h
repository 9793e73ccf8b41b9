#pragma once

#include "core/ledger/AccountName.h"
#include "core/money/Money.h"

#include <QDateTime>

namespace paydesk {

// An account as stored: its place in the chart, its flags and its current balance.
// `balance` is debit-positive (assets up, liabilities down); naturalBalance() flips it to the
// account's own side, so a merchant's available money is shown as a positive amount.
struct LedgerAccount
{
    qint64 id = 0;
    QString name;
    Currency currency;
    int typeCode = 0;
    AccountCategory category = AccountCategory::Asset;
    int normalSign = 1;
    bool nonNegative = false;
    bool open = true;
    Money balance;
    QDateTime openedAt;
    QDateTime closedAt;

    Money naturalBalance() const { return Money::fromMinor(normalSign * balance.minor(), balance.currency()); }
};

} // namespace paydesk
