#pragma once

#include "core/payment/PaymentOrder.h"

#include <QJsonObject>

namespace paydesk {

// The public shape of orders and refunds: what the gateway answers and what notifications
// carry. Amounts are decimal strings in the currency's units ("88.00"), never JSON numbers
// (a double cannot hold every fen); instants are ISO 8601 UTC with milliseconds.
namespace PaymentJson {

QJsonObject order(const PaymentOrder &order);
QJsonObject refund(const PaymentRefund &refund, const QString &merchantOrderNo);
QString instant(const QDateTime &at); // "" for an invalid instant

} // namespace PaymentJson
} // namespace paydesk
