#pragma once

#include <QtGlobal>

namespace paydesk::StatementLimits {

// How many bytes one statement may unpack to: a UnionPay fileContent's zip, and a zip's members
// together (each layer is held to it). A UnionPay ZM line is 609 bytes and an Alipay or WeChat line a few hundred, so
// 256 MiB holds some 400,000 transactions of one merchant account's day, while a 2.7 MB zip
// bomb that would inflate to gigabytes is stopped there. StatementParseOptions and
// `paydesk-cli statement parse --max-unpacked` change it.
constexpr qint64 kDefaultMaxUnpackedBytes = qint64(256) << 20;

} // namespace paydesk::StatementLimits
