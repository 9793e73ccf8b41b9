#include "core/storage/PostgresRows.h"

#include <QSqlDriver>

#include <libpq-fe.h>

#include <algorithm>
#include <charconv>
#include <memory>
#include <vector>

namespace paydesk {

bool PostgresRow::isNull(int column) const
{
    return PQgetisnull(m_result, 0, column) != 0;
}

qint64 PostgresRow::integer(int column) const
{
    const char *text = PQgetvalue(m_result, 0, column);
    qint64 value = 0;
    std::from_chars(text, text + PQgetlength(m_result, 0, column), value);
    return value;
}

QByteArrayView PostgresRow::utf8(int column) const
{
    return QByteArrayView(PQgetvalue(m_result, 0, column), PQgetlength(m_result, 0, column));
}

namespace PostgresRows {

namespace {

struct ResultDeleter
{
    void operator()(PGresult *result) const { PQclear(result); }
};
using OwnedResult = std::unique_ptr<PGresult, ResultDeleter>;

Error failure(const QString &what, const QString &sql)
{
    return Error(ErrorCode::QueryFailed,
                 what.trimmed() + QStringLiteral(" [") + sql.simplified().left(160) + QLatin1Char(']'));
}

PGconn *nativeConnection(const QSqlDatabase &connection)
{
    const QVariant handle = connection.driver() ? connection.driver()->handle() : QVariant();
    // Qt names the type by libpq's struct ("pg_conn*"); older Qt by its typedef.
    if (!handle.isValid() ||
        (qstrcmp(handle.typeName(), "pg_conn*") != 0 && qstrcmp(handle.typeName(), "PGconn*") != 0))
        return nullptr;
    return *static_cast<PGconn *const *>(handle.constData());
}

bool bindableType(const QVariant &value)
{
    switch (value.metaType().id()) {
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::LongLong:
    case QMetaType::ULongLong:
    case QMetaType::Bool:
    case QMetaType::QString:
    case QMetaType::QByteArray:
    case QMetaType::UnknownType:
        return true;
    default:
        return value.isNull(); // a typed null binds as null whatever its type
    }
}

// The values as libpq takes them: text for numbers and strings, bytes for a QByteArray, null for null.
struct Parameters
{
    std::vector<QByteArray> data;
    std::vector<const char *> values;
    std::vector<int> lengths;
    std::vector<int> formats; // 0 text, 1 binary

    int count() const { return int(values.size()); }
};

Result<Parameters> parametersOf(const QVariantList &values, const QString &sql)
{
    Parameters parameters;
    parameters.data.reserve(values.size());
    for (const QVariant &value : values) {
        int format = 0;
        switch (value.metaType().id()) {
        case QMetaType::Int:
        case QMetaType::UInt:
        case QMetaType::LongLong:
        case QMetaType::ULongLong:
            parameters.data.push_back(value.toByteArray());
            break;
        case QMetaType::Bool:
            parameters.data.push_back(value.toBool() ? QByteArrayLiteral("true") : QByteArrayLiteral("false"));
            break;
        case QMetaType::QString:
            parameters.data.push_back(value.toString().toUtf8());
            break;
        case QMetaType::QByteArray:
            parameters.data.push_back(value.toByteArray());
            format = 1;
            break;
        case QMetaType::UnknownType:
            parameters.data.push_back(QByteArray());
            break;
        default:
            if (value.isNull()) {
                parameters.data.push_back(QByteArray());
                break;
            }
            return failure(
                QStringLiteral("a value of type %1 cannot be bound").arg(QString::fromLatin1(value.metaType().name())),
                sql);
        }
        parameters.formats.push_back(format);
        parameters.lengths.push_back(int(parameters.data.back().size()));
    }
    for (qsizetype i = 0; i < values.size(); ++i)
        parameters.values.push_back(values[i].isNull() ? nullptr : parameters.data[size_t(i)].constData());
    return parameters;
}

// Qt leaves the end of its last statement's result on the connection until its next one (as a
// forward-only query, in single-row mode); taken, as Qt itself would, before ours is sent.
void takeLeftovers(PGconn *conn)
{
    while (OwnedResult(PQgetResult(conn)))
        ;
}

Status send(PGconn *conn, const QString &sql, const QVariantList &values)
{
    auto parameters = parametersOf(values, sql);
    if (!parameters)
        return parameters.error();
    const QByteArray statement = numberedPlaceholders(sql).toUtf8();
    if (!PQsendQueryParams(conn, statement.constData(), parameters->count(), nullptr, parameters->values.data(),
                           parameters->lengths.data(), parameters->formats.data(), 0))
        return failure(QString::fromUtf8(PQerrorMessage(conn)), sql);
    return {};
}

// Takes whatever the server still sends, so that the connection is free for the next statement;
// outside a transaction the statement is cancelled first. (Inside one a cancel would abort the
// whole transaction, so the rest is read and dropped.) A cancel that arrives after the statement
// ended is ignored by the server, and the next statement is only sent after the drain.
void stopAndDrain(PGconn *conn, bool inTransaction)
{
    PGcancel *cancel = inTransaction ? nullptr : PQgetCancel(conn);
    if (cancel) {
        char reason[256];
        PQcancel(cancel, reason, int(sizeof reason));
        PQfreeCancel(cancel);
    }
    while (OwnedResult(PQgetResult(conn)))
        ;
}

} // namespace

Status forEach(const QSqlDatabase &connection, const QString &sql, const QVariantList &values,
               const std::function<bool(const PostgresRow &row)> &onRow)
{
    PGconn *conn = nativeConnection(connection);
    if (!conn)
        return failure(QStringLiteral("not a PostgreSQL connection"), sql);
    takeLeftovers(conn);
    const bool inTransaction = PQtransactionStatus(conn) == PQTRANS_INTRANS;
    if (Status sent = send(conn, sql, values); !sent)
        return sent;
    if (!PQsetSingleRowMode(conn)) {
        stopAndDrain(conn, inTransaction);
        return failure(QStringLiteral("libpq refused single-row mode"), sql);
    }
    Status answer;
    while (OwnedResult result{PQgetResult(conn)}) {
        switch (PQresultStatus(result.get())) {
        case PGRES_SINGLE_TUPLE:
            if (answer && !onRow(PostgresRow(result.get()))) {
                stopAndDrain(conn, inTransaction);
                return answer;
            }
            break;
        case PGRES_TUPLES_OK:
        case PGRES_COMMAND_OK:
            break;
        default:
            if (answer)
                answer = failure(QString::fromUtf8(PQresultErrorMessage(result.get())), sql);
            break;
        }
    }
    return answer;
}

namespace {
// One value in COPY's text format: what the type's input function reads, with the format's own
// escapes for a backslash and the characters that end a value or a row.
void appendCopyText(QByteArray &out, const QVariant &value)
{
    if (value.isNull()) {
        out += "\\N";
        return;
    }
    switch (value.metaType().id()) {
    case QMetaType::Bool:
        out += value.toBool() ? "true" : "false";
        return;
    case QMetaType::QByteArray:
        out += "\\\\x" + value.toByteArray().toHex(); // bytea's hex input, its backslash escaped
        return;
    case QMetaType::QString:
        break;
    default:
        out += value.toByteArray(); // an integer's digits
        return;
    }
    const QByteArray text = value.toString().toUtf8();
    for (const char c : text) {
        switch (c) {
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            out += c;
        }
    }
}
} // namespace

Status copyIn(const QSqlDatabase &connection, const QString &table, const QStringList &columns,
              const QVariantList &values)
{
    const QString sql = QStringLiteral("COPY %1 (%2) FROM STDIN").arg(table, columns.join(QStringLiteral(", ")));
    PGconn *conn = nativeConnection(connection);
    if (!conn)
        return failure(QStringLiteral("not a PostgreSQL connection"), sql);
    if (columns.isEmpty() || values.size() % columns.size() != 0 || !bindable(values))
        return failure(QStringLiteral("values that do not make whole rows of bindable values"), sql);
    takeLeftovers(conn);
    {
        const OwnedResult started{PQexec(conn, sql.toUtf8().constData())};
        if (PQresultStatus(started.get()) != PGRES_COPY_IN)
            return failure(QString::fromUtf8(PQresultErrorMessage(started.get())), sql);
    }
    constexpr qsizetype kSendBytes = 1 << 20;
    QByteArray buffer;
    buffer.reserve(kSendBytes + 4096);
    bool sent = true;
    for (qsizetype i = 0; i < values.size() && sent; ++i) {
        appendCopyText(buffer, values[i]);
        buffer += (i + 1) % columns.size() == 0 ? '\n' : '\t';
        if (buffer.size() >= kSendBytes || i + 1 == values.size()) {
            sent = PQputCopyData(conn, buffer.constData(), int(buffer.size())) == 1;
            buffer.clear();
        }
    }
    // A failed send ends the copy with an error, so that nothing of it is kept.
    const QByteArray why = sent ? QByteArray() : QByteArray(PQerrorMessage(conn));
    if (PQputCopyEnd(conn, sent ? nullptr : "the rows could not be sent") != 1)
        return failure(QString::fromUtf8(PQerrorMessage(conn)), sql);
    Status answer = sent ? Status() : Status(failure(QString::fromUtf8(why), sql));
    while (OwnedResult result{PQgetResult(conn)}) {
        if (answer && PQresultStatus(result.get()) != PGRES_COMMAND_OK)
            answer = failure(QString::fromUtf8(PQresultErrorMessage(result.get())), sql);
    }
    return answer;
}

bool bindable(const QVariantList &values)
{
    return std::all_of(values.cbegin(), values.cend(), bindableType);
}

Status execute(const QSqlDatabase &connection, const QString &sql, const QVariantList &values)
{
    PGconn *conn = nativeConnection(connection);
    if (!conn)
        return failure(QStringLiteral("not a PostgreSQL connection"), sql);
    takeLeftovers(conn);
    if (Status sent = send(conn, sql, values); !sent)
        return sent;
    Status answer;
    while (OwnedResult result{PQgetResult(conn)}) {
        const ExecStatusType status = PQresultStatus(result.get());
        if (answer && status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
            answer = failure(QString::fromUtf8(PQresultErrorMessage(result.get())), sql);
    }
    return answer;
}

QString numberedPlaceholders(const QString &sql)
{
    QString numbered;
    numbered.reserve(sql.size() + 16);
    int next = 1;
    for (qsizetype i = 0; i < sql.size(); ++i) {
        const QChar c = sql[i];
        // Copies from i through `end` (searched after the `opening` characters), unchanged.
        const auto copyUntil = [&](QStringView end, qsizetype opening) {
            const qsizetype stop = sql.indexOf(end, i + opening);
            const qsizetype last = stop < 0 ? sql.size() : stop + end.size();
            numbered += QStringView(sql).mid(i, last - i);
            i = last - 1;
        };
        if (c == QLatin1Char('\''))
            copyUntil(u"'", 1); // a doubled '' reads as two literals back to back: the same text
        else if (c == QLatin1Char('"'))
            copyUntil(u"\"", 1);
        else if (c == QLatin1Char('-') && sql.mid(i, 2) == QLatin1String("--"))
            copyUntil(u"\n", 2);
        else if (c == QLatin1Char('/') && sql.mid(i, 2) == QLatin1String("/*"))
            copyUntil(u"*/", 2);
        else if (c == QLatin1Char('?'))
            numbered += QLatin1Char('$') + QString::number(next++);
        else
            numbered += c;
    }
    return numbered;
}

} // namespace PostgresRows
} // namespace paydesk
