#include "core/util/Error.h"
#include "core/util/Result.h"

namespace paydesk {

namespace {
struct ErrorInfo
{
    ErrorCode code;
    const char *name;
    const char *text;
};

// One row per code: the stable name scripts see and the text people read (translated).
const ErrorInfo kErrors[] = {
    {ErrorCode::None, "none", QT_TRANSLATE_NOOP("Error", "No error")},
    {ErrorCode::AmountEmpty, "amount_empty", QT_TRANSLATE_NOOP("Error", "The amount is empty")},
    {ErrorCode::AmountMalformed, "amount_malformed",
     QT_TRANSLATE_NOOP("Error", "The amount is not a plain decimal number")},
    {ErrorCode::AmountTooManyDecimals, "amount_too_many_decimals",
     QT_TRANSLATE_NOOP("Error", "The amount has more decimals than its currency allows")},
    {ErrorCode::AmountOutOfRange, "amount_out_of_range", QT_TRANSLATE_NOOP("Error", "The amount is too large")},
    {ErrorCode::CurrencyUnknown, "currency_unknown", QT_TRANSLATE_NOOP("Error", "Unknown currency")},
    {ErrorCode::CurrencyMismatch, "currency_mismatch",
     QT_TRANSLATE_NOOP("Error", "The amounts are in different currencies")},
    {ErrorCode::ArithmeticOverflow, "arithmetic_overflow", QT_TRANSLATE_NOOP("Error", "The calculation overflows")},
    {ErrorCode::RateMalformed, "rate_malformed", QT_TRANSLATE_NOOP("Error", "The rate is not a valid number")},
    {ErrorCode::RateOutOfRange, "rate_out_of_range", QT_TRANSLATE_NOOP("Error", "The rate is out of range")},
    {ErrorCode::InvalidArgument, "invalid_argument", QT_TRANSLATE_NOOP("Error", "Invalid argument")},
    {ErrorCode::DatabaseUrlInvalid, "database_url_invalid",
     QT_TRANSLATE_NOOP("Error", "The database URL is not valid")},
    {ErrorCode::DatabaseOpenFailed, "database_open_failed",
     QT_TRANSLATE_NOOP("Error", "The database cannot be opened")},
    {ErrorCode::DatabaseTooNew, "database_too_new",
     QT_TRANSLATE_NOOP("Error", "The database was created by a newer Paydesk; upgrade this program")},
    {ErrorCode::MigrationFailed, "migration_failed",
     QT_TRANSLATE_NOOP("Error", "Upgrading the database schema failed")},
    {ErrorCode::QueryFailed, "query_failed", QT_TRANSLATE_NOOP("Error", "A database query failed")},
    {ErrorCode::TransactionFailed, "transaction_failed", QT_TRANSLATE_NOOP("Error", "The database transaction failed")},
    {ErrorCode::EntryEmpty, "entry_empty", QT_TRANSLATE_NOOP("Error", "The journal entry needs at least two postings")},
    {ErrorCode::EntryUnbalanced, "entry_unbalanced", QT_TRANSLATE_NOOP("Error", "The journal entry does not balance")},
    {ErrorCode::EntryDateInvalid, "entry_date_invalid",
     QT_TRANSLATE_NOOP("Error", "The journal entry has no valid business date")},
    {ErrorCode::PostingZero, "posting_zero", QT_TRANSLATE_NOOP("Error", "A posting has a zero amount")},
    {ErrorCode::AccountNameInvalid, "account_name_invalid",
     QT_TRANSLATE_NOOP("Error", "The account name does not follow the chart of accounts")},
    {ErrorCode::AccountUnknown, "account_unknown", QT_TRANSLATE_NOOP("Error", "The account does not exist")},
    {ErrorCode::AccountClosed, "account_closed", QT_TRANSLATE_NOOP("Error", "The account is closed")},
    {ErrorCode::AccountCurrencyMismatch, "account_currency_mismatch",
     QT_TRANSLATE_NOOP("Error", "The posting's currency differs from the account's")},
    {ErrorCode::AccountWouldGoNegative, "account_would_go_negative",
     QT_TRANSLATE_NOOP("Error", "The account would go below zero")},
    {ErrorCode::AccountNotZero, "account_not_zero", QT_TRANSLATE_NOOP("Error", "The account still has a balance")},
    {ErrorCode::AccountExists, "account_exists", QT_TRANSLATE_NOOP("Error", "The account already exists")},
    {ErrorCode::EntryNotFound, "entry_not_found", QT_TRANSLATE_NOOP("Error", "The journal entry does not exist")},
    {ErrorCode::EntryAlreadyReversed, "entry_already_reversed",
     QT_TRANSLATE_NOOP("Error", "The journal entry has already been reversed")},
    {ErrorCode::EntryIsReversal, "entry_is_reversal",
     QT_TRANSLATE_NOOP("Error", "A reversal cannot itself be reversed")},
    {ErrorCode::EventAlreadyPosted, "event_already_posted",
     QT_TRANSLATE_NOOP("Error", "This event has already been posted")},
    {ErrorCode::FileUnreadable, "file_unreadable", QT_TRANSLATE_NOOP("Error", "The file cannot be read")},
    {ErrorCode::FileUnwritable, "file_unwritable", QT_TRANSLATE_NOOP("Error", "The file cannot be written")},
    {ErrorCode::JsonMalformed, "json_malformed", QT_TRANSLATE_NOOP("Error", "The JSON is malformed")},
    {ErrorCode::ExternalToolFailed, "external_tool_failed", QT_TRANSLATE_NOOP("Error", "An external tool failed")},
    {ErrorCode::Cancelled, "cancelled", QT_TRANSLATE_NOOP("Error", "Cancelled")},
    {ErrorCode::PermissionDenied, "permission_denied",
     QT_TRANSLATE_NOOP("Error", "You do not have permission for this action")},
    {ErrorCode::AuthenticationFailed, "authentication_failed",
     QT_TRANSLATE_NOOP("Error", "Wrong user name or password")},
    {ErrorCode::OperatorLocked, "operator_locked",
     QT_TRANSLATE_NOOP("Error", "The operator is locked after too many failed logins")},
    {ErrorCode::OperatorDisabled, "operator_disabled", QT_TRANSLATE_NOOP("Error", "The operator is disabled")},
    {ErrorCode::OperatorUnknown, "operator_unknown", QT_TRANSLATE_NOOP("Error", "No such operator")},
    {ErrorCode::OperatorExists, "operator_exists",
     QT_TRANSLATE_NOOP("Error", "An operator with this user name already exists")},
    {ErrorCode::OperatorNameInvalid, "operator_name_invalid",
     QT_TRANSLATE_NOOP("Error", "User names are 3 to 32 letters, digits, dots, dashes or underscores")},
    {ErrorCode::RoleUnknown, "role_unknown", QT_TRANSLATE_NOOP("Error", "Unknown role")},
    {ErrorCode::PasswordTooShort, "password_too_short",
     QT_TRANSLATE_NOOP("Error", "The password must have at least 12 characters")},
    {ErrorCode::PasswordReused, "password_reused",
     QT_TRANSLATE_NOOP("Error", "The password was used recently; choose another")},
    {ErrorCode::PasswordContainsName, "password_contains_name",
     QT_TRANSLATE_NOOP("Error", "The password must not contain the user name")},
    {ErrorCode::PasswordChangeRequired, "password_change_required",
     QT_TRANSLATE_NOOP("Error", "The password must be changed before anything else")},
    {ErrorCode::FirstAdminExists, "first_admin_exists",
     QT_TRANSLATE_NOOP("Error", "Paydesk already has operators; sign in instead")},
    {ErrorCode::LastAdministrator, "last_administrator",
     QT_TRANSLATE_NOOP("Error", "This would leave no active administrator")},
    {ErrorCode::SelfChangeRefused, "self_change_refused",
     QT_TRANSLATE_NOOP("Error", "You cannot disable yourself or remove your own administrator role")},
    {ErrorCode::VaultNotInitialized, "vault_not_initialized",
     QT_TRANSLATE_NOOP("Error", "The secret vault has not been set up")},
    {ErrorCode::VaultAlreadyInitialized, "vault_already_initialized",
     QT_TRANSLATE_NOOP("Error", "The secret vault is already set up")},
    {ErrorCode::VaultLocked, "vault_locked",
     QT_TRANSLATE_NOOP("Error", "The secret vault is locked; unlock it with the master passphrase")},
    {ErrorCode::VaultWrongPassphrase, "vault_wrong_passphrase", QT_TRANSLATE_NOOP("Error", "Wrong master passphrase")},
    {ErrorCode::SecretUnknown, "secret_unknown", QT_TRANSLATE_NOOP("Error", "No such secret in the vault")},
    {ErrorCode::CryptoFailed, "crypto_failed", QT_TRANSLATE_NOOP("Error", "A cryptographic operation failed")},
    {ErrorCode::CryptoAuthenticationFailed, "crypto_authentication_failed",
     QT_TRANSLATE_NOOP("Error", "The encrypted data failed its integrity check")},
    {ErrorCode::StatementFormatUnknown, "statement_format_unknown",
     QT_TRANSLATE_NOOP("Error", "The file is not a statement format Paydesk knows")},
    {ErrorCode::StatementMalformed, "statement_malformed",
     QT_TRANSLATE_NOOP("Error", "The statement has a malformed line")},
    {ErrorCode::StatementTotalsMismatch, "statement_totals_mismatch",
     QT_TRANSLATE_NOOP("Error", "The statement's totals do not match its lines")},
    {ErrorCode::StatementTruncated, "statement_truncated",
     QT_TRANSLATE_NOOP("Error", "The statement ends early (no totals)")},
    {ErrorCode::StatementEncoding, "statement_encoding",
     QT_TRANSLATE_NOOP("Error", "The statement is not in the expected text encoding")},
    {ErrorCode::KeyInvalid, "key_invalid", QT_TRANSLATE_NOOP("Error", "The key or certificate cannot be read")},
    {ErrorCode::CertificateInvalid, "certificate_invalid",
     QT_TRANSLATE_NOOP("Error", "The certificate is not valid or not trusted")},
    {ErrorCode::SignatureInvalid, "signature_invalid", QT_TRANSLATE_NOOP("Error", "The signature does not verify")},
    {ErrorCode::ChannelTimeout, "channel_timeout", QT_TRANSLATE_NOOP("Error", "The channel did not answer in time")},
    {ErrorCode::ChannelUnavailable, "channel_unavailable",
     QT_TRANSLATE_NOOP("Error", "The channel could not be reached or failed")},
    {ErrorCode::ChannelRejected, "channel_rejected", QT_TRANSLATE_NOOP("Error", "The channel refused the request")},
    {ErrorCode::ChannelNotFound, "channel_not_found",
     QT_TRANSLATE_NOOP("Error", "The channel has no such order or refund")},
    {ErrorCode::ChannelStateConflict, "channel_state_conflict",
     QT_TRANSLATE_NOOP("Error", "The order's state at the channel does not allow this")},
    {ErrorCode::ChannelAuthRejected, "channel_auth_rejected",
     QT_TRANSLATE_NOOP("Error", "The channel refused our signature or credentials")},
    {ErrorCode::ChannelResponseMalformed, "channel_response_malformed",
     QT_TRANSLATE_NOOP("Error", "The channel's answer cannot be understood")},
    {ErrorCode::CallbackExpired, "callback_expired",
     QT_TRANSLATE_NOOP("Error", "The callback is too old or from the future")},
    {ErrorCode::CallbackMalformed, "callback_malformed",
     QT_TRANSLATE_NOOP("Error", "The callback cannot be understood")},
    {ErrorCode::MerchantUnknown, "merchant_unknown", QT_TRANSLATE_NOOP("Error", "No such merchant")},
    {ErrorCode::MerchantFieldInvalid, "merchant_field_invalid",
     QT_TRANSLATE_NOOP("Error", "A merchant field is missing or invalid")},
    {ErrorCode::MerchantTransitionRefused, "merchant_transition_refused",
     QT_TRANSLATE_NOOP("Error", "The merchant's status does not allow this step")},
    {ErrorCode::MerchantSelfReview, "merchant_self_review",
     QT_TRANSLATE_NOOP("Error", "A submission must be reviewed by another operator")},
    {ErrorCode::MerchantNotReady, "merchant_not_ready",
     QT_TRANSLATE_NOOP("Error", "The merchant is not ready to transact")},
    {ErrorCode::MerchantBalanceNotZero, "merchant_balance_not_zero",
     QT_TRANSLATE_NOOP("Error", "The merchant still has money in its accounts")},
    {ErrorCode::MerchantChangedMeanwhile, "merchant_changed_meanwhile",
     QT_TRANSLATE_NOOP("Error", "Someone else changed this record meanwhile; reload it")},
    {ErrorCode::DocumentTooLarge, "document_too_large", QT_TRANSLATE_NOOP("Error", "The document is too large")},
    {ErrorCode::DocumentTypeRefused, "document_type_refused",
     QT_TRANSLATE_NOOP("Error", "Only PNG, JPEG and PDF documents are accepted")},
    {ErrorCode::DocumentCorrupt, "document_corrupt",
     QT_TRANSLATE_NOOP("Error", "The document file is damaged or incomplete")},
    {ErrorCode::DocumentUnknown, "document_unknown", QT_TRANSLATE_NOOP("Error", "No such document")},
    {ErrorCode::ApplicationUnknown, "application_unknown", QT_TRANSLATE_NOOP("Error", "No such application")},
    {ErrorCode::ApplicationKeyInvalid, "application_key_invalid",
     QT_TRANSLATE_NOOP("Error", "The application key is not usable")},
    {ErrorCode::ApplicationSignatureInvalid, "application_signature_invalid",
     QT_TRANSLATE_NOOP("Error", "The application's request signature does not verify")},
    {ErrorCode::MerchantDocumentMissing, "merchant_document_missing",
     QT_TRANSLATE_NOOP("Error", "Documents the submission needs are missing")},
    {ErrorCode::ApplicationFieldInvalid, "application_field_invalid",
     QT_TRANSLATE_NOOP("Error", "An application field is missing or invalid")},
    {ErrorCode::ChannelAccountUnknown, "channel_account_unknown",
     QT_TRANSLATE_NOOP("Error", "No such channel account")},
    {ErrorCode::ChannelAccountInvalid, "channel_account_invalid",
     QT_TRANSLATE_NOOP("Error", "A channel account field is missing or invalid")},
    {ErrorCode::PaymentMethodUnknown, "payment_method_unknown", QT_TRANSLATE_NOOP("Error", "Unknown payment method")},
    {ErrorCode::FeeRateInvalid, "fee_rate_invalid", QT_TRANSLATE_NOOP("Error", "The fee rate is invalid")},
    {ErrorCode::FeeTemplateUnknown, "fee_template_unknown", QT_TRANSLATE_NOOP("Error", "No such fee template")},
    {ErrorCode::RoutingRuleInvalid, "routing_rule_invalid", QT_TRANSLATE_NOOP("Error", "The routing rule is invalid")},
    {ErrorCode::NoRoute, "no_route", QT_TRANSLATE_NOOP("Error", "No channel account can take this payment")},
    {ErrorCode::ChannelAccountChangedMeanwhile, "channel_account_changed_meanwhile",
     QT_TRANSLATE_NOOP("Error", "Someone else changed this channel account meanwhile; reload it")},
    {ErrorCode::FeeRateMissing, "fee_rate_missing",
     QT_TRANSLATE_NOOP("Error", "No fee rate is in effect on that date")},
    {ErrorCode::FeeTemplateInUse, "fee_template_in_use",
     QT_TRANSLATE_NOOP("Error", "The fee template has been applied to merchants and is kept for the record")},
    {ErrorCode::ImportFailed, "import_failed", QT_TRANSLATE_NOOP("Error", "The import failed; nothing was imported")},
    {ErrorCode::PaymentTransitionRefused, "payment_transition_refused",
     QT_TRANSLATE_NOOP("Error", "The order's status does not allow this step")},
    {ErrorCode::RefundExceedsPaid, "refund_exceeds_paid",
     QT_TRANSLATE_NOOP("Error", "The refunds would exceed the paid amount")},
    {ErrorCode::OrderUnknown, "order_unknown", QT_TRANSLATE_NOOP("Error", "No such order")},
    {ErrorCode::OrderInvalid, "order_invalid", QT_TRANSLATE_NOOP("Error", "The order request is invalid")},
    {ErrorCode::OrderChangedMeanwhile, "order_changed_meanwhile",
     QT_TRANSLATE_NOOP("Error", "The order changed meanwhile; try again")},
    {ErrorCode::IdempotencyConflict, "idempotency_conflict",
     QT_TRANSLATE_NOOP("Error", "This number was already used for a different request")},
    {ErrorCode::GatewayRequestInvalid, "gateway_request_invalid",
     QT_TRANSLATE_NOOP("Error", "The gateway request is malformed")},
    {ErrorCode::GatewayRequestExpired, "gateway_request_expired",
     QT_TRANSLATE_NOOP("Error", "The request's timestamp is outside the accepted window")},
    {ErrorCode::GatewayRequestReplayed, "gateway_request_replayed",
     QT_TRANSLATE_NOOP("Error", "The request's nonce was already used")},
    {ErrorCode::NotificationUnknown, "notification_unknown", QT_TRANSLATE_NOOP("Error", "No such notification")},
    {ErrorCode::RefundSelfApproval, "refund_self_approval",
     QT_TRANSLATE_NOOP("Error", "A refund must be approved by another operator than the one who asked for it")},
    {ErrorCode::RefundRequestUnknown, "refund_request_unknown", QT_TRANSLATE_NOOP("Error", "No such refund request")},
    {ErrorCode::RefundRequestDecided, "refund_request_decided",
     QT_TRANSLATE_NOOP("Error", "The refund request was already decided")},
    {ErrorCode::StatementTooLarge, "statement_too_large",
     QT_TRANSLATE_NOOP("Error", "The statement unpacks to more than a day's statement may hold")},
    {ErrorCode::CredentialChangeUnknown, "credential_change_unknown",
     QT_TRANSLATE_NOOP("Error", "No such credential change")},
    {ErrorCode::CredentialChangeDecided, "credential_change_decided",
     QT_TRANSLATE_NOOP("Error", "The credential change is no longer waiting for approval")},
    {ErrorCode::CredentialSelfApproval, "credential_self_approval",
     QT_TRANSLATE_NOOP("Error",
                       "A credential change must be approved by another operator than the one who proposed it")},
    {ErrorCode::CallbackNotConfirmed, "callback_not_confirmed",
     QT_TRANSLATE_NOOP("Error", "The channel's query does not confirm what the callback says")},
    {ErrorCode::CallbackRateLimited, "callback_rate_limited",
     QT_TRANSLATE_NOOP("Error", "Too many refused callbacks from this sender; try again later")},
    {ErrorCode::ReconciliationRunning, "reconciliation_running",
     QT_TRANSLATE_NOOP("Error", "A reconciliation of this channel account and date is already under way")},
    {ErrorCode::ReconciliationRunUnknown, "reconciliation_run_unknown",
     QT_TRANSLATE_NOOP("Error", "No such reconciliation run")},
    {ErrorCode::ReconciliationRunNotRunning, "reconciliation_run_not_running",
     QT_TRANSLATE_NOOP("Error", "The reconciliation run is no longer running")},
    {ErrorCode::StatementFileUnknown, "statement_file_unknown",
     QT_TRANSLATE_NOOP("Error", "No such kept statement file")},
    {ErrorCode::StatementFileCorrupt, "statement_file_corrupt",
     QT_TRANSLATE_NOOP("Error", "The kept statement file no longer matches its SHA-256")},
    {ErrorCode::StatementWrongAccount, "statement_wrong_account",
     QT_TRANSLATE_NOOP("Error", "The statement belongs to another channel account or date")},
    {ErrorCode::DiscrepancyUnknown, "discrepancy_unknown", QT_TRANSLATE_NOOP("Error", "No such discrepancy")},
    {ErrorCode::DiscrepancyChangedMeanwhile, "discrepancy_changed_meanwhile",
     QT_TRANSLATE_NOOP("Error", "The discrepancy was changed meanwhile; reload it and try again")},
    {ErrorCode::DiscrepancyStateConflict, "discrepancy_state_conflict",
     QT_TRANSLATE_NOOP("Error", "The discrepancy's status does not allow this")},
    {ErrorCode::DiscrepancySelfApproval, "discrepancy_self_approval",
     QT_TRANSLATE_NOOP("Error", "A resolution must be approved by another operator than the one who proposed it")},
};

const ErrorInfo *infoFor(ErrorCode code)
{
    for (const ErrorInfo &info : kErrors) {
        if (info.code == code)
            return &info;
    }
    return nullptr;
}
} // namespace

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
    const ErrorInfo *info = infoFor(code);
    return info ? tr(info->text) : tr("Unknown error");
}

const char *errorCodeName(ErrorCode code)
{
    const ErrorInfo *info = infoFor(code);
    return info ? info->name : "unknown";
}

bool errorCodeFromName(const QString &name, ErrorCode *code)
{
    for (const ErrorInfo &info : kErrors) {
        if (name == QLatin1String(info.name)) {
            *code = info.code;
            return true;
        }
    }
    return false;
}

void resultValueTakenUnchecked(const Error &error)
{
    qFatal("paydesk: the value of a failed Result was taken: %s", qPrintable(error.message()));
}

} // namespace paydesk
