#include "core/payment/PaymentRecords.h"

#include "core/util/Clock.h"

#include <QRandomGenerator>

namespace paydesk::PaymentRecords {

QString newNumber(QChar prefix, const QDateTime &now, QRandomGenerator &random)
{
    return QString(prefix) + now.toTimeZone(Clock::platformTimeZone()).toString(QStringLiteral("yyyyMMddHHmmsszzz")) +
           QStringLiteral("%1").arg(random.bounded(100000), 5, 10, QLatin1Char('0'));
}

QJsonObject snapshot(const Error &error)
{
    return QJsonObject{{QStringLiteral("error"), QString::fromLatin1(errorCodeName(error.code()))},
                       {QStringLiteral("message"), error.message()},
                       {QStringLiteral("detail"), error.detail()}};
}

} // namespace paydesk::PaymentRecords
