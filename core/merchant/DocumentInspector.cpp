#include "core/merchant/DocumentInspector.h"

#include <QRegularExpression>

#include <array>

namespace paydesk {

namespace {
const QByteArray kPngSignature = QByteArrayLiteral("\x89PNG\r\n\x1a\n");

Error corrupt(const QString &why)
{
    return Error(ErrorCode::DocumentCorrupt, why);
}

quint32 bigEndian32(const QByteArray &bytes, qsizetype at)
{
    const auto *p = reinterpret_cast<const uchar *>(bytes.constData() + at);
    return (quint32(p[0]) << 24) | (quint32(p[1]) << 16) | (quint32(p[2]) << 8) | quint32(p[3]);
}

int bigEndian16(const QByteArray &bytes, qsizetype at)
{
    const auto *p = reinterpret_cast<const uchar *>(bytes.constData() + at);
    return (int(p[0]) << 8) | int(p[1]);
}

uchar byteAt(const QByteArray &bytes, qsizetype at)
{
    return uchar(bytes.at(at));
}

std::array<quint32, 256> makeCrcTable()
{
    std::array<quint32, 256> table{};
    for (quint32 n = 0; n < 256; ++n) {
        quint32 c = n;
        for (int k = 0; k < 8; ++k)
            c = (c & 1) ? 0xedb88320u ^ (c >> 1) : c >> 1;
        table[n] = c;
    }
    return table;
}

bool isPdfWhiteSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\0';
}

bool isChunkLetter(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

// Markers that stand alone, without a length: TEM and the restart markers.
bool isStandalone(uchar marker)
{
    return marker == 0x01 || (marker >= 0xd0 && marker <= 0xd7);
}

// Start of frame markers (SOF0–SOF15), except DHT (C4), JPG (C8) and DAC (CC).
bool isFrame(uchar marker)
{
    return marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc;
}
} // namespace

const QString &DocumentInspector::pngType()
{
    static const QString type = QStringLiteral("image/png");
    return type;
}

const QString &DocumentInspector::jpegType()
{
    static const QString type = QStringLiteral("image/jpeg");
    return type;
}

const QString &DocumentInspector::pdfType()
{
    static const QString type = QStringLiteral("application/pdf");
    return type;
}

quint32 DocumentInspector::crc32(const char *data, qsizetype size)
{
    static const std::array<quint32, 256> table = makeCrcTable();
    quint32 c = 0xffffffffu;
    for (qsizetype i = 0; i < size; ++i)
        c = table[(c ^ uchar(data[i])) & 0xff] ^ (c >> 8);
    return c ^ 0xffffffffu;
}

Result<QString> DocumentInspector::inspect(const QByteArray &bytes)
{
    if (bytes.isEmpty())
        return corrupt(QStringLiteral("the file is empty"));
    if (bytes.startsWith(kPngSignature)) {
        auto checked = checkPng(bytes);
        if (!checked)
            return checked.error();
        return pngType();
    }
    if (bytes.startsWith(QByteArrayLiteral("\xff\xd8\xff"))) {
        auto checked = checkJpeg(bytes);
        if (!checked)
            return checked.error();
        return jpegType();
    }
    if (bytes.startsWith(QByteArrayLiteral("%PDF-"))) {
        auto checked = checkPdf(bytes);
        if (!checked)
            return checked.error();
        return pdfType();
    }
    return Error(ErrorCode::DocumentTypeRefused, QStringLiteral("the content is not PNG, JPEG or PDF"));
}

Status DocumentInspector::checkPng(const QByteArray &bytes)
{
    if (!bytes.startsWith(kPngSignature))
        return corrupt(QStringLiteral("PNG: no PNG signature"));
    qsizetype at = kPngSignature.size();
    bool first = true;
    bool imageData = false;
    while (true) {
        if (at + 12 > bytes.size())
            return corrupt(QStringLiteral("PNG: the file ends at offset %1 before the IEND chunk").arg(at));
        const quint32 length = bigEndian32(bytes, at);
        const QByteArray type = bytes.mid(at + 4, 4);
        if (!isChunkLetter(type[0]) || !isChunkLetter(type[1]) || !isChunkLetter(type[2]) || !isChunkLetter(type[3]))
            return corrupt(QStringLiteral("PNG: no chunk type at offset %1").arg(at + 4));
        const QString name = QString::fromLatin1(type);
        if (length > 0x7fffffffu || qint64(length) > bytes.size() - at - 12)
            return corrupt(
                QStringLiteral("PNG: chunk %1 at offset %2 runs past the end of the file").arg(name).arg(at));
        const quint32 stored = bigEndian32(bytes, at + 8 + qsizetype(length));
        const quint32 computed = crc32(bytes.constData() + at + 4, 4 + qsizetype(length));
        if (stored != computed)
            return corrupt(QStringLiteral("PNG: chunk %1 at offset %2 fails its CRC check").arg(name).arg(at));
        if (first && (type != "IHDR" || length != 13))
            return corrupt(QStringLiteral("PNG: the first chunk is not IHDR"));
        first = false;
        imageData = imageData || type == "IDAT";
        at += 12 + qsizetype(length);
        if (type == "IEND") {
            if (!imageData)
                return corrupt(QStringLiteral("PNG: no image data (IDAT)"));
            if (at != bytes.size())
                return corrupt(QStringLiteral("PNG: %1 bytes follow the IEND chunk").arg(bytes.size() - at));
            return {};
        }
    }
}

Status DocumentInspector::checkJpeg(const QByteArray &bytes)
{
    if (bytes.size() < 4 || byteAt(bytes, 0) != 0xff || byteAt(bytes, 1) != 0xd8)
        return corrupt(QStringLiteral("JPEG: no start of image (SOI)"));
    qsizetype at = 2;
    bool frame = false;
    while (true) {
        if (at >= bytes.size())
            return corrupt(QStringLiteral("JPEG: the file ends before the image data (no SOS)"));
        if (byteAt(bytes, at) != 0xff)
            return corrupt(QStringLiteral("JPEG: no marker at offset %1").arg(at));
        while (at < bytes.size() && byteAt(bytes, at) == 0xff)
            ++at; // fill bytes
        if (at >= bytes.size())
            return corrupt(QStringLiteral("JPEG: the file ends inside a marker"));
        const uchar marker = byteAt(bytes, at++);
        if (marker == 0x00 || marker == 0xd8 || marker == 0xd9)
            return corrupt(QStringLiteral("JPEG: unexpected marker FF%1 at offset %2")
                               .arg(int(marker), 2, 16, QLatin1Char('0'))
                               .arg(at - 2));
        if (isStandalone(marker))
            continue;
        if (at + 2 > bytes.size())
            return corrupt(QStringLiteral("JPEG: the file ends inside a segment header"));
        const int length = bigEndian16(bytes, at);
        if (length < 2 || at + length > bytes.size())
            return corrupt(QStringLiteral("JPEG: segment FF%1 at offset %2 runs past the end of the file")
                               .arg(int(marker), 2, 16, QLatin1Char('0'))
                               .arg(at - 2));
        frame = frame || isFrame(marker);
        at += length;
        if (marker == 0xda) {
            if (!frame)
                return corrupt(QStringLiteral("JPEG: a scan without a frame header (SOF)"));
            break;
        }
    }
    if (bytes.size() - at < 3)
        return corrupt(QStringLiteral("JPEG: no image data after the scan header"));
    if (byteAt(bytes, bytes.size() - 2) != 0xff || byteAt(bytes, bytes.size() - 1) != 0xd9)
        return corrupt(QStringLiteral("JPEG: the file does not end with an end of image marker (EOI)"));
    return {};
}

Status DocumentInspector::checkPdf(const QByteArray &bytes)
{
    static const QRegularExpression header(QStringLiteral("^%PDF-(1\\.[0-7]|2\\.0)[\\r\\n \\t%]"));
    if (!header.match(QString::fromLatin1(bytes.left(16))).hasMatch())
        return corrupt(QStringLiteral("PDF: no %PDF-1.x header"));
    // Readers look for the trailer in the last kilobyte; only white space may follow %%EOF.
    qsizetype end = bytes.size();
    while (end > 0 && isPdfWhiteSpace(bytes.at(end - 1)))
        --end;
    const QByteArray tail = bytes.mid(qMax<qsizetype>(0, end - 1024), end - qMax<qsizetype>(0, end - 1024));
    if (!tail.endsWith("%%EOF"))
        return corrupt(QStringLiteral("PDF: the file does not end with %%EOF"));
    const qsizetype startxref = tail.lastIndexOf("startxref");
    if (startxref < 0)
        return corrupt(QStringLiteral("PDF: no startxref before %%EOF"));
    static const QRegularExpression pointer(QStringLiteral("^startxref[\\r\\n \\t]+([0-9]{1,15})[\\r\\n \\t]+%%EOF$"));
    const auto match = pointer.match(QString::fromLatin1(tail.mid(startxref)));
    if (!match.hasMatch())
        return corrupt(QStringLiteral("PDF: startxref is not followed by an offset and %%EOF"));
    const qint64 offset = match.captured(1).toLongLong();
    if (offset <= 0 || offset >= bytes.size())
        return corrupt(QStringLiteral("PDF: startxref points outside the file"));
    // A cross-reference table ("xref") or stream ("12 0 obj") starts there.
    static const QRegularExpression xref(QStringLiteral("^(xref|[0-9]+[ \\t\\r\\n]+[0-9]+[ \\t\\r\\n]+obj)"));
    if (!xref.match(QString::fromLatin1(bytes.mid(offset, 32))).hasMatch())
        return corrupt(QStringLiteral("PDF: startxref does not point at a cross-reference section"));
    return {};
}

} // namespace paydesk
