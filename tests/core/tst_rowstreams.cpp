#include "core/storage/BatchSql.h"
#include "core/storage/PostgresRows.h"
#include "core/storage/PostgresWrites.h"
#include "core/storage/Sql.h"
#include "core/storage/UnitOfWork.h"
#include "core/util/Error.h"
#include "tests/support/TestDatabase.h"

#include <QDateTime>
#include <QTest>

using namespace paydesk;
using namespace paydesk::test;

// Rows streamed as views straight from each database's own client library (BatchSql::forEachRowView:
// SQLite's statement, libpq's single-row mode): values read exactly, '?' bound by position, an early
// stop or a failure leaving the connection usable — inside a transaction too, which must survive it.
class TestRowStreams : public QObject
{
    Q_OBJECT

    struct Row
    {
        qint64 id = 0;
        qint64 amount = 0;
        QString name;
        bool noteNull = false;
    };

    static Status createRows(Database &db, int count)
    {
        const QSqlDatabase connection = db.connection().value();
        auto created = Sql::exec(connection, QStringLiteral("CREATE TABLE stream_row (id BIGINT PRIMARY KEY, "
                                                            "amount BIGINT NOT NULL, name TEXT NOT NULL, note TEXT)"));
        if (!created)
            return created;
        QVariantList values;
        for (int id = 1; id <= count; ++id)
            values << id << (id == 2 ? Q_INT64_C(-9223372036854775807) : qint64(id) * 100)
                   << (id == 3 ? QStringLiteral("商户 «O'Brien» \"?\"") : QStringLiteral("row %1").arg(id))
                   << (id % 2 ? QVariant(QStringLiteral("n%1").arg(id)) : QVariant());
        return BatchSql::execRows(db, QStringLiteral("INSERT INTO stream_row (id, amount, name, note) VALUES "),
                                  QString(), 4, values);
    }

    static Result<QList<Row>> readRows(Database &db, const QString &sql, const QVariantList &values, int stopAfter = -1)
    {
        QList<Row> rows;
        const Status read = BatchSql::forEachRowView(db, sql, values, [&](const SqlRowView &view) {
            rows << Row{view.integer(0), view.integer(1), view.text(2), view.isNull(3)};
            return stopAfter < 0 || rows.size() < stopAfter;
        });
        if (!read)
            return read.error();
        return rows;
    }

    static qint64 countRows(Database &db)
    {
        return Sql::scalar(db.connection().value(), QStringLiteral("SELECT count(*) FROM stream_row"))->toLongLong();
    }

private slots:
    void initTestCase_data() { TestDatabase::addBackendRows(); }

    void placeholdersAreNumberedOutsideQuotesAndComments()
    {
        QCOMPARE(PostgresWrites::numberedPlaceholders(
                     QStringLiteral("SELECT '?', \"a?\" FROM t -- why?\nWHERE a = ? /* or ? */ AND b IN (?, ?)")),
                 QStringLiteral("SELECT '?', \"a?\" FROM t -- why?\nWHERE a = $1 /* or ? */ AND b IN ($2, $3)"));
        QCOMPARE(PostgresWrites::numberedPlaceholders(QStringLiteral("SELECT 'it''s ?' WHERE x = ?")),
                 QStringLiteral("SELECT 'it''s ?' WHERE x = $1"));
        QCOMPARE(PostgresWrites::numberedPlaceholders(QStringLiteral("SELECT '?")), QStringLiteral("SELECT '?"));
    }

    void everyValueReadsExactly()
    {
        QFETCH_GLOBAL(QString, backend);
        TestDatabase db(backend);
        QVERIFY2(db.isOpen(), qPrintable(db.failure()));
        QVERIFY(createRows(db.database(), 5000).ok());
        auto rows = readRows(db.database(),
                             QStringLiteral("SELECT id, amount, name, note FROM stream_row WHERE id >= ? AND name <> ? "
                                            "ORDER BY id"),
                             {qint64(2), QStringLiteral("row 4")});
        QVERIFY2(rows, rows ? "" : qPrintable(rows.error().message()));
        QCOMPARE(rows->size(), 4998);
        QCOMPARE(rows->at(0).id, 2);
        QCOMPARE(rows->at(0).amount, Q_INT64_C(-9223372036854775807));
        QCOMPARE(rows->at(1).name, QStringLiteral("商户 «O'Brien» \"?\""));
        QCOMPARE(rows->at(1).noteNull, false);
        QCOMPARE(rows->at(0).noteNull, true);
        QCOMPARE(rows->at(2).id, 5); // row 4 left out by the bound text
        QCOMPARE(rows->last().amount, 500000);

        // A value is only ever a value: quotes, question marks and SQL in it match text, nothing else.
        const QString byName = QStringLiteral("SELECT id, amount, name, note FROM stream_row WHERE name = ?");
        auto quoted = readRows(db.database(), byName, {QStringLiteral("商户 «O'Brien» \"?\"")});
        QVERIFY(quoted);
        QCOMPARE(quoted->size(), 1);
        QCOMPARE(quoted->first().id, 3);
        auto injected = readRows(db.database(), byName, {QStringLiteral("x' OR '1'='1")});
        QVERIFY(injected);
        QCOMPARE(injected->size(), 0);
    }

    void anEarlyStopLeavesTheConnectionUsable()
    {
        QFETCH_GLOBAL(QString, backend);
        TestDatabase db(backend);
        QVERIFY2(db.isOpen(), qPrintable(db.failure()));
        QVERIFY(createRows(db.database(), 20000).ok());
        const QString all = QStringLiteral("SELECT id, amount, name, note FROM stream_row ORDER BY id");
        auto firstTen = readRows(db.database(), all, {}, 10);
        QVERIFY(firstTen);
        QCOMPARE(firstTen->size(), 10);
        QCOMPARE(countRows(db.database()), 20000);
        auto again = readRows(db.database(), all, {});
        QVERIFY(again);
        QCOMPARE(again->size(), 20000);

        // Inside a transaction the stop must not abort it: what it wrote before and after commits.
        UnitOfWork unit(db.database());
        QVERIFY(Sql::exec(unit.connection(), QStringLiteral("DELETE FROM stream_row WHERE id = 1")).ok());
        auto stopped = readRows(db.database(), all, {}, 3);
        QVERIFY(stopped);
        QCOMPARE(stopped->first().id, 2);
        QVERIFY(Sql::exec(unit.connection(), QStringLiteral("DELETE FROM stream_row WHERE id = 2")).ok());
        QVERIFY(unit.commit().ok());
        QCOMPARE(countRows(db.database()), 19998);
    }

    // PostgreSQL: bytes bound to a statement go over as they are, every byte value, and come back the same.
    void bytesGoOverExactly()
    {
        QFETCH_GLOBAL(QString, backend);
        if (backend != QLatin1String("postgresql"))
            QSKIP("libpq's binary values: PostgreSQL only");
        TestDatabase db(backend);
        QVERIFY2(db.isOpen(), qPrintable(db.failure()));
        const QSqlDatabase connection = db.database().connection().value();
        QVERIFY(Sql::exec(connection, QStringLiteral("CREATE TABLE stream_blob (id BIGINT, data BYTEA)")).ok());
        QByteArray bytes;
        for (int i = 0; i < 300000; ++i)
            bytes += char(i * 7 % 256);
        UnitOfWork unit(db.database());
        const Status inserted = PostgresWrites::execute(
            unit.connection(), QStringLiteral("INSERT INTO stream_blob (id, data) VALUES (?, ?)"), {7, bytes});
        QVERIFY2(inserted, inserted ? "" : qPrintable(inserted.error().message()));
        const Status refused = PostgresWrites::execute(
            unit.connection(), QStringLiteral("INSERT INTO stream_blob (id, data) VALUES (?, ?)"), {7, 1.5});
        QVERIFY(!refused);
        QVERIFY(unit.commit().ok());
        QCOMPARE(
            Sql::scalar(connection, QStringLiteral("SELECT data FROM stream_blob WHERE id = ?"), {7})->toByteArray(),
            bytes);
        QCOMPARE(Sql::scalar(connection, QStringLiteral("SELECT count(*) FROM stream_blob"))->toLongLong(), 1);
    }

    // Rows appended (COPY on PostgreSQL) come back exactly, whatever characters their text holds; a row
    // the table refuses is an error, and its transaction keeps nothing of the batch.
    void insertedRowsComeBackExactly()
    {
        QFETCH_GLOBAL(QString, backend);
        TestDatabase db(backend);
        QVERIFY2(db.isOpen(), qPrintable(db.failure()));
        QVERIFY(createRows(db.database(), 0).ok());
        const QStringList columns{QStringLiteral("id"), QStringLiteral("amount"), QStringLiteral("name"),
                                  QStringLiteral("note")};
        const QString awkward = QStringLiteral("tab\there, line\nbreak\r\n, back\\slash \\N, 退款 \"q\" '");
        QVariantList values;
        for (int id = 1; id <= 3000; ++id)
            values << id << qint64(id) * -7 << (id == 2 ? awkward : QStringLiteral("n%1").arg(id))
                   << (id % 3 ? QVariant(QMetaType(QMetaType::QString)) : QVariant(QStringLiteral("\\N")));
        const Status inserted = BatchSql::insertRows(db.database(), QStringLiteral("stream_row"), columns, values);
        QVERIFY2(inserted, inserted ? "" : qPrintable(inserted.error().message()));
        auto rows =
            readRows(db.database(), QStringLiteral("SELECT id, amount, name, note FROM stream_row ORDER BY id"), {});
        QVERIFY(rows);
        QCOMPARE(rows->size(), 3000);
        QCOMPARE(rows->at(1).name, awkward);
        QCOMPARE(rows->at(1).amount, -14);
        QVERIFY(rows->at(0).noteNull);
        QVERIFY(!rows->at(2).noteNull);
        QCOMPARE(
            Sql::scalar(db.database().connection().value(), QStringLiteral("SELECT note FROM stream_row WHERE id = 3"))
                ->toString(),
            QStringLiteral("\\N"));

        QVariantList refused{
            5001,      1, QStringLiteral("fine"), QVariant(), 5002, 2, QVariant(QMetaType(QMetaType::QString)),
            QVariant()}; // name is NOT NULL
        {
            UnitOfWork unit(db.database()); // as every writer does: the refusal rolls the whole batch back
            const Status failed = BatchSql::insertRows(db.database(), QStringLiteral("stream_row"), columns, refused);
            QVERIFY(!failed);
            QCOMPARE(failed.error().code(), ErrorCode::QueryFailed);
        }
        QCOMPARE(countRows(db.database()), 3000);
    }

    // PostgreSQL, where values are written into the streamed query as literals: SQL the placeholder
    // scanner does not follow, a count of values that does not fit, and a statement sent from inside the
    // row callback are refused (never run, never waited on for ever); flags go as 1 or 0, a null string
    // is NULL as it was through Qt's driver.
    void whatLibpqIsNotGivenIsRefused()
    {
        QFETCH_GLOBAL(QString, backend);
        if (backend != QLatin1String("postgresql"))
            QSKIP("values as literals: PostgreSQL only");
        TestDatabase db(backend);
        QVERIFY2(db.isOpen(), qPrintable(db.failure()));
        QVERIFY(createRows(db.database(), 10).ok());
        auto dollar = readRows(db.database(),
                               QStringLiteral("SELECT id, amount, name, note FROM stream_row "
                                              "WHERE name = $$?$$"),
                               {QStringLiteral("$$) TO STDOUT; DELETE FROM stream_row; COPY (SELECT $$")});
        QVERIFY(!dollar);
        QCOMPARE(dollar.error().code(), ErrorCode::QueryFailed);
        auto escaped = readRows(db.database(),
                                QStringLiteral("SELECT id, amount, name, note FROM stream_row "
                                               "WHERE name = E'\\?' OR name = ?"),
                                {QStringLiteral("x")});
        QVERIFY(!escaped);
        auto tooMany = readRows(db.database(),
                                QStringLiteral("SELECT id, amount, name, note FROM stream_row "
                                               "WHERE id = ?"),
                                {1, 2});
        QVERIFY(!tooMany);
        QVERIFY(tooMany.error().message().contains(QStringLiteral("2 values for 1 placeholders")));
        QCOMPARE(countRows(db.database()), 10);

        Status nested;
        const Status outer = BatchSql::forEachRowView(
            db.database(), QStringLiteral("SELECT id, amount, name, note FROM stream_row"), {},
            [&](const SqlRowView &) {
                nested = BatchSql::execRows(db.database(),
                                            QStringLiteral("INSERT INTO stream_row (id, amount, name) "
                                                           "VALUES "),
                                            QString(), 3, {100, 1, QStringLiteral("inside")});
                return false;
            });
        QVERIFY(outer);
        QVERIFY(!nested);
        QVERIFY(nested.error().message().contains(QStringLiteral("still streaming")));

        QVERIFY(BatchSql::execRows(db.database(),
                                   QStringLiteral("INSERT INTO stream_row (id, amount, name, note) "
                                                  "VALUES "),
                                   QString(), 4, {200, true, QStringLiteral("flag"), QVariant(QString())})
                    .ok());
        auto flagged = readRows(db.database(),
                                QStringLiteral("SELECT id, amount, name, note FROM stream_row "
                                               "WHERE id = ?"),
                                {200});
        QVERIFY(flagged);
        QCOMPARE(flagged->size(), 1);
        QCOMPARE(flagged->first().amount, 1);
        QVERIFY(flagged->first().noteNull);
    }

    void aFailureIsAnErrorAndChangesNothing()
    {
        QFETCH_GLOBAL(QString, backend);
        TestDatabase db(backend);
        QVERIFY2(db.isOpen(), qPrintable(db.failure()));
        QVERIFY(createRows(db.database(), 10).ok());
        auto missing = readRows(db.database(), QStringLiteral("SELECT id FROM no_such_table WHERE id = ?"), {1});
        QVERIFY(!missing);
        QCOMPARE(missing.error().code(), ErrorCode::QueryFailed);
        QVERIFY(missing.error().message().contains(QStringLiteral("no_such_table")));
        QCOMPARE(countRows(db.database()), 10);
        if (backend == QLatin1String("postgresql")) {
            // A value libpq cannot be handed as text is refused before anything is sent.
            auto refused = readRows(db.database(),
                                    QStringLiteral("SELECT id, amount, name, note FROM stream_row "
                                                   "WHERE id = ?"),
                                    {QDateTime::currentDateTimeUtc()});
            QVERIFY(!refused);
            QCOMPARE(refused.error().code(), ErrorCode::QueryFailed);
            QVERIFY(refused.error().message().contains(QStringLiteral("QDateTime")));
        }
        auto rows = readRows(db.database(), QStringLiteral("SELECT id, amount, name, note FROM stream_row"), {});
        QVERIFY(rows);
        QCOMPARE(rows->size(), 10);
    }
};

QTEST_GUILESS_MAIN(TestRowStreams)
#include "tst_rowstreams.moc"
