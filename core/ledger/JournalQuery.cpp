#include "core/ledger/JournalQuery.h"

#include "core/ledger/PostingLines.h"
#include "core/storage/BatchSql.h"
#include "core/storage/Database.h"
#include "core/storage/StoredName.h"

namespace paydesk {

JournalQuery::JournalQuery(Database &database) : m_database(database) {}

Result<Currency> JournalQuery::currencyOf(qint64 accountId)
{
    {
        QMutexLocker lock(&m_mutex);
        auto it = m_currencies.constFind(accountId);
        if (it != m_currencies.constEnd())
            return *it;
    }
    // Unknown here: (re)load the whole chart, which is small next to the journal.
    QHash<qint64, Currency> loaded;
    auto status = BatchSql::forEachRow(m_database, QStringLiteral("SELECT id, currency FROM ledger_account"), {},
                                       [&loaded](const QVariantList &row) {
                                           auto currency = Currency::fromCode(row.at(1).toString());
                                           if (currency)
                                               loaded.insert(row.at(0).toLongLong(), *currency);
                                           return true;
                                       });
    if (!status)
        return status.error();
    QMutexLocker lock(&m_mutex);
    m_currencies = loaded;
    if (!m_currencies.contains(accountId))
        return Error(ErrorCode::AccountUnknown, QString::number(accountId));
    return m_currencies.value(accountId);
}

Result<QList<JournalSummary>> JournalQuery::page(const JournalFilter &filter, qint64 beforeId, int limit)
{
    QStringList where;
    QVariantList values;
    QString from = QStringLiteral("journal_entry e");
    QString order = QStringLiteral("e.id");
    if (filter.accountId > 0) {
        from = QStringLiteral("ledger_posting p JOIN journal_entry e ON e.id = p.entry_id");
        order = QStringLiteral("p.entry_id");
        where << QStringLiteral("p.account_id = ?");
        values << filter.accountId;
    }
    if (beforeId > 0) {
        where << order + QStringLiteral(" < ?");
        values << beforeId;
    }
    if (filter.from.isValid()) {
        where << QStringLiteral("e.business_date >= ?");
        values << filter.from.toString(Qt::ISODate);
    }
    if (filter.to.isValid()) {
        where << QStringLiteral("e.business_date <= ?");
        values << filter.to.toString(Qt::ISODate);
    }
    if (filter.minAmount >= 0) {
        where << QStringLiteral("e.debit_total >= ?");
        values << filter.minAmount;
    }
    if (filter.maxAmount >= 0) {
        where << QStringLiteral("e.debit_total <= ?");
        values << filter.maxAmount;
    }
    if (!filter.reference.isEmpty()) {
        QString pattern = filter.reference.toLower();
        pattern.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
        pattern.replace(QLatin1Char('%'), QStringLiteral("\\%"));
        pattern.replace(QLatin1Char('_'), QStringLiteral("\\_"));
        where << QStringLiteral("lower(e.reference) LIKE ? ESCAPE '\\'");
        values << QLatin1Char('%') + pattern + QLatin1Char('%');
    }
    QString sql =
        QStringLiteral("SELECT e.id, e.business_date, e.kind, e.reference, e.memo, e.debit_total, e.postings, "
                       "e.reverses_entry_id, e.created_at, e.created_by FROM ") +
        from;
    if (!where.isEmpty())
        sql += QStringLiteral(" WHERE ") + where.join(QStringLiteral(" AND "));
    sql += QStringLiteral(" ORDER BY ") + order + QStringLiteral(" DESC LIMIT %1").arg(qBound(1, limit, 5000));

    // Collect first, resolve currencies after: no second query while this one streams.
    QList<QVariantList> raw;
    auto status = BatchSql::forEachRow(m_database, sql, values, [&raw](const QVariantList &row) {
        if (raw.isEmpty() || raw.last().at(0) != row.at(0)) // an entry with two lines on the filtered account
            raw.append(row);
        return true;
    });
    if (!status)
        return status.error();
    QList<JournalSummary> rows;
    rows.reserve(raw.size());
    for (const QVariantList &row : std::as_const(raw)) {
        JournalSummary summary;
        summary.id = row.at(0).toLongLong();
        summary.businessDate = row.at(1).toDate();
        auto kind = entryKindFromName(row.at(2).toString());
        if (!kind)
            return StoredName::unknown("journal_entry.kind", row.at(2).toString());
        summary.kind = *kind;
        summary.reference = row.at(3).toString();
        summary.memo = row.at(4).toString();
        auto lines = PostingLines::decode(row.at(6).toString());
        if (!lines || lines->isEmpty())
            return Error(ErrorCode::JsonMalformed, QStringLiteral("entry %1").arg(summary.id));
        auto currency = currencyOf(lines->first().accountId);
        if (!currency)
            return currency.error();
        for (const PostingLines::Line &line : std::as_const(*lines)) {
            auto other = currencyOf(line.accountId);
            if (other && *other != *currency)
                summary.multiCurrency = true;
        }
        summary.amount = Money::fromMinor(row.at(5).toLongLong(), *currency);
        summary.lines = int(lines->size());
        summary.reversesEntryId = row.at(7).toLongLong();
        summary.createdAt = QDateTime::fromMSecsSinceEpoch(row.at(8).toLongLong(), Qt::UTC);
        summary.createdBy = row.at(9).toString();
        rows.append(summary);
    }
    return rows;
}

} // namespace paydesk
