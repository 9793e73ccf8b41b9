#pragma once

#include "core/channel/statement/StatementReadContext.h"

#include <QByteArrayView>

class QIODevice;

namespace paydesk {

class ZipArchiveReader;

// The one entry point for channel statements: recognises the format from the content (see
// StatementDetector), streams every line, normalised, to `onLine`, and returns the summary once
// the statement's own totals have been checked. Memory stays flat whatever the file's size.
//
// Errors: StatementFormatUnknown (nothing recognisable), StatementMalformed (a bad line: the
// context names file and line), StatementTotalsMismatch, StatementTruncated (no totals, or a
// cut-off last line), StatementEncoding, FileUnreadable, Cancelled (onLine returned false),
// StatementTooLarge (compressed input that unpacks beyond options.maxUnpackedBytes).
// Lines already handed on before an error stay handed on: callers keep them only on success.
class StatementParser
{
public:
    static Result<StatementSummary> parseFile(const QString &path, const StatementLineHandler &onLine,
                                              const StatementParseOptions &options = {});
    // `name` is how errors and lines call the input (usually the file name).
    static Result<StatementSummary> parse(QIODevice &device, const QString &name, const StatementLineHandler &onLine,
                                          const StatementParseOptions &options = {});
    // UnionPay's fileContent (Base64 of a zlib-deflated zip): parses its ZM_ members.
    static Result<StatementSummary> parseUnionPayFileContent(QByteArrayView fileContent, const QString &name,
                                                             const StatementLineHandler &onLine,
                                                             const StatementParseOptions &options = {});

private:
    static Result<StatementSummary> parseFileContent(QIODevice &device, const QString &name,
                                                     const StatementLineHandler &onLine,
                                                     const StatementParseOptions &options);
    static Status parseZip(ZipArchiveReader &zip, const QString &name, const StatementLineHandler &onLine,
                           const StatementParseOptions &options, StatementSummary &summary);
};

} // namespace paydesk
