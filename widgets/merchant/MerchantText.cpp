#include "widgets/merchant/MerchantText.h"

#include "core/channel/ChannelNames.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QStringList>

namespace paydesk::MerchantText {

namespace {
// For texts marked with QT_TRANSLATE_NOOP("MerchantText", …) and looked up by value.
QString translated(const char *text)
{
    return QCoreApplication::translate("MerchantText", text);
}

// Reasons the core gives without numbers in them; others are shown as the core words them.
constexpr const char *kReasons[] = {
    QT_TRANSLATE_NOOP("MerchantText", "required"),
    QT_TRANSLATE_NOOP("MerchantText", "control characters are not allowed"),
    QT_TRANSLATE_NOOP("MerchantText", "not a mobile number (11 digits) or a landline with its area code"),
    QT_TRANSLATE_NOOP("MerchantText", "not an e-mail address"),
    QT_TRANSLATE_NOOP("MerchantText", "8 to 30 digits"),
    QT_TRANSLATE_NOOP("MerchantText", "only CNY is supported"),
    QT_TRANSLATE_NOOP("MerchantText", "T+N needs N between 2 and 30"),
    QT_TRANSLATE_NOOP("MerchantText", "only T+N takes a number of days"),
    QT_TRANSLATE_NOOP("MerchantText", "must be in the merchant's currency"),
    QT_TRANSLATE_NOOP("MerchantText", "cannot be negative"),
    QT_TRANSLATE_NOOP("MerchantText", "between 0 and 1,000,000 parts per million"),
    QT_TRANSLATE_NOOP("MerchantText", "characters 3 to 8 must be the digits of an administrative division code"),
    QT_TRANSLATE_NOOP("MerchantText", "the first 17 characters of a resident ID number are digits"),
    QT_TRANSLATE_NOOP("MerchantText", "the last character of a resident ID number is a digit or X"),
    QT_TRANSLATE_NOOP("MerchantText", "characters 1 to 6 are not a region code"),
    QT_TRANSLATE_NOOP("MerchantText", "characters 7 to 14 are not a birth date"),
    QT_TRANSLATE_NOOP("MerchantText", "enable at least one payment method"),
    QT_TRANSLATE_NOOP("MerchantText", "not an absolute URL"),
    QT_TRANSLATE_NOOP("MerchantText", "must not carry a user name or password"),
    QT_TRANSLATE_NOOP("MerchantText", "must not have a fragment"),
    QT_TRANSLATE_NOOP("MerchantText", "must be an https URL (plain http only with development endpoints on)"),
    QT_TRANSLATE_NOOP("MerchantText", "must be an http or https URL"),
    QT_TRANSLATE_NOOP(
        "MerchantText",
        "loopback, private and carrier-grade NAT addresses are allowed only with development endpoints on"),
    QT_TRANSLATE_NOOP("MerchantText", "link-local, unspecified, multicast and reserved addresses are refused"),
    QT_TRANSLATE_NOOP("MerchantText", "a host name with a trailing dot is refused"),
    QT_TRANSLATE_NOOP("MerchantText", "write an IPv4 address as four decimal numbers"),
    QT_TRANSLATE_NOOP(
        "MerchantText",
        "names of private networks (localhost, .local, .internal) are allowed only with development endpoints on"),
    QT_TRANSLATE_NOOP("MerchantText", "no enabled application"),
    QT_TRANSLATE_NOOP("MerchantText", "no enabled routing rule on an enabled channel account"),
};
} // namespace

QString status(MerchantStatus status)
{
    switch (status) {
    case MerchantStatus::Draft:
        return QCoreApplication::translate("MerchantText", "Draft");
    case MerchantStatus::Submitted:
        return QCoreApplication::translate("MerchantText", "Submitted");
    case MerchantStatus::Approved:
        return QCoreApplication::translate("MerchantText", "Approved");
    case MerchantStatus::Rejected:
        return QCoreApplication::translate("MerchantText", "Rejected");
    case MerchantStatus::Active:
        return QCoreApplication::translate("MerchantText", "Active");
    case MerchantStatus::Frozen:
        return QCoreApplication::translate("MerchantText", "Frozen");
    case MerchantStatus::Closed:
        return QCoreApplication::translate("MerchantText", "Closed");
    }
    return {};
}

QString type(MerchantType type)
{
    switch (type) {
    case MerchantType::Individual:
        return QCoreApplication::translate("MerchantText", "Individual");
    case MerchantType::Enterprise:
        return QCoreApplication::translate("MerchantText", "Enterprise");
    }
    return {};
}

QString cycle(SettlementCycle cycle)
{
    switch (cycle) {
    case SettlementCycle::T1:
        return QCoreApplication::translate("MerchantText", "T+1");
    case SettlementCycle::TN:
        return QCoreApplication::translate("MerchantText", "T+N");
    case SettlementCycle::Manual:
        return QCoreApplication::translate("MerchantText", "Manual");
    }
    return {};
}

QString cycle(SettlementCycle value, int days)
{
    if (value == SettlementCycle::TN)
        return QCoreApplication::translate("MerchantText", "T+%1").arg(days);
    return cycle(value);
}

QString action(MerchantAction action)
{
    switch (action) {
    case MerchantAction::Submit:
        return QCoreApplication::translate("MerchantText", "Submit for review");
    case MerchantAction::Approve:
        return QCoreApplication::translate("MerchantText", "Approve…");
    case MerchantAction::Reject:
        return QCoreApplication::translate("MerchantText", "Reject…");
    case MerchantAction::Reopen:
        return QCoreApplication::translate("MerchantText", "Reopen");
    case MerchantAction::Activate:
        return QCoreApplication::translate("MerchantText", "Activate");
    case MerchantAction::Freeze:
        return QCoreApplication::translate("MerchantText", "Freeze…");
    case MerchantAction::Unfreeze:
        return QCoreApplication::translate("MerchantText", "Unfreeze…");
    case MerchantAction::Close:
        return QCoreApplication::translate("MerchantText", "Close…");
    }
    return {};
}

QString historyAction(const QString &name)
{
    if (name == QLatin1String("create"))
        return QCoreApplication::translate("MerchantText", "Created");
    if (name == QLatin1String("edit"))
        return QCoreApplication::translate("MerchantText", "Edited");
    if (name == QLatin1String("document.attach"))
        return QCoreApplication::translate("MerchantText", "Document attached");
    if (name == QLatin1String("document.remove"))
        return QCoreApplication::translate("MerchantText", "Document removed");
    const struct
    {
        const char *name;
        const char *text;
    } steps[] = {
        {"submit", QT_TRANSLATE_NOOP("MerchantText", "Submitted for review")},
        {"approve", QT_TRANSLATE_NOOP("MerchantText", "Approved")},
        {"reject", QT_TRANSLATE_NOOP("MerchantText", "Rejected")},
        {"reopen", QT_TRANSLATE_NOOP("MerchantText", "Reopened")},
        {"activate", QT_TRANSLATE_NOOP("MerchantText", "Activated")},
        {"freeze", QT_TRANSLATE_NOOP("MerchantText", "Frozen")},
        {"unfreeze", QT_TRANSLATE_NOOP("MerchantText", "Unfrozen")},
        {"close", QT_TRANSLATE_NOOP("MerchantText", "Closed")},
    };
    for (const auto &step : steps) {
        if (name == QLatin1String(step.name))
            return translated(step.text);
    }
    return name;
}

QString documentKind(DocumentKind kind)
{
    switch (kind) {
    case DocumentKind::BusinessLicence:
        return QCoreApplication::translate("MerchantText", "Business licence");
    case DocumentKind::LegalIdFront:
        return QCoreApplication::translate("MerchantText", "Legal person's ID (front)");
    case DocumentKind::LegalIdBack:
        return QCoreApplication::translate("MerchantText", "Legal person's ID (back)");
    case DocumentKind::BankAccountProof:
        return QCoreApplication::translate("MerchantText", "Bank account proof");
    case DocumentKind::Other:
        return QCoreApplication::translate("MerchantText", "Other");
    }
    return {};
}

QString keyKind(SignType type)
{
    switch (type) {
    case SignType::Rsa2:
        return QCoreApplication::translate("MerchantText", "RSA2 public key");
    case SignType::HmacSha256:
        return QCoreApplication::translate("MerchantText", "HMAC-SHA256 secret");
    }
    return {};
}

QString method(PayMethod method)
{
    switch (method) {
    case PayMethod::WeChatNative:
        return QCoreApplication::translate("MerchantText", "WeChat Pay QR code (Native)");
    case PayMethod::WeChatJsapi:
        return QCoreApplication::translate("MerchantText", "WeChat Pay in-app (JSAPI)");
    case PayMethod::AlipayPrecreate:
        return QCoreApplication::translate("MerchantText", "Alipay QR code (precreate)");
    case PayMethod::UnionPayFront:
        return QCoreApplication::translate("MerchantText", "UnionPay online (front)");
    }
    return {};
}

QString methodByName(const QString &name)
{
    PayMethod value;
    return ChannelNames::methodFromName(name, &value) ? method(value) : name;
}

QString methodsByName(const QStringList &names)
{
    QStringList texts;
    for (const QString &name : names)
        texts << methodByName(name);
    return texts.join(QStringLiteral(", "));
}

QString field(const QString &name)
{
    const struct
    {
        const char *name;
        const char *text;
    } fields[] = {
        {"legal_name", QT_TRANSLATE_NOOP("MerchantText", "Legal name")},
        {"short_name", QT_TRANSLATE_NOOP("MerchantText", "Short name")},
        {"type", QT_TRANSLATE_NOOP("MerchantText", "Type")},
        {"registration_no", QT_TRANSLATE_NOOP("MerchantText", "Registration no.")},
        {"contact_name", QT_TRANSLATE_NOOP("MerchantText", "Contact")},
        {"contact_phone", QT_TRANSLATE_NOOP("MerchantText", "Phone")},
        {"contact_email", QT_TRANSLATE_NOOP("MerchantText", "E-mail")},
        {"industry", QT_TRANSLATE_NOOP("MerchantText", "Industry")},
        {"bank_account_name", QT_TRANSLATE_NOOP("MerchantText", "Account name")},
        {"bank_name", QT_TRANSLATE_NOOP("MerchantText", "Bank")},
        {"bank_branch", QT_TRANSLATE_NOOP("MerchantText", "Branch")},
        {"bank_account_no", QT_TRANSLATE_NOOP("MerchantText", "Account no.")},
        {"currency", QT_TRANSLATE_NOOP("MerchantText", "Currency")},
        {"settlement_cycle", QT_TRANSLATE_NOOP("MerchantText", "Settlement cycle")},
        {"settlement_days", QT_TRANSLATE_NOOP("MerchantText", "Settlement days")},
        {"minimum_payout", QT_TRANSLATE_NOOP("MerchantText", "Minimum payout")},
        {"reserve_ppm", QT_TRANSLATE_NOOP("MerchantText", "Reserve")},
        {"reason", QT_TRANSLATE_NOOP("MerchantText", "Reason")},
        {"name", QT_TRANSLATE_NOOP("MerchantText", "Name")},
        {"methods", QT_TRANSLATE_NOOP("MerchantText", "Payment methods")},
        {"notify_url", QT_TRANSLATE_NOOP("MerchantText", "Notify URL")},
        {"ip_allowlist", QT_TRANSLATE_NOOP("MerchantText", "IP allowlist")},
    };
    for (const auto &f : fields) {
        if (name == QLatin1String(f.name))
            return translated(f.text);
    }
    return name;
}

QString reason(const QString &text)
{
    for (const char *known : kReasons) {
        if (text == QLatin1String(known))
            return translated(known);
    }
    static const QRegularExpression noRate(
        QStringLiteral("^no merchant rate for (\\S+) in effect on (\\d{4}-\\d{2}-\\d{2})$"));
    const QRegularExpressionMatch rate = noRate.match(text);
    if (rate.hasMatch()) {
        const QString method = methodByName(rate.captured(1));
        const QString date = rate.captured(2);
        return QCoreApplication::translate("MerchantText", "no merchant rate for %1 in effect on %2").arg(method, date);
    }
    static const QRegularExpression atLeast(QStringLiteral("^at least (\\d+) characters$"));
    static const QRegularExpression atMost(QStringLiteral("^at most (\\d+) characters$"));
    // The count is taken out first: lupdate 6.4 loops forever on a call such as x.f(1).g() as
    // the count argument of translate().
    const QRegularExpressionMatch least = atLeast.match(text);
    const int leastCount = least.captured(1).toInt();
    if (least.hasMatch())
        return QCoreApplication::translate("MerchantText", "at least %n character(s)", nullptr, leastCount);
    const QRegularExpressionMatch most = atMost.match(text);
    const int mostCount = most.captured(1).toInt();
    if (most.hasMatch())
        return QCoreApplication::translate("MerchantText", "at most %n character(s)", nullptr, mostCount);
    return text;
}

QString problem(const QString &fieldName, const QString &reasonText)
{
    if (fieldName.isEmpty())
        return reason(reasonText);
    return QCoreApplication::translate("MerchantText", "%1: %2").arg(field(fieldName), reason(reasonText));
}

} // namespace paydesk::MerchantText
