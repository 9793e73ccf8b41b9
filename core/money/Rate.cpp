#include "core/money/Rate.h"

namespace paydesk {

Result<Rate> Rate::fromPpm(qint64 ppm)
{
    if (ppm < 0 || ppm > kPartsPerMillion)
        return Error(ErrorCode::RateOutOfRange, QString::number(ppm));
    return Rate(ppm);
}

Result<Rate> Rate::parsePercent(QStringView text)
{
    QStringView number = text;
    if (number.endsWith(QLatin1Char('%')))
        number.chop(1);
    // One percent is 10,000 ppm, so four decimals of a percent are whole ppm.
    constexpr int kPercentDecimals = 4;
    qint64 ppm = 0;
    int integerDigits = 0;
    int fractionDigits = -1;
    for (const QChar c : number) {
        if (c == QLatin1Char('.') && fractionDigits < 0) {
            fractionDigits = 0;
            continue;
        }
        if (c < QLatin1Char('0') || c > QLatin1Char('9'))
            return Error(ErrorCode::RateMalformed, text.toString());
        if (fractionDigits >= 0) {
            if (++fractionDigits > kPercentDecimals)
                return Error(ErrorCode::RateMalformed, text.toString());
        } else if (++integerDigits > 3) {
            return Error(ErrorCode::RateOutOfRange, text.toString());
        }
        ppm = ppm * 10 + (c.unicode() - '0');
    }
    if (integerDigits == 0 || fractionDigits == 0)
        return Error(ErrorCode::RateMalformed, text.toString());
    for (int i = qMax(fractionDigits, 0); i < kPercentDecimals; ++i)
        ppm *= 10;
    return fromPpm(ppm);
}

QString Rate::toPercentString() const
{
    QString text = QString::number(m_ppm / 10000);
    qint64 fraction = m_ppm % 10000;
    if (fraction != 0) {
        QString digits = QString::number(fraction).rightJustified(4, QLatin1Char('0'));
        while (digits.endsWith(QLatin1Char('0')))
            digits.chop(1);
        text += QLatin1Char('.') + digits;
    }
    return text + QLatin1Char('%');
}

} // namespace paydesk
