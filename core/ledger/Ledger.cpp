#include "Ledger.h"

#include "storage/Database.h"
#include "storage/Sql.h"
#include "storage/UnitOfWork.h"

#include <QMap>
#include <QSet>

namespace paydesk {

namespace {

// Bound parameters per statement stay far below SQLite's 32,766 and PostgreSQL's 65,535.
constexpr int kMaxParameters = 12000;

QString entryLabel(qsizetype index, const EntryDraft &draft)
{
    QString label = QStringLiteral("entry %1").arg(index + 1);
    if (!draft.reference.isEmpty())
        label += QStringLiteral(" (%1)").arg(draft.reference);
    return label;
}

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

// The shape of one entry on its own: a date, two or more non-zero postings on accounts of
// the chart, and a zero sum in every currency.
Status validateDraft(const EntryDraft &draft)
{
    if (!draft.businessDate.isValid())
        return Error(ErrorCode::EntryDateInvalid);
    if (draft.postings.size() < 2)
        return Error(ErrorCode::EntryEmpty, QStringLiteral("%1 posting(s)").arg(draft.postings.size()));
    QMap<Currency, qint64> sums;
    for (qsizetype i = 0; i < draft.postings.size(); ++i) {
        const PostingDraft &posting = draft.postings[i];
        const QString where = QStringLiteral("posting %1 (%2)").arg(i + 1).arg(posting.account);
        if (!posting.amount.isValid())
            return Error(ErrorCode::CurrencyUnknown).within(where);
        if (posting.amount.isZero())
            return Error(ErrorCode::PostingZero).within(where);
        auto name = AccountName::parse(posting.account);
        if (!name)
            return name.error().within(where);
        qint64 &sum = sums[posting.amount.currency()];
        if (addOverflows(sum, posting.amount.minor(), &sum))
            return Error(ErrorCode::ArithmeticOverflow).within(where);
    }
    for (auto it = sums.cbegin(); it != sums.cend(); ++it) {
        if (it.value() != 0) {
            return Error(ErrorCode::EntryUnbalanced, QStringLiteral("%1 debits exceed credits by %2")
                                                         .arg(it.key().code(), Money::fromMinor(it.value(), it.key()).toString()));
        }
    }
    return {};
}

// Runs a multi-row statement in chunks: `head` + "(?, …), (?, …)" + `tail`.
Status execRows(const QSqlDatabase &db, const QString &head, const QString &tail, int columns, const QVariantList &values)
{
    const qsizetype rowsPerChunk = kMaxParameters / columns;
    const qsizetype totalRows = values.size() / columns;
    for (qsizetype start = 0; start < totalRows; start += rowsPerChunk) {
        const qsizetype rows = qMin(rowsPerChunk, totalRows - start);
        auto status = Sql::exec(db, head + Sql::rowPlaceholders(int(rows), columns) + tail,
                                values.mid(start * columns, rows * columns));
        if (!status)
            return status;
    }
    return {};
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
    auto query = Sql::run(db, QStringLiteral("SELECT nextval(pg_get_serial_sequence('journal_entry', 'id')) "
                                             "FROM generate_series(1, ?)"),
                          {qlonglong(count)});
    if (!query)
        return query.error();
    while (query->next())
        ids.append(query->value(0).toLongLong());
    return ids;
}

} // namespace

Ledger::Ledger(Database &database, const Clock &clock)
    : m_database(database), m_clock(clock), m_accounts(database, clock)
{
}

Result<qint64> Ledger::post(const EntryDraft &entry, PostOptions options)
{
    auto ids = postBatch({entry}, {}, options);
    if (!ids)
        return ids.error();
    return ids->first();
}

Result<QList<qint64>> Ledger::post(const QList<EntryDraft> &entries, PostOptions options)
{
    return postBatch(entries, {}, options);
}

Result<QList<qint64>> Ledger::postBatch(const QList<EntryDraft> &entries, const QList<qint64> &reverses,
                                        PostOptions options)
{
    if (entries.isEmpty())
        return QList<qint64>();
    UnitOfWork work(m_database);
    if (!work.isActive())
        return work.error();
    const QSqlDatabase &db = work.connection();

    // 1. Each entry on its own, and event keys unique within the batch.
    QHash<QString, qsizetype> eventKeys;
    QList<QString> accountKeys;
    for (qsizetype i = 0; i < entries.size(); ++i) {
        const EntryDraft &draft = entries[i];
        auto valid = validateDraft(draft);
        if (!valid)
            return valid.error().within(entryLabel(i, draft));
        if (!draft.eventKey.isEmpty()) {
            if (eventKeys.contains(draft.eventKey))
                return Error(ErrorCode::EventAlreadyPosted, draft.eventKey).within(entryLabel(i, draft));
            eventKeys.insert(draft.eventKey, i);
        }
        for (const PostingDraft &posting : draft.postings)
            accountKeys.append(LedgerAccounts::key(posting.account, posting.amount.currency()));
    }

    // 2. The accounts, as they are inside this transaction.
    auto found = m_accounts.findManyForUpdate(accountKeys);
    if (!found)
        return found.error();
    QHash<QString, LedgerAccount> &accounts = *found;
    for (qsizetype i = 0; i < entries.size(); ++i) {
        for (const PostingDraft &posting : entries[i].postings) {
            const QString key = LedgerAccounts::key(posting.account, posting.amount.currency());
            if (accounts.contains(key))
                continue;
            if (!options.openMissingAccounts)
                return Error(ErrorCode::AccountUnknown, key).within(entryLabel(i, entries[i]));
            auto opened = m_accounts.open(posting.account, posting.amount.currency());
            if (!opened)
                return opened.error().within(entryLabel(i, entries[i]));
            accounts.insert(key, *opened);
        }
    }

    // 3. Closed accounts, and non-negative accounts entry by entry in batch order.
    QHash<qint64, qint64> running;
    QHash<qint64, qint64> deltaByAccount;
    QMap<std::pair<qint64, QDate>, qint64> deltaByAccountDay;
    for (qsizetype i = 0; i < entries.size(); ++i) {
        const EntryDraft &draft = entries[i];
        QList<const LedgerAccount *> guarded;
        for (const PostingDraft &posting : draft.postings) {
            const LedgerAccount &account = accounts[LedgerAccounts::key(posting.account, posting.amount.currency())];
            if (!account.open)
                return Error(ErrorCode::AccountClosed, posting.account).within(entryLabel(i, draft));
            const qint64 amount = posting.amount.minor();
            qint64 &delta = deltaByAccount[account.id];
            qint64 &dayDelta = deltaByAccountDay[{account.id, draft.businessDate}];
            if (addOverflows(delta, amount, &delta) || addOverflows(dayDelta, amount, &dayDelta))
                return Error(ErrorCode::ArithmeticOverflow, posting.account).within(entryLabel(i, draft));
            if (!account.nonNegative)
                continue;
            auto it = running.find(account.id);
            if (it == running.end())
                it = running.insert(account.id, account.balance.minor());
            if (addOverflows(*it, amount, &*it))
                return Error(ErrorCode::ArithmeticOverflow, posting.account).within(entryLabel(i, draft));
            guarded.append(&account);
        }
        for (const LedgerAccount *account : std::as_const(guarded)) {
            const qint64 natural = account->normalSign * running.value(account->id);
            if (natural < 0) {
                return Error(ErrorCode::AccountWouldGoNegative,
                             QStringLiteral("%1 %2 would be %3")
                                 .arg(account->name, account->currency.code(),
                                      Money::fromMinor(natural, account->currency).toString()))
                    .within(entryLabel(i, draft));
            }
        }
    }

    // Stored balances must stay representable (SQLite would silently turn an overflow into a float).
    for (const LedgerAccount &account : std::as_const(accounts)) {
        qint64 after = 0;
        if (addOverflows(account.balance.minor(), deltaByAccount.value(account.id), &after))
            return Error(ErrorCode::ArithmeticOverflow, account.name);
    }

    // 4. Events already posted by earlier batches.
    if (!eventKeys.isEmpty()) {
        const QList<QString> keys = eventKeys.keys();
        for (qsizetype start = 0; start < keys.size(); start += 500) {
            const QList<QString> chunk = keys.mid(start, 500);
            auto query = Sql::run(db,
                                  QStringLiteral("SELECT event_key FROM journal_entry WHERE event_key IN (") +
                                      Sql::placeholders(int(chunk.size())) + QLatin1Char(')'),
                                  QVariantList(chunk.cbegin(), chunk.cend()));
            if (!query)
                return query.error();
            if (query->next()) {
                const QString key = query->value(0).toString();
                const qsizetype index = eventKeys.value(key);
                return Error(ErrorCode::EventAlreadyPosted, key).within(entryLabel(index, entries[index]));
            }
        }
    }

    // 5. Write: entries, postings, balances, daily movements.
    auto ids = reserveEntryIds(m_database, db, entries.size());
    if (!ids)
        return ids.error();
    const qint64 createdAt = m_clock.nowUtc().toMSecsSinceEpoch();
    QVariantList entryValues;
    QVariantList postingValues;
    entryValues.reserve(entries.size() * 9);
    for (qsizetype i = 0; i < entries.size(); ++i) {
        const EntryDraft &draft = entries[i];
        const qint64 id = ids->at(i);
        entryValues << id << draft.businessDate.toString(Qt::ISODate) << entryKindName(draft.kind) << text(draft.reference)
                    << text(draft.memo) << nullableText(draft.eventKey) << nullableId(reverses.value(i)) << createdAt
                    << text(draft.createdBy);
        int line = 0;
        for (const PostingDraft &posting : draft.postings) {
            const LedgerAccount &account = accounts[LedgerAccounts::key(posting.account, posting.amount.currency())];
            postingValues << id << ++line << account.id << posting.amount.minor();
        }
    }
    auto status = execRows(db,
                           QStringLiteral("INSERT INTO journal_entry (id, business_date, kind, reference, memo, event_key, "
                                          "reverses_entry_id, created_at, created_by) VALUES "),
                           {}, 9, entryValues);
    if (!status)
        return status.error();
    status = execRows(db, QStringLiteral("INSERT INTO ledger_posting (entry_id, line, account_id, amount) VALUES "), {},
                      4, postingValues);
    if (!status)
        return status.error();

    QVariantList balanceValues;
    for (auto it = deltaByAccount.cbegin(); it != deltaByAccount.cend(); ++it) {
        if (it.value() != 0)
            balanceValues << it.key() << it.value();
    }
    if (!balanceValues.isEmpty()) {
        const QString row = QStringLiteral("(CAST(? AS BIGINT), CAST(? AS BIGINT))");
        const qsizetype rows = balanceValues.size() / 2;
        for (qsizetype start = 0; start < rows; start += kMaxParameters / 2) {
            const qsizetype count = qMin<qsizetype>(kMaxParameters / 2, rows - start);
            QStringList rowList(count, row);
            status = Sql::exec(db,
                               QStringLiteral("UPDATE ledger_account SET balance = balance + v.delta FROM "
                                              "(SELECT column1 AS id, column2 AS delta FROM (VALUES ") +
                                   rowList.join(QStringLiteral(", ")) +
                                   QStringLiteral(") AS t) AS v WHERE ledger_account.id = v.id"),
                               balanceValues.mid(start * 2, count * 2));
            if (!status)
                return status.error();
        }
    }
    QVariantList dayValues;
    for (auto it = deltaByAccountDay.cbegin(); it != deltaByAccountDay.cend(); ++it)
        dayValues << it.key().first << it.key().second.toString(Qt::ISODate) << it.value();
    status = execRows(db, QStringLiteral("INSERT INTO ledger_account_day (account_id, business_date, delta) VALUES "),
                      QStringLiteral(" ON CONFLICT (account_id, business_date) DO UPDATE "
                                     "SET delta = ledger_account_day.delta + excluded.delta"),
                      3, dayValues);
    if (!status)
        return status.error();

    auto committed = work.commit();
    if (!committed)
        return committed.error();
    return *ids;
}

Result<qint64> Ledger::reverse(qint64 entryId, const QDate &businessDate, const QString &memo, const QString &createdBy)
{
    UnitOfWork work(m_database);
    if (!work.isActive())
        return work.error();
    auto original = entry(entryId);
    if (!original)
        return original.error();
    if (original->kind == EntryKind::Reversal)
        return Error(ErrorCode::EntryIsReversal, QString::number(entryId));
    if (original->reversedByEntryId != 0) {
        return Error(ErrorCode::EntryAlreadyReversed,
                     QStringLiteral("entry %1 by entry %2").arg(entryId).arg(original->reversedByEntryId));
    }
    EntryDraft draft;
    draft.businessDate = businessDate;
    draft.kind = EntryKind::Reversal;
    draft.reference = original->reference;
    draft.memo = memo.isEmpty() ? QStringLiteral("Reversal of entry %1").arg(entryId) : memo;
    draft.createdBy = createdBy;
    for (const Posting &posting : std::as_const(original->postings)) {
        auto negated = posting.amount.negated();
        if (!negated)
            return negated.error();
        draft.postings.append({posting.account, *negated});
    }
    auto ids = postBatch({draft}, {entryId}, PostOptions{});
    if (!ids)
        return ids.error();
    auto committed = work.commit();
    if (!committed)
        return committed.error();
    return ids->first();
}

Result<JournalEntry> Ledger::entry(qint64 id)
{
    auto connection = m_database.connection();
    if (!connection)
        return connection.error();
    auto query = Sql::run(*connection,
                          QStringLiteral("SELECT id, business_date, kind, reference, memo, event_key, reverses_entry_id, "
                                         "created_at, created_by, "
                                         "(SELECT r.id FROM journal_entry r WHERE r.reverses_entry_id = journal_entry.id) "
                                         "FROM journal_entry WHERE id = ?"),
                          {id});
    if (!query)
        return query.error();
    if (!query->next())
        return Error(ErrorCode::EntryNotFound, QString::number(id));
    JournalEntry entry;
    entry.id = query->value(0).toLongLong();
    entry.businessDate = query->value(1).toDate();
    entry.kind = entryKindFromName(query->value(2).toString()).value();
    entry.reference = query->value(3).toString();
    entry.memo = query->value(4).toString();
    entry.eventKey = query->value(5).toString();
    entry.reversesEntryId = query->value(6).toLongLong();
    entry.createdAt = QDateTime::fromMSecsSinceEpoch(query->value(7).toLongLong(), Qt::UTC);
    entry.createdBy = query->value(8).toString();
    entry.reversedByEntryId = query->value(9).toLongLong();

    auto postings = Sql::run(*connection,
                             QStringLiteral("SELECT p.line, p.account_id, a.name, a.currency, p.amount "
                                            "FROM ledger_posting p JOIN ledger_account a ON a.id = p.account_id "
                                            "WHERE p.entry_id = ? ORDER BY p.line"),
                             {id});
    if (!postings)
        return postings.error();
    while (postings->next()) {
        const Currency currency = Currency::fromCode(postings->value(3).toString()).value();
        entry.postings.append({postings->value(0).toInt(), postings->value(1).toLongLong(),
                               postings->value(2).toString(), Money::fromMinor(postings->value(4).toLongLong(), currency)});
    }
    return entry;
}

} // namespace paydesk
