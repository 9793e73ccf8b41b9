#include "core/storage/SqliteStatements.h"

#include <QDate>
#include <QSqlDriver>

#include <sqlite3.h>

namespace paydesk {

SqliteStatements::SqliteStatements(const QSqlDatabase &connection)
{
    const QVariant handle = connection.driver() ? connection.driver()->handle() : QVariant();
    // The documented way to reach the sqlite3* behind a QSQLITE connection.
    if (handle.isValid() && qstrcmp(handle.typeName(), "sqlite3*") == 0)
        m_handle = *static_cast<sqlite3 *const *>(handle.constData());
}

SqliteStatements::~SqliteStatements()
{
    for (sqlite3_stmt *statement : std::as_const(m_statements))
        sqlite3_finalize(statement);
}

Error SqliteStatements::failure(const QString &sql) const
{
    return Error(ErrorCode::QueryFailed, QString::fromUtf8(sqlite3_errmsg(m_handle)) + QStringLiteral(" [") +
                                             sql.simplified().left(160) + QLatin1Char(']'));
}

Result<sqlite3_stmt *> SqliteStatements::bind(const QString &sql, const QVariantList &values, qsizetype offset,
                                              qsizetype count)
{
    if (!m_handle)
        return Error(ErrorCode::QueryFailed, QStringLiteral("no SQLite handle"));
    sqlite3_stmt *statement = m_statements.value(sql);
    if (!statement) {
        const QByteArray utf8 = sql.toUtf8();
        if (sqlite3_prepare_v3(m_handle, utf8.constData(), int(utf8.size()), SQLITE_PREPARE_PERSISTENT, &statement,
                               nullptr) != SQLITE_OK)
            return failure(sql);
        m_statements.insert(sql, statement);
    }
    if (sqlite3_bind_parameter_count(statement) != count) {
        return Error(
            ErrorCode::QueryFailed,
            QStringLiteral("%1 values for %2 placeholders").arg(count).arg(sqlite3_bind_parameter_count(statement)));
    }
    for (qsizetype i = 0; i < count; ++i) {
        const QVariant &value = values.at(offset + i);
        const int index = int(i) + 1;
        int rc = SQLITE_OK;
        if (value.isNull()) {
            rc = sqlite3_bind_null(statement, index);
        } else {
            switch (value.typeId()) {
            case QMetaType::LongLong:
            case QMetaType::Int:
            case QMetaType::UInt:
            case QMetaType::Bool:
                rc = sqlite3_bind_int64(statement, index, value.toLongLong());
                break;
            case QMetaType::QByteArray: {
                const QByteArray bytes = value.toByteArray();
                rc = sqlite3_bind_blob64(statement, index, bytes.constData(), sqlite3_uint64(bytes.size()),
                                         SQLITE_TRANSIENT);
                break;
            }
            case QMetaType::QDate: {
                const QByteArray date = value.toDate().toString(Qt::ISODate).toUtf8();
                rc = sqlite3_bind_text(statement, index, date.constData(), int(date.size()), SQLITE_TRANSIENT);
                break;
            }
            default: {
                const QString text = value.toString();
                rc = sqlite3_bind_text16(statement, index, text.utf16(), int(text.size() * 2), SQLITE_TRANSIENT);
                break;
            }
            }
        }
        if (rc != SQLITE_OK) {
            Error error = failure(sql);
            sqlite3_reset(statement);
            return error;
        }
    }
    return statement;
}

Status SqliteStatements::execute(const QString &sql, const QVariantList &values, qsizetype offset, qsizetype count)
{
    auto statement = bind(sql, values, offset, count);
    if (!statement)
        return statement.error();
    const int stepped = sqlite3_step(*statement);
    Status result;
    if (stepped != SQLITE_DONE && stepped != SQLITE_ROW)
        result = failure(sql);
    sqlite3_reset(*statement);
    return result;
}

Status SqliteStatements::queryRows(const QString &sql, const QVariantList &values, qsizetype offset, qsizetype count,
                                   const std::function<bool(const SqliteRow &row)> &onRow)
{
    auto bound = bind(sql, values, offset, count);
    if (!bound)
        return bound.error();
    sqlite3_stmt *statement = *bound;
    const SqliteRow row(statement);
    int stepped = SQLITE_ROW;
    while ((stepped = sqlite3_step(statement)) == SQLITE_ROW) {
        if (!onRow(row)) {
            stepped = SQLITE_DONE;
            break;
        }
    }
    Status result;
    if (stepped != SQLITE_DONE)
        result = failure(sql);
    sqlite3_reset(statement);
    return result;
}

Status SqliteStatements::query(const QString &sql, const QVariantList &values, qsizetype offset, qsizetype count,
                               const std::function<bool(const QVariantList &row)> &onRow)
{
    QVariantList row;
    int columns = -1; // read from the first row: the same for every row of the statement
    return queryRows(sql, values, offset, count, [&](const SqliteRow &view) {
        sqlite3_stmt *statement = view.m_statement;
        if (columns < 0) {
            columns = sqlite3_column_count(statement);
            row.resize(columns);
        }
        for (int c = 0; c < columns; ++c) {
            switch (sqlite3_column_type(statement, c)) {
            case SQLITE_INTEGER:
                row[c] = qlonglong(sqlite3_column_int64(statement, c));
                break;
            case SQLITE_NULL:
                row[c] = QVariant();
                break;
            case SQLITE_BLOB:
                row[c] = QByteArray(static_cast<const char *>(sqlite3_column_blob(statement, c)),
                                    sqlite3_column_bytes(statement, c));
                break;
            default:
                // Stored as UTF-8: Qt's converter (with its ASCII fast path) is quicker than having
                // SQLite translate every value to UTF-16 first.
                row[c] = QString::fromUtf8(view.utf8(c));
                break;
            }
        }
        return onRow(row);
    });
}

bool SqliteRow::isNull(int column) const
{
    return sqlite3_column_type(m_statement, column) == SQLITE_NULL;
}

qint64 SqliteRow::integer(int column) const
{
    return sqlite3_column_int64(m_statement, column);
}

QByteArrayView SqliteRow::utf8(int column) const
{
    const auto *text = reinterpret_cast<const char *>(sqlite3_column_text(m_statement, column));
    return QByteArrayView(text, sqlite3_column_bytes(m_statement, column));
}

} // namespace paydesk
