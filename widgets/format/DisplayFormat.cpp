#include "widgets/format/DisplayFormat.h"

#include "core/util/Clock.h"

#include <QCoreApplication>

namespace paydesk::DisplayFormat {

QString money(const Money &amount, const QLocale &locale)
{
    const qint64 perMajor = amount.currency().minorPerMajor();
    const qint64 minor = amount.minor();
    // Split without negating, so that the most negative amount formats too.
    const qint64 major = minor / perMajor;
    const qint64 fraction = minor % perMajor;
    const QString sign = minor < 0 ? locale.negativeSign() : QString();
    QString text = locale.toString(major < 0 ? -static_cast<quint64>(major) : static_cast<quint64>(major));
    const int decimals = amount.currency().decimals();
    if (decimals > 0) {
        const qint64 fractionMagnitude = fraction < 0 ? -fraction : fraction;
        text += locale.decimalPoint() + QString::number(fractionMagnitude).rightJustified(decimals, QLatin1Char('0'));
    }
    return sign + text;
}

QString moneyWithCurrency(const Money &amount, const QLocale &locale)
{
    return money(amount, locale) + QLatin1Char(' ') + amount.currency().code();
}

QString date(const QDate &date, const QLocale &locale)
{
    // Year first, as dateTime() and the statements: "11/28/26" reads differently by country.
    return locale.toString(date, QStringLiteral("yyyy-MM-dd"));
}

QString dateTime(const QDateTime &instant, const QLocale &locale)
{
    if (!instant.isValid())
        return {};
    return locale.toString(instant.toTimeZone(Clock::platformTimeZone()), QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

QString entryKind(EntryKind kind)
{
    switch (kind) {
    case EntryKind::Manual:
        return QCoreApplication::translate("DisplayFormat", "Manual");
    case EntryKind::Payment:
        return QCoreApplication::translate("DisplayFormat", "Payment");
    case EntryKind::Refund:
        return QCoreApplication::translate("DisplayFormat", "Refund");
    case EntryKind::Clearing:
        return QCoreApplication::translate("DisplayFormat", "Clearing");
    case EntryKind::ChannelSettlement:
        return QCoreApplication::translate("DisplayFormat", "Channel funds");
    case EntryKind::Payout:
        return QCoreApplication::translate("DisplayFormat", "Payout");
    case EntryKind::PayoutConfirmed:
        return QCoreApplication::translate("DisplayFormat", "Payout confirmed");
    case EntryKind::PayoutFailed:
        return QCoreApplication::translate("DisplayFormat", "Payout failed");
    case EntryKind::Freeze:
        return QCoreApplication::translate("DisplayFormat", "Freeze");
    case EntryKind::Unfreeze:
        return QCoreApplication::translate("DisplayFormat", "Unfreeze");
    case EntryKind::Adjustment:
        return QCoreApplication::translate("DisplayFormat", "Adjustment");
    case EntryKind::Reversal:
        return QCoreApplication::translate("DisplayFormat", "Reversal");
    }
    return {};
}

} // namespace paydesk::DisplayFormat
