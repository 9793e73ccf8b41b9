#pragma once

#include "core/ledger/TrialBalance.h"
#include "widgets/common/PageLoader.h"

#include <QWidget>

class QCheckBox;
class QDateEdit;
class QLabel;
class QPushButton;
class QTableView;

namespace paydesk {

class Session;
class TrialBalanceModel;

// The chart of accounts with balances as of a chosen business date (or all postings), and
// the trial balance per currency with a clear "balanced" verdict. Loads off the GUI thread.
class BalancesView : public QWidget
{
    Q_OBJECT

public:
    explicit BalancesView(Session &session, QWidget *parent = nullptr);

    TrialBalanceModel *model() const { return m_model; }
    // Writes the shown trial balance as CSV through the core (ledger.export, audited).
    Status exportTo(const QString &path);

public slots:
    void refresh();
    void exportWithDialog();

signals:
    void loaded();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void showResult(Result<TrialBalance> result);
    QDate chosenDate() const;

    Session &m_session;
    TrialBalanceModel *m_model;
    QCheckBox *m_latest;
    QDateEdit *m_asOf;
    QPushButton *m_refresh;
    QPushButton *m_export;
    QTableView *m_table;
    QLabel *m_asOfLabel;
    QLabel *m_totals;
    PageLoader<TrialBalance> m_loader;
};

} // namespace paydesk
