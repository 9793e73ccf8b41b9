#pragma once

#include "core/util/Result.h"

#include <QByteArray>

namespace paydesk::Compression {

// zlib wrappers for what the channels send: WeChat bills as gzip, UnionPay statements as a
// zlib stream. Output size is bounded so a hostile stream cannot exhaust memory.
Result<QByteArray> gunzip(const QByteArray &gzip, qsizetype maxOutput = qsizetype(1) << 31);
Result<QByteArray> gzip(const QByteArray &plain);
Result<QByteArray> inflateZlib(const QByteArray &zlib, qsizetype maxOutput = qsizetype(1) << 31);
Result<QByteArray> deflateZlib(const QByteArray &plain);

} // namespace paydesk::Compression
