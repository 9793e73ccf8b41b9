#pragma once

namespace paydesk {

// Every failure the core can report. Front ends turn a code into text with Error::message();
// scripts can rely on the stable name from errorCodeName().
enum class ErrorCode {
    None = 0,
    // money
    AmountEmpty,
    AmountMalformed,
    AmountTooManyDecimals,
    AmountOutOfRange,
    CurrencyUnknown,
    CurrencyMismatch,
    ArithmeticOverflow,
    RateMalformed,
    RateOutOfRange,
    InvalidArgument,
    // storage
    DatabaseUrlInvalid,
    DatabaseOpenFailed,
    DatabaseTooNew,
    MigrationFailed,
    QueryFailed,
    TransactionFailed,
    // ledger
    EntryEmpty,
    EntryUnbalanced,
    EntryDateInvalid,
    PostingZero,
    AccountNameInvalid,
    AccountUnknown,
    AccountClosed,
    AccountCurrencyMismatch,
    AccountWouldGoNegative,
    AccountNotZero,
    AccountExists,
    EntryNotFound,
    EntryAlreadyReversed,
    EntryIsReversal,
    EventAlreadyPosted,
    // files and formats
    FileUnreadable,
    FileUnwritable,
    JsonMalformed,
    ExternalToolFailed,
    Cancelled,
};

const char *errorCodeName(ErrorCode code);

} // namespace paydesk
