#include "core/storage/Database.h"
#include "core/storage/DatabaseFiles.h"
#include "core/storage/Sql.h"
#include "core/storage/UnitOfWork.h"
#include "tests/support/TestDatabase.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace paydesk;
using namespace paydesk::test;

// The SQLite files hold identity documents and payer ids: whatever the umask, the database, its
// WAL and shared-memory index are readable by their owner alone, and older, wider files are
// narrowed when the database is opened. (PostgreSQL keeps its data directory 0700 itself and
// refuses to start otherwise; docs/security.md says how to set up roles and connections.)
class TestDatabaseFiles : public QObject
{
    Q_OBJECT

private:
    static int modeOf(const QString &path)
    {
        struct stat status;
        if (::stat(QFile::encodeName(path).constData(), &status) != 0)
            return -1;
        return int(status.st_mode & 07777);
    }

    // Writes through a second connection too, so that SQLite creates its -wal and -shm files.
    static bool write(Database &database, int value)
    {
        UnitOfWork work(database);
        if (!work.isActive())
            return false;
        if (!Sql::exec(work.connection(), QStringLiteral("CREATE TABLE IF NOT EXISTS mode_probe (v INTEGER)")))
            return false;
        if (!Sql::exec(work.connection(), QStringLiteral("INSERT INTO mode_probe (v) VALUES (?)"), {value}))
            return false;
        return bool(work.commit());
    }

    mode_t m_umask = 0;

private slots:
    void init() { m_umask = ::umask(022); }
    void cleanup() { ::umask(m_umask); }

    void newDatabaseFilesArePrivate()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("data/paydesk.db"));
        auto url = DatabaseUrl::parse(QStringLiteral("sqlite:") + path);
        QVERIFY(url.ok());
        auto database = Database::open(*url);
        QVERIFY2(database.ok(), qPrintable(database.error().message()));
        QVERIFY(write(**database, 1));
        for (const QString &file : {path, path + QStringLiteral("-wal"), path + QStringLiteral("-shm")}) {
            QVERIFY2(QFile::exists(file), qPrintable(file));
            QCOMPARE(QString::number(modeOf(file), 8), QStringLiteral("600"));
        }
        // The directory it made for them too.
        QCOMPARE(QString::number(modeOf(dir.filePath(QStringLiteral("data"))), 8), QStringLiteral("700"));
    }

    void wideFilesAreNarrowedOnOpen()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("paydesk.db"));
        auto url = DatabaseUrl::parse(QStringLiteral("sqlite:") + path);
        QVERIFY(url.ok());
        {
            auto database = Database::open(*url);
            QVERIFY2(database.ok(), qPrintable(database.error().message()));
            QVERIFY(write(**database, 1));
            // As an older Paydesk (or a copy with cp) left them; the WAL stays while a connection is open.
            auto other = Database::open(*url);
            QVERIFY(other.ok());
            for (const QString &file : DatabaseFiles::companions(path)) {
                if (QFile::exists(file))
                    QCOMPARE(::chmod(QFile::encodeName(file).constData(), 0644), 0);
            }
            QCOMPARE(modeOf(path), 0644);
            auto narrowed = DatabaseFiles::makePrivate(path);
            QVERIFY(narrowed.ok());
            QVERIFY2(narrowed->size() >= 2, qPrintable(narrowed->join(QLatin1Char('\n'))));
            QVERIFY2(narrowed->first().contains(QStringLiteral("0644 → 0600")), qPrintable(narrowed->first()));
            for (const QString &file : DatabaseFiles::companions(path)) {
                if (QFile::exists(file))
                    QCOMPARE(modeOf(file), 0600);
            }
        }
        // Database::open narrows them as well (and says so on stderr).
        QCOMPARE(::chmod(QFile::encodeName(path).constData(), 0664), 0);
        auto reopened = Database::open(*url);
        QVERIFY(reopened.ok());
        QVERIFY(write(**reopened, 2));
        QCOMPARE(modeOf(path), 0600);
        QCOMPARE(modeOf(path + QStringLiteral("-wal")), 0600);
        QCOMPARE(modeOf(path + QStringLiteral("-shm")), 0600);
    }

    // The test databases of every other suite go through the same Database::open.
    void testDatabasesArePrivateToo()
    {
        TestDatabase db(QStringLiteral("sqlite"));
        QVERIFY2(db.isOpen(), qPrintable(db.failure()));
        QVERIFY(write(db.database(), 3));
        const QString path = db.url().sqlitePath();
        QCOMPARE(modeOf(path), 0600);
        QCOMPARE(modeOf(path + QStringLiteral("-wal")), 0600);
    }
};

QTEST_GUILESS_MAIN(TestDatabaseFiles)
#include "tst_databasefiles.moc"
