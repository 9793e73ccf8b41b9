#pragma once

#include <QByteArray>
#include <QMap>
#include <QString>

namespace paydesk::FormEncoding {

// application/x-www-form-urlencoded, as Alipay and UnionPay post their requests and
// notifications: UTF-8, percent-encoded, '+' read as a space.

// "k=v&k=v" with keys in map order; empty values are left out when `skipEmpty`.
QByteArray encode(const QMap<QString, QString> &fields, bool skipEmpty = false);
// Pairs without '=' or with an empty key are ignored; a repeated key keeps the last value.
QMap<QString, QString> decode(const QByteArray &body);

} // namespace paydesk::FormEncoding
