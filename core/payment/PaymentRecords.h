#pragma once

#include "core/util/Error.h"

#include <QDateTime>
#include <QJsonObject>
#include <QVariant>

class QRandomGenerator;

namespace paydesk {

// Small pieces shared by the order and refund services and their stores.
namespace PaymentRecords {

// A new order or refund number: `prefix` (P, R), the platform's local time to the millisecond
// and five random digits — 23 characters, within every channel's limit; unique across databases
// sharing a channel account as long as clocks and draws differ (unique keys catch the rest).
QString newNumber(QChar prefix, const QDateTime &now, QRandomGenerator &random);

// An error as it is kept in an order's story.
QJsonObject snapshot(const Error &error);

// Milliseconds since 1970 in the database ↔ a UTC instant; NULL ↔ invalid.
inline QDateTime instant(const QVariant &value)
{
    return value.isNull() ? QDateTime() : QDateTime::fromMSecsSinceEpoch(value.toLongLong(), Qt::UTC);
}

// Qt binds a null QString as NULL; the text columns are NOT NULL with '' for "none".
inline QString text(const QString &value)
{
    return value.isNull() ? QStringLiteral("") : value;
}

} // namespace PaymentRecords
} // namespace paydesk
