// The diff of two runs of one channel account and bill date (issue 18 "Run history and diff"):
// which items changed category between them, and why.
//
// A run stores only what it did not match (its discrepancies and carried_over items), so an item
// missing from one run's items was matched there. The older run's items are read a page at a time
// into a map by match key, the newer run's are streamed against it; what is left of the map was
// matched by the newer run. Memory holds the two runs' discrepancies, never the day's transactions.

#include "core/reconciliation/ReconciliationService.h"

#include "core/reconciliation/StatementFileStore.h"
#include "core/security/Authorizer.h"
#include "core/storage/Database.h"
#include "core/util/NameTable.h"

#include <QHash>
#include <QSet>

#include <algorithm>

namespace paydesk {

namespace ReconciliationNames {
namespace {
constexpr NameTable::Table<RunDiffCause, 4> kRunDiffCauses{{
    {RunDiffCause::StatementChanged, "statement_changed"},
    {RunDiffCause::Resolution, "resolution"},
    {RunDiffCause::SettingsChanged, "settings_changed"},
    {RunDiffCause::OurSideChanged, "our_side_changed"},
}};
} // namespace

QString runDiffCause(RunDiffCause cause)
{
    return NameTable::name(kRunDiffCauses, cause);
}
} // namespace ReconciliationNames

namespace {
constexpr int kPage = 1000;

using ItemKey = std::pair<int, QString>; // record type, match key

ItemKey keyOf(RecordType type, const QString &matchKey)
{
    return {int(type), matchKey};
}

// The settings that decide an item's category. The file's name is left out (the file itself is
// compared by its SHA-256) and so is the matcher's memory budget (it changes how the match runs,
// in how many partitions, never what it finds).
QJsonObject decidingSettings(QJsonObject settings)
{
    settings.remove(QStringLiteral("file"));
    settings.remove(QStringLiteral("memory_budget_mib"));
    return settings;
}

Result<QString> statementSha(const QSqlDatabase &db, qint64 fileId)
{
    if (!fileId)
        return QString();
    auto file = StatementFileStore::byId(db, fileId);
    if (!file)
        return file.error();
    return file->sha256;
}

// Calls `each` for every item of the run, a page at a time.
template <typename Each> Status forEachItem(const QSqlDatabase &db, qint64 runId, Each each)
{
    qint64 after = 0;
    for (;;) {
        auto page = ReconciliationRunStore::items(db, runId, after, kPage);
        if (!page)
            return page.error();
        for (const ReconciliationItem &item : std::as_const(*page))
            each(item);
        if (page->size() < kPage)
            return {};
        after = page->last().id;
    }
}

// The pool's discrepancies of the account and date resolved after `from` and no later than `to`:
// their keys. The day's resolved ones are few (each an operator's and an approver's work).
Result<QSet<ItemKey>> resolvedBetween(const QSqlDatabase &db, const ReconciliationRun &run, const QDateTime &from,
                                      const QDateTime &to)
{
    DiscrepancyFilter filter;
    filter.channelAccountId = run.channelAccountId;
    filter.from = run.billDate;
    filter.to = run.billDate;
    filter.status = DiscrepancyStatus::Resolved;
    filter.limit = kPage;
    QSet<ItemKey> keys;
    for (;;) {
        auto page = DiscrepancyStore::list(db, filter);
        if (!page)
            return page.error();
        for (const PoolDiscrepancy &d : std::as_const(*page)) {
            if (d.decidedAt > from && d.decidedAt <= to)
                keys.insert(keyOf(d.type, d.matchKey));
        }
        if (page->size() < kPage)
            return keys;
        filter.beforeId = page->last().id;
    }
}

RunDiffLine lineOf(const ReconciliationItem &item)
{
    RunDiffLine line;
    line.matchKey = item.matchKey;
    line.type = item.type;
    line.orderNo = item.orderNo;
    line.refundNo = item.refundNo;
    line.channelTransactionId = item.channelTransactionId;
    return line;
}

Status comparable(const ReconciliationRun &older, const ReconciliationRun &newer)
{
    if (older.channelAccountId != newer.channelAccountId || older.billDate != newer.billDate)
        return Error(ErrorCode::InvalidArgument,
                     QStringLiteral("runs %1 and %2 are not of the same channel account and bill date")
                         .arg(older.id)
                         .arg(newer.id));
    for (const ReconciliationRun *run : {&older, &newer}) {
        // A run that did not complete wrote no items: it would look as if it had matched everything.
        if (run->status != ReconciliationRunStatus::Completed)
            return Error(ErrorCode::InvalidArgument, QStringLiteral("run %1 is %2, not completed")
                                                         .arg(run->id)
                                                         .arg(ReconciliationNames::runStatus(run->status)));
    }
    return {};
}
} // namespace

Result<ReconciliationRunDiff> ReconciliationService::diff(const Actor &actor, qint64 olderRunId, qint64 newerRunId)
{
    const Status allowed = Authorizer(m_audit).require(
        actor, Permission::ReconcileView, QStringLiteral("recon_run:%1 recon_run:%2").arg(olderRunId).arg(newerRunId));
    if (!allowed)
        return allowed.error();
    auto db = m_database.connection();
    if (!db)
        return db.error();
    ReconciliationRunDiff diff;
    for (auto [id, run] : {std::pair{olderRunId, &diff.older}, std::pair{newerRunId, &diff.newer}}) {
        auto found = ReconciliationRunStore::byId(*db, id);
        if (!found)
            return found.error();
        *run = *found;
    }
    // Whichever order the ids came in, "older" is the run begun first (ids grow with time).
    if (diff.older.id > diff.newer.id)
        std::swap(diff.older, diff.newer);
    const Status sameDay = comparable(diff.older, diff.newer);
    if (!sameDay)
        return sameDay.error();

    auto olderSha = statementSha(*db, diff.older.statementFileId);
    if (!olderSha)
        return olderSha.error();
    auto newerSha = statementSha(*db, diff.newer.statementFileId);
    if (!newerSha)
        return newerSha.error();
    diff.sameStatement = *olderSha == *newerSha;
    diff.sameSettings = decidingSettings(diff.older.settings) == decidingSettings(diff.newer.settings);
    auto resolved = resolvedBetween(*db, diff.older, diff.older.startedAt, diff.newer.startedAt);
    if (!resolved)
        return resolved.error();

    // A key listed twice in a run (a transaction duplicated three times in a file) counts once.
    QHash<ItemKey, RunDiffLine> olderItems;
    Status read = forEachItem(*db, diff.older.id, [&](const ReconciliationItem &item) {
        const ItemKey key = keyOf(item.type, item.matchKey);
        if (olderItems.contains(key))
            return;
        RunDiffLine line = lineOf(item);
        line.olderCategory = item.category;
        olderItems.insert(key, line);
    });
    if (!read)
        return read.error();
    QSet<ItemKey> seenInNewer;
    read = forEachItem(*db, diff.newer.id, [&](const ReconciliationItem &item) {
        const ItemKey key = keyOf(item.type, item.matchKey);
        if (seenInNewer.contains(key))
            return;
        seenInNewer.insert(key);
        RunDiffLine line = lineOf(item);
        if (auto older = olderItems.find(key); older != olderItems.end()) {
            line.olderCategory = older->olderCategory;
            olderItems.erase(older);
        }
        line.newerCategory = item.category;
        if (line.olderCategory != line.newerCategory)
            diff.lines.append(line);
    });
    if (!read)
        return read.error();
    for (const RunDiffLine &matchedSince : std::as_const(olderItems))
        diff.lines.append(matchedSince);

    for (RunDiffLine &line : diff.lines) {
        if (!diff.sameStatement)
            line.cause = RunDiffCause::StatementChanged;
        else if (resolved->contains(keyOf(line.type, line.matchKey)))
            line.cause = RunDiffCause::Resolution;
        else if (!diff.sameSettings)
            line.cause = RunDiffCause::SettingsChanged;
        else
            line.cause = RunDiffCause::OurSideChanged;
    }
    std::sort(diff.lines.begin(), diff.lines.end(), [](const RunDiffLine &a, const RunDiffLine &b) {
        return a.matchKey != b.matchKey ? a.matchKey < b.matchKey : int(a.type) < int(b.type);
    });
    return diff;
}

} // namespace paydesk
