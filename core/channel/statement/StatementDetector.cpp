#include "core/channel/statement/StatementDetector.h"

#include "core/channel/statement/AlipayBillLayout.h"
#include "core/channel/statement/UnionPayZmLayout.h"

namespace paydesk {

namespace {
constexpr QByteArrayView kBom{"\xEF\xBB\xBF", 3};

QByteArrayView firstLine(QByteArrayView head)
{
    const qsizetype newline = head.indexOf('\n');
    QByteArrayView line = newline < 0 ? head : head.first(newline);
    if (line.endsWith('\r'))
        line.chop(1);
    return line;
}

// True when a line of the head starts with `prefix`.
bool hasLineStarting(QByteArrayView head, const QByteArray &prefix)
{
    qsizetype at = 0;
    while (at < head.size()) {
        if (head.sliced(at).startsWith(prefix))
            return true;
        const qsizetype newline = head.indexOf('\n', at);
        if (newline < 0)
            return false;
        at = newline + 1;
    }
    return false;
}

QByteArray headerPrefix(const QList<QByteArray> &columns)
{
    return columns.at(0) + ',' + columns.at(1) + ',' + columns.at(2);
}

bool looksLikeZm(QByteArrayView line)
{
    using L = UnionPayZmLayout;
    if (line.size() < L::minimumLineLength() || line.size() > L::lineLength())
        return false;
    for (int i = 1; i < L::FieldCount; ++i) {
        const int separator = L::offset(L::Field(i)) - 1;
        if (separator < line.size() && line[separator] != L::kSeparator)
            return false;
    }
    for (char c : line.first(3)) {
        if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')))
            return false;
    }
    return true;
}

bool looksLikeBase64Zlib(QByteArrayView head)
{
    if (head.size() < 4)
        return false;
    for (char c : head) {
        const bool base64 = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' ||
                            c == '/' || c == '=' || c == '\r' || c == '\n';
        if (!base64)
            return false;
    }
    // A zlib header (RFC 1950): deflate with a window of at most 32K, and a check value that
    // makes the first two bytes a multiple of 31.
    const QByteArray start = QByteArray::fromBase64(head.first(4).toByteArray());
    if (start.size() < 2)
        return false;
    const uint cmf = uchar(start[0]);
    const uint flg = uchar(start[1]);
    return (cmf & 0x0F) == 8 && (cmf >> 4) <= 7 && ((cmf << 8) | flg) % 31 == 0;
}
} // namespace

StatementDetector::Detection StatementDetector::detect(QByteArrayView head)
{
    if (head.startsWith("PK\x03\x04") || head.startsWith(QByteArrayView("PK\x05\x06", 4)))
        return {Kind::Zip, StatementEncoding::Utf8};
    const bool bom = head.startsWith(kBom);
    if (bom)
        head = head.sliced(kBom.size());
    if (head.startsWith("交易时间,"))
        return {Kind::WeChatBill, StatementEncoding::Utf8};

    for (StatementEncoding encoding : {StatementEncoding::Utf8, StatementEncoding::Gbk}) {
        if (bom && encoding == StatementEncoding::Gbk)
            break;
        const AlipayBillLayout::Texts &texts = AlipayBillLayout::texts(encoding);
        if (head.startsWith(texts.detailTitle) || hasLineStarting(head, headerPrefix(texts.columns)))
            return {Kind::AlipayDetail, encoding};
        if (head.startsWith(texts.summaryTitle) || hasLineStarting(head, headerPrefix(texts.summaryColumns)))
            return {Kind::AlipaySummary, encoding};
    }
    if (!bom && looksLikeZm(firstLine(head)))
        return {Kind::UnionPayZm, StatementEncoding::Gbk};
    if (!bom && looksLikeBase64Zlib(head))
        return {Kind::UnionPayFileContent, StatementEncoding::Utf8};
    return {};
}

} // namespace paydesk
