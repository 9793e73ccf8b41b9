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
    return (*m_fields)[size_t(column)].data == nullptr;
}

qint64 PostgresRow::integer(int column) const
{
    const Field &field = (*m_fields)[size_t(column)];
    qint64 value = 0;
    if (field.data)
        std::from_chars(field.data, field.data + field.size, value);
    return value;
}

QByteArrayView PostgresRow::utf8(int column) const
{
    const Field &field = (*m_fields)[size_t(column)];
    return QByteArrayView(field.data, field.size);
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

// `sql` with each '?' outside quotes, identifiers and comments replaced by what `replacement` gives
// for its index (0, 1, …).
QString replacedPlaceholders(const QString &sql, const std::function<QString(int index)> &replacement)
{
    QString numbered;
    numbered.reserve(sql.size() + 16);
    int next = 0;
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
            numbered += replacement(next++);
        else
            numbered += c;
    }
    return numbered;
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

} // namespace

namespace {
// `sql` with each '?' replaced by its value as a literal libpq quoted (NULL for a null): COPY takes
// no parameters. A quoted literal takes the type its place asks for, as a parameter would.
Result<QByteArray> withLiterals(PGconn *conn, const QString &sql, const QVariantList &values)
{
    for (const QVariant &value : values) {
        if (!bindableType(value))
            return failure(
                QStringLiteral("a value of type %1 cannot be bound").arg(QString::fromLatin1(value.metaType().name())),
                sql);
    }
    Status failed;
    const QString text = replacedPlaceholders(sql, [&](int index) -> QString {
        if (index >= values.size()) {
            failed = failure(QStringLiteral("no value for placeholder %1").arg(index + 1), sql);
            return QString();
        }
        const QVariant &value = values[index];
        if (value.isNull())
            return QStringLiteral("NULL");
        const int type = value.metaType().id();
        const QByteArray raw = type == QMetaType::Bool      ? QByteArray(value.toBool() ? "true" : "false")
                               : type == QMetaType::QString ? value.toString().toUtf8()
                                                            : value.toByteArray();
        char *quoted = PQescapeLiteral(conn, raw.constData(), size_t(raw.size()));
        if (!quoted) {
            failed = failure(QString::fromUtf8(PQerrorMessage(conn)), sql);
            return QString();
        }
        const QString literal = QString::fromUtf8(quoted);
        PQfreemem(quoted);
        return literal;
    });
    if (!failed)
        return failed.error();
    return text.toUtf8();
}

// Splits one line of COPY's text format into fields, decoding its escapes into `decoded` (reserved to
// the line's size, so that the fields pointing into it stay valid).
void splitCopyLine(const char *line, int size, std::vector<PostgresRow::Field> &fields, QByteArray &decoded)
{
    fields.clear();
    decoded.resize(0);
    decoded.reserve(size);
    if (size > 0 && line[size - 1] == '\n')
        --size;
    int start = 0;
    while (start <= size) {
        int end = start;
        bool escaped = false;
        while (end < size && line[end] != '\t') {
            escaped = escaped || line[end] == '\\';
            ++end;
        }
        PostgresRow::Field field;
        const int length = end - start;
        if (length == 2 && line[start] == '\\' && line[start + 1] == 'N') {
            field.data = nullptr; // NULL
        } else if (!escaped) {
            field.data = line + start;
            field.size = length;
        } else {
            const qsizetype from = decoded.size();
            for (int i = start; i < end; ++i) {
                char c = line[i];
                if (c == '\\' && i + 1 < end) {
                    switch (line[++i]) {
                    case 'b':
                        c = '\b';
                        break;
                    case 'f':
                        c = '\f';
                        break;
                    case 'n':
                        c = '\n';
                        break;
                    case 'r':
                        c = '\r';
                        break;
                    case 't':
                        c = '\t';
                        break;
                    case 'v':
                        c = '\v';
                        break;
                    default:
                        c = line[i]; // \\ and any other character stand for themselves
                    }
                }
                decoded += c;
            }
            field.data = decoded.constData() + from;
            field.size = int(decoded.size() - from);
        }
        fields.push_back(field);
        start = end + 1;
    }
}

void cancel(PGconn *conn)
{
    if (PGcancel *request = PQgetCancel(conn)) {
        char reason[256];
        PQcancel(request, reason, int(sizeof reason));
        PQfreeCancel(request);
    }
}

// Reads what is left of a COPY OUT and its end, so that the connection is free again.
void drainCopy(PGconn *conn)
{
    char *buffer = nullptr;
    while (PQgetCopyData(conn, &buffer, 0) > 0)
        PQfreemem(buffer);
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
    auto query = withLiterals(conn, sql, values);
    if (!query)
        return query.error();
    takeLeftovers(conn);
    const bool inTransaction = PQtransactionStatus(conn) == PQTRANS_INTRANS;
    {
        const OwnedResult started{PQexec(conn, "COPY (" + *query + ") TO STDOUT")};
        if (PQresultStatus(started.get()) != PGRES_COPY_OUT)
            return failure(QString::fromUtf8(PQresultErrorMessage(started.get())), sql);
    }
    std::vector<PostgresRow::Field> fields;
    QByteArray decoded;
    char *line = nullptr;
    int size = 0;
    while ((size = PQgetCopyData(conn, &line, 0)) > 0) {
        splitCopyLine(line, size, fields, decoded);
        const bool goOn = onRow(PostgresRow(fields));
        PQfreemem(line);
        if (!goOn) {
            // Outside a transaction the rest is cancelled; inside one a cancel would abort the whole
            // transaction, so the rest is read and dropped. A cancel that arrives after the query
            // ended is ignored by the server, and nothing else is sent before the drain.
            if (!inTransaction)
                cancel(conn);
            drainCopy(conn);
            return {};
        }
    }
    Status answer = size == -2 ? Status(failure(QString::fromUtf8(PQerrorMessage(conn)), sql)) : Status();
    while (OwnedResult result{PQgetResult(conn)}) {
        if (answer && PQresultStatus(result.get()) != PGRES_COMMAND_OK)
            answer = failure(QString::fromUtf8(PQresultErrorMessage(result.get())), sql);
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
    return replacedPlaceholders(sql, [](int index) { return QLatin1Char('$') + QString::number(index + 1); });
}

} // namespace PostgresRows
} // namespace paydesk
