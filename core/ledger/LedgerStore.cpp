#include "core/ledger/LedgerStore.h"

#include "core/ledger/LedgerAccounts.h"
#include "core/ledger/PostingLines.h"
#include "core/storage/BatchSql.h"
#include "core/storage/Database.h"
#include "core/storage/Sql.h"
#include "core/storage/StoredName.h"

#include <optional>

namespace paydesk::LedgerStore {

namespace {
const QString kAccountColumns = QStringLiteral(
    "id, name, currency, type_code, category, normal_sign, non_negative, status, balance, opened_at, closed_at");

QVariant nullableText(const QString &text)
{
    return text.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(text);
}

// Qt binds a null QString as SQL NULL; these columns are NOT NULL with '' for "none".
QString text(const QString &value)
{
    return value.isNull() ? QStringLiteral("") : value;
}

QVariant nullableId(qint64 id)
{
    return id == 0 ? QVariant(QMetaType::fromType<qlonglong>()) : QVariant(id);
}

// QueryFailed for a category, status or currency this version does not know.
Result<LedgerAccount> readAccount(const QVariantList &row)
{
    LedgerAccount account;
    account.id = row.at(0).toLongLong();
    account.name = row.at(1).toString();
    auto currency = Currency::fromCode(row.at(2).toString());
    if (!currency)
        return currency.error().within(QStringLiteral("ledger_account.currency"));
    account.currency = *currency;
    account.typeCode = row.at(3).toInt();
    auto category =
        StoredName::read<AccountCategory>(row.at(4), AccountName::categoryFromName, "ledger_account.category");
    if (!category)
        return category.error();
    account.category = *category;
    account.normalSign = row.at(5).toInt();
    account.nonNegative = row.at(6).toInt() != 0;
    auto open = StoredName::flag(row.at(7), "open", "closed", "ledger_account.status");
    if (!open)
        return open.error();
    account.open = *open;
    account.balance = Money::fromMinor(row.at(8).toLongLong(), account.currency);
    account.openedAt = QDateTime::fromMSecsSinceEpoch(row.at(9).toLongLong(), Qt::UTC);
    if (!row.at(10).isNull())
        account.closedAt = QDateTime::fromMSecsSinceEpoch(row.at(10).toLongLong(), Qt::UTC);
    return account;
}

Result<LedgerAccount> readAccount(const QSqlQuery &query)
{
    QVariantList row(11);
    for (int c = 0; c < 11; ++c)
        row[c] = query.value(c);
    return readAccount(row);
}
} // namespace

Result<qint64> entryCount(const QSqlDatabase &db)
{
    auto count = Sql::scalar(db, QStringLiteral("SELECT count(*) FROM journal_entry"));
    if (!count)
        return count.error();
    return count->toLongLong();
}

Result<QList<qint64>> reserveEntryIds(Database &database, const QSqlDatabase &db, qsizetype count)
{
    QList<qint64> ids;
    ids.reserve(count);
    if (database.isSqlite()) {
        // The writer lock (BEGIN IMMEDIATE) is held, so nobody else can take these ids.
        auto last = Sql::scalar(db, QStringLiteral("SELECT coalesce(max(id), 0) FROM journal_entry"));
        if (!last)
            return last.error();
        const qint64 first = last->toLongLong() + 1;
        for (qsizetype i = 0; i < count; ++i)
            ids.append(first + i);
        return ids;
    }
    auto query = Sql::run(db,
                          QStringLiteral("SELECT nextval(pg_get_serial_sequence('journal_entry', 'id')) "
                                         "FROM generate_series(1, ?)"),
                          {qlonglong(count)});
    if (!query)
        return query.error();
    while (query->next())
        ids.append(query->value(0).toLongLong());
    return ids;
}

Result<QString> postedEventKey(Database &database, const QList<QString> &eventKeys)
{
    QString posted;
    auto checked =
        BatchSql::selectIn(database, QStringLiteral("SELECT event_key FROM journal_entry WHERE event_key IN "), {},
                           QVariantList(eventKeys.cbegin(), eventKeys.cend()),
                           [&posted](const QVariantList &row) { posted = row.at(0).toString(); });
    if (!checked)
        return checked.error();
    return posted;
}

void PostingRows::reserve(qsizetype entryCount, qsizetype lineCount)
{
    entries.reserve(entryCount * 11);
    lines.reserve(lineCount * 5);
}

void PostingRows::appendEntry(qint64 id, const EntryDraft &draft, const QString &businessDate, qint64 reversesEntryId,
                              qint64 createdAt, qint64 debitTotal, const QString &postings)
{
    entries << id << businessDate << entryKindName(draft.kind) << text(draft.reference) << text(draft.memo)
            << nullableText(draft.eventKey) << nullableId(reversesEntryId) << createdAt << text(draft.createdBy)
            << debitTotal << postings;
}

void PostingRows::appendLine(qint64 accountId, qint64 entryId, int line, const QString &businessDate, qint64 amount)
{
    lines << accountId << entryId << line << businessDate << amount;
}

void PostingRows::appendBalanceDelta(qint64 accountId, qint64 delta)
{
    balanceDeltas << accountId << delta;
}

void PostingRows::appendDayDelta(qint64 accountId, const QDate &businessDate, qint64 delta)
{
    dayDeltas << accountId << businessDate.toString(Qt::ISODate) << delta;
}

Status writeBatch(Database &database, const PostingRows &rows)
{
    auto status = BatchSql::execRows(
        database,
        QStringLiteral("INSERT INTO journal_entry (id, business_date, kind, reference, memo, "
                       "event_key, reverses_entry_id, created_at, created_by, debit_total, postings) VALUES "),
        {}, 11, rows.entries);
    if (!status)
        return status;
    status = BatchSql::execRows(
        database,
        QStringLiteral("INSERT INTO ledger_posting (account_id, entry_id, line, business_date, amount) VALUES "), {}, 5,
        rows.lines);
    if (!status)
        return status;
    status = BatchSql::execRows(database,
                                QStringLiteral("UPDATE ledger_account SET balance = balance + v.delta FROM "
                                               "(SELECT column1 AS id, column2 AS delta FROM (VALUES "),
                                QStringLiteral(") AS t) AS v WHERE ledger_account.id = v.id"), 2, rows.balanceDeltas,
                                QStringLiteral("(CAST(? AS BIGINT), CAST(? AS BIGINT))"));
    if (!status)
        return status;
    return BatchSql::execRows(
        database, QStringLiteral("INSERT INTO ledger_account_day (account_id, business_date, delta) VALUES "),
        QStringLiteral(" ON CONFLICT (account_id, business_date) DO UPDATE "
                       "SET delta = ledger_account_day.delta + excluded.delta"),
        3, rows.dayDeltas);
}

Result<JournalEntry> entry(Database &database, qint64 id)
{
    auto connection = database.connection();
    if (!connection)
        return connection.error();
    auto query =
        Sql::run(*connection,
                 QStringLiteral("SELECT id, business_date, kind, reference, memo, event_key, reverses_entry_id, "
                                "created_at, created_by, "
                                "(SELECT r.id FROM journal_entry r WHERE r.reverses_entry_id = journal_entry.id), "
                                "postings FROM journal_entry WHERE id = ?"),
                 {id});
    if (!query)
        return query.error();
    if (!query->next())
        return Error(ErrorCode::EntryNotFound, QString::number(id));
    JournalEntry entry;
    entry.id = query->value(0).toLongLong();
    entry.businessDate = query->value(1).toDate();
    auto kind = entryKindFromName(query->value(2).toString());
    if (!kind)
        return StoredName::unknown("journal_entry.kind", query->value(2).toString());
    entry.kind = *kind;
    entry.reference = query->value(3).toString();
    entry.memo = query->value(4).toString();
    entry.eventKey = query->value(5).toString();
    entry.reversesEntryId = query->value(6).toLongLong();
    entry.createdAt = QDateTime::fromMSecsSinceEpoch(query->value(7).toLongLong(), Qt::UTC);
    entry.createdBy = query->value(8).toString();
    entry.reversedByEntryId = query->value(9).toLongLong();

    auto lines = PostingLines::decode(query->value(10).toString());
    if (!lines)
        return lines.error().within(QStringLiteral("entry %1").arg(id));
    QVariantList accountIds;
    for (const PostingLines::Line &line : std::as_const(*lines))
        accountIds << line.accountId;
    QHash<qint64, std::pair<QString, Currency>> accounts;
    Status unreadable;
    auto names =
        BatchSql::selectIn(database, QStringLiteral("SELECT id, name, currency FROM ledger_account WHERE id IN "), {},
                           accountIds, [&accounts, &unreadable](const QVariantList &row) {
                               auto currency = Currency::fromCode(row.at(2).toString());
                               if (currency)
                                   accounts.insert(row.at(0).toLongLong(), {row.at(1).toString(), *currency});
                               else
                                   unreadable = StoredName::unknown("ledger_account.currency", row.at(2).toString());
                           });
    if (!names)
        return names.error();
    if (!unreadable)
        return unreadable.error();
    int number = 0;
    for (const PostingLines::Line &line : std::as_const(*lines)) {
        const auto account = accounts.value(line.accountId);
        entry.postings.append({++number, line.accountId, account.first, Money::fromMinor(line.amount, account.second)});
    }
    return entry;
}

Result<LedgerAccount> accountByName(const QSqlDatabase &db, const QString &name, Currency currency)
{
    auto query = Sql::run(db,
                          QStringLiteral("SELECT ") + kAccountColumns +
                              QStringLiteral(" FROM ledger_account WHERE name = ? AND currency = ?"),
                          {name, currency.code()});
    if (!query)
        return query.error();
    if (!query->next())
        return Error(ErrorCode::AccountUnknown, LedgerAccounts::key(name, currency));
    return readAccount(*query);
}

Result<QList<LedgerAccount>> allAccounts(const QSqlDatabase &db)
{
    return Sql::readAll<LedgerAccount>(
        Sql::run(db, QStringLiteral("SELECT ") + kAccountColumns +
                         QStringLiteral(" FROM ledger_account ORDER BY type_code, name, currency")),
        [](const QSqlQuery &row) { return readAccount(row); });
}

Result<QList<LedgerAccount>> accountsNamedForUpdate(Database &database, const QSet<QString> &names)
{
    const QString lock = database.isSqlite() ? QString() // the writer lock is already held
                                             : QStringLiteral(" ORDER BY id FOR UPDATE");
    QList<LedgerAccount> found;
    std::optional<Error> unreadable;
    auto status = BatchSql::selectIn(
        database, QStringLiteral("SELECT ") + kAccountColumns + QStringLiteral(" FROM ledger_account WHERE name IN "),
        lock, QVariantList(names.cbegin(), names.cend()), [&found, &unreadable](const QVariantList &row) {
            auto account = readAccount(row);
            if (!account) {
                unreadable = account.error();
                return;
            }
            found.append(*account);
        });
    if (!status)
        return status.error();
    if (unreadable)
        return *unreadable;
    return found;
}

Status insertAccount(const QSqlDatabase &db, const AccountName &name, Currency currency, const QDateTime &openedAt)
{
    return Sql::exec(
        db,
        QStringLiteral("INSERT INTO ledger_account (name, currency, type_code, category, normal_sign, non_negative, "
                       "status, balance, opened_at) VALUES (?, ?, ?, ?, ?, ?, 'open', 0, ?)"),
        {name.name(), currency.code(), name.typeCode(), AccountName::categoryName(name.category()), name.normalSign(),
         name.isNonNegative() ? 1 : 0, openedAt.toMSecsSinceEpoch()});
}

Status closeAccount(const QSqlDatabase &db, qint64 accountId, const QDateTime &closedAt)
{
    return Sql::exec(db, QStringLiteral("UPDATE ledger_account SET status = 'closed', closed_at = ? WHERE id = ?"),
                     {closedAt.toMSecsSinceEpoch(), accountId});
}

Result<QHash<qint64, qint64>> balancesAsOf(const QSqlDatabase &db, const QDate &asOf)
{
    auto query = Sql::run(db,
                          QStringLiteral("SELECT account_id, sum(delta) FROM ledger_account_day "
                                         "WHERE business_date <= ? GROUP BY account_id"),
                          {asOf.toString(Qt::ISODate)});
    if (!query)
        return query.error();
    QHash<qint64, qint64> balances;
    while (query->next())
        balances.insert(query->value(0).toLongLong(), query->value(1).toLongLong());
    return balances;
}

} // namespace paydesk::LedgerStore
