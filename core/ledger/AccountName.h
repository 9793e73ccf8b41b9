#pragma once

#include "core/util/Result.h"

#include <QString>

namespace paydesk {

enum class AccountCategory
{
    Asset,
    Liability,
    Income,
    Expense
};

// A ledger account name checked against the chart of accounts (DESIGN.md §6):
//   bank:<id>  channel_receivable:<id>  suspense  settlement_in_transit
//   merchant:<id>:pending|available|frozen  fee_income  channel_fee_expense
// Ids are 1–64 characters of [A-Za-z0-9_.-] starting with a letter or digit.
class AccountName
{
public:
    static Result<AccountName> parse(const QString &name);

    // Builders for code that knows which account it means.
    static AccountName bank(const QString &bankAccountId);
    static AccountName channelReceivable(const QString &channelAccountId);
    static AccountName suspense();
    static AccountName settlementInTransit();
    static AccountName merchantPending(const QString &merchantId);
    static AccountName merchantAvailable(const QString &merchantId);
    static AccountName merchantFrozen(const QString &merchantId);
    static AccountName feeIncome();
    static AccountName channelFeeExpense();

    const QString &name() const { return m_name; }
    // The chart-of-accounts code: 1002, 1122, 1221, 1131, 2202, 6001, 6601.
    int typeCode() const { return m_typeCode; }
    AccountCategory category() const { return m_category; }
    // +1 when the account normally carries a debit balance (assets, expenses), −1 otherwise.
    int normalSign() const;
    // Accounts whose balance may never go below zero on their normal side: the money a
    // merchant can draw and the money frozen for it. (settlement_in_transit is not: DESIGN §6
    // credits it when a batch starts paying and debits it when the bank confirms.)
    bool isNonNegative() const { return m_nonNegative; }

    static QString categoryName(AccountCategory category);
    static bool categoryFromName(const QString &name, AccountCategory *category);

private:
    AccountName(QString name, int typeCode, AccountCategory category, bool nonNegative);

    QString m_name;
    int m_typeCode = 0;
    AccountCategory m_category = AccountCategory::Asset;
    bool m_nonNegative = false;
};

} // namespace paydesk
