#include "demo/DemoDocuments.h"

#include "core/merchant/DocumentInspector.h"
#include "core/util/Compression.h"

#include <QtEndian>

namespace paydesk::DemoDocuments {

namespace {
void appendBigEndian(QByteArray &out, quint32 value)
{
    char bytes[4];
    qToBigEndian(value, bytes);
    out.append(bytes, 4);
}

void appendChunk(QByteArray &out, const char *type, const QByteArray &data)
{
    appendBigEndian(out, quint32(data.size()));
    QByteArray typed(type, 4);
    typed += data;
    out += typed;
    appendBigEndian(out, DocumentInspector::crc32(typed.constData(), typed.size()));
}
} // namespace

QByteArray png(int width, int height, quint32 seed)
{
    const quint8 red = quint8(120 + seed * 37 % 120);
    const quint8 green = quint8(120 + seed * 53 % 120);
    const quint8 blue = quint8(120 + seed * 71 % 120);
    QByteArray pixels;
    pixels.reserve((width * 3 + 1) * height);
    for (int y = 0; y < height; ++y) {
        pixels.append('\0'); // filter: none
        for (int x = 0; x < width; ++x) {
            const bool frame = x < 4 || y < 4 || x >= width - 4 || y >= height - 4;
            const bool stripe = (y / 12) % 4 == 1 && x > width / 8 && x < width * 7 / 8;
            if (frame || stripe) {
                pixels.append(char(60)).append(char(60)).append(char(70));
            } else {
                pixels.append(char(red)).append(char(green)).append(char(blue));
            }
        }
    }
    QByteArray header;
    appendBigEndian(header, quint32(width));
    appendBigEndian(header, quint32(height));
    header.append(char(8)).append(char(2)).append(char(0)).append(char(0)).append(char(0)); // 8-bit RGB
    QByteArray out("\x89PNG\r\n\x1a\n", 8);
    appendChunk(out, "IHDR", header);
    appendChunk(out, "IDAT", Compression::deflateZlib(pixels).value());
    appendChunk(out, "IEND", QByteArray());
    return out;
}

QByteArray pdf(const QString &title)
{
    // PDF text strings in the standard fonts are Latin-1: keep the title ASCII.
    QByteArray text = title.toLatin1();
    text.replace('\\', "\\\\").replace('(', "\\(").replace(')', "\\)");
    const QByteArray content = "BT /F1 18 Tf 72 720 Td (" + text + ") Tj ET";
    const QList<QByteArray> objects{
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> "
        ">>",
        "<< /Length " + QByteArray::number(content.size()) + " >>\nstream\n" + content + "\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    };
    QByteArray out("%PDF-1.4\n");
    QList<qsizetype> offsets;
    for (int i = 0; i < objects.size(); ++i) {
        offsets << out.size();
        out += QByteArray::number(i + 1) + " 0 obj\n" + objects.at(i) + "\nendobj\n";
    }
    const qsizetype xref = out.size();
    out += "xref\n0 " + QByteArray::number(objects.size() + 1) + "\n0000000000 65535 f \n";
    for (qsizetype offset : offsets)
        out += QByteArray::number(offset).rightJustified(10, '0') + " 00000 n \n";
    out += "trailer\n<< /Size " + QByteArray::number(objects.size() + 1) + " /Root 1 0 R >>\nstartxref\n" +
           QByteArray::number(xref) + "\n%%EOF\n";
    return out;
}

} // namespace paydesk::DemoDocuments
