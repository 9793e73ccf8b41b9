#pragma once

#include "core/util/Result.h"

#include <QByteArray>

namespace paydesk {

// The gateway's reading of a JSON request body, stricter than QJsonDocument's: an object with a
// key twice ({"amount":"1.00","amount":"2.00"}: QJsonDocument keeps the last one silently, the
// signature covered both) and a string with an unpaired UTF-16 surrogate escape ("\ud800") or
// bytes that are not UTF-8 are refused as JsonMalformed, before the body means anything. The
// check is a SAX pass of nlohmann's parser (one small translation unit; no tree is built).
namespace StrictJson {

Status check(const QByteArray &json);

} // namespace StrictJson

} // namespace paydesk
