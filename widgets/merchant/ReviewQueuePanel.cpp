#include "widgets/merchant/ReviewQueuePanel.h"

#include "core/PaydeskCore.h"
#include "widgets/common/RecordTable.h"
#include "widgets/common/Session.h"
#include "widgets/format/DisplayFormat.h"
#include "widgets/merchant/MerchantActions.h"
#include "widgets/merchant/MerchantDocumentsTab.h"
#include "widgets/merchant/MerchantModel.h"
#include "widgets/merchant/MerchantProfileForm.h"
#include "widgets/merchant/MerchantText.h"
#include "widgets/merchant/TableColumns.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace paydesk {

ReviewQueuePanel::ReviewQueuePanel(Session &session, QWidget *parent)
    : QWidget(parent), m_session(session),
      m_model(new MerchantModel(session, MerchantModel::Source::ReviewQueue, this)), m_table(new QTableView(this)),
      m_count(new QLabel(this)), m_refresh(new QPushButton(this)), m_stack(new QStackedWidget(this)),
      m_placeholder(new QLabel(this)), m_title(new QLabel(this)), m_hint(new QLabel(this)),
      m_actions(new MerchantActions(session, this)), m_tabs(new QTabWidget(this)),
      m_form(new MerchantProfileForm(this)), m_documents(new MerchantDocumentsTab(session, this))
{
    setObjectName(QStringLiteral("reviewQueuePanel"));
    m_table->setObjectName(QStringLiteral("reviewQueueTable"));
    m_count->setObjectName(QStringLiteral("reviewQueueCount"));
    m_refresh->setObjectName(QStringLiteral("refreshQueueButton"));
    m_title->setObjectName(QStringLiteral("reviewTitle"));
    m_hint->setObjectName(QStringLiteral("reviewHint"));
    m_tabs->setObjectName(QStringLiteral("reviewTabs"));
    m_table->setModel(m_model);
    setUpRecordTable(m_table);
    m_table->setWordWrap(false);
    for (int column :
         {int(MerchantModel::StatusColumn), int(MerchantModel::RegistrationColumn), int(MerchantModel::ContactColumn)})
        m_table->setColumnHidden(column, true);
    m_actions->setOffered({MerchantAction::Approve, MerchantAction::Reject});
    m_form->setEditScope(MerchantEditScope::None);
    m_documents->setReadOnly(true);
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true);
    m_title->setTextFormat(Qt::RichText);
    m_hint->setWordWrap(true);
    m_hint->setStyleSheet(
        QStringLiteral("QLabel { background: #fff4ce; border: 1px solid #e0b000; border-radius: 3px; padding: 6px; }"));
    m_hint->hide();

    auto *profileScroll = new QScrollArea(this);
    profileScroll->setWidget(m_form);
    profileScroll->setWidgetResizable(true);
    profileScroll->setFrameShape(QFrame::NoFrame);
    m_tabs->addTab(profileScroll, QString());
    m_tabs->addTab(m_documents, QString());

    auto *queueTop = new QHBoxLayout;
    queueTop->addWidget(m_count, 1);
    queueTop->addWidget(m_refresh);
    auto *queuePage = new QWidget(this);
    auto *queueLayout = new QVBoxLayout(queuePage);
    queueLayout->setContentsMargins(0, 0, 0, 0);
    queueLayout->addLayout(queueTop);
    queueLayout->addWidget(m_table, 1);

    auto *heading = new QHBoxLayout;
    heading->addWidget(m_title, 1);
    heading->addWidget(m_actions);
    auto *reviewPage = new QWidget(this);
    auto *reviewLayout = new QVBoxLayout(reviewPage);
    reviewLayout->setContentsMargins(0, 0, 0, 0);
    reviewLayout->addLayout(heading);
    reviewLayout->addWidget(m_hint);
    reviewLayout->addWidget(m_tabs, 1);
    m_stack->addWidget(m_placeholder);
    m_stack->addWidget(reviewPage);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(queuePage);
    splitter->addWidget(m_stack);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 5);
    splitter->setChildrenCollapsible(false);
    splitter->setSizes({260, 600});
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(splitter);

    connect(m_refresh, &QPushButton::clicked, this, &ReviewQueuePanel::reload);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &ReviewQueuePanel::showSelected);
    connect(m_model, &MerchantModel::pageLoaded, this, [this]() {
        TableColumns::fit(m_table);
        // After a reload: the merchant shown before if it still waits, else the one that took
        // the reviewed merchant's place.
        const int kept = m_reselectId != 0 ? m_model->rowOfId(m_reselectId) : -1;
        if (kept >= 0) {
            m_table->setCurrentIndex(m_model->index(kept, 0));
            m_reselectId = 0;
            m_reselectRow = -1;
        } else if (m_reselectRow >= 0 && m_model->rowCount() > 0 &&
                   (m_model->rowCount() > m_reselectRow || m_model->isComplete())) {
            m_table->setCurrentIndex(m_model->index(qMin(m_reselectRow, m_model->rowCount() - 1), 0));
            m_reselectId = 0;
            m_reselectRow = -1;
        }
        retranslate();
    });
    connect(m_model, &QAbstractItemModel::modelAboutToBeReset, this, [this]() {
        if (m_reselectRow < 0)
            m_reselectId = m_merchant.id;
    });
    connect(m_model, &QAbstractItemModel::modelReset, this, [this]() {
        m_merchant = Merchant();
        showSelected();
    });
    connect(m_actions, &MerchantActions::performed, this, [this](const Merchant &merchant) {
        emit reviewed(merchant);
        m_reselectId = 0;
        m_reselectRow = m_table->currentIndex().row();
        reload();
    });
    connect(m_actions, &MerchantActions::failed, this, [this](const Error &error) {
        if (error.code() == ErrorCode::MerchantChangedMeanwhile || error.code() == ErrorCode::MerchantTransitionRefused)
            reload(); // someone else reviewed it meanwhile
    });
    connect(&session, &Session::dataChanged, this, [this]() {
        if (!m_actions->isBusy())
            reload();
    });
    retranslate();
    reload();
}

void ReviewQueuePanel::reload()
{
    m_model->reload();
}

void ReviewQueuePanel::showSelected()
{
    const QModelIndex current = m_table->currentIndex();
    m_merchant = current.isValid() ? m_model->at(current.row()) : Merchant();
    m_stack->setCurrentIndex(m_merchant.id == 0 ? 0 : 1);
    m_actions->setMerchant(m_merchant);
    m_form->setProfile(m_merchant.profile, m_merchant.masked);
    m_form->setEditScope(MerchantEditScope::None);
    m_documents->setMerchant(m_merchant);
    retranslate();
}

void ReviewQueuePanel::retranslate()
{
    m_refresh->setText(tr("&Refresh"));
    m_tabs->setTabText(0, tr("Profile"));
    m_tabs->setTabText(1, tr("Documents"));
    m_placeholder->setText(m_model->rowCount() == 0 && !m_model->isLoading()
                               ? tr("No merchant is waiting for review.")
                               : tr("Select a merchant to review its profile and documents."));
    const int rows = m_model->rowCount();
    m_count->setText(m_model->isComplete()
                         ? tr("%n merchant(s) waiting for review, oldest first", nullptr, rows)
                         : tr("At least %n merchant(s) waiting for review, oldest first", nullptr, rows));
    const Merchant &m = m_merchant;
    if (m.id == 0) {
        m_title->clear();
        m_hint->hide();
        return;
    }
    const QString name = m.profile.shortName.isEmpty() ? m.profile.legalName : m.profile.shortName;
    m_title->setText(
        QStringLiteral("<span style='font-size:large'><b>%1</b>&nbsp;&nbsp;%2</span><br>"
                       "<span style='color:#5f6368'>%3</span>")
            .arg(m.merchantNo.toHtmlEscaped(), name.toHtmlEscaped(),
                 tr("%1 · submitted by %2 at %3")
                     .arg(MerchantText::type(m.profile.type), m.submittedBy, DisplayFormat::dateTime(m.submittedAt))
                     .toHtmlEscaped()));
    const bool own = m.submittedBy == m_session.actor().name();
    m_hint->setVisible(own);
    m_hint->setText(tr("You submitted this merchant: a colleague must review it (four-eyes rule)."));
}

void ReviewQueuePanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
        m_model->retranslate();
    }
    QWidget::changeEvent(event);
}

} // namespace paydesk
