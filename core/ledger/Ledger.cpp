#include "core/ledger/Ledger.h"

#include "core/ledger/LedgerStore.h"
#include "core/ledger/PostingLines.h"
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
        auto posted = LedgerStore::postedEventKey(m_database, eventKeys.keys());
        if (!posted)
            return posted.error();
        if (!posted->isEmpty()) {
            const qsizetype index = eventKeys.value(*posted);
            return Error(ErrorCode::EventAlreadyPosted, *posted).within(entryLabel(index, entries[index]));
        }
    }

    // 5. Write: entries, posting lines (in the table's key order), balances, daily movements.
    auto ids = LedgerStore::reserveEntryIds(m_database, work.connection(), entries.size());
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
    LedgerStore::PostingRows written;
    written.reserve(entries.size(), lineAccount.size());
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
            written.appendEntry(id, draft, dates[i], reverses.value(i), createdAt, debitTotal,
                                PostingLines::encode(lines));
        }
    }
    std::sort(rows.begin(), rows.end(), [](const Row &a, const Row &b) {
        return a.accountId != b.accountId ? a.accountId < b.accountId
                                          : (a.entryId != b.entryId ? a.entryId < b.entryId : a.line < b.line);
    });
    for (const Row &row : std::as_const(rows))
        written.appendLine(row.accountId, row.entryId, row.line, dates[row.entry], row.amount);
    for (qsizetype a = 0; a < accounts.size(); ++a) {
        if (delta[a] != 0)
            written.appendBalanceDelta(accounts[a].id, delta[a]);
    }
    for (auto it = deltaByAccountDay.cbegin(); it != deltaByAccountDay.cend(); ++it)
        written.appendDayDelta(it.key().first, it.key().second, it.value());
    auto status = LedgerStore::writeBatch(m_database, written);
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
    return LedgerStore::entry(m_database, id);
}

} // namespace paydesk
