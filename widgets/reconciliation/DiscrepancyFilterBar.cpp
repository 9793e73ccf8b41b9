#include "widgets/reconciliation/DiscrepancyFilterBar.h"

#include "widgets/channel/ChoiceCombos.h"
#include "widgets/payment/DateRangeFilter.h"
#include "widgets/reconciliation/ReconciliationText.h"

#include <QComboBox>
#include <QGridLayout>
#include <QLabel>
#include <QPushButton>

namespace paydesk {

namespace {
// The status combo's items: unresolved (open or proposed), every status, or one of them.
constexpr int kUnresolved = -1;
constexpr int kAnyStatus = -2;
constexpr int kAnyCategory = -1;

const DiscrepancyStatus kStatuses[] = {DiscrepancyStatus::Open, DiscrepancyStatus::Proposed,
                                       DiscrepancyStatus::Resolved, DiscrepancyStatus::Gone};
// What the pool holds: every category but matched ones and those carried to the next day.
const DiscrepancyCategory kCategories[] = {
    DiscrepancyCategory::ChannelOnly,    DiscrepancyCategory::PlatformOnly, DiscrepancyCategory::AmountMismatch,
    DiscrepancyCategory::StatusMismatch, DiscrepancyCategory::FeeMismatch,  DiscrepancyCategory::DuplicateInStatement};
} // namespace

DiscrepancyFilterBar::DiscrepancyFilterBar(const Clock &clock, QWidget *parent)
    : QWidget(parent), m_statusLabel(new QLabel(this)), m_status(new QComboBox(this)),
      m_categoryLabel(new QLabel(this)), m_category(new QComboBox(this)), m_accountLabel(new QLabel(this)),
      m_account(new QComboBox(this)), m_rangeLabel(new QLabel(this)), m_range(new DateRangeFilter(clock, this)),
      m_refresh(new QPushButton(this))
{
    m_status->setObjectName(QStringLiteral("poolStatus"));
    m_category->setObjectName(QStringLiteral("poolCategory"));
    m_account->setObjectName(QStringLiteral("poolAccount"));
    m_range->setObjectName(QStringLiteral("poolDates"));
    m_refresh->setObjectName(QStringLiteral("poolRefresh"));
    m_status->addItem(QString(), kUnresolved);
    m_status->addItem(QString(), kAnyStatus);
    for (DiscrepancyStatus status : kStatuses)
        m_status->addItem(QString(), int(status));
    m_category->addItem(QString(), kAnyCategory);
    for (DiscrepancyCategory category : kCategories)
        m_category->addItem(QString(), int(category));
    // The combos give up width before the console does (at 1024 px the panel has ~800).
    for (QComboBox *combo : {m_status, m_category, m_account}) {
        combo->setMinimumContentsLength(10);
        combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    }
    m_range->setPreset(DateRangeFilter::AnyTime);

    // Two rows: what to show, then which days.
    auto *layout = new QGridLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_statusLabel, 0, 0);
    layout->addWidget(m_status, 0, 1);
    layout->addWidget(m_categoryLabel, 0, 2);
    layout->addWidget(m_category, 0, 3);
    layout->addWidget(m_accountLabel, 0, 4);
    layout->addWidget(m_account, 0, 5);
    layout->addWidget(m_rangeLabel, 1, 0);
    layout->addWidget(m_range, 1, 1, 1, 3, Qt::AlignLeft);
    layout->addWidget(m_refresh, 1, 5, Qt::AlignRight);
    for (int column : {1, 3, 5})
        layout->setColumnStretch(column, 1);

    for (QComboBox *combo : {m_status, m_category, m_account})
        connect(combo, &QComboBox::currentIndexChanged, this, &DiscrepancyFilterBar::changed);
    connect(m_range, &DateRangeFilter::changed, this, &DiscrepancyFilterBar::changed);
    connect(m_refresh, &QPushButton::clicked, this, &DiscrepancyFilterBar::refreshRequested);
    retranslate();
}

DiscrepancyFilter DiscrepancyFilterBar::filter() const
{
    DiscrepancyFilter filter;
    const int status = m_status->currentData().toInt();
    if (status == kUnresolved)
        filter.unresolvedOnly = true;
    else if (status != kAnyStatus)
        filter.status = DiscrepancyStatus(status);
    const int category = m_category->currentData().toInt();
    if (category != kAnyCategory)
        filter.category = DiscrepancyCategory(category);
    filter.channelAccountId = ChoiceCombos::currentId(m_account);
    filter.from = m_range->from();
    filter.to = m_range->to();
    return filter;
}

void DiscrepancyFilterBar::setAccounts(const QList<ChannelAccount> &accounts)
{
    if (ChoiceCombos::fillAccounts(m_account, accounts, {}, tr("All accounts")))
        emit changed();
}

void DiscrepancyFilterBar::showDay(const QDate &billDate)
{
    {
        const QSignalBlocker status(m_status);
        const QSignalBlocker category(m_category);
        const QSignalBlocker account(m_account);
        const QSignalBlocker range(m_range);
        m_status->setCurrentIndex(m_status->findData(kAnyStatus));
        m_category->setCurrentIndex(0);
        m_account->setCurrentIndex(0);
        m_range->setRange(billDate, billDate);
    }
    emit changed();
}

void DiscrepancyFilterBar::retranslate()
{
    m_statusLabel->setText(tr("Show:"));
    m_status->setItemText(0, tr("Open and waiting for approval"));
    m_status->setItemText(1, tr("All statuses"));
    for (int i = 2; i < m_status->count(); ++i)
        m_status->setItemText(i,
                              ReconciliationText::discrepancyStatus(DiscrepancyStatus(m_status->itemData(i).toInt())));
    m_categoryLabel->setText(tr("Category:"));
    m_category->setItemText(0, tr("All categories"));
    for (int i = 1; i < m_category->count(); ++i)
        m_category->setItemText(i, ReconciliationText::category(DiscrepancyCategory(m_category->itemData(i).toInt())));
    m_accountLabel->setText(tr("Account:"));
    if (m_account->count() > 0)
        m_account->setItemText(0, tr("All accounts"));
    m_rangeLabel->setText(tr("Bill dates:"));
    m_range->retranslate();
    m_refresh->setText(tr("Refresh"));
}

} // namespace paydesk
