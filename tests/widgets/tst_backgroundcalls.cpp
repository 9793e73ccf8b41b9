#include "widgets/common/BackgroundCalls.h"
#include "widgets/common/PageLoader.h"

#include <QFutureWatcher>
#include <QSemaphore>
#include <QTest>
#include <QThread>
#include <QThreadPool>

#include <atomic>
#include <memory>
#include <optional>
#include <thread>

using namespace paydesk;

namespace {

// A call that starts, then waits until the test lets it finish; it records that it finished.
struct Gate
{
    QSemaphore started;
    QSemaphore open;
    std::atomic<int> finished{0};

    std::function<Result<int>()> call(int value)
    {
        return [this, value]() -> Result<int> {
            started.release();
            open.acquire();
            ++finished;
            return value;
        };
    }
    // Opens the gate from another thread after a while: the GUI thread is then blocked in a destructor.
    std::thread openLater(int calls)
    {
        return std::thread([this, calls]() {
            QThread::msleep(100);
            open.release(calls);
        });
    }
};

// A panel stand-in: a QObject that owns its background calls, as the console's widgets do.
class Owner : public QObject
{
public:
    explicit Owner(int *delivered)
        : calls(this), pages(this, [delivered](Result<int> page) { *delivered += page.value(); })
    {
    }
    BackgroundCalls calls;
    PageLoader<int> pages;
};

} // namespace

// The console's one async idiom: results come back on the GUI thread, a newer load supersedes an
// older one, nothing is delivered once the owner is gone, and destruction waits for every call.
class TestBackgroundCalls : public QObject
{
    Q_OBJECT

private slots:
    // Two calls are held open at once below; a one-core machine's pool would queue the second.
    void initTestCase() { QThreadPool::globalInstance()->setMaxThreadCount(qMax(4, QThread::idealThreadCount())); }

    void deliversOnTheGuiThread()
    {
        QObject context;
        BackgroundCalls calls(&context);
        Qt::HANDLE worker = nullptr;
        Qt::HANDLE deliveredOn = nullptr;
        int delivered = 0;
        calls.run<int>(
            [&worker]() -> Result<int> {
                worker = QThread::currentThreadId();
                return 7;
            },
            [&](Result<int> result) {
                deliveredOn = QThread::currentThreadId();
                delivered = result.value();
            });
        QTRY_COMPARE(delivered, 7);
        QVERIFY(worker != QThread::currentThreadId());
        QCOMPARE(deliveredOn, QThread::currentThreadId());
        QVERIFY(!calls.isBusy());
        QTRY_VERIFY(context.findChildren<QFutureWatcherBase *>().isEmpty()); // nothing left behind
    }

    void errorsAreDeliveredToo()
    {
        QObject context;
        BackgroundCalls calls(&context);
        std::optional<ErrorCode> code;
        calls.run<int>([]() -> Result<int> { return Error(ErrorCode::QueryFailed); },
                       [&code](Result<int> result) { code = result.error().code(); });
        QTRY_VERIFY(code.has_value());
        QCOMPARE(*code, ErrorCode::QueryFailed);
    }

    // A panel closed while its call runs: the destructor waits for the call (which uses the
    // panel's core and session), and its result goes nowhere.
    void ownerDestroyedWhileACallRuns()
    {
        Gate gate;
        int delivered = 0;
        auto *owner = new Owner(&delivered);
        owner->calls.run<int>(gate.call(1), [&delivered](Result<int> result) { delivered += result.value(); });
        gate.started.acquire();
        QVERIFY(owner->calls.isBusy());
        std::thread opener = gate.openLater(1);
        delete owner;
        QCOMPARE(gate.finished.load(), 1); // waited for
        opener.join();
        QTest::qWait(50);
        QCOMPARE(delivered, 0);
    }

    // The same for a loader that has superseded fetches still running: it waits for all of them.
    void ownerDestroyedWhileSupersededLoadsRun()
    {
        Gate gate;
        int delivered = 0;
        auto *owner = new Owner(&delivered);
        owner->pages.start(gate.call(1));
        gate.started.acquire();
        owner->pages.start(gate.call(10));
        gate.started.acquire();
        QVERIFY(owner->pages.isRunning());
        std::thread opener = gate.openLater(2);
        delete owner;
        QCOMPARE(gate.finished.load(), 2);
        opener.join();
        QTest::qWait(50);
        QCOMPARE(delivered, 0);
    }

    // The helper gone and its context still there (a view that drops its loader): nothing is
    // delivered to the dead helper, and its watchers do not pile up in the context.
    void helperDestroyedContextAlive()
    {
        QObject context;
        Gate gate;
        int delivered = 0;
        auto calls = std::make_unique<BackgroundCalls>(&context);
        calls->run<int>(gate.call(1), [&delivered](Result<int> result) { delivered += result.value(); });
        gate.started.acquire();
        std::thread opener = gate.openLater(1);
        calls.reset();
        QCOMPARE(gate.finished.load(), 1);
        opener.join();
        QTRY_VERIFY(context.findChildren<QFutureWatcherBase *>().isEmpty());
        QCOMPARE(delivered, 0);
    }

    // A newer load supersedes an older one still running; only the newest is delivered.
    void newestLoadWins()
    {
        Gate gate;
        int delivered = 0;
        Owner owner(&delivered);
        owner.pages.start(gate.call(1));
        gate.started.acquire();
        owner.pages.start([]() -> Result<int> { return 10; });
        QTRY_COMPARE(delivered, 10);
        QVERIFY(!owner.pages.isRunning());
        gate.open.release();
        QTRY_COMPARE(gate.finished.load(), 1);
        QTest::qWait(50);
        QCOMPARE(delivered, 10); // the superseded one finished later and was dropped
    }

    void cancelDropsTheLoadInFlight()
    {
        int delivered = 0;
        Owner owner(&delivered);
        Gate gate;
        owner.pages.start(gate.call(1));
        gate.started.acquire();
        owner.pages.cancel();
        QVERIFY(!owner.pages.isRunning());
        gate.open.release();
        QTRY_COMPARE(gate.finished.load(), 1);
        QTest::qWait(50);
        QCOMPARE(delivered, 0);
    }
};

QTEST_GUILESS_MAIN(TestBackgroundCalls)
#include "tst_backgroundcalls.moc"
