#include "widgets/merchant/MerchantsPanel.h"

#include "core/PaydeskCore.h"
#include "widgets/common/RecordTable.h"
#include "widgets/common/Session.h"
#include "widgets/merchant/MerchantDetailView.h"
#include "widgets/merchant/MerchantFilterBar.h"
#include "widgets/merchant/MerchantModel.h"
#include "widgets/merchant/NewMerchantDialog.h"
#include "widgets/merchant/TableColumns.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace paydesk {

MerchantsPanel::MerchantsPanel(Session &session, QWidget *parent)
    : QWidget(parent), m_session(session), m_model(new MerchantModel(session, MerchantModel::Source::Filter, this)),
      m_filter(new MerchantFilterBar(this)), m_create(new QPushButton(this)), m_table(new QTableView(this)),
      m_message(new QLabel(this)), m_detail(new MerchantDetailView(session, this)),
      m_counts(this, [this](Result<QMap<MerchantStatus, qint64>> counts) {
          if (counts)
              m_filter->setCounts(*counts);
          else
              m_message->setText(counts.error().message());
          emit countsLoaded();
      })
{
    setObjectName(QStringLiteral("merchantsPanel"));
    m_create->setObjectName(QStringLiteral("newMerchantButton"));
    m_table->setObjectName(QStringLiteral("merchantTable"));
    m_message->setObjectName(QStringLiteral("merchantsMessage"));
    m_message->setStyleSheet(QStringLiteral("color: #b00020"));
    m_message->setWordWrap(true);
    m_message->hide();
    m_create->setEnabled(session.can(Permission::MerchantEdit));
    m_table->setModel(m_model);
    setUpRecordTable(m_table);
    m_table->setWordWrap(false);
    m_table->setColumnHidden(MerchantModel::SubmittedByColumn, true);

    auto *top = new QHBoxLayout;
    top->addWidget(m_filter, 1);
    top->addWidget(m_create);
    auto *listPage = new QWidget(this);
    auto *listLayout = new QVBoxLayout(listPage);
    listLayout->setContentsMargins(0, 0, 0, 0);
    listLayout->addLayout(top);
    listLayout->addWidget(m_table, 1);
    listLayout->addWidget(m_message);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->setObjectName(QStringLiteral("merchantsSplitter"));
    splitter->addWidget(listPage);
    splitter->addWidget(m_detail);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    splitter->setChildrenCollapsible(false);
    splitter->setSizes({340, 520});
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(splitter);

    connect(m_filter, &MerchantFilterBar::filterChanged, this, &MerchantsPanel::applyFilter);
    connect(m_create, &QPushButton::clicked, this, &MerchantsPanel::createMerchant);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &MerchantsPanel::showSelected);
    connect(m_model, &MerchantModel::pageLoaded, this, [this]() {
        m_message->hide();
        if (m_model->rowCount() <= MerchantModel::PageSize) {
            TableColumns::fit(m_table);
        }
        selectPending();
    });
    connect(m_model, &MerchantModel::loadFailed, this, [this](const QString &message) {
        m_message->setText(message);
        m_message->show();
    });
    connect(m_detail, &MerchantDetailView::merchantChanged, this, &MerchantsPanel::merchantChanged);
    connect(&session, &Session::dataChanged, this, [this]() {
        if (m_ownChange)
            return;
        // Changed elsewhere (another panel, the review queue): list anew, keep the selection.
        const qint64 selected = m_detail->merchant().id;
        m_pendingSelection = selected;
        m_model->reload();
        reloadCounts();
    });
    retranslate();
    applyFilter();
}

void MerchantsPanel::applyFilter()
{
    const qint64 selected = m_detail->merchant().id;
    m_pendingSelection = selected;
    m_model->setFilter(m_filter->filter());
    reloadCounts();
}

void MerchantsPanel::reloadCounts()
{
    PaydeskCore *core = &m_session.core();
    const Actor actor = m_session.actor();
    const MerchantFilter filter = m_filter->filter();
    m_counts.start([core, actor, filter]() { return core->merchants().countsByStatus(actor, filter); });
}

void MerchantsPanel::select(qint64 merchantId)
{
    m_pendingSelection = merchantId;
    selectPending();
}

void MerchantsPanel::showMerchant(qint64 merchantId, const QString &merchantNo)
{
    m_filter->setStatus(std::nullopt);
    m_filter->searchEdit()->setText(merchantNo);
    applyFilter();
    select(merchantId);
}

void MerchantsPanel::selectPending()
{
    if (m_pendingSelection == 0)
        return;
    const int row = m_model->rowOfId(m_pendingSelection);
    if (row < 0)
        return;
    m_pendingSelection = 0;
    m_table->setCurrentIndex(m_model->index(row, 0));
    m_table->scrollTo(m_model->index(row, 0));
}

void MerchantsPanel::showSelected()
{
    // A reload empties the list for a moment: the merchant stays shown until another is chosen.
    const QModelIndex current = m_table->currentIndex();
    if (current.isValid())
        m_detail->setMerchant(m_model->at(current.row()));
}

void MerchantsPanel::merchantChanged(const Merchant &merchant)
{
    m_model->replace(merchant);
    reloadCounts();
}

void MerchantsPanel::createMerchant()
{
    NewMerchantDialog dialog(m_session, this);
    m_ownChange = true;
    const int result = dialog.exec();
    m_ownChange = false;
    if (result != QDialog::Accepted)
        return;
    // The new draft is the newest merchant: on the first page when the filter lets it through.
    m_pendingSelection = dialog.created().id;
    m_model->reload();
    reloadCounts();
}

void MerchantsPanel::retranslate()
{
    m_create->setText(tr("&New merchant…"));
    m_create->setToolTip(m_session.can(Permission::MerchantEdit)
                             ? QString()
                             : tr("Registering merchants needs the merchant edit permission."));
}

void MerchantsPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
        m_model->retranslate();
    }
    QWidget::changeEvent(event);
}

} // namespace paydesk
