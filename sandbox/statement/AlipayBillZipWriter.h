#pragma once

#include "sandbox/statement/AlipayBillWriter.h"
#include "sandbox/statement/ZipStreamWriter.h"

#include <memory>

namespace paydesk {

// Writes the zip Alipay serves for a trade bill, <pid>_<yyyyMMdd>.csv.zip: the detail file,
// streamed as lines arrive, then the summary file, both with GBK names.
class AlipayBillZipWriter
{
public:
    AlipayBillZipWriter(QIODevice &out, AlipayBillWriter::Options options, int compressionLevel = -1);
    ~AlipayBillZipWriter();

    Status begin();
    Status write(const StatementLine &line);
    Status finish();

    static Status writeAll(QIODevice &out, const AlipayBillWriter::Options &options, const QList<StatementLine> &lines);

private:
    AlipayBillWriter::Options m_options;
    ZipStreamWriter m_zip;
    std::unique_ptr<AlipayBillWriter> m_detail;
    QDateTime m_modified;
};

} // namespace paydesk
