#include "widgets/fee/MerchantRatesView.h"

#include "core/channel/ChannelNames.h"
#include "widgets/common/Session.h"
#include "widgets/fee/ApplyTemplateDialog.h"
#include "widgets/fee/RateScheduleView.h"

#include <QEvent>
#include <QPushButton>
#include <QVBoxLayout>

namespace paydesk {

MerchantRatesView::MerchantRatesView(Session &session, QWidget *parent)
    : QWidget(parent), m_session(session), m_schedule(new RateScheduleView(session, RateSubject::Merchant, this)),
      m_applyTemplate(new QPushButton(this))
{
    setObjectName(QStringLiteral("merchantRatesView"));
    m_applyTemplate->setObjectName(QStringLiteral("applyTemplateToMerchantButton"));
    m_applyTemplate->setVisible(session.can(Permission::FeeManage));

    m_schedule->addButton(m_applyTemplate);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_schedule, 1);

    connect(m_applyTemplate, &QPushButton::clicked, this, &MerchantRatesView::applyTemplate);
    connect(m_schedule, &RateScheduleView::loaded, this, &MerchantRatesView::loaded);
    connect(m_schedule, &RateScheduleView::changed, this, &MerchantRatesView::changed);
    retranslate();
}

void MerchantRatesView::setMerchant(qint64 merchantId)
{
    m_merchantId = merchantId;
    m_schedule->setSubject(merchantId, merchantId > 0 ? ChannelNames::allMethods() : QList<PayMethod>());
    updateButtons();
}

void MerchantRatesView::reload()
{
    m_schedule->reload();
}

void MerchantRatesView::applyTemplate()
{
    if (m_merchantId <= 0)
        return;
    ApplyTemplateDialog dialog(m_session, this);
    dialog.checkMerchants({m_merchantId});
    if (dialog.exec() != QDialog::Accepted)
        return;
    m_schedule->reload();
    emit changed();
}

void MerchantRatesView::updateButtons()
{
    m_applyTemplate->setEnabled(m_session.can(Permission::FeeManage) && m_merchantId > 0);
}

void MerchantRatesView::retranslate()
{
    m_applyTemplate->setText(tr("Apply &template…"));
    updateButtons();
}

void MerchantRatesView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

} // namespace paydesk
