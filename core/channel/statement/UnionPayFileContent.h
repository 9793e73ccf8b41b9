#pragma once

#include "core/channel/statement/StatementLimits.h"
#include "core/util/Result.h"

#include <QByteArray>
#include <QByteArrayView>

class QIODevice;

namespace paydesk {

// UnionPay's reconciliation download (txnType 76) answers fileContent = Base64 of a
// zlib-deflated zip holding the ZM_ files. A few MB of it can inflate to gigabytes, so it is
// never inflated into memory: unpack() measures the inflated size first, refuses a payload that
// unpacks to more than the limit before writing anything, and only then inflates it again into
// a device (StatementParser uses a temporary file, which libzip then reads).
// StatementParser::parseUnionPayFileContent parses it; UnionPayFileContentWriter writes one.
class UnionPayFileContent
{
public:
    static constexpr qint64 kDefaultMaxUnpackedBytes = StatementLimits::kDefaultMaxUnpackedBytes;

    // Base64 (line breaks allowed) from `in` → inflate → the zip's bytes into `zip`.
    // StatementTooLarge, naming the limit, when it unpacks to more than `maxSize` bytes (and then
    // nothing was written); StatementMalformed when it is not Base64 of a zlib or gzip stream.
    // Memory holds the compressed bytes only.
    static Status unpack(QIODevice &in, QIODevice &zip, qint64 maxSize = kDefaultMaxUnpackedBytes);
    // The same in memory, for payloads known to be small (fixtures, tests).
    static Result<QByteArray> unpack(QByteArrayView fileContent, qint64 maxSize = kDefaultMaxUnpackedBytes);
    // The reverse, for fixtures and the channel simulator: Base64(zlib(zip)).
    static Result<QByteArray> pack(QByteArrayView zip);
};

} // namespace paydesk
