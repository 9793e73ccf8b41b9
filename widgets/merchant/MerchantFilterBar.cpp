#include "widgets/merchant/MerchantFilterBar.h"

#include "widgets/merchant/MerchantText.h"

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QTimer>

namespace paydesk {

MerchantFilterBar::MerchantFilterBar(QWidget *parent)
    : QWidget(parent), m_search(new QLineEdit(this)), m_status(new QComboBox(this)), m_summary(new QLabel(this)),
      m_settle(new QTimer(this))
{
    setObjectName(QStringLiteral("merchantFilterBar"));
    m_search->setObjectName(QStringLiteral("merchantSearchEdit"));
    m_search->setClearButtonEnabled(true);
    m_status->setObjectName(QStringLiteral("merchantStatusFilter"));
    m_summary->setObjectName(QStringLiteral("merchantCounts"));
    m_status->addItem(QString());
    for (MerchantStatus status : MerchantNames::allStatuses())
        m_status->addItem(QString(), int(status));
    m_status->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_settle->setSingleShot(true);
    m_settle->setInterval(300);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_search, 2);
    layout->addWidget(m_status);
    layout->addWidget(m_summary, 1);

    connect(m_search, &QLineEdit::textEdited, this, [this](const QString &text) {
        if (!text.isEmpty()) // emptied: filtered at once below
            m_settle->start();
    });
    connect(m_search, &QLineEdit::returnPressed, this, [this]() {
        m_settle->stop();
        emit filterChanged();
    });
    connect(m_search, &QLineEdit::textChanged, this, [this](const QString &text) {
        if (text.isEmpty()) { // the clear button
            m_settle->stop();
            emit filterChanged();
        }
    });
    connect(m_settle, &QTimer::timeout, this, &MerchantFilterBar::filterChanged);
    connect(m_status, &QComboBox::activated, this, &MerchantFilterBar::filterChanged);
    retranslate();
}

MerchantFilter MerchantFilterBar::filter() const
{
    MerchantFilter filter;
    filter.text = m_search->text().trimmed();
    const QVariant status = m_status->currentData();
    if (status.isValid())
        filter.statuses.insert(MerchantStatus(status.toInt()));
    return filter;
}

void MerchantFilterBar::setStatus(std::optional<MerchantStatus> status)
{
    m_status->setCurrentIndex(status ? m_status->findData(int(*status)) : 0);
    emit filterChanged();
}

void MerchantFilterBar::setCounts(const QMap<MerchantStatus, qint64> &counts)
{
    m_counts = counts;
    m_hasCounts = true;
    retranslate();
}

void MerchantFilterBar::retranslate()
{
    m_search->setPlaceholderText(tr("Search name, merchant no., registration no. or phone"));
    qint64 total = 0;
    QStringList parts;
    for (MerchantStatus status : MerchantNames::allStatuses()) {
        const qint64 count = m_counts.value(status);
        total += count;
        const int index = m_status->findData(int(status));
        m_status->setItemText(index, m_hasCounts ? tr("%1 (%2)").arg(MerchantText::status(status)).arg(count)
                                                 : MerchantText::status(status));
        if (count > 0)
            parts << tr("%1 %2").arg(MerchantText::status(status)).arg(count);
    }
    m_status->setItemText(0, m_hasCounts ? tr("All statuses (%1)").arg(total) : tr("All statuses"));
    m_summary->setText(
        m_hasCounts ? tr("%n merchant(s): %1", nullptr, int(total)).arg(parts.join(QStringLiteral(" · "))) : QString());
    if (m_hasCounts && total == 0)
        m_summary->setText(tr("No merchants match."));
}

void MerchantFilterBar::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

} // namespace paydesk
