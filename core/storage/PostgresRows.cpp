#include "core/storage/PostgresRows.h"

#include "core/storage/PostgresLibpq.h"

#include <charconv>
#include <vector>

namespace paydesk {

using namespace PostgresLibpq;

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

// `sql` with each '?' replaced by its value as a literal libpq quoted (NULL for a null): COPY takes
// no parameters. A quoted literal takes the type its place asks for, as a parameter would. Bytes and
// text holding U+0000 are refused: a literal cannot carry them.
Result<QByteArray> withLiterals(PGconn *conn, const QString &sql, const QVariantList &values)
{
    for (const QVariant &value : values) {
        const int type = isSqlNull(value) ? QMetaType::UnknownType : value.metaType().id();
        if (!bindable(value) || type == QMetaType::QByteArray ||
            (type == QMetaType::QString && value.toString().contains(QChar(0))))
            return failure(QStringLiteral("a value of type %1 cannot be given to a streamed query")
                               .arg(QString::fromLatin1(value.metaType().name())),
                           sql);
    }
    Status failed;
    int used = 0;
    auto replaced = replacedPlaceholders(
        sql,
        [&](int index) -> QString {
            used = index + 1;
            if (index >= values.size()) {
                failed = failure(QStringLiteral("no value for placeholder %1").arg(index + 1), sql);
                return QString();
            }
            const QVariant &value = values[index];
            if (isSqlNull(value))
                return QStringLiteral("NULL");
            const QByteArray raw = textOf(value);
            char *quoted = PQescapeLiteral(conn, raw.constData(), size_t(raw.size()));
            if (!quoted) {
                failed = failure(QString::fromUtf8(PQerrorMessage(conn)), sql);
                return QString();
            }
            const QString literal = QString::fromUtf8(quoted);
            PQfreemem(quoted);
            return literal;
        },
        true);
    if (!replaced)
        return replaced.error();
    if (!failed)
        return failed.error();
    if (used != values.size())
        return failure(QStringLiteral("%1 values for %2 placeholders").arg(values.size()).arg(used), sql);
    return replaced->toUtf8();
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

} // namespace

Status forEach(const QSqlDatabase &connection, const QString &sql, const QVariantList &values,
               const std::function<bool(const PostgresRow &row)> &onRow)
{
    auto conn = usableConnection(connection, sql);
    if (!conn)
        return conn.error();
    auto query = withLiterals(*conn, sql, values);
    if (!query)
        return query.error();
    const bool inTransaction = PQtransactionStatus(*conn) == PQTRANS_INTRANS;
    // PQexecParams, even without parameters: the extended protocol takes one statement, never more.
    const QByteArray copy = "COPY (" + *query + ") TO STDOUT";
    {
        const OwnedResult started{PQexecParams(*conn, copy.constData(), 0, nullptr, nullptr, nullptr, nullptr, 0)};
        if (PQresultStatus(started.get()) != PGRES_COPY_OUT) {
            drain(*conn);
            return failure(QString::fromUtf8(PQresultErrorMessage(started.get())), sql);
        }
    }
    std::vector<PostgresRow::Field> fields;
    QByteArray decoded;
    char *line = nullptr;
    int size = 0;
    bool stopped = false;
    {
        const Streaming streaming(*conn);
        while (!stopped && (size = PQgetCopyData(*conn, &line, 0)) > 0) {
            splitCopyLine(line, size, fields, decoded);
            stopped = !onRow(PostgresRow(fields));
            PQfreemem(line);
        }
    }
    if (stopped) {
        // Outside a transaction the rest is cancelled; inside one a cancel would abort the whole
        // transaction, so the rest is read and dropped. A cancel that arrives after the query ended
        // is ignored by the server, and nothing else is sent before the drain.
        if (!inTransaction)
            cancel(*conn);
        drain(*conn);
        return {};
    }
    const Status ended = size == -2 ? Status(failure(QString::fromUtf8(PQerrorMessage(*conn)), sql)) : Status();
    const Status answer = answerOf(*conn, sql, PGRES_COMMAND_OK);
    return ended ? answer : ended;
}

} // namespace PostgresRows
} // namespace paydesk
