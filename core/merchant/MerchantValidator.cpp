#include "core/merchant/MerchantValidator.h"

#include "core/merchant/RegistrationNumber.h"

#include <QRegularExpression>

namespace paydesk {

namespace {
const QString kSeparator = QStringLiteral("; ");

Status ok()
{
    return {};
}

// Text a person typed: no control characters, at most `maximum` characters.
QString textProblem(const QString &value, int minimum, int maximum)
{
    for (QChar c : value) {
        if (c.category() == QChar::Other_Control || c.category() == QChar::Other_Format)
            return QStringLiteral("control characters are not allowed");
    }
    const qsizetype length = value.toUcs4().size();
    if (length < minimum)
        return minimum == 1 ? QStringLiteral("required") : QStringLiteral("at least %1 characters").arg(minimum);
    if (length > maximum)
        return QStringLiteral("at most %1 characters").arg(maximum);
    return {};
}

Status text(const QString &field, const QString &value, int minimum, int maximum, bool optional)
{
    if (optional && value.isEmpty())
        return ok();
    const QString problem = textProblem(value, minimum, maximum);
    if (!problem.isEmpty())
        return MerchantValidator::fieldError(field, problem);
    return ok();
}

void collect(QList<FieldProblem> *problems, const Status &status)
{
    if (!status)
        problems->append(MerchantValidator::problemsOf(status.error()));
}
} // namespace

MerchantProfile MerchantValidator::normalized(MerchantProfile p)
{
    for (QString *field :
         {&p.legalName, &p.shortName, &p.registrationNo, &p.contactName, &p.contactPhone, &p.contactEmail, &p.industry,
          &p.bankAccountName, &p.bankName, &p.bankBranch, &p.bankAccountNo})
        *field = field->trimmed();
    p.registrationNo = p.registrationNo.toUpper();
    p.contactPhone.remove(QLatin1Char(' '));
    p.bankAccountNo.remove(QLatin1Char(' ')).remove(QLatin1Char('-'));
    if (p.settlementCycle != SettlementCycle::TN)
        p.settlementDays = 1;
    if (!p.minimumPayout.isValid())
        p.minimumPayout = Money::zero(p.currency);
    return p;
}

Error MerchantValidator::fieldError(const QString &field, const QString &reason)
{
    return Error(ErrorCode::MerchantFieldInvalid, field + QStringLiteral(": ") + reason);
}

Error MerchantValidator::fieldError(const QList<FieldProblem> &problems)
{
    QStringList parts;
    for (const FieldProblem &problem : problems)
        parts << problem.field + QStringLiteral(": ") + problem.reason;
    return Error(ErrorCode::MerchantFieldInvalid, parts.join(kSeparator));
}

QList<FieldProblem> MerchantValidator::problemsOf(const Error &error)
{
    QList<FieldProblem> problems;
    if (error.code() != ErrorCode::MerchantFieldInvalid)
        return problems;
    for (const QString &part : error.detail().split(kSeparator, Qt::SkipEmptyParts)) {
        const qsizetype colon = part.indexOf(QStringLiteral(": "));
        if (colon < 0)
            problems.append({QString(), part});
        else
            problems.append({part.left(colon), part.mid(colon + 2)});
    }
    return problems;
}

Status MerchantValidator::legalName(const QString &value)
{
    return text(QStringLiteral("legal_name"), value, 2, 100, false);
}

Status MerchantValidator::shortName(const QString &value)
{
    return text(QStringLiteral("short_name"), value, 1, 40, false);
}

Status MerchantValidator::registrationNo(MerchantType type, const QString &value, const QDate &today)
{
    if (value.isEmpty())
        return ok();
    const QString problem = type == MerchantType::Enterprise ? RegistrationNumber::creditCodeProblem(value)
                                                             : RegistrationNumber::residentIdProblem(value, today);
    if (!problem.isEmpty())
        return fieldError(QStringLiteral("registration_no"), problem);
    return ok();
}

Status MerchantValidator::contactName(const QString &value)
{
    return text(QStringLiteral("contact_name"), value, 1, 50, true);
}

Status MerchantValidator::contactPhone(const QString &value)
{
    if (value.isEmpty())
        return ok();
    static const QRegularExpression mobile(QStringLiteral("^1[3-9][0-9]{9}$"));
    static const QRegularExpression landline(QStringLiteral("^0[1-9][0-9]{1,2}-?[1-9][0-9]{6,7}(-[0-9]{1,6})?$"));
    if (!mobile.match(value).hasMatch() && !landline.match(value).hasMatch())
        return fieldError(QStringLiteral("contact_phone"),
                          QStringLiteral("not a mobile number (11 digits) or a landline with its area code"));
    return ok();
}

Status MerchantValidator::contactEmail(const QString &value)
{
    if (value.isEmpty())
        return ok();
    static const QRegularExpression email(
        QStringLiteral("^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
                       "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$"));
    if (value.size() > 254 || !email.match(value).hasMatch())
        return fieldError(QStringLiteral("contact_email"), QStringLiteral("not an e-mail address"));
    return ok();
}

Status MerchantValidator::industry(const QString &value)
{
    return text(QStringLiteral("industry"), value, 1, 64, true);
}

Status MerchantValidator::bankAccountName(const QString &value)
{
    return text(QStringLiteral("bank_account_name"), value, 1, 100, true);
}

Status MerchantValidator::bankName(const QString &value)
{
    return text(QStringLiteral("bank_name"), value, 1, 100, true);
}

Status MerchantValidator::bankBranch(const QString &value)
{
    return text(QStringLiteral("bank_branch"), value, 1, 100, true);
}

Status MerchantValidator::bankAccountNo(const QString &value)
{
    if (value.isEmpty())
        return ok();
    static const QRegularExpression digits(QStringLiteral("^[0-9]{8,30}$"));
    if (!digits.match(value).hasMatch())
        return fieldError(QStringLiteral("bank_account_no"), QStringLiteral("8 to 30 digits"));
    return ok();
}

Status MerchantValidator::currency(Currency currency)
{
    if (currency != Currency::cny())
        return fieldError(QStringLiteral("currency"), QStringLiteral("only CNY is supported"));
    return ok();
}

Status MerchantValidator::settlement(SettlementCycle cycle, int days)
{
    if (cycle == SettlementCycle::TN && (days < 2 || days > 30))
        return fieldError(QStringLiteral("settlement_days"), QStringLiteral("T+N needs N between 2 and 30"));
    if (cycle != SettlementCycle::TN && days != 1)
        return fieldError(QStringLiteral("settlement_days"), QStringLiteral("only T+N takes a number of days"));
    return ok();
}

Status MerchantValidator::minimumPayout(const Money &amount, Currency currency)
{
    if (!amount.isValid() || amount.currency() != currency)
        return fieldError(QStringLiteral("minimum_payout"), QStringLiteral("must be in the merchant's currency"));
    if (amount.isNegative())
        return fieldError(QStringLiteral("minimum_payout"), QStringLiteral("cannot be negative"));
    return ok();
}

Status MerchantValidator::reservePpm(qint64 ppm)
{
    if (ppm < 0 || ppm > 1000000)
        return fieldError(QStringLiteral("reserve_ppm"), QStringLiteral("between 0 and 1,000,000 parts per million"));
    return ok();
}

QList<FieldProblem> MerchantValidator::problems(const MerchantProfile &p, bool complete, const QDate &today)
{
    QList<FieldProblem> found;
    collect(&found, legalName(p.legalName));
    collect(&found, shortName(p.shortName));
    collect(&found, registrationNo(p.type, p.registrationNo, today));
    collect(&found, contactName(p.contactName));
    collect(&found, contactPhone(p.contactPhone));
    collect(&found, contactEmail(p.contactEmail));
    collect(&found, industry(p.industry));
    collect(&found, bankAccountName(p.bankAccountName));
    collect(&found, bankName(p.bankName));
    collect(&found, bankBranch(p.bankBranch));
    collect(&found, bankAccountNo(p.bankAccountNo));
    collect(&found, currency(p.currency));
    collect(&found, settlement(p.settlementCycle, p.settlementDays));
    collect(&found, minimumPayout(p.minimumPayout, p.currency));
    collect(&found, reservePpm(p.reservePpm));
    if (!complete)
        return found;
    const std::pair<const char *, const QString *> required[] = {
        {"registration_no", &p.registrationNo},
        {"contact_name", &p.contactName},
        {"contact_phone", &p.contactPhone},
        {"contact_email", &p.contactEmail},
        {"industry", &p.industry},
        {"bank_account_name", &p.bankAccountName},
        {"bank_name", &p.bankName},
        {"bank_branch", &p.bankBranch},
        {"bank_account_no", &p.bankAccountNo},
    };
    for (const auto &[field, value] : required) {
        if (value->isEmpty())
            found.append({QString::fromLatin1(field), QStringLiteral("required")});
    }
    return found;
}

Status MerchantValidator::check(const MerchantProfile &profile, bool complete, const QDate &today)
{
    const QList<FieldProblem> found = problems(profile, complete, today);
    if (found.isEmpty())
        return ok();
    return fieldError(found);
}

} // namespace paydesk
