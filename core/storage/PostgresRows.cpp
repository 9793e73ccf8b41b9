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
