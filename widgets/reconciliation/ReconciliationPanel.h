#pragma once

#include "widgets/common/BackgroundCalls.h"

#include <QWidget>

class QTabWidget;

namespace paydesk {

class DiscrepancyChart;
class DiscrepancyPoolView;
class RunDiffView;
class RunsView;
class Session;
class StartRunBox;

// Reconciliation (对账) for finance: start a run of a channel account's day from the channel or a
// statement file and follow it; the run history with counts per category; the discrepancy pool
// with its maker-checker; a chart of the last 30 days; two runs of a day compared. Everything is
// read and run off the GUI thread. What the operator may not do is not shown: only recon.run
// starts runs, recon.resolve proposes, recon.approve decides.
class ReconciliationPanel : public QWidget
{
    Q_OBJECT

public:
    enum Tab
    {
        RunsTab,
        PoolTab,
        ChartTab,
        DiffTab
    };

    explicit ReconciliationPanel(Session &session, QWidget *parent = nullptr);

    QTabWidget *tabs() const { return m_tabs; }
    StartRunBox *startRunBox() const { return m_start; } // null without recon.run
    RunsView *runsView() const { return m_runs; }
    DiscrepancyPoolView *poolView() const { return m_pool; }
    DiscrepancyChart *chart() const { return m_chart; }
    RunDiffView *diffView() const { return m_diff; }

public slots:
    void reload();

signals:
    // Show the order's whole story (the Transactions panel's).
    void orderRequested(const QString &orderNo);
    void directoryLoaded();

protected:
    void changeEvent(QEvent *event) override;

private:
    void loadDirectory();
    void retranslate();

    Session &m_session;
    QTabWidget *m_tabs;
    StartRunBox *m_start = nullptr;
    RunsView *m_runs;
    DiscrepancyPoolView *m_pool;
    DiscrepancyChart *m_chart;
    RunDiffView *m_diff;
    BackgroundCalls m_calls;
};

} // namespace paydesk
