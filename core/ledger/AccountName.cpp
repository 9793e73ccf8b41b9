#include "core/ledger/AccountName.h"

namespace paydesk {

namespace {
bool isAsciiAlphanumeric(QChar c)
{
    return (c >= QLatin1Char('a') && c <= QLatin1Char('z')) || (c >= QLatin1Char('A') && c <= QLatin1Char('Z')) ||
           (c >= QLatin1Char('0') && c <= QLatin1Char('9'));
}

// [A-Za-z0-9][A-Za-z0-9_.-]{0,63}; checked by hand because it runs for every posting.
bool isValidId(QStringView id)
{
    if (id.isEmpty() || id.size() > 64 || !isAsciiAlphanumeric(id.front()))
        return false;
    for (QChar c : id) {
        if (!isAsciiAlphanumeric(c) && c != QLatin1Char('_') && c != QLatin1Char('.') && c != QLatin1Char('-'))
            return false;
    }
    return true;
}
} // namespace

AccountName::AccountName(QString name, int typeCode, AccountCategory category, bool nonNegative)
    : m_name(std::move(name)), m_typeCode(typeCode), m_category(category), m_nonNegative(nonNegative)
{
}

Result<AccountName> AccountName::parse(const QString &name)
{
    const QStringList parts = name.split(QLatin1Char(':'));
    const QString &head = parts.first();
    if (parts.size() == 1) {
        if (head == QLatin1String("suspense"))
            return suspense();
        if (head == QLatin1String("settlement_in_transit"))
            return settlementInTransit();
        if (head == QLatin1String("fee_income"))
            return feeIncome();
        if (head == QLatin1String("channel_fee_expense"))
            return channelFeeExpense();
    } else if (parts.size() == 2 && isValidId(parts[1])) {
        if (head == QLatin1String("bank"))
            return bank(parts[1]);
        if (head == QLatin1String("channel_receivable"))
            return channelReceivable(parts[1]);
    } else if (parts.size() == 3 && head == QLatin1String("merchant") && isValidId(parts[1])) {
        if (parts[2] == QLatin1String("pending"))
            return merchantPending(parts[1]);
        if (parts[2] == QLatin1String("available"))
            return merchantAvailable(parts[1]);
        if (parts[2] == QLatin1String("frozen"))
            return merchantFrozen(parts[1]);
    }
    return Error(ErrorCode::AccountNameInvalid, name);
}

AccountName AccountName::bank(const QString &id)
{
    return AccountName(QStringLiteral("bank:") + id, 1002, AccountCategory::Asset, false);
}

AccountName AccountName::channelReceivable(const QString &id)
{
    return AccountName(QStringLiteral("channel_receivable:") + id, 1122, AccountCategory::Asset, false);
}

AccountName AccountName::suspense()
{
    return AccountName(QStringLiteral("suspense"), 1221, AccountCategory::Asset, false);
}

AccountName AccountName::settlementInTransit()
{
    return AccountName(QStringLiteral("settlement_in_transit"), 1131, AccountCategory::Asset, false);
}

AccountName AccountName::merchantPending(const QString &id)
{
    return AccountName(QStringLiteral("merchant:%1:pending").arg(id), 2202, AccountCategory::Liability, false);
}

AccountName AccountName::merchantAvailable(const QString &id)
{
    return AccountName(QStringLiteral("merchant:%1:available").arg(id), 2202, AccountCategory::Liability, true);
}

AccountName AccountName::merchantFrozen(const QString &id)
{
    return AccountName(QStringLiteral("merchant:%1:frozen").arg(id), 2202, AccountCategory::Liability, true);
}

AccountName AccountName::feeIncome()
{
    return AccountName(QStringLiteral("fee_income"), 6001, AccountCategory::Income, false);
}

AccountName AccountName::channelFeeExpense()
{
    return AccountName(QStringLiteral("channel_fee_expense"), 6601, AccountCategory::Expense, false);
}

int AccountName::normalSign() const
{
    return (m_category == AccountCategory::Asset || m_category == AccountCategory::Expense) ? 1 : -1;
}

QString AccountName::categoryName(AccountCategory category)
{
    switch (category) {
    case AccountCategory::Asset:
        return QStringLiteral("asset");
    case AccountCategory::Liability:
        return QStringLiteral("liability");
    case AccountCategory::Income:
        return QStringLiteral("income");
    case AccountCategory::Expense:
        return QStringLiteral("expense");
    }
    return {};
}

bool AccountName::categoryFromName(const QString &name, AccountCategory *category)
{
    for (AccountCategory known :
         {AccountCategory::Asset, AccountCategory::Liability, AccountCategory::Income, AccountCategory::Expense}) {
        if (name == categoryName(known)) {
            *category = known;
            return true;
        }
    }
    return false;
}

} // namespace paydesk
