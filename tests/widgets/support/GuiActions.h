#pragma once

// What a person does with the mouse and keyboard, for the console's end-to-end tests: each fails
// the test (QVERIFY/QFAIL) when the widget it needs is missing, hidden or disabled.

#include "tests/widgets/onboarding/PanelTestSupport.h"
#include "widgets/channel/ChannelAccountsPanel.h"
#include "widgets/channel/CredentialStatusModel.h"
#include "widgets/channel/CredentialsView.h"
#include "widgets/shell/MainWindow.h"

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QTest>
#include <QTimer>

// Stops the test at the first failure inside a helper (helpers report with QVERIFY and return).
#define STEP(call)                                                                                                     \
    do {                                                                                                               \
        call;                                                                                                          \
        if (QTest::currentTestFailed())                                                                                \
            return;                                                                                                    \
    } while (false)

namespace paydesk::test::gui {

inline bool choose(QComboBox *combo, const QVariant &data)
{
    const int index = combo ? combo->findData(data) : -1;
    if (index >= 0)
        combo->setCurrentIndex(index);
    return index >= 0;
}

// A push button pressed with the mouse; a hidden or disabled one fails the test instead of doing nothing.
inline void press(QAbstractButton *button)
{
    QVERIFY2(button, "no such button");
    QVERIFY2(button->isVisible(), qPrintable(button->objectName() + QStringLiteral(" is hidden")));
    QVERIFY2(button->isEnabled(), qPrintable(button->objectName() + QStringLiteral(" is disabled")));
    QTest::mouseClick(button, Qt::LeftButton);
}

inline void clickTab(QTabWidget *tabs, int index)
{
    QTabBar *bar = tabs->tabBar();
    QTest::mouseClick(bar, Qt::LeftButton, {}, bar->tabRect(index).center());
    QTRY_COMPARE(tabs->currentIndex(), index);
}

inline void clickRow(QTableView *table, int row)
{
    QVERIFY(row >= 0 && row < table->model()->rowCount());
    table->scrollTo(table->model()->index(row, 0));
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, table->visualRect(table->model()->index(row, 0)).center());
    QTRY_COMPARE(table->currentIndex().row(), row);
}

// The sidebar entry with this title, clicked; the panel comes up.
inline void openPanel(MainWindow &window, const QString &title, QWidget *panel)
{
    QVERIFY2(panel, qPrintable(title));
    const QList<QListWidgetItem *> items = window.navigation()->findItems(title, Qt::MatchExactly);
    QCOMPARE(items.size(), 1);
    QListWidget *navigation = window.navigation();
    QTest::mouseClick(navigation->viewport(), Qt::LeftButton, {}, navigation->visualItemRect(items.first()).center());
    QTRY_VERIFY(panel->isVisible());
}

// View → Refresh (F5): what an operator does to see a colleague's changes.
inline void refresh(MainWindow &window)
{
    for (QAction *action : window.findChildren<QAction *>()) {
        if (action->shortcut() == QKeySequence(QKeySequence::Refresh)) {
            action->trigger();
            return;
        }
    }
    QFAIL("no View → Refresh action");
}

// Answers the next QFileDialog (it has no object name) by typing the path and pressing Open.
inline void whenFileDialog(const QString &path, int *answered)
{
    auto *timer = new QTimer(qApp);
    timer->setInterval(10);
    QObject::connect(timer, &QTimer::timeout, qApp, [timer, path, answered]() {
        auto *dialog = qobject_cast<QFileDialog *>(QApplication::activeModalWidget());
        if (!dialog)
            return;
        timer->stop();
        timer->deleteLater();
        auto *name = dialog->findChild<QLineEdit *>(QStringLiteral("fileNameEdit"));
        QVERIFY(name);
        type(name, path);
        auto *buttons = dialog->findChild<QDialogButtonBox *>();
        QVERIFY(buttons);
        QPushButton *open = buttons->button(QDialogButtonBox::Open);
        QVERIFY(open && open->isEnabled());
        QTest::mouseClick(open, Qt::LeftButton);
        if (dialog->isVisible()) {
            qWarning("the file dialog did not take %s", qPrintable(path));
            dialog->reject();
        }
        ++*answered;
    });
    timer->start();
}

// Proposes one credential item through the accounts panel's "Set…" button and its dialog.
inline void setCredential(ChannelAccountsPanel *panel, const QString &item, const QByteArray &value)
{
    int answered = 0;
    whenModal(
        QStringLiteral("setCredentialDialog"),
        [value](QWidget *dialog) {
            if (auto *text = dialog->findChild<QPlainTextEdit *>(QStringLiteral("credentialTextEdit")))
                type(text, QString::fromUtf8(value));
            else
                type(child(dialog, "credentialLineEdit"), QString::fromUtf8(value.trimmed()));
            QTest::mouseClick(okButton(dialog), Qt::LeftButton);
            QVERIFY2(!dialog->isVisible(), qPrintable(child<QLabel>(dialog, "credentialMessage")->text()));
        },
        &answered);
    auto *table = panel->credentials()->findChild<QTableView *>(QStringLiteral("credentialTable"));
    table->scrollTo(table->model()->index(panel->credentials()->model()->rowOf(item), 0)); // as a person scrolls to it
    QTRY_VERIFY(panel->findChild<QPushButton *>(QStringLiteral("setCredential_") + item)->isVisible());
    press(panel->findChild<QPushButton *>(QStringLiteral("setCredential_") + item));
    QCOMPARE(answered, 1);
}

} // namespace paydesk::test::gui
