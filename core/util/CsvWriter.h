#pragma once

#include <QStringList>

class QIODevice;

namespace paydesk {

// Writes RFC 4180 rows in UTF-8 with CRLF line ends, quoting only fields that need it, so
// the files open the same in spreadsheets and in CsvReader.
namespace CsvWriter {

QString field(const QString &value);
// Text from outside (subjects, merchants' numbers) that a spreadsheet would run as a formula
// when it starts with = + - @ gets a leading apostrophe (CSV injection).
QString inertText(const QString &value);
bool writeRow(QIODevice &out, const QStringList &fields);

} // namespace CsvWriter
} // namespace paydesk
