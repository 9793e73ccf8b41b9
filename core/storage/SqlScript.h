#pragma once

#include "core/storage/DatabaseUrl.h"

#include <QStringList>

namespace paydesk::SqlScript {

// Splits a migration script into statements. A statement ends with ';' at the end of a line,
// except inside a PostgreSQL dollar-quoted body ($$ … $$) or an SQLite trigger body
// (CREATE TRIGGER … END;), whose inner semicolons belong to the statement.
QStringList split(const QString &script);

// Replaces the dialect placeholders {pk}, {date}, {blob} and {without_rowid} with the column types of `dialect`.
QString forDialect(QString script, SqlDialect dialect);

} // namespace paydesk::SqlScript
