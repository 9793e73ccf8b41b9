#pragma once

#include "core/merchant/Merchant.h"
#include "core/util/Result.h"

namespace paydesk {

// One thing wrong with one field of a merchant profile. `field` is the stored column name
// (legal_name, registration_no, contact_phone, settlement_days, …), so a form can show the
// reason next to its widget.
struct FieldProblem
{
    QString field;
    QString reason;
};

// Merchant field rules, usable while typing (each field alone) and by the service (the whole
// profile). A failing check is ErrorCode::MerchantFieldInvalid with the detail
// "field: reason" ("field: reason; field: reason" for several).
class MerchantValidator
{
public:
    // Trimmed text, credit codes and ID numbers upper-cased, spaces and dashes taken out of
    // bank account numbers and spaces out of phone numbers.
    static MerchantProfile normalized(MerchantProfile profile);

    // Single fields. Empty optional fields pass; a submission asks for them (problems()).
    static Status legalName(const QString &value);
    static Status shortName(const QString &value);
    // `today`, when valid, refuses ID numbers with a birth date after it.
    static Status registrationNo(MerchantType type, const QString &value, const QDate &today = QDate());
    static Status contactName(const QString &value);
    // A mainland mobile number (11 digits starting 1[3-9]) or a landline with its area code
    // (010-12345678, optionally with -extension).
    static Status contactPhone(const QString &value);
    static Status contactEmail(const QString &value);
    static Status industry(const QString &value);
    static Status bankAccountName(const QString &value);
    static Status bankName(const QString &value);
    static Status bankBranch(const QString &value);
    static Status bankAccountNo(const QString &value); // 8–30 digits
    static Status currency(Currency currency);         // CNY
    static Status settlement(SettlementCycle cycle, int days);
    static Status minimumPayout(const Money &amount, Currency currency);
    static Status reservePpm(qint64 ppm);

    // Every problem of a (normalized) profile. With `complete`, empty fields a submission needs
    // are problems too.
    static QList<FieldProblem> problems(const MerchantProfile &profile, bool complete, const QDate &today = QDate());
    // problems() as one error, or success.
    static Status check(const MerchantProfile &profile, bool complete, const QDate &today = QDate());

    static Error fieldError(const QString &field, const QString &reason);
    static Error fieldError(const QList<FieldProblem> &problems);
    // The problems a MerchantFieldInvalid error names (for a form to place them).
    static QList<FieldProblem> problemsOf(const Error &error);
};

} // namespace paydesk
