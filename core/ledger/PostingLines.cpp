#include "core/ledger/PostingLines.h"

#include <limits>

namespace paydesk::PostingLines {

QString encode(const QList<Line> &lines)
{
    // Built as Latin-1 bytes: it runs once per entry on the posting path.
    QByteArray text;
    text.reserve(lines.size() * 28 + 2);
    text += '[';
    for (qsizetype i = 0; i < lines.size(); ++i) {
        if (i > 0)
            text += ',';
        text += '[';
        text += QByteArray::number(lines[i].accountId);
        text += ',';
        text += QByteArray::number(lines[i].amount);
        text += ']';
    }
    text += ']';
    return QString::fromLatin1(text);
}

namespace {
class Reader
{
public:
    explicit Reader(QStringView text) : m_text(text) {}

    bool expect(char c)
    {
        if (m_pos < m_text.size() && m_text[m_pos] == QLatin1Char(c)) {
            ++m_pos;
            return true;
        }
        return false;
    }
    bool peek(char c) const { return m_pos < m_text.size() && m_text[m_pos] == QLatin1Char(c); }
    bool atEnd() const { return m_pos == m_text.size(); }

    // A JSON integer: optional '-', no leading zeros, no fraction or exponent, fits qint64.
    bool integer(qint64 *value)
    {
        const bool negative = expect('-');
        const qsizetype start = m_pos;
        qint64 accumulated = 0; // kept non-positive so that the minimum parses
        while (m_pos < m_text.size() && m_text[m_pos] >= QLatin1Char('0') && m_text[m_pos] <= QLatin1Char('9')) {
            const int digit = m_text[m_pos].unicode() - '0';
            if (__builtin_mul_overflow(accumulated, qint64(10), &accumulated) ||
                __builtin_sub_overflow(accumulated, qint64(digit), &accumulated))
                return false;
            ++m_pos;
        }
        const qsizetype digits = m_pos - start;
        if (digits == 0 || (digits > 1 && m_text[start] == QLatin1Char('0')))
            return false;
        if (!negative) {
            if (accumulated == std::numeric_limits<qint64>::min())
                return false;
            accumulated = -accumulated;
        }
        *value = accumulated;
        return true;
    }

private:
    QStringView m_text;
    qsizetype m_pos = 0;
};
} // namespace

Result<QList<Line>> decode(QStringView text)
{
    Reader reader(text);
    QList<Line> lines;
    auto malformed = [&text]() { return Error(ErrorCode::JsonMalformed, text.left(80).toString()); };
    if (!reader.expect('['))
        return malformed();
    if (reader.expect(']'))
        return reader.atEnd() ? Result<QList<Line>>(lines) : Result<QList<Line>>(malformed());
    do {
        Line line;
        if (!reader.expect('[') || !reader.integer(&line.accountId) || !reader.expect(',') ||
            !reader.integer(&line.amount) || !reader.expect(']'))
            return malformed();
        lines.append(line);
    } while (reader.expect(','));
    if (!reader.expect(']') || !reader.atEnd())
        return malformed();
    return lines;
}

} // namespace paydesk::PostingLines
