#pragma once

#include "core/channel/statement/StatementLine.h"
#include "core/util/Result.h"

#include <QDate>

#include <memory>

class QIODevice;

namespace paydesk {

class Base64OutputDevice;
class DeflateOutputDevice;
class UnionPayZmWriter;
class ZipStreamWriter;

// Writes UnionPay's reconciliation fileContent as a stream: Base64(zlib(zip holding one ZM_
// file named INN<yyMMdd>88ZM_<merchant id>)). Each layer is a device feeding the next, so the
// payload of a million lines never sits in memory.
class UnionPayFileContentWriter
{
public:
    UnionPayFileContentWriter(QIODevice &out, const QDate &settlementDate, const QString &merchantId);
    ~UnionPayFileContentWriter();

    Status write(const StatementLine &line);
    Status finish();

    static Result<QByteArray> payload(const QDate &settlementDate, const QString &merchantId,
                                      const QList<StatementLine> &lines);

private:
    Status open();

    QDate m_settlementDate;
    QString m_merchantId;
    std::unique_ptr<Base64OutputDevice> m_base64;
    std::unique_ptr<DeflateOutputDevice> m_deflate;
    std::unique_ptr<ZipStreamWriter> m_zip;
    std::unique_ptr<UnionPayZmWriter> m_zm;
};

} // namespace paydesk
