#include "app/console/DemoDataDialog.h"

#include "core/PaydeskCore.h"
#include "demo/DemoSetup.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QFutureWatcher>
#include <QPointer>
#include <QProgressDialog>
#include <QtConcurrent/QtConcurrentRun>

#include <atomic>

namespace paydesk::DemoDataDialog {

Status run(QWidget *parent, PaydeskCore &core)
{
    DemoSetup::Options options;
    options.historyOrders = 20000; // a month of orders for the transaction views
    options.historyDays = options.ledger.days;
    QProgressDialog progress(QCoreApplication::translate("DemoDataDialog", "Creating a demo database…"),
                             QCoreApplication::translate("DemoDataDialog", "Cancel"), 0, options.ledger.days, parent);
    progress.setObjectName(QStringLiteral("demoProgress"));
    progress.setWindowTitle(QCoreApplication::translate("DemoDataDialog", "Paydesk — first start"));
    progress.setMinimumDuration(0);
    progress.setWindowModality(Qt::ApplicationModal);

    auto cancelled = std::make_shared<std::atomic_bool>(false);
    QObject::connect(&progress, &QProgressDialog::canceled, [cancelled]() { *cancelled = true; });
    QPointer<QProgressDialog> guard(&progress);
    auto onProgress = [guard, cancelled](int done, int) {
        QMetaObject::invokeMethod(
            qApp,
            [guard, done]() {
                if (guard)
                    guard->setValue(done);
            },
            Qt::QueuedConnection);
        return !*cancelled;
    };

    QFutureWatcher<Result<DemoSetup::Summary>> watcher;
    QEventLoop loop;
    QObject::connect(&watcher, &QFutureWatcher<Result<DemoSetup::Summary>>::finished, &loop, &QEventLoop::quit);
    PaydeskCore *corePointer = &core;
    watcher.setFuture(QtConcurrent::run(
        [corePointer, options, onProgress]() { return DemoSetup::create(*corePointer, options, onProgress); }));
    loop.exec();
    const Result<DemoSetup::Summary> result = watcher.result();
    if (!result)
        return result.error();
    return {};
}

} // namespace paydesk::DemoDataDialog
