#pragma once

#include "core/storage/Database.h"

#include <QTemporaryDir>

#include <memory>

namespace paydesk::test {

// A fresh, empty, migrated Paydesk database for one test, on the backend the test runs
// against: an SQLite file in a temporary directory, or a new database on the PostgreSQL
// server named by PAYDESK_TEST_PG_URL (dropped again afterwards).
class TestDatabase
{
public:
    explicit TestDatabase(const QString &backend);
    ~TestDatabase();

    bool isOpen() const { return m_database != nullptr; }
    // Why it could not be created, for QVERIFY2.
    QString failure() const { return m_failure; }

    Database &database() { return *m_database; }
    std::shared_ptr<Database> shared() { return m_database; }
    const DatabaseUrl &url() const { return m_url; }
    QString urlText() const { return m_urlText; }

    // Opens a second, independent Database on the same data (another "process").
    Result<std::shared_ptr<Database>> openAnother() const { return Database::open(m_url); }
    // Drops our handle so the test can reopen or the database can be removed.
    void close() { m_database.reset(); }
    Status reopen();

    // Every byte the database keeps on disk: the SQLite file and its WAL, or the PostgreSQL
    // relation files of this database read through the server after a checkpoint. What a test
    // searches to show a secret never rests in clear.
    QByteArray storedBytes();

    // The backends the test binaries run against: PAYDESK_TEST_BACKENDS (comma separated)
    // or both. Call from initTestCase_data().
    static void addBackendRows();

private:
    QString m_backend;
    QTemporaryDir m_dir;
    DatabaseUrl m_url;
    QString m_urlText;
    QString m_pgName;
    QString m_failure;
    std::shared_ptr<Database> m_database;
};

} // namespace paydesk::test
