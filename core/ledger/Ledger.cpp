#include "core/ledger/Ledger.h"

#include "core/ledger/PostingLines.h"
#include "core/storage/BatchSql.h"
#include "core/storage/Database.h"
#include "core/storage/Sql.h"
#include "core/storage/StoredName.h"
#include "core/storage/UnitOfWork.h"

#include <QMap>
#include <QVarLengthArray>

#include <QSet>
#include <algorithm>

namespace paydesk {

namespace {

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

// The shape of one entry on its own: a date, two or more non-zero postings, and a zero sum in
// every currency. (Account names are checked once per batch, where they are collected.)
Status validateDraft(const EntryDraft &draft)
{
    if (!draft.businessDate.isValid())
        return Error(ErrorCode::EntryDateInvalid);
    if (draft.postings.size() < 2)
        return Error(ErrorCode::EntryEmpty, QStringLiteral("%1 posting(s)").arg(draft.postings.size()));
    QVarLengthArray<std::pair<Currency, qint64>, 2> sums;
    for (qsizetype i = 0; i < draft.postings.size(); ++i) {
        const PostingDraft &posting = draft.postings[i];
        auto where = [&]() { return QStringLiteral("posting %1 (%2)").arg(i + 1).arg(posting.account); };
        if (!posting.amount.isValid())
            return Error(ErrorCode::CurrencyUnknown).within(where());
        if (posting.amount.isZero())
            return Error(ErrorCode::PostingZero).within(where());
        auto sum = std::find_if(sums.begin(), sums.end(),
                                [&posting](const auto &s) { return s.first == posting.amount.currency(); });
        if (sum == sums.end()) {
            sums.append({posting.amount.currency(), 0});
            sum = sums.end() - 1;
        }
        if (addOverflows(sum->second, posting.amount.minor(), &sum->second))
            return Error(ErrorCode::ArithmeticOverflow).within(where());
    }
    for (const auto &[currency, sum] : sums) {
        if (sum != 0) {
            return Error(ErrorCode::EntryUnbalanced,
                         QStringLiteral("%1 debits exceed credits by %2")
                             .arg(currency.code(), Money::fromMinor(sum, currency).toString()));
        }
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

    // 1. Each entry on its own; every distinct (account, currency) gets a small index.
    QHash<QString, int> accountIndex;
    QList<QString> accountNames;
    QList<Currency> accountCurrencies;
    QList<int> lineAccount; // per posting line of the batch, in order
    QHash<QString, qsizetype> eventKeys;
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
        for (const PostingDraft &posting : draft.postings) {
            const QString key = LedgerAccounts::key(posting.account, posting.amount.currency());
            auto it = accountIndex.constFind(key);
            if (it == accountIndex.constEnd()) {
                auto name = AccountName::parse(posting.account);
                if (!name) {
                    return name.error()
                        .within(QStringLiteral("posting %1 (%2)")
                                    .arg(&posting - draft.postings.constData() + 1)
                                    .arg(posting.account))
                        .within(entryLabel(i, draft));
                }
                it = accountIndex.insert(key, int(accountNames.size()));
                accountNames.append(posting.account);
                accountCurrencies.append(posting.amount.currency());
            }
            lineAccount.append(*it);
        }
    }

    // 2. The accounts, as they are inside this transaction (locked on PostgreSQL).
    auto found = m_accounts.findManyForUpdate(accountNames);
    if (!found)
        return found.error();
    QList<LedgerAccount> accounts(accountNames.size());
    {
        qsizetype line = 0;
        for (qsizetype i = 0; i < entries.size(); ++i) {
            for (qsizetype p = 0; p < entries[i].postings.size(); ++p, ++line) {
                const int index = lineAccount[line];
                if (accounts[index].id != 0)
                    continue;
                const QString key = LedgerAccounts::key(accountNames[index], accountCurrencies[index]);
                auto it = found->constFind(key);
                if (it != found->constEnd()) {
                    accounts[index] = *it;
                    continue;
                }
                if (!options.openMissingAccounts)
                    return Error(ErrorCode::AccountUnknown, key).within(entryLabel(i, entries[i]));
                auto opened = m_accounts.open(accountNames[index], accountCurrencies[index]);
                if (!opened)
                    return opened.error().within(entryLabel(i, entries[i]));
                accounts[index] = *opened;
            }
        }
    }

    // 3. Closed accounts, and non-negative accounts entry by entry in batch order.
    QList<qint64> delta(accounts.size(), 0);
    QList<qint64> running(accounts.size(), 0);
    for (qsizetype a = 0; a < accounts.size(); ++a)
        running[a] = accounts[a].balance.minor();
    QMap<std::pair<qint64, QDate>, qint64> deltaByAccountDay;
    {
        qsizetype line = 0;
        QVarLengthArray<int, 8> guarded;
        for (qsizetype i = 0; i < entries.size(); ++i) {
            const EntryDraft &draft = entries[i];
            guarded.clear();
            for (const PostingDraft &posting : draft.postings) {
                const int index = lineAccount[line++];
                const LedgerAccount &account = accounts[index];
                if (!account.open)
                    return Error(ErrorCode::AccountClosed, posting.account).within(entryLabel(i, draft));
                const qint64 amount = posting.amount.minor();
                qint64 &dayDelta = deltaByAccountDay[{account.id, draft.businessDate}];
                if (addOverflows(delta[index], amount, &delta[index]) || addOverflows(dayDelta, amount, &dayDelta) ||
                    addOverflows(running[index], amount, &running[index]))
                    return Error(ErrorCode::ArithmeticOverflow, posting.account).within(entryLabel(i, draft));
                if (account.nonNegative)
                    guarded.append(index);
            }
            for (int index : std::as_const(guarded)) {
                const LedgerAccount &account = accounts[index];
                const qint64 natural = account.normalSign * running[index];
                if (natural < 0) {
                    return Error(ErrorCode::AccountWouldGoNegative,
                                 QStringLiteral("%1 %2 would be %3")
                                     .arg(account.name, account.currency.code(),
                                          Money::fromMinor(natural, account.currency).toString()))
                        .within(entryLabel(i, draft));
                }
            }
        }
    }

    // 4. Events already posted by earlier batches.
    if (!eventKeys.isEmpty()) {
        const QList<QString> keys = eventKeys.keys();
        QString posted;
        auto checked =
            BatchSql::selectIn(m_database, QStringLiteral("SELECT event_key FROM journal_entry WHERE event_key IN "),
                               {}, QVariantList(keys.cbegin(), keys.cend()),
                               [&posted](const QVariantList &row) { posted = row.at(0).toString(); });
        if (!checked)
            return checked.error();
        if (!posted.isEmpty()) {
            const qsizetype index = eventKeys.value(posted);
            return Error(ErrorCode::EventAlreadyPosted, posted).within(entryLabel(index, entries[index]));
        }
    }

    // 5. Write: entries, posting lines (in the table's key order), balances, daily movements.
    auto ids = reserveEntryIds(m_database, work.connection(), entries.size());
    if (!ids)
        return ids.error();
    const qint64 createdAt = m_clock.nowUtc().toMSecsSinceEpoch();
    struct Row
    {
        qint64 accountId;
        qint64 entryId;
        int line;
        qint64 amount;
        qsizetype entry;
    };
    QList<Row> rows;
    rows.reserve(lineAccount.size());
    QVariantList entryValues;
    entryValues.reserve(entries.size() * 11);
    QList<QString> dates(entries.size());
    {
        qsizetype flat = 0;
        QList<PostingLines::Line> lines;
        for (qsizetype i = 0; i < entries.size(); ++i) {
            const EntryDraft &draft = entries[i];
            const qint64 id = ids->at(i);
            lines.clear();
            int line = 0;
            qint64 debitTotal = 0;
            for (const PostingDraft &posting : draft.postings) {
                const qint64 accountId = accounts[lineAccount[flat++]].id;
                lines.append({accountId, posting.amount.minor()});
                rows.append({accountId, id, ++line, posting.amount.minor(), i});
                if (posting.amount.minor() > 0 && addOverflows(debitTotal, posting.amount.minor(), &debitTotal))
                    return Error(ErrorCode::ArithmeticOverflow, QStringLiteral("debit total"))
                        .within(entryLabel(i, draft));
            }
            dates[i] = draft.businessDate.toString(Qt::ISODate);
            entryValues << id << dates[i] << entryKindName(draft.kind) << text(draft.reference) << text(draft.memo)
                        << nullableText(draft.eventKey) << nullableId(reverses.value(i)) << createdAt
                        << text(draft.createdBy) << debitTotal << PostingLines::encode(lines);
        }
    }
    std::sort(rows.begin(), rows.end(), [](const Row &a, const Row &b) {
        return a.accountId != b.accountId ? a.accountId < b.accountId
                                          : (a.entryId != b.entryId ? a.entryId < b.entryId : a.line < b.line);
    });
    QVariantList postingValues;
    postingValues.reserve(rows.size() * 5);
    for (const Row &row : std::as_const(rows))
        postingValues << row.accountId << row.entryId << row.line << dates[row.entry] << row.amount;

    auto status = BatchSql::execRows(
        m_database,
        QStringLiteral("INSERT INTO journal_entry (id, business_date, kind, reference, memo, "
                       "event_key, reverses_entry_id, created_at, created_by, debit_total, postings) VALUES "),
        {}, 11, entryValues);
    if (!status)
        return status.error();
    status = BatchSql::execRows(
        m_database,
        QStringLiteral("INSERT INTO ledger_posting (account_id, entry_id, line, business_date, amount) VALUES "), {}, 5,
        postingValues);
    if (!status)
        return status.error();

    QVariantList balanceValues;
    for (qsizetype a = 0; a < accounts.size(); ++a) {
        if (delta[a] != 0)
            balanceValues << accounts[a].id << delta[a];
    }
    status = BatchSql::execRows(m_database,
                                QStringLiteral("UPDATE ledger_account SET balance = balance + v.delta FROM "
                                               "(SELECT column1 AS id, column2 AS delta FROM (VALUES "),
                                QStringLiteral(") AS t) AS v WHERE ledger_account.id = v.id"), 2, balanceValues,
                                QStringLiteral("(CAST(? AS BIGINT), CAST(? AS BIGINT))"));
    if (!status)
        return status.error();
    QVariantList dayValues;
    for (auto it = deltaByAccountDay.cbegin(); it != deltaByAccountDay.cend(); ++it)
        dayValues << it.key().first << it.key().second.toString(Qt::ISODate) << it.value();
    status = BatchSql::execRows(
        m_database, QStringLiteral("INSERT INTO ledger_account_day (account_id, business_date, delta) VALUES "),
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
    auto names = BatchSql::selectIn(
        m_database, QStringLiteral("SELECT id, name, currency FROM ledger_account WHERE id IN "), {}, accountIds,
        [&accounts](const QVariantList &row) {
            accounts.insert(row.at(0).toLongLong(),
                            {row.at(1).toString(), Currency::fromCode(row.at(2).toString()).value()});
        });
    if (!names)
        return names.error();
    int number = 0;
    for (const PostingLines::Line &line : std::as_const(*lines)) {
        const auto account = accounts.value(line.accountId);
        entry.postings.append({++number, line.accountId, account.first, Money::fromMinor(line.amount, account.second)});
    }
    return entry;
}

} // namespace paydesk
