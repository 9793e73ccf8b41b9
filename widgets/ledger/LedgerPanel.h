#pragma once

#include <QWidget>

class QTabWidget;

namespace paydesk {

class BalancesView;
class JournalPanel;
class Session;

// The ledger: balances and trial balance for a chosen date, and the journal with its filters.
class LedgerPanel : public QWidget
{
    Q_OBJECT

public:
    explicit LedgerPanel(Session &session, QWidget *parent = nullptr);

    BalancesView *balances() const { return m_balances; }
    JournalPanel *journal() const { return m_journal; }
    QTabWidget *tabs() const { return m_tabs; }

public slots:
    void refresh();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();

    QTabWidget *m_tabs;
    BalancesView *m_balances;
    JournalPanel *m_journal;
};

} // namespace paydesk
