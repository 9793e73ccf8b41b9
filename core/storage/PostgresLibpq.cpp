#include "core/storage/PostgresLibpq.h"

#include <QSqlDriver>

namespace paydesk::PostgresLibpq {

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

namespace {
thread_local PGconn *t_streaming = nullptr;
}

Streaming::Streaming(PGconn *conn) : m_previous(t_streaming)
{
    t_streaming = conn;
}

Streaming::~Streaming()
{
    t_streaming = m_previous;
}

Result<PGconn *> usableConnection(const QSqlDatabase &connection, const QString &sql)
{
    PGconn *conn = nativeConnection(connection);
    if (!conn)
        return failure(QStringLiteral("not a PostgreSQL connection"), sql);
    if (conn == t_streaming)
        return failure(QStringLiteral("the connection is still streaming rows to this thread"), sql);
    drain(conn);
    return conn;
}

Status answerOf(PGconn *conn, const QString &sql, ExecStatusType expected)
{
    Status answer;
    while (OwnedResult result{PQgetResult(conn)}) {
        const ExecStatusType status = PQresultStatus(result.get());
        if (answer && status != expected)
            answer = failure(QString::fromUtf8(PQresultErrorMessage(result.get())), sql);
        if (status == PGRES_COPY_IN || status == PGRES_COPY_OUT)
            drain(conn); // never left in a COPY
    }
    return answer;
}

void drain(PGconn *conn)
{
    while (PQstatus(conn) == CONNECTION_OK) {
        const OwnedResult result{PQgetResult(conn)};
        if (!result)
            return;
        // In a COPY libpq hands out the same state again until the COPY ends: end it.
        switch (PQresultStatus(result.get())) {
        case PGRES_COPY_OUT: {
            char *buffer = nullptr;
            int read = 0;
            while ((read = PQgetCopyData(conn, &buffer, 0)) > 0)
                PQfreemem(buffer);
            if (read == -2 && PQstatus(conn) == CONNECTION_OK)
                return; // libpq itself failed (out of memory): nothing more can be read
            break;
        }
        case PGRES_COPY_IN:
            if (PQputCopyEnd(conn, "abandoned") != 1)
                return;
            break;
        case PGRES_COPY_BOTH:
            return; // replication only: never opened by us
        default:
            break;
        }
    }
}

bool isSqlNull(const QVariant &value)
{
    if (value.isNull())
        return true;
    switch (value.metaType().id()) {
    case QMetaType::QString:
        return value.toString().isNull();
    case QMetaType::QByteArray:
        return value.toByteArray().isNull();
    default:
        return false;
    }
}

bool bindable(const QVariant &value)
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

QByteArray textOf(const QVariant &value)
{
    switch (value.metaType().id()) {
    case QMetaType::Bool:
        return value.toBool() ? QByteArrayLiteral("1") : QByteArrayLiteral("0");
    case QMetaType::QString:
        return value.toString().toUtf8();
    default:
        return value.toByteArray(); // an integer's digits, or the bytes
    }
}

Result<QString> replacedPlaceholders(const QString &sql, const std::function<QString(int index)> &replacement,
                                     bool literals)
{
    if (literals && (sql.contains(QLatin1Char('$')) || sql.contains(QLatin1Char('\\'))))
        return failure(QStringLiteral("dollar quoting and backslashes are not taken here"), sql);
    QString replaced;
    replaced.reserve(sql.size() + 16);
    int next = 0;
    for (qsizetype i = 0; i < sql.size(); ++i) {
        const QChar c = sql[i];
        // Copies from i through `end` (searched after the `opening` characters), unchanged.
        const auto copyUntil = [&](QStringView end, qsizetype opening) {
            const qsizetype stop = sql.indexOf(end, i + opening);
            const qsizetype last = stop < 0 ? sql.size() : stop + end.size();
            const QStringView copied = QStringView(sql).mid(i, last - i);
            replaced += copied;
            i = last - 1;
            return copied;
        };
        if (c == QLatin1Char('\'')) {
            copyUntil(u"'", 1); // a doubled '' reads as two literals back to back: the same text
        } else if (c == QLatin1Char('"')) {
            copyUntil(u"\"", 1);
        } else if (c == QLatin1Char('-') && sql.mid(i, 2) == QLatin1String("--")) {
            copyUntil(u"\n", 2);
        } else if (c == QLatin1Char('/') && sql.mid(i, 2) == QLatin1String("/*")) {
            if (copyUntil(u"*/", 2).mid(2).contains(QLatin1String("/*")) && literals)
                return failure(QStringLiteral("nested comments are not taken here"), sql);
        } else if (c == QLatin1Char('?')) {
            replaced += replacement(next++);
        } else {
            replaced += c;
        }
    }
    return replaced;
}

} // namespace paydesk::PostgresLibpq
