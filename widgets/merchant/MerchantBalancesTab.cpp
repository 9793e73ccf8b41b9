#include "widgets/merchant/MerchantBalancesTab.h"

#include "core/PaydeskCore.h"
#include "core/merchant/MerchantLedger.h"
#include "widgets/common/Session.h"
#include "widgets/format/DisplayFormat.h"

#include <QEvent>
#include <QFontDatabase>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace paydesk {

MerchantBalancesTab::MerchantBalancesTab(Session &session, QWidget *parent)
    : QWidget(parent), m_session(session), m_heading(new QLabel(this)), m_note(new QLabel(this)),
      m_refresh(new QPushButton(this)),
      m_loader(this, [this](Result<MerchantBalances> balances) { showBalances(std::move(balances)); })
{
    setObjectName(QStringLiteral("merchantBalancesTab"));
    m_refresh->setObjectName(QStringLiteral("refreshBalancesButton"));
    m_note->setObjectName(QStringLiteral("balancesNote"));
    m_note->setWordWrap(true);
    const char *const names[] = {"pendingBalance", "availableBalance", "frozenBalance"};
    auto *grid = new QGridLayout;
    grid->setHorizontalSpacing(24);
    QFont big = font();
    big.setPointSizeF(big.pointSizeF() * 1.3);
    big.setBold(true);
    for (int row = 0; row < 3; ++row) {
        m_names[row] = new QLabel(this);
        m_accounts[row] = new QLabel(this);
        m_accounts[row]->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
        m_accounts[row]->setTextInteractionFlags(Qt::TextSelectableByMouse);
        m_amounts[row] = new QLabel(this);
        m_amounts[row]->setObjectName(QString::fromLatin1(names[row]));
        m_amounts[row]->setFont(big);
        m_amounts[row]->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_amounts[row]->setMinimumWidth(160);
        grid->addWidget(m_names[row], row, 0);
        grid->addWidget(m_amounts[row], row, 1);
        grid->addWidget(m_accounts[row], row, 2);
    }
    grid->setColumnStretch(3, 1);
    auto *top = new QHBoxLayout;
    top->addWidget(m_heading, 1);
    top->addWidget(m_refresh);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addLayout(grid);
    layout->addWidget(m_note);
    layout->addStretch(1);
    connect(m_refresh, &QPushButton::clicked, this, &MerchantBalancesTab::reload);
    connect(&session, &Session::dataChanged, this, &MerchantBalancesTab::reload);
    retranslate();
}

void MerchantBalancesTab::setMerchant(const Merchant &merchant)
{
    if (merchant.id != m_merchant.id)
        m_balances.reset();
    m_merchant = merchant;
    reload();
}

void MerchantBalancesTab::reload()
{
    m_error.clear();
    if (m_merchant.id == 0) {
        m_loader.cancel();
        m_balances.reset();
        retranslate();
        return;
    }
    PaydeskCore *core = &m_session.core();
    const Actor actor = m_session.actor();
    const qint64 id = m_merchant.id;
    m_loader.start([core, actor, id]() { return core->merchants().balances(actor, id); });
}

void MerchantBalancesTab::showBalances(Result<MerchantBalances> balances)
{
    if (balances) {
        m_balances = *balances;
    } else {
        m_balances.reset();
        m_error = balances.error().message();
    }
    retranslate();
    emit loaded();
}

QString MerchantBalancesTab::balanceText(int row) const
{
    return m_amounts[row]->text();
}

void MerchantBalancesTab::retranslate()
{
    m_refresh->setText(tr("Refresh"));
    m_names[0]->setText(tr("Pending"));
    m_names[1]->setText(tr("Available"));
    m_names[2]->setText(tr("Frozen"));
    m_names[0]->setToolTip(tr("Paid by customers, not yet due to the merchant"));
    m_names[1]->setToolTip(tr("Due to the merchant: what the next payout may pay"));
    m_names[2]->setToolTip(tr("Held back: the reserve, or everything while the merchant is frozen"));
    m_heading->setText(
        m_merchant.id == 0
            ? QString()
            : tr("Ledger accounts of %1 (%2)").arg(m_merchant.merchantNo, m_merchant.profile.currency.code()));
    const QStringList accounts =
        m_merchant.id == 0 ? QStringList() : MerchantLedger::accountNames(m_merchant.merchantNo);
    for (int row = 0; row < 3; ++row) {
        m_accounts[row]->setText(accounts.value(row));
        m_amounts[row]->setText(QStringLiteral("—"));
    }
    m_note->setStyleSheet(QString());
    if (!m_error.isEmpty()) {
        m_note->setStyleSheet(QStringLiteral("color: #b00020"));
        m_note->setText(m_error);
        return;
    }
    if (!m_balances) {
        m_note->clear();
        return;
    }
    const Money amounts[] = {m_balances->pending, m_balances->available, m_balances->frozen};
    for (int row = 0; row < 3; ++row)
        m_amounts[row]->setText(DisplayFormat::moneyWithCurrency(amounts[row]));
    m_note->setText(m_balances->accountsOpen ? QString()
                                             : tr("The ledger accounts open when the merchant is approved."));
}

void MerchantBalancesTab::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

} // namespace paydesk
