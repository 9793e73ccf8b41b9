#include "core/reconciliation/StatementArchive.h"
#include "core/storage/UnitOfWork.h"
#include "tests/reconciliation/ReconcileStoreSupport.h"
#include "tests/support/TestDatabase.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QRandomGenerator>
#include <QTemporaryFile>

using namespace paydesk;
using namespace paydesk::test;
using namespace paydesk::test::ReconcileStore;

// Statement files kept as they came, on both databases: the bytes come back identical through
// compressed chunks, the same file twice is one file, and any damage to a kept file is found.
class TestStatementArchive : public QObject
{
    Q_OBJECT

private:
    const QDate day{2026, 11, 2};

    // A bill-like text of `bytes` bytes, with enough noise that zlib has work to do.
    static QByteArray bill(qint64 bytes, quint32 seed)
    {
        QRandomGenerator random(seed);
        QByteArray text;
        text.reserve(bytes + 200);
        for (int line = 1; text.size() < bytes; ++line) {
            text += QStringLiteral("`2026-11-02 10:%1:00,`wx1900001,`42000%2,`P%3,`SUCCESS,`%4.%5\r\n")
                        .arg(line % 60, 2, 10, QLatin1Char('0'))
                        .arg(random.generate())
                        .arg(random.generate64())
                        .arg(random.bounded(100000))
                        .arg(random.bounded(100), 2, 10, QLatin1Char('0'))
                        .toUtf8();
        }
        text.truncate(bytes);
        return text;
    }

    static StatementToKeep what(qint64 account, const QDate &date, const QString &name)
    {
        StatementToKeep file;
        file.channelAccountId = account;
        file.billDate = date;
        file.format = QStringLiteral("wechat-all");
        file.fileName = name;
        file.origin = StatementOrigin::Import;
        file.keptBy = QStringLiteral("fiona");
        return file;
    }

    static Result<KeptStatement> keepBytes(Database &database, const QByteArray &bytes, const StatementToKeep &file)
    {
        QBuffer source;
        source.setData(bytes);
        source.open(QIODevice::ReadOnly);
        return StatementArchive::keep(database, source, file, at(9));
    }

    static Result<QByteArray> restored(Database &database, qint64 fileId)
    {
        QByteArray out;
        const Status status = StatementArchive::restore(database, fileId, [&out](const QByteArray &bytes) -> Status {
            if (bytes.size() > StatementArchive::kChunkBytes)
                return Error(ErrorCode::InvalidArgument, QStringLiteral("a piece larger than a chunk"));
            out += bytes;
            return {};
        });
        if (!status)
            return status.error();
        return out;
    }

private slots:
    void initTestCase_data() { TestDatabase::addBackendRows(); }

    void multiMegabyteFileComesBackIdentical()
    {
        QFETCH_GLOBAL(QString, backend);
        TestDatabase t(backend);
        QVERIFY2(t.isOpen(), qPrintable(t.failure()));
        const Account account = seedAccount(t.database(), QStringLiteral("M9001"), QStringLiteral("a"));
        const QByteArray original = bill(5 * StatementArchive::kChunkBytes + 12345, 7);
        QTemporaryFile file;
        QVERIFY(file.open());
        QCOMPARE(file.write(original), original.size());
        file.close();

        auto kept = StatementArchive::keep(t.database(), file.fileName(),
                                           what(account.channelAccountId, day, QStringLiteral("bill.csv")), at(9));
        QVERIFY2(kept, qPrintable(kept.error().message()));
        QVERIFY(!kept->alreadyKept);
        QCOMPARE(kept->byteSize, qint64(original.size()));
        QCOMPARE(kept->sha256,
                 QString::fromLatin1(QCryptographicHash::hash(original, QCryptographicHash::Sha256).toHex()));

        auto stored = StatementFileStore::byId(t.database().connection().value(), kept->fileId);
        QVERIFY(stored);
        QCOMPARE(stored->chunkCount, 6);
        QCOMPARE(stored->sha256, kept->sha256);
        QCOMPARE(stored->billDate, day);
        QCOMPARE(stored->origin, StatementOrigin::Import);
        QCOMPARE(stored->format, QStringLiteral("wechat-all"));
        QCOMPARE(stored->keptBy, QStringLiteral("fiona"));
        QCOMPARE(stored->keptAt, at(9));
        const qint64 compressed =
            count(t.database(), QStringLiteral("SELECT sum(length(data)) FROM recon_statement_chunk"));
        qDebug("%s: %lld bytes kept in %lld", qPrintable(backend), qint64(original.size()), compressed);
        QVERIFY(compressed < original.size());

        auto back = restored(t.database(), kept->fileId);
        QVERIFY2(back, qPrintable(back.error().message()));
        QVERIFY(*back == original);
        QTemporaryFile target;
        QVERIFY(target.open());
        QVERIFY(StatementArchive::restoreTo(t.database(), kept->fileId, target));
        target.seek(0);
        QVERIFY(target.readAll() == original);
    }

    // Importing the same file again is a no-op that says so; another file of the same day is new.
    void sameFileTwiceIsKeptOnce()
    {
        QFETCH_GLOBAL(QString, backend);
        TestDatabase t(backend);
        QVERIFY2(t.isOpen(), qPrintable(t.failure()));
        const Account account = seedAccount(t.database(), QStringLiteral("M9001"), QStringLiteral("a"));
        const QByteArray original = bill(StatementArchive::kChunkBytes + 10, 1);
        auto first = keepBytes(t.database(), original, what(account.channelAccountId, day, QStringLiteral("a.csv")));
        QVERIFY(first);
        auto again = keepBytes(t.database(), original, what(account.channelAccountId, day, QStringLiteral("b.csv")));
        QVERIFY2(again, qPrintable(again.error().message()));
        QVERIFY(again->alreadyKept);
        QCOMPARE(again->fileId, first->fileId);
        QCOMPARE(again->sha256, first->sha256);
        // Nothing of the second copy stays behind.
        QCOMPARE(count(t.database(), QStringLiteral("SELECT count(*) FROM recon_statement_file")), 1);
        QCOMPARE(count(t.database(), QStringLiteral("SELECT count(*) FROM recon_statement_chunk")), 2);

        auto other =
            keepBytes(t.database(), bill(1000, 2), what(account.channelAccountId, day, QStringLiteral("c.csv")));
        QVERIFY(other);
        QVERIFY(!other->alreadyKept);
        QVERIFY(other->fileId != first->fileId);
        // The same bytes for another date are another file too.
        auto nextDay =
            keepBytes(t.database(), original, what(account.channelAccountId, day.addDays(1), QStringLiteral("a.csv")));
        QVERIFY(nextDay);
        QVERIFY(!nextDay->alreadyKept);
        auto ofDay = StatementFileStore::forDay(t.database().connection().value(), account.channelAccountId, day);
        QCOMPARE(ofDay->size(), 2);
        QCOMPARE(ofDay->first().fileName, QStringLiteral("a.csv"));

        // An empty file is kept too (the parser is the one to refuse it).
        auto empty =
            keepBytes(t.database(), QByteArray(), what(account.channelAccountId, day, QStringLiteral("e.csv")));
        QVERIFY(empty);
        QCOMPARE(empty->byteSize, qint64(0));
        QCOMPARE(restored(t.database(), empty->fileId).value(), QByteArray());
    }

    // A process that died while keeping a file leaves an unfinished row no reader sees, cleared
    // later.
    void unfinishedFilesAreInvisibleAndCleared()
    {
        QFETCH_GLOBAL(QString, backend);
        TestDatabase t(backend);
        QVERIFY2(t.isOpen(), qPrintable(t.failure()));
        const Account account = seedAccount(t.database(), QStringLiteral("M9001"), QStringLiteral("a"));
        const QSqlDatabase db = t.database().connection().value();
        auto unfinished =
            StatementFileStore::insertUnfinished(db, what(account.channelAccountId, day, QStringLiteral("x")), at(8));
        QVERIFY(unfinished);
        QVERIFY(StatementFileStore::insertChunk(t.database(), *unfinished, 0, QByteArray("zz")));
        QCOMPARE(StatementFileStore::byId(db, *unfinished).error().code(), ErrorCode::StatementFileUnknown);
        QVERIFY(StatementFileStore::forDay(db, account.channelAccountId, day)->isEmpty());
        QCOMPARE(StatementArchive::restore(t.database(), *unfinished, [](const QByteArray &) { return Status(); })
                     .error()
                     .code(),
                 ErrorCode::StatementFileUnknown);
        QCOMPARE(StatementFileStore::removeUnfinished(db, at(8)).value(), 0);
        QCOMPARE(StatementFileStore::removeUnfinished(db, at(9)).value(), 1);
        QCOMPARE(count(t.database(), QStringLiteral("SELECT count(*) FROM recon_statement_chunk")), 0);
    }

    // Files kept before chunks were zstd frames hold zlib streams: they still come back.
    void zlibChunksOfOlderFilesStillComeBack()
    {
        QFETCH_GLOBAL(QString, backend);
        TestDatabase t(backend);
        QVERIFY2(t.isOpen(), qPrintable(t.failure()));
        const Account account = seedAccount(t.database(), QStringLiteral("M9002"), QStringLiteral("a"));
        const QByteArray original = bill(2 * StatementArchive::kChunkBytes + 99, 4);
        auto kept = keepBytes(t.database(), original, what(account.channelAccountId, day, QStringLiteral("a.csv")));
        QVERIFY(kept);
        const QSqlDatabase db = t.database().connection().value();
        const QByteArray stored =
            Sql::scalar(db, QStringLiteral("SELECT data FROM recon_statement_chunk WHERE file_id = ? AND seq = 1"),
                        {kept->fileId})
                ->toByteArray();
        QVERIFY2(stored.startsWith(QByteArray::fromHex("28b52ffd")), "chunks are kept as zstd frames");
        const QByteArray piece = original.mid(StatementArchive::kChunkBytes, StatementArchive::kChunkBytes);
        QVERIFY(Sql::exec(db, QStringLiteral("UPDATE recon_statement_chunk SET data = ? WHERE file_id = ? AND seq = 1"),
                          {qCompress(piece).mid(4), kept->fileId}));
        auto back = restored(t.database(), kept->fileId);
        QVERIFY2(back, back ? "" : qPrintable(back.error().message()));
        QVERIFY(*back == original);
    }

    // Damage to a kept file is an error naming it: a chunk that does not inflate, one that
    // inflates to other bytes, a missing one.
    void damagedFileIsAnError_data()
    {
        QTest::addColumn<QString>("damage");
        QTest::newRow("garbled") << QStringLiteral("garbled");
        QTest::newRow("garbled zstd") << QStringLiteral("garbled zstd");
        QTest::newRow("other bytes") << QStringLiteral("other bytes");
        QTest::newRow("missing") << QStringLiteral("missing");
    }
    void damagedFileIsAnError()
    {
        QFETCH_GLOBAL(QString, backend);
        QFETCH(QString, damage);
        TestDatabase t(backend);
        QVERIFY2(t.isOpen(), qPrintable(t.failure()));
        const Account account = seedAccount(t.database(), QStringLiteral("M9001"), QStringLiteral("a"));
        const QByteArray original = bill(2 * StatementArchive::kChunkBytes + 99, 3);
        auto kept = keepBytes(t.database(), original, what(account.channelAccountId, day, QStringLiteral("a.csv")));
        QVERIFY(kept);
        const QSqlDatabase db = t.database().connection().value();
        if (damage == QLatin1String("missing")) {
            QVERIFY(Sql::exec(db, QStringLiteral("DELETE FROM recon_statement_chunk WHERE file_id = ? AND seq = 1"),
                              {kept->fileId}));
        } else {
            QByteArray data = QByteArray(64, 'x');
            if (damage == QLatin1String("garbled zstd"))
                data = QByteArray::fromHex("28b52ffd") + QByteArray(60, 'x'); // a zstd frame's magic, then junk
            if (damage == QLatin1String("other bytes")) {
                QByteArray piece = original.mid(StatementArchive::kChunkBytes, StatementArchive::kChunkBytes);
                piece[10] = piece[10] == 'A' ? 'B' : 'A';
                data = qCompress(piece).mid(4); // qCompress: a 4-byte length, then a zlib stream
            }
            QVERIFY(Sql::exec(db,
                              QStringLiteral("UPDATE recon_statement_chunk SET data = ? WHERE file_id = ? AND seq = 1"),
                              {data, kept->fileId}));
        }
        auto back = restored(t.database(), kept->fileId);
        QVERIFY(!back);
        QCOMPARE(back.error().code(), ErrorCode::StatementFileCorrupt);
        QVERIFY2(back.error().detail().startsWith(QStringLiteral("statement file %1:").arg(kept->fileId)),
                 qPrintable(back.error().message()));
    }
};

QTEST_GUILESS_MAIN(TestStatementArchive)
#include "tst_statementarchive.moc"
