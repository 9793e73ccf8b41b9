#pragma once

#include <QFutureWatcher>
#include <QWidget>

#include <memory>

#include "ledger/TrialBalance.h"
#include "util/Result.h"

class QCheckBox;
class QDateEdit;
class QLabel;
class QPushButton;
class QTableView;

namespace paydesk {

class Database;
class TrialBalanceModel;

// Ledger panel: the chart of accounts with balances as of a chosen business date, and the
// trial balance per currency with a clear "balanced" verdict. Loads off the GUI thread.
class LedgerPanel : public QWidget
{
    Q_OBJECT

public:
    explicit LedgerPanel(std::shared_ptr<Database> database, QWidget *parent = nullptr);
    ~LedgerPanel() override;

    TrialBalanceModel *model() const { return m_model; }

public slots:
    void refresh();

signals:
    void loaded();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void showResult();

    std::shared_ptr<Database> m_database;
    TrialBalanceModel *m_model;
    QCheckBox *m_latest;
    QDateEdit *m_asOf;
    QPushButton *m_refresh;
    QTableView *m_table;
    QLabel *m_asOfLabel;
    QLabel *m_totals;
    QFutureWatcher<Result<TrialBalance>> m_watcher;
    bool m_refreshAgain = false;
};

} // namespace paydesk
