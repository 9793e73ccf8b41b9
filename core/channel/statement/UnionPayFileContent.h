#pragma once

#include "util/Result.h"

#include <QByteArray>
#include <QByteArrayView>

namespace paydesk {

// UnionPay's reconciliation download (txnType 76) answers fileContent = Base64 of a
// zlib-deflated zip holding the ZM_ files. The payload arrives whole in the response, so these
// work in memory; StatementParser::parseUnionPayFileContent parses the unpacked zip, and
// UnionPayFileContentWriter produces a payload as a stream.
class UnionPayFileContent
{
public:
    // Base64 (line breaks allowed) → inflate → the zip's bytes. Refuses more than `maxSize`
    // unpacked bytes, so a hostile payload cannot exhaust memory.
    static Result<QByteArray> unpack(QByteArrayView fileContent, qsizetype maxSize = qsizetype(1) << 31);
    // The reverse, for fixtures and the channel simulator: Base64(zlib(zip)).
    static Result<QByteArray> pack(QByteArrayView zip);
};

} // namespace paydesk
