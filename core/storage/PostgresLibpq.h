#pragma once

#include "core/util/Result.h"

#include <QSqlDatabase>
#include <QVariant>

#include <functional>
#include <memory>

#include <libpq-fe.h>

namespace paydesk::PostgresLibpq {

// What PostgresRows shares: libpq on the connection Qt's driver opened for this thread.

struct ResultDeleter
{
    void operator()(PGresult *result) const { PQclear(result); }
};
using OwnedResult = std::unique_ptr<PGresult, ResultDeleter>;

// QueryFailed with libpq's or our reason, naming the statement.
Error failure(const QString &what, const QString &sql);

// The PGconn of a QPSQL connection; nullptr for any other.
PGconn *nativeConnection(const QSqlDatabase &connection);

// The connection of a QPSQL connection ready for a statement: what it still held drained; refused
// while this thread is streaming rows from it (the statement would wait for ever behind them).
Result<PGconn *> usableConnection(const QSqlDatabase &connection, const QString &sql);

// Marks `conn` as streaming rows to this thread for its lifetime.
class Streaming
{
public:
    explicit Streaming(PGconn *conn);
    ~Streaming();
    Streaming(const Streaming &) = delete;
    Streaming &operator=(const Streaming &) = delete;

private:
    PGconn *m_previous;
};

// The statement's outcome: every result taken, the first one not `expected` the error.
Status answerOf(PGconn *conn, const QString &sql, ExecStatusType expected);

// Takes whatever the connection still holds — the end of Qt's last result (Qt leaves it until its
// next statement), the rest of a COPY out, a COPY in left open (ended as failed) — so that the next
// statement can be sent. Never waits on a connection that has broken.
void drain(PGconn *conn);

// Whether libpq is given this value (integers, bool, text, bytes, null) or the caller goes through Qt.
bool bindable(const QVariant &value);
// Null as Qt's driver reads it: a null variant, and a null QString or QByteArray inside one.
bool isSqlNull(const QVariant &value);
// A bindable, non-null value as PostgreSQL's text input reads it (a bool as 1 or 0, which integer and
// boolean columns both take, as Qt's driver writes it); bytes as they are.
QByteArray textOf(const QVariant &value);

// `sql` with each '?' outside quotes, identifiers and comments replaced by what `replacement` gives for
// its index (0, 1, …). When the replacements are values written into the SQL (`literals`), SQL this
// scanner does not follow — dollar quoting, backslashes (E'' strings), nested comments — is refused,
// naming the statement: a '?' it missed could put a value outside its quotes.
Result<QString> replacedPlaceholders(const QString &sql, const std::function<QString(int index)> &replacement,
                                     bool literals);

} // namespace paydesk::PostgresLibpq
