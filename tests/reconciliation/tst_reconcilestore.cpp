#include "core/reconciliation/DiscrepancyStore.h"
#include "core/reconciliation/ReconciliationRunStore.h"
#include "core/reconciliation/ReconciliationSummaryJson.h"
#include "core/storage/UnitOfWork.h"
#include "tests/reconciliation/ReconcileStoreSupport.h"
#include "tests/support/TestDatabase.h"

#include <QElapsedTimer>
#include <QSemaphore>
#include <QThread>

#include <atomic>
#include <memory>
#include <vector>

using namespace paydesk;
using namespace paydesk::test;
using namespace paydesk::test::ReconcileStore;

// The reconciliation runs, their items and the discrepancy pool as stored, on both databases: the
// run lock and its lease, a completion that is all or nothing, superseding, the pool finding the
// same problem again on a rerun, optimistic locking of proposals and decisions, and clearing's
// question of which orders are reconciled.
class TestReconcileStore : public QObject
{
    Q_OBJECT

private:
    const QDate day{2026, 11, 2};

    static Result<qint64> begin(Database &database, qint64 account, const QDate &date, const QDateTime &now,
                                const QString &who = QStringLiteral("alice"))
    {
        UnitOfWork work(database);
        if (!work.isActive())
            return work.error();
        ReconciliationRunStart start;
        start.channelAccountId = account;
        start.billDate = date;
        start.startedBy = who;
        start.settings = QJsonObject{{QStringLiteral("cut_off_seconds"), 600}};
        auto id = ReconciliationRunStore::begin(work.connection(), start, now);
        if (!id)
            return id;
        const Status committed = work.commit();
        if (!committed)
            return committed.error();
        return id;
    }

    static Status finish(Database &database, qint64 runId, const QList<ReconciliationItem> &items,
                         const QDateTime &now = at(11))
    {
        return ReconciliationRunStore::finish(database, runId, QJsonObject{{QStringLiteral("items"), items.size()}},
                                              items, now);
    }

    static QSqlDatabase connection(Database &database) { return database.connection().value(); }

    static PoolDiscrepancy poolEntry(Database &database, const QString &orderNo)
    {
        auto found = DiscrepancyStore::ofOrder(connection(database), orderNo);
        if (!found || found->size() != 1)
            return {};
        return found->first();
    }

private slots:
    void initTestCase_data() { TestDatabase::addBackendRows(); }

    // The run lock: a second run of the same account and date is refused, naming who holds it,
    // also from another connection ("another process"); other dates and accounts are free.
    void secondRunOfTheSameDayIsRefused()
    {
        QFETCH_GLOBAL(QString, backend);
        TestDatabase t(backend);
        QVERIFY2(t.isOpen(), qPrintable(t.failure()));
        const Account account = seedAccount(t.database(), QStringLiteral("M9001"), QStringLiteral("a"));
        const Account other = seedAccount(t.database(), QStringLiteral("M9002"), QStringLiteral("b"));
        auto first = begin(t.database(), account.channelAccountId, day, at(10), QStringLiteral("alice"));
        QVERIFY2(first, qPrintable(first.error().message()));

        auto another = t.openAnother();
        QVERIFY(another);
        auto refused = begin(**another, account.channelAccountId, day, at(10, 1), QStringLiteral("bob"));
        QVERIFY(!refused);
        QCOMPARE(refused.error().code(), ErrorCode::ReconciliationRunning);
        QVERIFY2(refused.error().detail().contains(QStringLiteral("run %1 started by alice").arg(*first)),
                 qPrintable(refused.error().message()));
        QVERIFY(refused.error().detail().contains(QStringLiteral("2026-11-03T10:00:00Z")));

        QVERIFY(begin(**another, account.channelAccountId, day.addDays(1), at(10, 1)));
        QVERIFY(begin(**another, other.channelAccountId, day, at(10, 1)));

        // Once the first one ends, the day is free again.
        QVERIFY(finish(t.database(), *first, {}));
        QVERIFY(begin(**another, account.channelAccountId, day, at(11, 5)));
    }

    // Runs of the same day begun at the same instant from several threads, each on its own
    // connection: exactly one holds the day, every other is told a run is under way.
    void concurrentBeginsLetExactlyOneThrough()
    {
        QFETCH_GLOBAL(QString, backend);
        TestDatabase t(backend);
        QVERIFY2(t.isOpen(), qPrintable(t.failure()));
        const Account account = seedAccount(t.database(), QStringLiteral("M9001"), QStringLiteral("a"));
        for (int round = 0; round < 3; ++round) {
            const QDate date = day.addDays(round);
            std::atomic<int> won{0};
            std::atomic<int> refused{0};
            std::atomic<int> other{0};
            QSemaphore start;
            constexpr int kContenders = 4;
            std::vector<std::unique_ptr<QThread>> threads;
            for (int i = 0; i < kContenders; ++i) {
                threads.emplace_back(QThread::create([&, i] {
                    start.acquire();
                    auto begun = begin(t.database(), account.channelAccountId, date, at(10),
                                       QStringLiteral("operator%1").arg(i));
                    if (begun)
                        ++won;
                    else if (begun.error().code() == ErrorCode::ReconciliationRunning)
                        ++refused;
                    else
                        ++other;
                    t.database().discardThreadConnection();
                }));
                threads.back()->start();
            }
            start.release(kContenders);
            for (auto &thread : threads)
                QVERIFY(thread->wait(60000));
            QCOMPARE(won.load(), 1);
            QCOMPARE(refused.load(), kContenders - 1);
            QCOMPARE(other.load(), 0);
        }
        QCOMPARE(count(t.database(), QStringLiteral("SELECT count(*) FROM recon_run WHERE status = 'running'")), 3);
    }

    // A running run whose heartbeat stopped for longer than the lease is taken over (its process
    // died); its process, should it still live, learns that at its next heartbeat or finish.
    void staleRunIsTakenOverAfterTheLease()
    {
        QFETCH_GLOBAL(QString, backend);
        TestDatabase t(backend);
        QVERIFY2(t.isOpen(), qPrintable(t.failure()));
        const Account account = seedAccount(t.database(), QStringLiteral("M9001"), QStringLiteral("a"));
        const QDateTime t0 = at(10);
        auto crashed = begin(t.database(), account.channelAccountId, day, t0);
        QVERIFY(crashed);
        QVERIFY(ReconciliationRunStore::heartbeat(connection(t.database()), *crashed, t0.addSecs(100)));
        QVERIFY(!begin(t.database(), account.channelAccountId, day, t0.addSecs(200)));
        auto takeover = begin(t.database(), account.channelAccountId, day, t0.addSecs(221), QStringLiteral("bob"));
        QVERIFY2(takeover, qPrintable(takeover.error().message()));

        auto old = ReconciliationRunStore::byId(connection(t.database()), *crashed);
        QVERIFY(old);
        QCOMPARE(old->status, ReconciliationRunStatus::Abandoned);
        QVERIFY(old->error.contains(QStringLiteral("heartbeat")));
        QCOMPARE(old->finishedAt, t0.addSecs(221));
        const Status beat = ReconciliationRunStore::heartbeat(connection(t.database()), *crashed, t0.addSecs(222));
        QCOMPARE(beat.error().code(), ErrorCode::ReconciliationRunNotRunning);
        QCOMPARE(finish(t.database(), *crashed, {}).error().code(), ErrorCode::ReconciliationRunNotRunning);

        // Failing and cancelling end a run the same way, once.
        QVERIFY(ReconciliationRunStore::stop(connection(t.database()), *takeover, ReconciliationRunStatus::Cancelled,
                                             QStringLiteral("operator cancelled"), t0.addSecs(300)));
        QCOMPARE(ReconciliationRunStore::stop(connection(t.database()), *takeover, ReconciliationRunStatus::Failed,
                                              QStringLiteral("late"), t0.addSecs(301))
                     .error()
                     .code(),
                 ErrorCode::ReconciliationRunNotRunning);
        QCOMPARE(ReconciliationRunStore::byId(connection(t.database()), *takeover)->status,
                 ReconciliationRunStatus::Cancelled);
        QCOMPARE(ReconciliationRunStore::byId(connection(t.database()), 999999).error().code(),
                 ErrorCode::ReconciliationRunUnknown);
    }

    // Completing writes the summary, the items and the pool in one transaction: when any of it
    // fails, none of it is there and the run is still running, so it can be completed again.
    void finishIsAllOrNothing()
    {
        QFETCH_GLOBAL(QString, backend);
        TestDatabase t(backend);
        QVERIFY2(t.isOpen(), qPrintable(t.failure()));
        const Account account = seedAccount(t.database(), QStringLiteral("M9001"), QStringLiteral("a"));
        const qint64 orderId = insertOrder(t.database(), account, QStringLiteral("P1"), day);
        auto run = begin(t.database(), account.channelAccountId, day, at(10));
        QVERIFY(run);
        const QList<ReconciliationItem> items{
            item(DiscrepancyCategory::PlatformOnly, std::nullopt, platformSide(QStringLiteral("P1"), orderId, 1000)),
            item(DiscrepancyCategory::ChannelOnly, channelSide(QStringLiteral("P9"), QStringLiteral("42009"), 500, 7),
                 std::nullopt)};

        // The pool's table out of the way: the items go in, then the pool's upsert fails.
        const QSqlDatabase db = connection(t.database());
        QVERIFY(Sql::exec(db, QStringLiteral("ALTER TABLE recon_discrepancy RENAME TO recon_discrepancy_aside")));
        QVERIFY(!finish(t.database(), *run, items));
        QVERIFY(Sql::exec(db, QStringLiteral("ALTER TABLE recon_discrepancy_aside RENAME TO recon_discrepancy")));
        QCOMPARE(count(t.database(), QStringLiteral("SELECT count(*) FROM recon_item")), 0);
        QCOMPARE(count(t.database(), QStringLiteral("SELECT count(*) FROM recon_discrepancy")), 0);
        auto stillRunning = ReconciliationRunStore::byId(db, *run);
        QCOMPARE(stillRunning->status, ReconciliationRunStatus::Running);
        QVERIFY(stillRunning->summary.isEmpty());

        QVERIFY(finish(t.database(), *run, items));
        auto done = ReconciliationRunStore::byId(db, *run);
        QCOMPARE(done->status, ReconciliationRunStatus::Completed);
        QCOMPARE(done->summary.value(QStringLiteral("items")).toInt(), 2);
        QCOMPARE(done->settings.value(QStringLiteral("cut_off_seconds")).toInt(), 600);
        auto stored = ReconciliationRunStore::items(db, *run, 0, 10);
        QVERIFY(stored);
        QCOMPARE(stored->size(), 2);
        QCOMPARE(stored->at(0).category, DiscrepancyCategory::PlatformOnly);
        QCOMPARE(stored->at(0).platformAmount, std::optional<qint64>(1000));
        QVERIFY(!stored->at(0).channelAmount);
        QCOMPARE(stored->at(0).platformRowId, orderId);
        QCOMPARE(stored->at(1).channelTransactionId, QStringLiteral("42009"));
        QCOMPARE(stored->at(1).lineNumber, qint64(7));
        QCOMPARE(stored->at(1).channelStatus, std::optional<StatementLineStatus>(StatementLineStatus::Succeeded));
        QCOMPARE(stored->at(1).tradeTime, at(10));

        // The pool knows whose order it is, and not for an order we do not have.
        QCOMPARE(poolEntry(t.database(), QStringLiteral("P1")).merchantId, account.merchantId);
        QCOMPARE(poolEntry(t.database(), QStringLiteral("P9")).merchantId, qint64(0));
        QCOMPARE(poolEntry(t.database(), QStringLiteral("P9")).item.channelAmount, std::optional<qint64>(500));
    }

    // A later completed run of the same day supersedes the earlier one; both stay in the history,
    // listed newest first a page at a time.
    void laterRunSupersedesTheEarlier()
    {
        QFETCH_GLOBAL(QString, backend);
        TestDatabase t(backend);
        QVERIFY2(t.isOpen(), qPrintable(t.failure()));
        const Account account = seedAccount(t.database(), QStringLiteral("M9001"), QStringLiteral("a"));
        const QSqlDatabase db = connection(t.database());
        auto first = begin(t.database(), account.channelAccountId, day, at(10));
        QVERIFY(finish(t.database(), *first, {}));
        QCOMPARE(ReconciliationRunStore::current(db, account.channelAccountId, day)->value().id, *first);
        auto second = begin(t.database(), account.channelAccountId, day, at(12));
        QVERIFY(finish(t.database(), *second, {}, at(13)));
        QCOMPARE(ReconciliationRunStore::byId(db, *first)->supersededByRunId, *second);
        QCOMPARE(ReconciliationRunStore::byId(db, *second)->supersededByRunId, qint64(0));
        QCOMPARE(ReconciliationRunStore::current(db, account.channelAccountId, day)->value().id, *second);
        QVERIFY(!ReconciliationRunStore::current(db, account.channelAccountId, day.addDays(1))->has_value());
        auto failed = begin(t.database(), account.channelAccountId, day.addDays(1), at(14));
        QVERIFY(ReconciliationRunStore::stop(db, *failed, ReconciliationRunStatus::Failed, QStringLiteral("bad file"),
                                             at(14, 1)));

        ReconciliationRunFilter filter;
        filter.channelAccountId = account.channelAccountId;
        filter.limit = 2;
        auto page = ReconciliationRunStore::list(db, filter);
        QCOMPARE(page->size(), 2);
        QCOMPARE(page->at(0).id, *failed);
        QCOMPARE(page->at(1).id, *second);
        filter.beforeId = page->last().id;
        page = ReconciliationRunStore::list(db, filter);
        QCOMPARE(page->size(), 1);
        QCOMPARE(page->at(0).id, *first);
        ReconciliationRunFilter byDay;
        byDay.from = day;
        byDay.to = day;
        byDay.status = ReconciliationRunStatus::Completed;
        QCOMPARE(ReconciliationRunStore::list(db, byDay)->size(), 2);
        byDay.status = ReconciliationRunStatus::Failed;
        QCOMPARE(ReconciliationRunStore::list(db, byDay)->size(), 0);
    }

    // A rerun of the day finds the same discrepancies again (no duplicates, the latest item and
    // category), one it no longer has is gone, and comes back open should a later run find it.
    void rerunFindsTheSameDiscrepancy()
    {
        QFETCH_GLOBAL(QString, backend);
        TestDatabase t(backend);
        QVERIFY2(t.isOpen(), qPrintable(t.failure()));
        const Account account = seedAccount(t.database(), QStringLiteral("M9001"), QStringLiteral("a"));
        const qint64 b = insertOrder(t.database(), account, QStringLiteral("PB"), day);
        const qint64 c = insertOrder(t.database(), account, QStringLiteral("PC"), day);
        const auto channelOnly = item(DiscrepancyCategory::ChannelOnly,
                                      channelSide(QStringLiteral("PA"), QStringLiteral("420A"), 300, 2), std::nullopt);
        const auto platformOnly =
            item(DiscrepancyCategory::PlatformOnly, std::nullopt, platformSide(QStringLiteral("PB"), b, 1000));
        const auto amount =
            item(DiscrepancyCategory::AmountMismatch, channelSide(QStringLiteral("PC"), QStringLiteral("420C"), 900, 3),
                 platformSide(QStringLiteral("PC"), c, 1000));
        auto fee =
            item(DiscrepancyCategory::FeeMismatch, channelSide(QStringLiteral("PC"), QStringLiteral("420C"), 1000, 3),
                 platformSide(QStringLiteral("PC"), c, 1000));
        // The same transaction listed three times: two duplicate items, one problem.
        const auto duplicate = item(DiscrepancyCategory::DuplicateInStatement,
                                    channelSide(QStringLiteral("PC"), QStringLiteral("420C"), 1000, 4), std::nullopt);
        auto duplicateAgain = duplicate;
        duplicateAgain.lineNumber = 5;

        auto first = begin(t.database(), account.channelAccountId, day, at(10));
        QVERIFY(finish(t.database(), *first, {channelOnly, platformOnly, amount}));
        const PoolDiscrepancy a1 = poolEntry(t.database(), QStringLiteral("PA"));
        const PoolDiscrepancy b1 = poolEntry(t.database(), QStringLiteral("PB"));
        QCOMPARE(a1.status, DiscrepancyStatus::Open);
        QCOMPARE(a1.firstRunId, *first);
        QCOMPARE(a1.matchKey, QStringLiteral("PA"));
        QCOMPARE(a1.foundAt, at(11));

        auto second = begin(t.database(), account.channelAccountId, day, at(12));
        auto finished = finish(t.database(), *second, {channelOnly, fee, duplicate, duplicateAgain}, at(13));
        QVERIFY2(finished, qPrintable(finished.error().message()));
        QCOMPARE(count(t.database(), QStringLiteral("SELECT count(*) FROM recon_discrepancy")), 4);
        const PoolDiscrepancy a2 = poolEntry(t.database(), QStringLiteral("PA"));
        QCOMPARE(a2.id, a1.id);
        QCOMPARE(a2.firstRunId, *first);
        QCOMPARE(a2.latestRunId, *second);
        QCOMPARE(a2.foundAt, at(11));
        QVERIFY(a2.version > a1.version);
        QCOMPARE(poolEntry(t.database(), QStringLiteral("PB")).status, DiscrepancyStatus::Gone);
        DiscrepancyFilter ofC;
        ofC.category = DiscrepancyCategory::FeeMismatch;
        auto feeRows = DiscrepancyStore::list(connection(t.database()), ofC);
        QCOMPARE(feeRows->size(), 1);
        QCOMPARE(feeRows->first().orderNo, QStringLiteral("PC"));
        QCOMPARE(feeRows->first().firstRunId, *first);
        ofC.category = DiscrepancyCategory::DuplicateInStatement;
        auto duplicates = DiscrepancyStore::list(connection(t.database()), ofC);
        QCOMPARE(duplicates->size(), 1);
        QCOMPARE(duplicates->first().item.lineNumber, qint64(5));
        QCOMPARE(duplicates->first().item.firstListedLine, qint64(1));

        auto third = begin(t.database(), account.channelAccountId, day, at(14));
        QVERIFY(finish(t.database(), *third, {platformOnly}, at(15)));
        const PoolDiscrepancy b3 = poolEntry(t.database(), QStringLiteral("PB"));
        QCOMPARE(b3.id, b1.id);
        QCOMPARE(b3.status, DiscrepancyStatus::Open);
        QCOMPARE(poolEntry(t.database(), QStringLiteral("PA")).status, DiscrepancyStatus::Gone);
        DiscrepancyFilter open;
        open.unresolvedOnly = true;
        QCOMPARE(DiscrepancyStore::list(connection(t.database()), open)->size(), 1);

        // The figures of /metrics and of the panel's chart.
        auto unresolved = DiscrepancyStore::unresolvedByCategory(connection(t.database()));
        QVERIFY(unresolved);
        QCOMPARE(unresolved->size(), 1);
        QCOMPARE(unresolved->first().category, DiscrepancyCategory::PlatformOnly);
        QCOMPARE(unresolved->first().count, qint64(1));
        QCOMPARE(unresolved->first().oldestFoundAt, at(11));
        auto chart = DiscrepancyStore::perDayAndCategory(connection(t.database()), day, day.addDays(1));
        QVERIFY(chart);
        QCOMPARE(chart->size(), 1);
        QCOMPARE(chart->first().billDate, day);
        QCOMPARE(chart->first().category, DiscrepancyCategory::PlatformOnly);
        QVERIFY(
            DiscrepancyStore::perDayAndCategory(connection(t.database()), day.addDays(1), day.addDays(2))->isEmpty());
        open.channelAccountId = account.channelAccountId + 1000;
        QCOMPARE(DiscrepancyStore::list(connection(t.database()), open)->size(), 0);
    }

    // Proposals and decisions check the version the operator saw: of two acting on the same
    // copy exactly one gets through, and the other is told why.
    void proposeAndDecideCheckTheVersion()
    {
        QFETCH_GLOBAL(QString, backend);
        TestDatabase t(backend);
        QVERIFY2(t.isOpen(), qPrintable(t.failure()));
        const Account account = seedAccount(t.database(), QStringLiteral("M9001"), QStringLiteral("a"));
        const QSqlDatabase db = connection(t.database());
        const auto channelOnly = item(DiscrepancyCategory::ChannelOnly,
                                      channelSide(QStringLiteral("PA"), QStringLiteral("420A"), 300, 2), std::nullopt);
        auto run = begin(t.database(), account.channelAccountId, day, at(10));
        QVERIFY(finish(t.database(), *run, {channelOnly}));
        const PoolDiscrepancy seen = poolEntry(t.database(), QStringLiteral("PA"));

        QVERIFY(DiscrepancyStore::propose(db, seen.id, seen.version, DiscrepancyResolution::ParkInSuspense,
                                          QStringLiteral("fiona"), at(12), QStringLiteral("unknown payer"), QString()));
        const Status twice = DiscrepancyStore::propose(db, seen.id, seen.version, DiscrepancyResolution::RefundToPayer,
                                                       QStringLiteral("frank"), at(12), QString(), QString());
        QCOMPARE(twice.error().code(), ErrorCode::DiscrepancyChangedMeanwhile);
        auto proposed = DiscrepancyStore::byId(db, seen.id);
        QCOMPARE(proposed->status, DiscrepancyStatus::Proposed);
        QCOMPARE(proposed->resolution, std::optional<DiscrepancyResolution>(DiscrepancyResolution::ParkInSuspense));
        QCOMPARE(proposed->proposedBy, QStringLiteral("fiona"));
        QCOMPARE(proposed->note, QStringLiteral("unknown payer"));

        QCOMPARE(DiscrepancyStore::approve(db, seen.id, seen.version, QStringLiteral("alex"), at(13), 0).error().code(),
                 ErrorCode::DiscrepancyChangedMeanwhile);
        QVERIFY(DiscrepancyStore::reject(db, seen.id, proposed->version, QStringLiteral("alex"), at(13),
                                         QStringLiteral("query the channel first")));
        auto rejected = DiscrepancyStore::byId(db, seen.id);
        QCOMPARE(rejected->status, DiscrepancyStatus::Open);
        QVERIFY(!rejected->resolution);
        QCOMPARE(rejected->rejectReason, QStringLiteral("query the channel first"));
        // Approving needs a proposal.
        QCOMPARE(
            DiscrepancyStore::approve(db, seen.id, rejected->version, QStringLiteral("alex"), at(14), 0).error().code(),
            ErrorCode::DiscrepancyStateConflict);

        QVERIFY(DiscrepancyStore::propose(db, seen.id, rejected->version, DiscrepancyResolution::ParkInSuspense,
                                          QStringLiteral("fiona"), at(15), QString(), QString()));
        const int version = DiscrepancyStore::byId(db, seen.id)->version;
        QVERIFY(DiscrepancyStore::approve(db, seen.id, version, QStringLiteral("alex"), at(16), 0));
        auto resolved = DiscrepancyStore::byId(db, seen.id);
        QCOMPARE(resolved->status, DiscrepancyStatus::Resolved);
        QCOMPARE(resolved->decidedBy, QStringLiteral("alex"));
        QCOMPARE(resolved->decidedAt, at(16));
        QCOMPARE(DiscrepancyStore::reject(db, seen.id, resolved->version, QStringLiteral("alex"), at(17), QString())
                     .error()
                     .code(),
                 ErrorCode::DiscrepancyStateConflict);
        QCOMPARE(DiscrepancyStore::byId(db, 424242).error().code(), ErrorCode::DiscrepancyUnknown);

        // A rerun that still finds it leaves it resolved.
        auto rerun = begin(t.database(), account.channelAccountId, day, at(18));
        QVERIFY(finish(t.database(), *rerun, {channelOnly}, at(19)));
        QCOMPARE(DiscrepancyStore::byId(db, seen.id)->status, DiscrepancyStatus::Resolved);
    }

    // A name this version does not know, in any stored column, is an error naming the column.
    void unknownStoredNamesAreErrors()
    {
        QFETCH_GLOBAL(QString, backend);
        TestDatabase t(backend);
        QVERIFY2(t.isOpen(), qPrintable(t.failure()));
        const Account account = seedAccount(t.database(), QStringLiteral("M9001"), QStringLiteral("a"));
        const QSqlDatabase db = connection(t.database());
        auto run = begin(t.database(), account.channelAccountId, day, at(10));
        QVERIFY(finish(t.database(), *run,
                       {item(DiscrepancyCategory::ChannelOnly,
                             channelSide(QStringLiteral("PA"), QStringLiteral("420A"), 300, 2), std::nullopt)}));
        const qint64 id = poolEntry(t.database(), QStringLiteral("PA")).id;
        const auto refusedNaming = [](const Error &error, const char *column, const char *text) {
            return error.detail().contains(QLatin1String(column)) && error.detail().contains(QLatin1String(text));
        };

        QVERIFY(Sql::exec(db, QStringLiteral("UPDATE recon_discrepancy SET resolution = 'shrug'")));
        auto resolution = DiscrepancyStore::byId(db, id);
        QVERIFY(!resolution);
        QVERIFY2(refusedNaming(resolution.error(), "recon_discrepancy.resolution", "shrug"),
                 qPrintable(resolution.error().message()));
        QVERIFY(Sql::exec(db, QStringLiteral("UPDATE recon_discrepancy SET resolution = NULL")));

        QVERIFY(Sql::exec(db, QStringLiteral("UPDATE recon_item SET channel_status = 'teleported'")));
        auto status = ReconciliationRunStore::items(db, *run, 0, 10);
        QVERIFY(!status);
        QVERIFY2(refusedNaming(status.error(), "recon_item.channel_status", "teleported"),
                 qPrintable(status.error().message()));
        QVERIFY(!DiscrepancyStore::byId(db, id));
        QVERIFY(Sql::exec(db, QStringLiteral("UPDATE recon_item SET channel_status = 'succeeded'")));
        QVERIFY(DiscrepancyStore::byId(db, id));

        // Statuses and categories are held to their lists by CHECK constraints; lift them as a
        // newer schema might.
        if (t.database().isSqlite()) {
            QVERIFY(Sql::exec(db, QStringLiteral("PRAGMA ignore_check_constraints = ON")));
        } else {
            QVERIFY(Sql::exec(db, QStringLiteral("ALTER TABLE recon_run DROP CONSTRAINT recon_run_status_check")));
            QVERIFY(Sql::exec(
                db, QStringLiteral("ALTER TABLE recon_discrepancy DROP CONSTRAINT recon_discrepancy_status_check")));
            QVERIFY(Sql::exec(db, QStringLiteral("ALTER TABLE recon_item DROP CONSTRAINT recon_item_category_check")));
        }
        QVERIFY(Sql::exec(db, QStringLiteral("UPDATE recon_run SET status = 'paused'")));
        auto run2 = ReconciliationRunStore::byId(db, *run);
        QVERIFY(!run2);
        QVERIFY2(refusedNaming(run2.error(), "recon_run.status", "paused"), qPrintable(run2.error().message()));
        QVERIFY(Sql::exec(db, QStringLiteral("UPDATE recon_discrepancy SET status = 'snoozed'")));
        auto pooled = DiscrepancyStore::byId(db, id);
        QVERIFY(!pooled);
        QVERIFY2(refusedNaming(pooled.error(), "recon_discrepancy.status", "snoozed"),
                 qPrintable(pooled.error().message()));
        QVERIFY(Sql::exec(db, QStringLiteral("UPDATE recon_item SET category = 'maybe'")));
        auto category = ReconciliationRunStore::items(db, *run, 0, 10);
        QVERIFY(!category);
        QVERIFY2(refusedNaming(category.error(), "recon_item.category", "maybe"),
                 qPrintable(category.error().message()));
    }

    // Clearing's question: which paid orders of a merchant and business date are not reconciled.
    void reconciledOrdersOfAMerchantAndDay()
    {
        QFETCH_GLOBAL(QString, backend);
        TestDatabase t(backend);
        QVERIFY2(t.isOpen(), qPrintable(t.failure()));
        const Account account = seedAccount(t.database(), QStringLiteral("M9001"), QStringLiteral("a"));
        const Account other = seedAccount(t.database(), QStringLiteral("M9002"), QStringLiteral("b"));
        const QSqlDatabase db = connection(t.database());
        insertOrder(t.database(), account, QStringLiteral("P1"), day);
        const qint64 p2 = insertOrder(t.database(), account, QStringLiteral("P2"), day);
        const qint64 p3 = insertOrder(t.database(), account, QStringLiteral("P3"), day, QStringLiteral("refunded"));
        insertOrder(t.database(), account, QStringLiteral("P4"), day, QStringLiteral("paying"));
        insertOrder(t.database(), account, QStringLiteral("P5"), day.addDays(1));
        insertOrder(t.database(), other, QStringLiteral("Q1"), day);
        const auto unreconciled = [&]() {
            return DiscrepancyStore::unreconciledOrderNumbers(db, account.merchantId, day).value();
        };

        // No run yet: nothing is reconciled.
        QCOMPARE(unreconciled(), (QStringList{QStringLiteral("P1"), QStringLiteral("P2"), QStringLiteral("P3")}));

        auto run = begin(t.database(), account.channelAccountId, day, at(10));
        const auto carried =
            item(DiscrepancyCategory::CarriedOver, std::nullopt, platformSide(QStringLiteral("P3"), p3, 1000));
        QVERIFY(
            finish(t.database(), *run,
                   {item(DiscrepancyCategory::PlatformOnly, std::nullopt, platformSide(QStringLiteral("P2"), p2, 1000)),
                    carried}));
        QCOMPARE(unreconciled(), (QStringList{QStringLiteral("P2"), QStringLiteral("P3")}));
        QCOMPARE(DiscrepancyStore::unreconciledOrderNumbers(db, other.merchantId, day).value(),
                 QStringList{QStringLiteral("Q1")});

        // The carried item comes back for the next date's run, ready to feed in again.
        auto carriedOver = ReconciliationRunStore::carriedOver(db, account.channelAccountId, day);
        QCOMPARE(carriedOver->size(), 1);
        const auto record = carriedOver->first().platformRecord();
        QVERIFY(record);
        QVERIFY(!carriedOver->first().channelRecord());
        QCOMPARE(record->orderNo, QStringLiteral("P3"));
        QCOMPARE(record->rowId, p3);
        QCOMPARE(record->amount, Money::fromMinor(1000, Currency::cny()));
        QCOMPARE(record->time, at(10));
        QVERIFY(record->carried);
        QVERIFY(ReconciliationRunStore::carriedOver(db, account.channelAccountId, day.addDays(1))->isEmpty());
        QCOMPARE(ReconciliationRunStore::itemsOfOrder(db, QStringLiteral("P3"))->size(), 1);

        // Resolved: reconciled.
        const PoolDiscrepancy p2Entry = poolEntry(t.database(), QStringLiteral("P2"));
        QVERIFY(DiscrepancyStore::propose(db, p2Entry.id, p2Entry.version, DiscrepancyResolution::ReversePayment,
                                          QStringLiteral("fiona"), at(12), QString(), QString()));
        QVERIFY(DiscrepancyStore::approve(db, p2Entry.id, p2Entry.version + 1, QStringLiteral("alex"), at(13), 0));
        QCOMPARE(unreconciled(), QStringList{QStringLiteral("P3")});

        // The next date's run settles the carried one.
        auto next = begin(t.database(), account.channelAccountId, day.addDays(1), at(14));
        QVERIFY(finish(t.database(), *next, {}));
        QCOMPARE(unreconciled(), QStringList());
    }

    // The summary a run keeps reads back as it was written.
    void summaryRoundTrips()
    {
        ReconciliationSummary summary;
        summary.currency = Currency::cny();
        QVERIFY(summary.channel[0].add(1000, 6));
        QVERIFY(summary.platform[1].add(300, 1));
        QVERIFY(summary.of(DiscrepancyCategory::Matched, RecordType::Payment).add(1000, 1000));
        QVERIFY(summary.of(DiscrepancyCategory::FeeMismatch, RecordType::Refund).add(300, 299));
        QVERIFY(summary.agreedNoMoney[0].add(5, 0));
        summary.channelCarriedIn = 2;
        summary.platformCarriedIn = 3;
        summary.partitions = 4;
        summary.spilledBytes = 123456789;
        const QJsonObject json = ReconciliationSummaryJson::write(summary, 4321);
        QCOMPARE(json.value(QStringLiteral("categories"))
                     .toObject()
                     .value(QStringLiteral("fee_mismatch"))
                     .toObject()
                     .value(QStringLiteral("refund"))
                     .toObject()
                     .value(QStringLiteral("platform_amount"))
                     .toInt(),
                 299);
        qint64 duration = 0;
        auto back = ReconciliationSummaryJson::read(json, &duration);
        QVERIFY(back);
        QCOMPARE(duration, qint64(4321));
        QVERIFY(sameFigures(*back, summary));
        QCOMPARE(back->channelCarriedIn, qint64(2));
        QCOMPARE(back->platformCarriedIn, qint64(3));
        QCOMPARE(back->partitions, 4);
        QCOMPARE(back->spilledBytes, qint64(123456789));
        QVERIFY(back->agreedNoMoney[0] == summary.agreedNoMoney[0]);
        QCOMPARE(back->currency, Currency::cny());

        QJsonObject unknown = json;
        QJsonObject categories = unknown.value(QStringLiteral("categories")).toObject();
        categories.insert(QStringLiteral("mystery"), QJsonObject());
        unknown.insert(QStringLiteral("categories"), categories);
        QCOMPARE(ReconciliationSummaryJson::read(unknown).error().code(), ErrorCode::JsonMalformed);
    }

    // The matcher hands over tens of thousands of items on a bad day; storing them is one bulk
    // insert and one set-based pool update (figures printed, not timed).
    void manyItemsGoInQuickly()
    {
        QFETCH_GLOBAL(QString, backend);
        TestDatabase t(backend);
        QVERIFY2(t.isOpen(), qPrintable(t.failure()));
        const Account account = seedAccount(t.database(), QStringLiteral("M9001"), QStringLiteral("a"));
        constexpr int kItems = 70000;
        QList<ReconciliationItem> items;
        items.reserve(kItems);
        for (int i = 0; i < kItems; ++i) {
            const QString orderNo = QStringLiteral("P%1").arg(i, 8, 10, QLatin1Char('0'));
            if (i % 10 == 0)
                items << item(DiscrepancyCategory::CarriedOver, std::nullopt, platformSide(orderNo, i + 1, 1000 + i));
            else
                items << item(DiscrepancyCategory::ChannelOnly,
                              channelSide(orderNo, QStringLiteral("4200%1").arg(i), 1000 + i, i + 2), std::nullopt);
        }
        auto run = begin(t.database(), account.channelAccountId, day, at(10));
        QElapsedTimer timer;
        timer.start();
        const Status finished = finish(t.database(), *run, items);
        const qint64 ms = timer.elapsed();
        QVERIFY2(finished, qPrintable(finished.error().message()));
        qDebug("%s: %d items and their pool entries stored in %lld ms", qPrintable(backend), kItems, ms);
        QCOMPARE(count(t.database(), QStringLiteral("SELECT count(*) FROM recon_item")), qint64(kItems));
        QCOMPARE(count(t.database(), QStringLiteral("SELECT count(*) FROM recon_discrepancy")), qint64(kItems - 7000));
        QCOMPARE(ReconciliationRunStore::carriedOver(connection(t.database()), account.channelAccountId, day)->size(),
                 7000);
        auto page = ReconciliationRunStore::items(connection(t.database()), *run, 0, 500);
        QCOMPARE(page->size(), 500);
        auto nextPage = ReconciliationRunStore::items(connection(t.database()), *run, page->last().id, 500);
        QCOMPARE(nextPage->first().id, page->last().id + 1);
    }
};

QTEST_GUILESS_MAIN(TestReconcileStore)
#include "tst_reconcilestore.moc"
