#include "widgets/fee/FeesPanel.h"

#include "core/PaydeskCore.h"
#include "widgets/channel/ChoiceCombos.h"
#include "widgets/common/Session.h"
#include "widgets/fee/FeeQuoteView.h"
#include "widgets/fee/FeeTemplatesView.h"
#include "widgets/fee/MerchantRatesView.h"
#include "widgets/fee/RateScheduleView.h"

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QTabWidget>
#include <QVBoxLayout>

namespace paydesk {

FeesPanel::FeesPanel(Session &session, QWidget *parent)
    : QWidget(parent), m_session(session), m_tabs(new QTabWidget(this)), m_merchantTab(new QWidget(this)),
      m_costTab(new QWidget(this)), m_merchant(new QComboBox(this)), m_account(new QComboBox(this)),
      m_merchantLabel(new QLabel(this)), m_accountLabel(new QLabel(this)), m_message(new QLabel(this)),
      m_merchantRates(new MerchantRatesView(session, this)),
      m_costRates(new RateScheduleView(session, RateSubject::ChannelCost, this)),
      m_templates(new FeeTemplatesView(session, this)), m_quote(new FeeQuoteView(session, this)),
      m_loader(this, [this](Result<ChannelDirectory> directory) { showDirectory(std::move(directory)); })
{
    setObjectName(QStringLiteral("feesPanel"));
    m_tabs->setObjectName(QStringLiteral("feeTabs"));
    m_merchant->setObjectName(QStringLiteral("feeMerchantCombo"));
    m_account->setObjectName(QStringLiteral("costAccountCombo"));
    m_message->setObjectName(QStringLiteral("feesMessage"));
    m_costRates->setObjectName(QStringLiteral("channelCostView"));
    m_message->setWordWrap(true);
    m_message->setStyleSheet(QStringLiteral("color: #b00020"));
    m_merchant->setMinimumContentsLength(28);
    m_account->setMinimumContentsLength(28);

    auto *merchantRow = new QHBoxLayout;
    merchantRow->addWidget(m_merchantLabel);
    merchantRow->addWidget(m_merchant);
    merchantRow->addStretch();
    auto *merchantLayout = new QVBoxLayout(m_merchantTab);
    merchantLayout->addLayout(merchantRow);
    merchantLayout->addWidget(m_merchantRates, 1);

    auto *accountRow = new QHBoxLayout;
    accountRow->addWidget(m_accountLabel);
    accountRow->addWidget(m_account);
    accountRow->addStretch();
    auto *costLayout = new QVBoxLayout(m_costTab);
    costLayout->addLayout(accountRow);
    costLayout->addWidget(m_costRates, 1);

    m_tabs->addTab(m_merchantTab, QString());
    m_tabs->addTab(m_costTab, QString());
    m_tabs->addTab(m_templates, QString());
    m_tabs->addTab(m_quote, QString());
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_tabs, 1);
    layout->addWidget(m_message);

    connect(m_merchant, &QComboBox::currentIndexChanged, this, &FeesPanel::merchantChosen);
    connect(m_account, &QComboBox::currentIndexChanged, this, &FeesPanel::accountChosen);
    connect(m_templates, &FeeTemplatesView::applied, m_merchantRates, &MerchantRatesView::reload);
    connect(&session, &Session::dataChanged, this, &FeesPanel::reload);
    retranslate();
    reload();
}

void FeesPanel::reload()
{
    PaydeskCore *core = &m_session.core();
    const Actor actor = m_session.actor();
    m_loader.start([core, actor]() { return ChannelDirectory::load(*core, actor); });
}

void FeesPanel::showDirectory(Result<ChannelDirectory> directory)
{
    if (!directory) {
        m_message->setText(directory.error().message());
        return;
    }
    m_message->clear();
    m_directory = *directory;
    ChoiceCombos::fillMerchants(m_merchant, m_directory.merchants);
    ChoiceCombos::fillAccounts(m_account, m_directory.accounts);
    m_quote->setDirectory(m_directory);
    // Reload what is shown even when the choice stayed: rates may have changed elsewhere.
    merchantChosen();
    accountChosen();
    emit loaded();
}

bool FeesPanel::showMerchant(qint64 merchantId)
{
    m_tabs->setCurrentWidget(m_merchantTab);
    return ChoiceCombos::selectId(m_merchant, merchantId);
}

bool FeesPanel::showAccount(qint64 accountId)
{
    m_tabs->setCurrentWidget(m_costTab);
    return ChoiceCombos::selectId(m_account, accountId);
}

void FeesPanel::merchantChosen()
{
    m_merchantRates->setMerchant(ChoiceCombos::currentId(m_merchant));
}

void FeesPanel::accountChosen()
{
    const ChannelAccount *account = m_directory.account(ChoiceCombos::currentId(m_account));
    m_costRates->setSubject(account ? account->id : 0,
                            account ? ChoiceCombos::methodsOf(account->channel) : QList<PayMethod>());
}

void FeesPanel::retranslate()
{
    m_tabs->setTabText(0, tr("Merchant rates"));
    m_tabs->setTabText(1, tr("Channel costs"));
    m_tabs->setTabText(2, tr("Rate templates"));
    m_tabs->setTabText(3, tr("Fee calculator"));
    m_merchantLabel->setText(tr("Merchant:"));
    m_accountLabel->setText(tr("Channel account:"));
    ChoiceCombos::fillAccounts(m_account, m_directory.accounts);
}

void FeesPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

} // namespace paydesk
