#pragma once

#include "core/channel/ChannelTime.h"

#include <QDateTime>
#include <QRandomGenerator>
#include <QString>
#include <QTimeZone>

namespace paydesk::sandbox {

// Time and number formats the simulated channels share (times: ChannelTime, as the adapters).
inline const QTimeZone &beijing()
{
    return ChannelTime::china();
}
inline QString rfc3339(const QDateTime &instant)
{
    return ChannelTime::rfc3339(instant);
}
// 2026-11-27 10:34:56
inline QString beijingTime(const QDateTime &instant)
{
    return ChannelTime::format(instant, QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}
// 20261127103456
inline QString compactTime(const QDateTime &instant)
{
    return ChannelTime::format(instant, QStringLiteral("yyyyMMddHHmmss"));
}
inline QDate beijingDate(const QDateTime &instant)
{
    return ChannelTime::date(instant);
}
// `count` random decimal digits.
inline QString randomDigits(int count)
{
    QString digits;
    digits.reserve(count);
    for (int i = 0; i < count; ++i)
        digits += QChar(u'0' + QRandomGenerator::global()->bounded(10));
    return digits;
}
// Fen as a yuan string with two decimals ("0.01", "1234.50"), as Alipay writes amounts.
inline QString yuanText(qint64 fen)
{
    const qint64 magnitude = fen < 0 ? -fen : fen;
    return QStringLiteral("%1%2.%3")
        .arg(fen < 0 ? QStringLiteral("-") : QString())
        .arg(magnitude / 100)
        .arg(magnitude % 100, 2, 10, QLatin1Char('0'));
}

} // namespace paydesk::sandbox

namespace paydesk::sandbox {
// The bad-signature fault: a valid-looking Base64 signature that does not verify.
inline QByteArray corruptSignature(const QByteArray &base64)
{
    QByteArray raw = QByteArray::fromBase64(base64);
    if (raw.isEmpty())
        return "AAAA";
    raw[raw.size() / 2] = char(raw[raw.size() / 2] ^ 0x5a);
    return raw.toBase64();
}
} // namespace paydesk::sandbox
