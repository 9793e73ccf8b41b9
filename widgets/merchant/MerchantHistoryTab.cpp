#include "widgets/merchant/MerchantHistoryTab.h"

#include "core/PaydeskCore.h"
#include "widgets/common/RecordTable.h"
#include "widgets/common/Session.h"
#include "widgets/merchant/MerchantHistoryModel.h"
#include "widgets/merchant/TableColumns.h"

#include <QEvent>
#include <QHeaderView>
#include <QLabel>
#include <QTableView>
#include <QVBoxLayout>

namespace paydesk {

MerchantHistoryTab::MerchantHistoryTab(Session &session, QWidget *parent)
    : QWidget(parent), m_session(session), m_model(new MerchantHistoryModel(this)), m_table(new QTableView(this)),
      m_message(new QLabel(this)), m_loader(this, [this](Result<QList<MerchantHistoryEntry>> entries) {
          m_message->setVisible(!entries);
          m_model->setEntries(entries ? *entries : QList<MerchantHistoryEntry>());
          if (!entries)
              m_message->setText(entries.error().message());
          TableColumns::fit(m_table);
          m_table->scrollToBottom();
          emit loaded();
      })
{
    setObjectName(QStringLiteral("merchantHistoryTab"));
    m_table->setObjectName(QStringLiteral("historyTable"));
    m_table->setModel(m_model);
    setUpRecordTable(m_table);
    m_message->setStyleSheet(QStringLiteral("color: #b00020"));
    m_message->setWordWrap(true);
    m_message->hide();
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_message);
}

void MerchantHistoryTab::setMerchant(qint64 merchantId)
{
    if (merchantId != m_merchantId)
        m_model->setEntries({});
    m_merchantId = merchantId;
    reload();
}

void MerchantHistoryTab::reload()
{
    if (m_merchantId == 0) {
        m_loader.cancel();
        m_model->setEntries({});
        return;
    }
    PaydeskCore *core = &m_session.core();
    const Actor actor = m_session.actor();
    const qint64 id = m_merchantId;
    m_loader.start([core, actor, id]() { return core->merchants().history(actor, id); });
}

void MerchantHistoryTab::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        m_model->retranslate();
    QWidget::changeEvent(event);
}

} // namespace paydesk
