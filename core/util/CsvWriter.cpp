#include "core/util/CsvWriter.h"

#include <QIODevice>

namespace paydesk::CsvWriter {

namespace {
bool isBidiControl(char16_t c)
{
    return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

bool startsFormula(QChar c)
{
    switch (c.unicode()) {
    case u'=':
    case u'+':
    case u'-':
    case u'@':
    case u'\uFF1D':
    case u'\uFF0B':
    case u'\uFF0D':
    case u'\uFF20': // ＝ ＋ － ＠
        return true;
    default:
        return false;
    }
}

bool writeCells(QIODevice &out, const QStringList &cells)
{
    QString line;
    for (qsizetype i = 0; i < cells.size(); ++i) {
        if (i > 0)
            line += QLatin1Char(',');
        line += field(cells[i]);
    }
    line += QStringLiteral("\r\n");
    const QByteArray bytes = line.toUtf8();
    return out.write(bytes) == bytes.size();
}
} // namespace

QString field(const QString &value)
{
    const bool needsQuotes = value.contains(QLatin1Char(',')) || value.contains(QLatin1Char('"')) ||
                             value.contains(QLatin1Char('\n')) || value.contains(QLatin1Char('\r')) ||
                             (!value.isEmpty() && (value.front().isSpace() || value.back().isSpace()));
    if (!needsQuotes)
        return value;
    QString quoted = value;
    quoted.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

QString inertText(const QString &value)
{
    QString text;
    text.reserve(value.size() + 1);
    for (QChar c : value) {
        if (c == QLatin1Char('\t') || c == QLatin1Char('\n') || c == QLatin1Char('\r') ||
            c.category() == QChar::Separator_Line || c.category() == QChar::Separator_Paragraph)
            text += QLatin1Char(' ');
        else if (c.category() != QChar::Other_Control && !isBidiControl(c.unicode()))
            text += c;
    }
    qsizetype first = 0;
    while (first < text.size() && text.at(first).isSpace())
        ++first;
    if (first < text.size() && startsFormula(text.at(first)))
        text.prepend(QLatin1Char('\''));
    return text;
}

bool isPlainNumber(QStringView value)
{
    qsizetype i = value.startsWith(QLatin1Char('-')) ? 1 : 0;
    const qsizetype digitsFrom = i;
    while (i < value.size() && value[i] >= QLatin1Char('0') && value[i] <= QLatin1Char('9'))
        ++i;
    if (i == digitsFrom)
        return false;
    if (i == value.size())
        return true;
    if (value[i] != QLatin1Char('.'))
        return false;
    const qsizetype fractionFrom = ++i;
    while (i < value.size() && value[i] >= QLatin1Char('0') && value[i] <= QLatin1Char('9'))
        ++i;
    return i > fractionFrom && i == value.size();
}

Row &Row::text(const QString &value)
{
    m_cells << inertText(value);
    return *this;
}

Row &Row::number(const QString &decimal)
{
    m_cells << (isPlainNumber(decimal) ? decimal : inertText(decimal));
    return *this;
}

Row &Row::number(qint64 value)
{
    m_cells << QString::number(value);
    return *this;
}

bool writeRow(QIODevice &out, const Row &row)
{
    return writeCells(out, row.cells());
}

bool writeRow(QIODevice &out, const QStringList &textCells)
{
    QStringList cells;
    cells.reserve(textCells.size());
    for (const QString &cell : textCells)
        cells << inertText(cell);
    return writeCells(out, cells);
}

} // namespace paydesk::CsvWriter
