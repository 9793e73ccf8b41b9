#pragma once

#include <QStringList>

class QIODevice;

namespace paydesk {

// Writes RFC 4180 rows in UTF-8 with CRLF line ends, quoting only fields that need it, so
// the files open the same in spreadsheets and in CsvReader.
//
// Every cell is text unless the code says it wrote a number: text goes through inertText, so
// nothing that came from outside (a payer id, a subject, a merchant's order number) can run as
// a spreadsheet formula or carry control characters into the file (CSV injection).
namespace CsvWriter {

// RFC 4180 quoting only; the value is written as it is.
QString field(const QString &value);
// Text made safe for a spreadsheet cell: control characters are removed (tab, CR, LF and the
// Unicode line and paragraph separators become a space; NUL, the other C0/C1 controls and the
// bidirectional embedding, override and isolate marks are dropped), and text whose first
// non-blank character is = + - @ (or their full-width forms, which some spreadsheets also
// accept) gets a leading apostrophe.
QString inertText(const QString &value);
// A plain decimal the code wrote itself ("42", "-12.30"): the only cells written unchanged.
bool isPlainNumber(QStringView value);

// One row, cell by cell: text by default, numbers only where the code says so.
class Row
{
public:
    Row &text(const QString &value);
    // An amount or count the code formatted. Anything that is not a plain decimal is written as
    // text (defused), so a mistake here cannot open a hole.
    Row &number(const QString &decimal);
    Row &number(qint64 value);
    const QStringList &cells() const { return m_cells; }

private:
    QStringList m_cells;
};

bool writeRow(QIODevice &out, const Row &row);
// Every cell as text (a header, a row without numbers).
bool writeRow(QIODevice &out, const QStringList &textCells);

} // namespace CsvWriter
} // namespace paydesk
