#include "widgets/reconciliation/ReconciliationPanel.h"

#include "core/PaydeskCore.h"
#include "widgets/channel/ChannelDirectory.h"
#include "widgets/common/Session.h"
#include "widgets/reconciliation/DiscrepancyChart.h"
#include "widgets/reconciliation/DiscrepancyPoolView.h"
#include "widgets/reconciliation/RunDiffView.h"
#include "widgets/reconciliation/RunsView.h"
#include "widgets/reconciliation/StartRunBox.h"

#include <QEvent>
#include <QTabWidget>
#include <QVBoxLayout>

namespace paydesk {

ReconciliationPanel::ReconciliationPanel(Session &session, QWidget *parent)
    : QWidget(parent), m_session(session), m_tabs(new QTabWidget(this)), m_runs(new RunsView(session, this)),
      m_pool(new DiscrepancyPoolView(session, this)), m_chart(new DiscrepancyChart(session, this)),
      m_diff(new RunDiffView(session, this)), m_calls(this)
{
    setObjectName(QStringLiteral("reconciliationPanel"));
    m_tabs->setObjectName(QStringLiteral("reconciliationTabs"));
    auto *runsTab = new QWidget(this);
    auto *runsLayout = new QVBoxLayout(runsTab);
    if (session.can(Permission::ReconcileRun)) {
        m_start = new StartRunBox(session, runsTab);
        runsLayout->addWidget(m_start);
    }
    runsLayout->addWidget(m_runs, 1);
    m_tabs->addTab(runsTab, QString());
    m_tabs->addTab(m_pool, QString());
    m_tabs->addTab(m_chart, QString());
    m_tabs->addTab(m_diff, QString());
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_tabs);

    if (m_start) {
        connect(m_start, &StartRunBox::finished, this, [this](bool, qint64 runId) {
            // A failed or cancelled run is in the history too.
            if (runId != 0)
                m_runs->selectRun(runId);
            m_runs->reload();
            m_pool->reload();
            m_chart->reload();
            m_diff->reload();
        });
    }
    connect(m_runs, &RunsView::compareRequested, this, [this](qint64 accountId, const QDate &date, qint64 runId) {
        m_diff->setDay(accountId, date, runId);
        m_tabs->setCurrentIndex(DiffTab);
    });
    connect(m_pool, &DiscrepancyPoolView::orderRequested, this, &ReconciliationPanel::orderRequested);
    connect(m_chart, &DiscrepancyChart::dayChosen, this, [this](const QDate &day) {
        m_pool->showDay(day);
        m_tabs->setCurrentIndex(PoolTab);
    });
    connect(&session, &Session::dataChanged, this, &ReconciliationPanel::reload);
    retranslate();
    loadDirectory();
    m_chart->reload();
}

void ReconciliationPanel::loadDirectory()
{
    PaydeskCore &core = m_session.core();
    const Actor actor = m_session.actor();
    m_calls.run<ChannelDirectory>([&core, actor]() { return ChannelDirectory::load(core, actor); },
                                  [this](Result<ChannelDirectory> directory) {
                                      if (!directory)
                                          return;
                                      if (m_start)
                                          m_start->setAccounts(directory->accounts);
                                      m_runs->setAccounts(directory->accounts);
                                      m_pool->setDirectory(*directory);
                                      m_diff->setAccounts(directory->accounts);
                                      emit directoryLoaded();
                                  });
}

void ReconciliationPanel::reload()
{
    loadDirectory();
    m_runs->reload();
    m_pool->reload();
    m_chart->reload();
    m_diff->reload();
}

void ReconciliationPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void ReconciliationPanel::retranslate()
{
    m_tabs->setTabText(RunsTab, tr("Runs"));
    m_tabs->setTabText(PoolTab, tr("Discrepancy pool"));
    m_tabs->setTabText(ChartTab, tr("Last 30 days"));
    m_tabs->setTabText(DiffTab, tr("Compare runs"));
    if (m_start)
        m_start->retranslate();
    m_runs->retranslate();
    m_pool->retranslate();
    m_chart->retranslate();
    m_diff->retranslate();
}

} // namespace paydesk
