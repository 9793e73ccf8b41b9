#pragma once

#include "core/channel/account/ChannelAccount.h"
#include "widgets/reconciliation/ColumnFit.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QPushButton;
class QTableView;

namespace paydesk {

class DateRangeFilter;
class RunItemModel;
class RunModel;
class Session;
struct RunRow;

// The run history: runs by bill date and channel account with their status and counts per
// category; the chosen run's summary and the items it did not match below.
class RunsView : public QWidget
{
    Q_OBJECT

public:
    explicit RunsView(Session &session, QWidget *parent = nullptr);

    void setAccounts(const QList<ChannelAccount> &accounts);
    void reload();
    // Selects the run once it is listed (e.g. the one just started).
    void selectRun(qint64 runId);

    RunModel *runModel() const { return m_runs; }
    RunItemModel *itemModel() const { return m_items; }
    QTableView *runsTable() const { return m_runsTable; }
    QTableView *itemsTable() const { return m_itemsTable; }
    QLabel *summaryLabel() const { return m_summary; }
    QPushButton *compareButton() const { return m_compare; }
    DateRangeFilter *dateRange() const { return m_range; }
    QComboBox *accountCombo() const { return m_account; }

    void retranslate();

signals:
    // Compare the chosen run with another of its account and bill date.
    void compareRequested(qint64 channelAccountId, const QDate &billDate, qint64 runId);
    void runsLoaded();
    void itemsLoaded();

private:
    void applyFilter();
    void showSelected();
    QString summaryOf(const RunRow &row) const;
    const RunRow *selectedRun() const;

    Session &m_session;
    QList<ChannelAccount> m_accounts;
    QLabel *m_rangeLabel;
    DateRangeFilter *m_range;
    QLabel *m_accountLabel;
    QComboBox *m_account;
    QPushButton *m_refresh;
    RunModel *m_runs;
    QTableView *m_runsTable;
    QLabel *m_summary;
    QPushButton *m_compare;
    RunItemModel *m_items;
    QTableView *m_itemsTable;
    QLabel *m_message;
    ColumnFit m_runsFit;
    ColumnFit m_itemsFit;
    qint64 m_pendingSelection = 0;
};

} // namespace paydesk
