// Transactions panel benchmark (issue 7) on a database made by bench_ordersearch: the console's
// main window is opened for a support operator on the Transactions panel — how long until the
// panel shows its first page (and its count), how long an id typed into it takes to show the
// order's story, and the console's memory with it open. Offscreen; the same window and core
// the console runs.
//
//   bench_transactionspanel --database URL [--lookups 20]
#include "core/PaydeskCore.h"
#include "core/storage/Database.h"
#include "core/storage/Sql.h"
#include "core/util/Error.h"
#include "demo/DemoSetup.h"
#include "tests/bench/BenchDatabase.h"
#include "widgets/common/Session.h"
#include "widgets/payment/OrderFilterBar.h"
#include "widgets/payment/OrderStoryView.h"
#include "widgets/payment/TransactionsPanel.h"
#include "widgets/shell/MainWindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFile>
#include <QLineEdit>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTest>
#include <QTextStream>

using namespace paydesk;

namespace {

// Resident and peak resident memory of this process, MB.
std::pair<double, double> memoryMb()
{
    QFile status(QStringLiteral("/proc/self/status"));
    double rss = 0, peak = 0;
    if (status.open(QIODevice::ReadOnly)) {
        for (const QByteArray &line : status.readAll().split('\n')) {
            const QList<QByteArray> parts = line.simplified().split(' ');
            if (parts.size() >= 2 && parts[0] == "VmRSS:")
                rss = parts[1].toDouble() / 1024;
            if (parts.size() >= 2 && parts[0] == "VmHWM:")
                peak = parts[1].toDouble() / 1024;
        }
    }
    return {rss, peak};
}

} // namespace

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QTextStream out(stdout);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Transactions panel benchmark."));
    parser.addHelpOption();
    parser.addOption(
        {QStringLiteral("database"), QStringLiteral("database URL made by bench_ordersearch"), QStringLiteral("url")});
    parser.addOption({QStringLiteral("lookups"), QStringLiteral("ids typed into the panel"), QStringLiteral("n"),
                      QStringLiteral("20")});
    parser.process(app);
    const std::shared_ptr<Database> database = bench::openDatabase(parser.value(QStringLiteral("database")), out);
    if (!database)
        return 1;
    PaydeskCore core(database, SystemClock::instance());
    auto signedIn =
        core.operators().authenticate(QStringLiteral("support"), QString::fromLatin1(DemoSetup::kPassword), {});
    if (!signedIn) {
        out << signedIn.error().message() << Qt::endl;
        return 1;
    }
    Session session(core, signedIn->actor);
    const QSqlDatabase db = database->connection().value();
    const qint64 orders = Sql::scalar(db, QStringLiteral("SELECT count(*) FROM payment_order"))->toLongLong();
    const qint64 maxId = Sql::scalar(db, QStringLiteral("SELECT max(id) FROM payment_order"))->toLongLong();
    const auto before = memoryMb();
    out << "transactions panel, " << database->url().toDisplayString() << ", " << orders
        << " orders; before opening: RSS " << QString::number(before.first, 'f', 0) << " MB" << Qt::endl;

    // Navigation: the window opens on the panel; ready when its first page is on screen. (The
    // panel asks for its first page as it is made; results arrive through the event loop, so
    // the spies below see them.)
    QElapsedTimer timer;
    timer.start();
    MainWindow window(session);
    TransactionsPanel &panel = *window.transactionsPanel();
    QSignalSpy pages(&panel, &TransactionsPanel::pageLoaded);
    QSignalSpy counted(&panel, &TransactionsPanel::countLoaded);
    window.showPanel(panel.objectName());
    window.resize(1400, 900);
    window.show();
    if (!pages.wait(30000) && pages.isEmpty()) {
        out << "no first page" << Qt::endl;
        return 1;
    }
    const double readyMs = timer.nsecsElapsed() / 1e6;
    if (counted.isEmpty())
        counted.wait(120000);
    const double countedMs = timer.nsecsElapsed() / 1e6;
    out << "ready (first page shown): " << QString::number(readyMs, 'f', 1) << " ms; all " << orders
        << " counted after " << QString::number(countedMs, 'f', 0) << " ms" << Qt::endl;

    // Ids typed in: the order's story shown.
    QRandomGenerator random(11);
    const int lookups = parser.value(QStringLiteral("lookups")).toInt();
    QList<double> storyMs;
    QSignalSpy stories(panel.storyView(), &OrderStoryView::loaded);
    for (int i = 0; i < lookups; ++i) {
        const QString orderNo = Sql::scalar(db, QStringLiteral("SELECT order_no FROM payment_order WHERE id = ?"),
                                            {1 + qint64(random.bounded(quint64(maxId)))})
                                    ->toString();
        stories.clear();
        QElapsedTimer t;
        t.start();
        panel.filterBar()->idField()->setText(orderNo);
        panel.search();
        if (!stories.wait(10000) && stories.isEmpty()) {
            out << "no story for " << orderNo << Qt::endl;
            return 1;
        }
        storyMs << t.nsecsElapsed() / 1e6;
    }
    std::sort(storyMs.begin(), storyMs.end());
    if (!storyMs.isEmpty())
        out << "id typed → story shown (" << storyMs.size() << " orders): p50 "
            << QString::number(storyMs.at(storyMs.size() / 2), 'f', 1) << " ms, max "
            << QString::number(storyMs.constLast(), 'f', 1) << " ms" << Qt::endl;
    const auto after = memoryMb();
    out << "memory of the console window with the panel open: RSS " << QString::number(after.first, 'f', 0)
        << " MB, peak " << QString::number(after.second, 'f', 0) << " MB" << Qt::endl;
    return 0;
}
