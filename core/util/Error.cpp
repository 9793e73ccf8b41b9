#include "Error.h"

namespace paydesk {

Error::Error(ErrorCode code, QString detail) : m_code(code), m_detail(std::move(detail)) {}

Error &Error::within(const QString &context)
{
    m_context = m_context.isEmpty() ? context : context + QStringLiteral(": ") + m_context;
    return *this;
}

QString Error::message() const
{
    QString text = describe(m_code);
    if (!m_detail.isEmpty())
        text += QStringLiteral(" (") + m_detail + QLatin1Char(')');
    if (!m_context.isEmpty())
        text = m_context + QStringLiteral(": ") + text;
    return text;
}

QString Error::describe(ErrorCode code)
{
    switch (code) {
    case ErrorCode::None: return tr("No error");
    case ErrorCode::AmountEmpty: return tr("The amount is empty");
    case ErrorCode::AmountMalformed: return tr("The amount is not a plain decimal number");
    case ErrorCode::AmountTooManyDecimals: return tr("The amount has more decimals than its currency allows");
    case ErrorCode::AmountOutOfRange: return tr("The amount is too large");
    case ErrorCode::CurrencyUnknown: return tr("Unknown currency");
    case ErrorCode::CurrencyMismatch: return tr("The amounts are in different currencies");
    case ErrorCode::ArithmeticOverflow: return tr("The calculation overflows");
    case ErrorCode::RateMalformed: return tr("The rate is not a valid number");
    case ErrorCode::RateOutOfRange: return tr("The rate is out of range");
    case ErrorCode::InvalidArgument: return tr("Invalid argument");
    case ErrorCode::DatabaseUrlInvalid: return tr("The database URL is not valid");
    case ErrorCode::DatabaseOpenFailed: return tr("The database cannot be opened");
    case ErrorCode::DatabaseTooNew: return tr("The database was created by a newer Paydesk; upgrade this program");
    case ErrorCode::MigrationFailed: return tr("Upgrading the database schema failed");
    case ErrorCode::QueryFailed: return tr("A database query failed");
    case ErrorCode::TransactionFailed: return tr("The database transaction failed");
    case ErrorCode::EntryEmpty: return tr("The journal entry needs at least two postings");
    case ErrorCode::EntryUnbalanced: return tr("The journal entry does not balance");
    case ErrorCode::EntryDateInvalid: return tr("The journal entry has no valid business date");
    case ErrorCode::PostingZero: return tr("A posting has a zero amount");
    case ErrorCode::AccountNameInvalid: return tr("The account name does not follow the chart of accounts");
    case ErrorCode::AccountUnknown: return tr("The account does not exist");
    case ErrorCode::AccountClosed: return tr("The account is closed");
    case ErrorCode::AccountCurrencyMismatch: return tr("The posting's currency differs from the account's");
    case ErrorCode::AccountWouldGoNegative: return tr("The account would go below zero");
    case ErrorCode::AccountNotZero: return tr("The account still has a balance");
    case ErrorCode::AccountExists: return tr("The account already exists");
    case ErrorCode::EntryNotFound: return tr("The journal entry does not exist");
    case ErrorCode::EntryAlreadyReversed: return tr("The journal entry has already been reversed");
    case ErrorCode::EntryIsReversal: return tr("A reversal cannot itself be reversed");
    case ErrorCode::EventAlreadyPosted: return tr("This event has already been posted");
    case ErrorCode::FileUnreadable: return tr("The file cannot be read");
    case ErrorCode::FileUnwritable: return tr("The file cannot be written");
    case ErrorCode::JsonMalformed: return tr("The JSON is malformed");
    case ErrorCode::ExternalToolFailed: return tr("An external tool failed");
    case ErrorCode::Cancelled: return tr("Cancelled");
    }
    return tr("Unknown error");
}

const char *errorCodeName(ErrorCode code)
{
    switch (code) {
    case ErrorCode::None: return "none";
    case ErrorCode::AmountEmpty: return "amount_empty";
    case ErrorCode::AmountMalformed: return "amount_malformed";
    case ErrorCode::AmountTooManyDecimals: return "amount_too_many_decimals";
    case ErrorCode::AmountOutOfRange: return "amount_out_of_range";
    case ErrorCode::CurrencyUnknown: return "currency_unknown";
    case ErrorCode::CurrencyMismatch: return "currency_mismatch";
    case ErrorCode::ArithmeticOverflow: return "arithmetic_overflow";
    case ErrorCode::RateMalformed: return "rate_malformed";
    case ErrorCode::RateOutOfRange: return "rate_out_of_range";
    case ErrorCode::InvalidArgument: return "invalid_argument";
    case ErrorCode::DatabaseUrlInvalid: return "database_url_invalid";
    case ErrorCode::DatabaseOpenFailed: return "database_open_failed";
    case ErrorCode::DatabaseTooNew: return "database_too_new";
    case ErrorCode::MigrationFailed: return "migration_failed";
    case ErrorCode::QueryFailed: return "query_failed";
    case ErrorCode::TransactionFailed: return "transaction_failed";
    case ErrorCode::EntryEmpty: return "entry_empty";
    case ErrorCode::EntryUnbalanced: return "entry_unbalanced";
    case ErrorCode::EntryDateInvalid: return "entry_date_invalid";
    case ErrorCode::PostingZero: return "posting_zero";
    case ErrorCode::AccountNameInvalid: return "account_name_invalid";
    case ErrorCode::AccountUnknown: return "account_unknown";
    case ErrorCode::AccountClosed: return "account_closed";
    case ErrorCode::AccountCurrencyMismatch: return "account_currency_mismatch";
    case ErrorCode::AccountWouldGoNegative: return "account_would_go_negative";
    case ErrorCode::AccountNotZero: return "account_not_zero";
    case ErrorCode::AccountExists: return "account_exists";
    case ErrorCode::EntryNotFound: return "entry_not_found";
    case ErrorCode::EntryAlreadyReversed: return "entry_already_reversed";
    case ErrorCode::EntryIsReversal: return "entry_is_reversal";
    case ErrorCode::EventAlreadyPosted: return "event_already_posted";
    case ErrorCode::FileUnreadable: return "file_unreadable";
    case ErrorCode::FileUnwritable: return "file_unwritable";
    case ErrorCode::JsonMalformed: return "json_malformed";
    case ErrorCode::ExternalToolFailed: return "external_tool_failed";
    case ErrorCode::Cancelled: return "cancelled";
    }
    return "unknown";
}

} // namespace paydesk
