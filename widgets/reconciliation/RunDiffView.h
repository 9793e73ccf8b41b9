#pragma once

#include "core/channel/account/ChannelAccount.h"
#include "core/reconciliation/ReconciliationService.h"
#include "widgets/common/BackgroundCalls.h"
#include "widgets/common/PageLoader.h"
#include "widgets/reconciliation/ColumnFit.h"

#include <QWidget>

class QComboBox;
class QDateEdit;
class QLabel;
class QPushButton;
class QTableView;

namespace paydesk {

class RunDiffModel;
class Session;

// Two runs of one channel account and bill date compared (★ run diff): choose the day, the older
// and the newer run, and see which items changed category and why — another statement file, a
// resolution in between, changed settings, or our own records.
class RunDiffView : public QWidget
{
    Q_OBJECT

public:
    explicit RunDiffView(Session &session, QWidget *parent = nullptr);

    void setAccounts(const QList<ChannelAccount> &accounts);
    // The day's runs, with `newerRunId` (0: the latest) and the run before it chosen.
    void setDay(qint64 channelAccountId, const QDate &billDate, qint64 newerRunId = 0);

    QComboBox *accountCombo() const { return m_account; }
    QDateEdit *dateEdit() const { return m_date; }
    QComboBox *olderCombo() const { return m_older; }
    QComboBox *newerCombo() const { return m_newer; }
    QPushButton *compareButton() const { return m_compare; }
    QLabel *summaryLabel() const { return m_summary; }
    QTableView *table() const { return m_table; }
    RunDiffModel *model() const { return m_model; }

    void retranslate();

public slots:
    void compare();
    // Reads the chosen day's runs again (a run just ended), keeping the runs chosen and the
    // comparison shown.
    void reload();

signals:
    void runsLoaded();
    void compared(bool ok);

private:
    void loadRuns();
    void showRuns(Result<QList<ReconciliationRun>> runs);
    void showDiff(const Result<ReconciliationRunDiff> &diff);
    QString runLabel(const ReconciliationRun &run) const;
    void updateButtons();

    Session &m_session;
    QLabel *m_accountLabel;
    QComboBox *m_account;
    QLabel *m_dateLabel;
    QDateEdit *m_date;
    QLabel *m_olderLabel;
    QComboBox *m_older;
    QLabel *m_newerLabel;
    QComboBox *m_newer;
    QPushButton *m_compare;
    QLabel *m_summary;
    RunDiffModel *m_model;
    QTableView *m_table;
    QList<ReconciliationRun> m_runs;
    std::optional<ReconciliationRunDiff> m_diff;
    ColumnFit m_fit;
    qint64 m_wantedNewer = 0;
    qint64 m_wantedOlder = 0;
    bool m_compareAgain = false;
    PageLoader<QList<ReconciliationRun>> m_runLoader;
    PageLoader<ReconciliationRunDiff> m_diffLoader;
};

} // namespace paydesk
