#pragma once

#include "core/util/Result.h"

#include <QByteArray>

namespace paydesk {

// Recognises a document from its bytes (never its name) and checks that the file is whole:
// PNG (signature, every chunk's CRC-32 up to IEND), JPEG (SOI, the segments up to the scan,
// EOI at the end) and PDF (the %PDF-1.x header, startxref and %%EOF at the end). QtCore only:
// the core does not decode images.
class DocumentInspector
{
public:
    static const QString &pngType();  // image/png
    static const QString &jpegType(); // image/jpeg
    static const QString &pdfType();  // application/pdf

    // The media type; DocumentTypeRefused for any other kind of file, DocumentCorrupt with the
    // reason for a damaged or incomplete one.
    static Result<QString> inspect(const QByteArray &bytes);

    static Status checkPng(const QByteArray &bytes);
    static Status checkJpeg(const QByteArray &bytes);
    static Status checkPdf(const QByteArray &bytes);

    // CRC-32 (ISO 3309, as PNG and zlib use it).
    static quint32 crc32(const char *data, qsizetype size);
};

} // namespace paydesk
