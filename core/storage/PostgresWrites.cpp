#include "core/storage/PostgresWrites.h"

#include "core/storage/PostgresLibpq.h"

#include <algorithm>
#include <vector>

namespace paydesk::PostgresWrites {

using namespace PostgresLibpq;

namespace {

// One value in COPY's text format: what the type's input function reads, with the format's own
// escapes for a backslash and the characters that end a value or a row.
void appendCopyText(QByteArray &out, const QVariant &value)
{
    if (isSqlNull(value)) {
        out += "\\N";
        return;
    }
    if (value.metaType().id() == QMetaType::QByteArray) {
        out += "\\\\x" + value.toByteArray().toHex(); // bytea's hex input, its backslash escaped
        return;
    }
    for (const char c : textOf(value)) {
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

// The values as PQexecParams takes them: text, bytes as binary, null for null.
struct Parameters
{
    std::vector<QByteArray> data;
    std::vector<const char *> values;
    std::vector<int> lengths;
    std::vector<int> formats; // 0 text, 1 binary
};

Parameters parametersOf(const QVariantList &values)
{
    Parameters parameters;
    parameters.data.reserve(values.size());
    for (const QVariant &value : values) {
        parameters.data.push_back(isSqlNull(value) ? QByteArray() : textOf(value));
        parameters.formats.push_back(value.metaType().id() == QMetaType::QByteArray ? 1 : 0);
        parameters.lengths.push_back(int(parameters.data.back().size()));
    }
    for (qsizetype i = 0; i < values.size(); ++i)
        parameters.values.push_back(isSqlNull(values[i]) ? nullptr : parameters.data[size_t(i)].constData());
    return parameters;
}

} // namespace

Status copyIn(const QSqlDatabase &connection, const QString &table, const QStringList &columns,
              const QVariantList &values)
{
    const QString sql = QStringLiteral("COPY %1 (%2) FROM STDIN").arg(table, columns.join(QStringLiteral(", ")));
    auto conn = usableConnection(connection, sql);
    if (!conn)
        return conn.error();
    if (columns.isEmpty() || values.size() % columns.size() != 0 || !bindable(values))
        return failure(QStringLiteral("values that do not make whole rows of bindable values"), sql);
    {
        const OwnedResult started{
            PQexecParams(*conn, sql.toUtf8().constData(), 0, nullptr, nullptr, nullptr, nullptr, 0)};
        if (PQresultStatus(started.get()) != PGRES_COPY_IN) {
            drain(*conn);
            return failure(QString::fromUtf8(PQresultErrorMessage(started.get())), sql);
        }
    }
    constexpr qsizetype kSendBytes = 1 << 20;
    QByteArray buffer;
    buffer.reserve(kSendBytes + 4096);
    bool sent = true;
    for (qsizetype i = 0; i < values.size() && sent; ++i) {
        appendCopyText(buffer, values[i]);
        buffer += (i + 1) % columns.size() == 0 ? '\n' : '\t';
        if (buffer.size() >= kSendBytes || i + 1 == values.size()) {
            sent = PQputCopyData(*conn, buffer.constData(), int(buffer.size())) == 1;
            buffer.resize(0); // keeps the reserved buffer
        }
    }
    // A failed send ends the copy with an error, so that nothing of it is kept.
    const QString why = sent ? QString() : QString::fromUtf8(PQerrorMessage(*conn));
    if (PQputCopyEnd(*conn, sent ? nullptr : "the rows could not be sent") != 1) {
        const Error broken = failure(QString::fromUtf8(PQerrorMessage(*conn)), sql);
        drain(*conn);
        return broken;
    }
    const Status answer = answerOf(*conn, sql, PGRES_COMMAND_OK);
    return sent ? answer : Status(failure(why, sql));
}

bool bindable(const QVariantList &values)
{
    return std::all_of(values.cbegin(), values.cend(),
                       [](const QVariant &value) { return PostgresLibpq::bindable(value); });
}

Status execute(const QSqlDatabase &connection, const QString &sql, const QVariantList &values)
{
    auto conn = usableConnection(connection, sql);
    if (!conn)
        return conn.error();
    if (!bindable(values))
        return failure(QStringLiteral("a value of a type that cannot be bound"), sql);
    const Parameters parameters = parametersOf(values);
    const QByteArray statement = numberedPlaceholders(sql).toUtf8();
    if (!PQsendQueryParams(*conn, statement.constData(), int(parameters.values.size()), nullptr,
                           parameters.values.data(), parameters.lengths.data(), parameters.formats.data(), 0))
        return failure(QString::fromUtf8(PQerrorMessage(*conn)), sql);
    return answerOf(*conn, sql, PGRES_COMMAND_OK);
}

QString numberedPlaceholders(const QString &sql)
{
    return replacedPlaceholders(
               sql, [](int index) { return QLatin1Char('$') + QString::number(index + 1); }, false)
        .value();
}

} // namespace paydesk::PostgresWrites
