#include "DisplayFormat.h"

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
    return locale.toString(date, QLocale::ShortFormat);
}

} // namespace paydesk::DisplayFormat
