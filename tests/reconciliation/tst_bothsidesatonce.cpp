#include "core/reconciliation/BothSidesAtOnce.h"

#include <QTest>
#include <QThread>

#include <atomic>

using namespace paydesk;

// Both sides of a run read on two threads and handed to the caller's: every record arrives once,
// each side in its order; the first failure (a reader's or a handler's) stops both readers early
// and is the answer, never the Cancelled the other reader ends with.
class TestBothSidesAtOnce : public QObject
{
    Q_OBJECT

    static constexpr qint64 kRecords = 50000;

    static ChannelRecord line(qint64 n)
    {
        ChannelRecord record;
        record.lineNumber = n;
        return record;
    }
    static PlatformRecord ours(qint64 n)
    {
        PlatformRecord record;
        record.rowId = n;
        return record;
    }
    // A source of `count` records that fails with `failure` after `failAfter` of them (-1: never),
    // counting what it gave in `given`.
    template <typename Emit, typename Make>
    static auto source(qint64 count, qint64 failAfter, Make make, std::atomic<qint64> *given)
    {
        return [=](const Emit &give) -> Status {
            for (qint64 n = 1; n <= count; ++n) {
                if (n - 1 == failAfter)
                    return Error(ErrorCode::StatementMalformed, QStringLiteral("line %1").arg(n));
                ++*given;
                if (!give(make(n)))
                    return Error(ErrorCode::Cancelled);
            }
            return {};
        };
    }

private slots:
    void everyRecordArrivesOnceInItsSidesOrder()
    {
        std::atomic<qint64> lines = 0, records = 0;
        qint64 lastLine = 0, lastRecord = 0, handled = 0;
        bool ordered = true;
        bool channelDoneSeenEarly = false;
        int channelDoneCalls = 0;
        BothSidesAtOnce::Handlers handlers;
        handlers.onChannel = [&](const ChannelRecord &record) -> Status {
            ordered = ordered && record.lineNumber == lastLine + 1;
            lastLine = record.lineNumber;
            ++handled;
            return {};
        };
        handlers.onPlatform = [&](const PlatformRecord &record) -> Status {
            ordered = ordered && record.rowId == lastRecord + 1;
            lastRecord = record.rowId;
            ++handled;
            return {};
        };
        handlers.onChannelDone = [&] {
            ++channelDoneCalls;
            channelDoneSeenEarly = lastLine != kRecords;
        };
        const Status done =
            BothSidesAtOnce::run(source<BothSidesAtOnce::ChannelEmit>(kRecords, -1, line, &lines),
                                 source<BothSidesAtOnce::PlatformEmit>(kRecords + 7, -1, ours, &records), handlers);
        QVERIFY2(done, done ? "" : qPrintable(done.error().message()));
        QVERIFY(ordered);
        QCOMPARE(lastLine, kRecords);
        QCOMPARE(lastRecord, kRecords + 7);
        QCOMPARE(handled, 2 * kRecords + 7);
        QCOMPARE(channelDoneCalls, 1);
        QVERIFY(!channelDoneSeenEarly);
    }

    // The statement's reader finishing only after its last batch was handled, with nothing behind
    // it (our side already ended): the announcement still comes, once, after the last line.
    void theStatementsEndIsAnnouncedWhenItFinishesLast()
    {
        std::atomic<qint64> lines = 0;
        qint64 lastLine = 0;
        int channelDoneCalls = 0;
        bool announcedAfterTheLastLine = false;
        BothSidesAtOnce::Handlers handlers;
        handlers.onChannel = [&](const ChannelRecord &record) -> Status {
            lastLine = record.lineNumber;
            return {};
        };
        handlers.onPlatform = [](const PlatformRecord &) -> Status { return {}; };
        handlers.onChannelDone = [&] {
            ++channelDoneCalls;
            announcedAfterTheLastLine = lastLine == BothSidesAtOnce::kBatchRecords;
        };
        const auto fullBatchThenAPause = [&](const BothSidesAtOnce::ChannelEmit &give) -> Status {
            for (qint64 n = 1; n <= BothSidesAtOnce::kBatchRecords; ++n) {
                ++lines;
                if (!give(line(n)))
                    return Error(ErrorCode::Cancelled);
            }
            QThread::msleep(200); // the full batch is handed over and handled before this reader ends
            return {};
        };
        const Status done = BothSidesAtOnce::run(
            fullBatchThenAPause, [](const BothSidesAtOnce::PlatformEmit &) -> Status { return {}; }, handlers);
        QVERIFY2(done, done ? "" : qPrintable(done.error().message()));
        QCOMPARE(lines.load(), qint64(BothSidesAtOnce::kBatchRecords));
        QCOMPARE(channelDoneCalls, 1);
        QVERIFY(announcedAfterTheLastLine);
    }

    void aReadersFailureStopsTheOtherAndIsTheAnswer_data()
    {
        QTest::addColumn<bool>("channelFails");
        QTest::newRow("the statement") << true;
        QTest::newRow("our side") << false;
    }
    void aReadersFailureStopsTheOtherAndIsTheAnswer()
    {
        QFETCH(bool, channelFails);
        std::atomic<qint64> lines = 0, records = 0;
        BothSidesAtOnce::Handlers handlers;
        handlers.onChannel = [](const ChannelRecord &) -> Status { return {}; };
        handlers.onPlatform = [](const PlatformRecord &) -> Status { return {}; };
        // The failing side fails early; the other would go on for ten million records.
        const qint64 endless = 10000000;
        const Status done =
            BothSidesAtOnce::run(source<BothSidesAtOnce::ChannelEmit>(channelFails ? kRecords : endless,
                                                                      channelFails ? 100 : -1, line, &lines),
                                 source<BothSidesAtOnce::PlatformEmit>(channelFails ? endless : kRecords,
                                                                       channelFails ? -1 : 100, ours, &records),
                                 handlers);
        QVERIFY(!done);
        QCOMPARE(done.error().code(), ErrorCode::StatementMalformed);
        // Stopped long before its end: at most what the queue and a batch in hand hold past the failure.
        QVERIFY((channelFails ? records : lines).load() < endless / 10);
    }

    void aHandlersFailureStopsBothReaders()
    {
        std::atomic<qint64> lines = 0, records = 0;
        qint64 handled = 0;
        BothSidesAtOnce::Handlers handlers;
        handlers.onChannel = [&](const ChannelRecord &) -> Status {
            return ++handled == 3000 ? Status(Error(ErrorCode::ArithmeticOverflow)) : Status();
        };
        handlers.onPlatform = [](const PlatformRecord &) -> Status { return {}; };
        const qint64 endless = 10000000;
        const Status done =
            BothSidesAtOnce::run(source<BothSidesAtOnce::ChannelEmit>(endless, -1, line, &lines),
                                 source<BothSidesAtOnce::PlatformEmit>(endless, -1, ours, &records), handlers);
        QVERIFY(!done);
        QCOMPARE(done.error().code(), ErrorCode::ArithmeticOverflow);
        QVERIFY(lines.load() < endless / 10);
        QVERIFY(records.load() < endless / 10);
    }
};

QTEST_GUILESS_MAIN(TestBothSidesAtOnce)
#include "tst_bothsidesatonce.moc"
