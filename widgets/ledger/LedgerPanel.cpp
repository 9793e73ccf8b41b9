#include "widgets/ledger/LedgerPanel.h"

#include "widgets/ledger/BalancesView.h"
#include "widgets/ledger/JournalModel.h"
#include "widgets/ledger/JournalPanel.h"

#include <QEvent>
#include <QTabWidget>
#include <QVBoxLayout>

namespace paydesk {

LedgerPanel::LedgerPanel(Session &session, QWidget *parent)
    : QWidget(parent), m_tabs(new QTabWidget(this)), m_balances(new BalancesView(session, this)),
      m_journal(new JournalPanel(session, this))
{
    setObjectName(QStringLiteral("ledgerPanel"));
    m_tabs->setObjectName(QStringLiteral("ledgerTabs"));
    m_tabs->addTab(m_balances, QString());
    m_tabs->addTab(m_journal, QString());
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_tabs);
    retranslate();
}

void LedgerPanel::refresh()
{
    m_balances->refresh();
    m_journal->reloadAccounts();
    m_journal->model()->reload();
}

void LedgerPanel::retranslate()
{
    m_tabs->setTabText(0, tr("Balances && trial balance"));
    m_tabs->setTabText(1, tr("Journal"));
}

void LedgerPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

} // namespace paydesk
