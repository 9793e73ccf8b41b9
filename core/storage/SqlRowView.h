#pragma once

#include <QByteArray>
#include <QVariantList>

namespace paydesk {

class PostgresRow;
class SqliteRow;

// One result row, read the same way whether it is SQLite's or libpq's own (nothing copied, no
// QVariant made: BatchSql::forEachRowView) or Qt's values (a QSqlQuery's row).
// Valid only inside the callback it is handed to.
class SqlRowView
{
public:
    explicit SqlRowView(const SqliteRow &native) : m_native(&native) {}
    explicit SqlRowView(const PostgresRow &postgres) : m_postgres(&postgres) {}
    explicit SqlRowView(const QVariantList &values) : m_values(&values) {}

    bool isNull(int column) const;
    qint64 integer(int column) const;
    // Text as UTF-8; the view lasts until the next call.
    QByteArrayView utf8(int column) const;
    QString text(int column) const;

private:
    const SqliteRow *m_native = nullptr;
    const PostgresRow *m_postgres = nullptr;
    const QVariantList *m_values = nullptr;
    mutable QByteArray m_scratch;
};

} // namespace paydesk
