#include "core/ledger/LedgerQueryStore.h"

#include "core/ledger/PostingLines.h"
#include "core/storage/BatchSql.h"
#include "core/storage/StoredName.h"

namespace paydesk::LedgerQueryStore {

namespace {
struct QueryCheck
{
    const char *name;
    const char *sql; // every row it returns is one violation; its columns are joined as the detail
};

const QueryCheck kQueryChecks[] = {
    {"trial_balance_zero",
     "SELECT currency, 'net ' || sum(balance) FROM ledger_account GROUP BY currency HAVING sum(balance) <> 0"},
    {"account_balance_equals_postings",
     "SELECT a.name, a.currency, 'stored ' || a.balance, 'postings ' || coalesce(s.total, 0) FROM ledger_account a "
     "LEFT JOIN (SELECT account_id, sum(amount) AS total FROM ledger_posting GROUP BY account_id) s "
     "ON s.account_id = a.id WHERE a.balance <> coalesce(s.total, 0)"},
    {"account_day_equals_postings",
     "SELECT 'account ' || coalesce(x.account_id, d.account_id), coalesce(x.business_date, d.business_date), "
     "'postings ' || coalesce(x.posted, 0), 'daily ' || coalesce(d.delta, 0) "
     "FROM (SELECT account_id, business_date, sum(amount) AS posted FROM ledger_posting "
     "GROUP BY account_id, business_date) x FULL OUTER JOIN ledger_account_day d "
     "ON d.account_id = x.account_id AND d.business_date = x.business_date "
     "WHERE coalesce(x.posted, 0) <> coalesce(d.delta, 0)"},
    {"non_negative_balance", "SELECT name, currency, 'balance ' || balance FROM ledger_account "
                             "WHERE non_negative = 1 AND normal_sign * balance < 0"},
    {"closed_account_zero",
     "SELECT name, currency, 'balance ' || balance FROM ledger_account WHERE status = 'closed' AND balance <> 0"},
    {"reversal_kind", "SELECT 'entry ' || id, kind, 'reverses ' || coalesce(reverses_entry_id, 0) FROM journal_entry "
                      "WHERE (kind = 'reversal') <> (reverses_entry_id IS NOT NULL)"},
    {"reversal_of_reversal",
     "SELECT 'entry ' || r.id, 'reverses reversal ' || o.id FROM journal_entry r "
     "JOIN journal_entry o ON o.id = r.reverses_entry_id WHERE o.reverses_entry_id IS NOT NULL"},
    {"event_posted_once", "SELECT e.kind, e.reference, count(*) || ' entries' FROM journal_entry e "
                          "WHERE e.kind IN ('payment', 'refund') AND e.reference <> '' "
                          "AND NOT EXISTS (SELECT 1 FROM journal_entry r WHERE r.reverses_entry_id = e.id) "
                          "GROUP BY e.kind, e.reference HAVING count(*) > 1"},
};

// "%" + text + "%" for LIKE … ESCAPE '\', lower-cased, its own wildcards taken literally.
QString containsPattern(const QString &text)
{
    QString pattern = text.toLower();
    pattern.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
    pattern.replace(QLatin1Char('%'), QStringLiteral("\\%"));
    pattern.replace(QLatin1Char('_'), QStringLiteral("\\_"));
    return QLatin1Char('%') + pattern + QLatin1Char('%');
}
} // namespace

Result<QHash<qint64, Currency>> accountCurrencies(Database &database)
{
    QHash<qint64, Currency> loaded;
    auto status = BatchSql::forEachRow(database, QStringLiteral("SELECT id, currency FROM ledger_account"), {},
                                       [&loaded](const QVariantList &row) {
                                           auto currency = Currency::fromCode(row.at(1).toString());
                                           if (currency)
                                               loaded.insert(row.at(0).toLongLong(), *currency);
                                           return true;
                                       });
    if (!status)
        return status.error();
    return loaded;
}

Result<QList<JournalSummary>> journalPage(Database &database, const JournalFilter &filter, qint64 beforeId, int limit,
                                          const std::function<Result<Currency>(qint64 accountId)> &currencyOf)
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
        where << QStringLiteral("lower(e.reference) LIKE ? ESCAPE '\\'");
        values << containsPattern(filter.reference);
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
    auto status = BatchSql::forEachRow(database, sql, values, [&raw](const QVariantList &row) {
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

Result<QHash<qint64, AccountLabel>> accountLabels(Database &database)
{
    QHash<qint64, AccountLabel> accounts;
    Status unreadable;
    auto loaded = BatchSql::forEachRow(database, QStringLiteral("SELECT id, name, currency FROM ledger_account"), {},
                                       [&accounts, &unreadable](const QVariantList &row) {
                                           auto currency = Currency::fromCode(row.at(2).toString());
                                           if (!currency) {
                                               unreadable =
                                                   StoredName::unknown("ledger_account.currency", row.at(2).toString());
                                               return false;
                                           }
                                           accounts.insert(row.at(0).toLongLong(), {row.at(1).toString(), *currency});
                                           return true;
                                       });
    if (!loaded)
        return loaded.error();
    if (!unreadable)
        return unreadable.error();
    return accounts;
}

Status forEachEntry(Database &database, const std::function<bool(const StoredEntry &)> &onEntry)
{
    StoredEntry entry;
    return BatchSql::forEachRow(
        database,
        QStringLiteral("SELECT id, business_date, kind, reference, memo, postings FROM journal_entry ORDER BY id"), {},
        [&](const QVariantList &row) {
            entry.id = row.at(0).toLongLong();
            entry.businessDate = row.at(1).toDate();
            entry.kind = row.at(2).toString();
            entry.reference = row.at(3).toString();
            entry.memo = row.at(4).toString();
            entry.postings = row.at(5).toString();
            return onEntry(entry);
        });
}

QStringList queryChecks()
{
    QStringList names;
    for (const QueryCheck &check : kQueryChecks)
        names << QString::fromLatin1(check.name);
    return names;
}

Status forEachViolation(Database &database, const QString &check,
                        const std::function<bool(const QStringList &columns)> &onViolation)
{
    for (const QueryCheck &known : kQueryChecks) {
        if (check != QLatin1String(known.name))
            continue;
        return BatchSql::forEachRow(database, QString::fromLatin1(known.sql), {}, [&](const QVariantList &row) {
            QStringList columns;
            for (const QVariant &value : row)
                columns << value.toString();
            return onViolation(columns);
        });
    }
    return Error(ErrorCode::InvalidArgument, check);
}

Status forEachAccountRule(Database &database, const std::function<bool(const AccountRule &)> &onAccount)
{
    return BatchSql::forEachRow(
        database, QStringLiteral("SELECT id, name, currency, normal_sign, non_negative FROM ledger_account"), {},
        [&onAccount](const QVariantList &row) {
            return onAccount({row.at(0).toLongLong(), row.at(1).toString(), row.at(2).toString(), row.at(3).toInt(),
                              row.at(4).toInt() != 0});
        });
}

Result<QSet<qint64>> reversedEntryIds(Database &database)
{
    QSet<qint64> reversed;
    auto loaded = BatchSql::forEachRow(
        database, QStringLiteral("SELECT reverses_entry_id FROM journal_entry WHERE reverses_entry_id IS NOT NULL"), {},
        [&reversed](const QVariantList &row) {
            reversed.insert(row.at(0).toLongLong());
            return true;
        });
    if (!loaded)
        return loaded.error();
    return reversed;
}

Status forEachEntryLines(Database &database, const std::function<bool(const EntryLines &)> &onEntry)
{
    EntryLines entry;
    return BatchSql::forEachRow(
        database,
        QStringLiteral(
            "SELECT id, business_date, reverses_entry_id, postings, debit_total FROM journal_entry ORDER BY id"),
        {}, [&](const QVariantList &row) {
            entry.id = row.at(0).toLongLong();
            entry.businessDate = row.at(1).toDate();
            entry.reversesEntryId = row.at(2).isNull() ? std::nullopt : std::optional<qint64>(row.at(2).toLongLong());
            entry.postings = row.at(3).toString();
            entry.debitTotal = row.at(4).toLongLong();
            return onEntry(entry);
        });
}

Status forEachPostingRow(Database &database, const std::function<bool(const PostingRow &)> &onRow)
{
    return BatchSql::forEachRow(database,
                                QStringLiteral("SELECT account_id, entry_id, line, amount, business_date FROM "
                                               "ledger_posting ORDER BY account_id, entry_id, line"),
                                {}, [&onRow](const QVariantList &row) {
                                    return onRow({row.at(0).toLongLong(), row.at(1).toLongLong(),
                                                  row.at(2).toLongLong(), row.at(3).toLongLong(), row.at(4).toDate()});
                                });
}

} // namespace paydesk::LedgerQueryStore
