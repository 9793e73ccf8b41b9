#include "MainWindow.h"

#include "ledger/LedgerPanel.h"
#include "storage/Database.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>

namespace paydesk {

MainWindow::MainWindow(std::shared_ptr<Database> database, QWidget *parent)
    : QMainWindow(parent),
      m_database(std::move(database)),
      m_navigation(new QListWidget(this)),
      m_panels(new QStackedWidget(this)),
      m_ledgerPanel(new LedgerPanel(m_database, this)),
      m_databaseLabel(new QLabel(this))
{
    setObjectName(QStringLiteral("mainWindow"));
    m_navigation->setObjectName(QStringLiteral("navigation"));
    m_navigation->setMaximumWidth(220);
    m_navigation->addItem(QString());
    m_panels->addWidget(m_ledgerPanel);

    auto *splitter = new QSplitter(this);
    splitter->addWidget(m_navigation);
    splitter->addWidget(m_panels);
    splitter->setStretchFactor(1, 1);
    setCentralWidget(splitter);
    statusBar()->addPermanentWidget(m_databaseLabel);
    connect(m_navigation, &QListWidget::currentRowChanged, m_panels, &QStackedWidget::setCurrentIndex);

    createMenus();
    retranslate();

    QSettings settings;
    if (!restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray()))
        resize(1180, 720);
    m_navigation->setCurrentRow(qBound(0, settings.value(QStringLiteral("window/panel")).toInt(), m_panels->count() - 1));
}

void MainWindow::createMenus()
{
    m_fileMenu = menuBar()->addMenu(QString());
    m_quitAction = m_fileMenu->addAction(QString(), qApp, &QApplication::closeAllWindows);
    m_quitAction->setShortcut(QKeySequence::Quit);
    m_viewMenu = menuBar()->addMenu(QString());
    m_refreshAction = m_viewMenu->addAction(QString(), m_ledgerPanel, &LedgerPanel::refresh);
    m_refreshAction->setShortcut(QKeySequence::Refresh);
    m_helpMenu = menuBar()->addMenu(QString());
    m_aboutAction = m_helpMenu->addAction(QString(), this, &MainWindow::showAbout);
}

void MainWindow::retranslate()
{
    setWindowTitle(tr("Paydesk — payment operations console"));
    m_navigation->item(0)->setText(tr("Ledger"));
    m_fileMenu->setTitle(tr("&File"));
    m_quitAction->setText(tr("&Quit"));
    m_viewMenu->setTitle(tr("&View"));
    m_refreshAction->setText(tr("&Refresh"));
    m_helpMenu->setTitle(tr("&Help"));
    m_aboutAction->setText(tr("&About Paydesk"));
    m_databaseLabel->setText(tr("Database: %1").arg(m_database->url().toDisplayString()));
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About Paydesk"),
                       tr("<h3>Paydesk %1</h3><p>Console for an aggregated payment platform: merchants, channels, "
                          "orders, reconciliation, clearing and settlement over a double-entry ledger.</p>")
                           .arg(QApplication::applicationVersion()));
}

void MainWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QMainWindow::changeEvent(event);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/panel"), m_navigation->currentRow());
    QMainWindow::closeEvent(event);
}

} // namespace paydesk
