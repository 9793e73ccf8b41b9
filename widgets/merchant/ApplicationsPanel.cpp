#include "widgets/merchant/ApplicationsPanel.h"

#include "core/PaydeskCore.h"
#include "widgets/common/RecordTable.h"
#include "widgets/common/Session.h"
#include "widgets/merchant/ApplicationDialog.h"
#include "widgets/merchant/ApplicationKeysView.h"
#include "widgets/merchant/ApplicationModel.h"
#include "widgets/merchant/TableColumns.h"

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace paydesk {

ApplicationsPanel::ApplicationsPanel(Session &session, QWidget *parent)
    : QWidget(parent), m_session(session), m_model(new ApplicationModel(session, this)), m_search(new QLineEdit(this)),
      m_scope(new QComboBox(this)), m_create(new QPushButton(this)), m_edit(new QPushButton(this)),
      m_toggle(new QPushButton(this)), m_table(new QTableView(this)), m_message(new QLabel(this)),
      m_keys(new ApplicationKeysView(session, this)), m_settle(new QTimer(this)), m_calls(this)
{
    setObjectName(QStringLiteral("applicationsPanel"));
    m_search->setObjectName(QStringLiteral("appSearchEdit"));
    m_scope->setObjectName(QStringLiteral("appScopeCombo"));
    m_create->setObjectName(QStringLiteral("newApplicationButton"));
    m_edit->setObjectName(QStringLiteral("editApplicationButton"));
    m_toggle->setObjectName(QStringLiteral("toggleApplicationButton"));
    m_table->setObjectName(QStringLiteral("applicationTable"));
    m_message->setObjectName(QStringLiteral("applicationsMessage"));
    m_search->setClearButtonEnabled(true);
    m_scope->addItem(QString(), int(ApplicationFilter::Scope::Any));
    m_scope->addItem(QString(), int(ApplicationFilter::Scope::Platform));
    m_message->setStyleSheet(QStringLiteral("color: #b00020"));
    m_message->setWordWrap(true);
    m_message->hide();
    m_settle->setSingleShot(true);
    m_settle->setInterval(300);
    m_table->setModel(m_model);
    setUpRecordTable(m_table);
    m_table->setWordWrap(false);

    auto *top = new QHBoxLayout;
    top->addWidget(m_search, 1);
    top->addWidget(m_scope);
    top->addWidget(m_create);
    top->addWidget(m_edit);
    top->addWidget(m_toggle);
    auto *listPage = new QWidget(this);
    auto *listLayout = new QVBoxLayout(listPage);
    listLayout->setContentsMargins(0, 0, 0, 0);
    listLayout->addLayout(top);
    listLayout->addWidget(m_table, 1);
    listLayout->addWidget(m_message);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(listPage);
    splitter->addWidget(m_keys);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    splitter->setChildrenCollapsible(false);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(splitter);

    connect(m_search, &QLineEdit::textEdited, m_settle, qOverload<>(&QTimer::start));
    connect(m_search, &QLineEdit::returnPressed, this, &ApplicationsPanel::reload);
    connect(m_settle, &QTimer::timeout, this, &ApplicationsPanel::reload);
    connect(m_scope, &QComboBox::activated, this, &ApplicationsPanel::reload);
    connect(m_create, &QPushButton::clicked, this, &ApplicationsPanel::createApplication);
    connect(m_edit, &QPushButton::clicked, this, &ApplicationsPanel::editSelected);
    connect(m_toggle, &QPushButton::clicked, this, &ApplicationsPanel::toggleSelected);
    connect(m_table, &QTableView::doubleClicked, this, &ApplicationsPanel::editSelected);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this]() {
        updateButtons();
        m_keys->setApplication(selected());
    });
    connect(m_model, &QAbstractItemModel::modelReset, this, [this]() {
        m_keys->setApplication(Application());
        updateButtons();
    });
    connect(m_model, &ApplicationModel::pageLoaded, this, [this]() {
        m_message->hide();
        if (m_model->rowCount() <= ApplicationModel::PageSize)
            TableColumns::fit(m_table);
        if (m_pendingSelection != 0) {
            const int row = m_model->rowOfId(m_pendingSelection);
            if (row >= 0) {
                m_pendingSelection = 0;
                m_table->setCurrentIndex(m_model->index(row, 0));
            }
        }
    });
    connect(m_model, &ApplicationModel::loadFailed, this, [this](const QString &message) {
        m_message->setText(message);
        m_message->show();
    });
    connect(m_keys, &ApplicationKeysView::changed, this, &ApplicationsPanel::changed);
    retranslate();
    updateButtons();
}

void ApplicationsPanel::setMerchant(qint64 merchantId, const QString &merchantNo)
{
    m_merchantId = merchantId;
    m_merchantNo = merchantNo;
    m_scope->setVisible(merchantId == 0);
    m_table->setColumnHidden(ApplicationModel::MerchantColumn, merchantId != 0);
    m_stale = true;
    if (isVisible())
        reload();
}

ApplicationFilter ApplicationsPanel::currentFilter() const
{
    ApplicationFilter filter;
    filter.text = m_search->text().trimmed();
    if (m_merchantId != 0) {
        filter.scope = ApplicationFilter::Scope::Merchant;
        filter.merchantId = m_merchantId;
    } else {
        filter.scope = ApplicationFilter::Scope(m_scope->currentData().toInt());
    }
    return filter;
}

void ApplicationsPanel::reload()
{
    m_settle->stop();
    m_stale = false;
    m_model->setFilter(currentFilter());
}

void ApplicationsPanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_stale)
        reload();
}

Application ApplicationsPanel::selected() const
{
    const QModelIndex current = m_table->currentIndex();
    return current.isValid() ? m_model->at(current.row()) : Application();
}

void ApplicationsPanel::updateButtons()
{
    const bool manage = m_session.can(Permission::AppManage);
    const Application application = selected();
    m_create->setEnabled(manage);
    m_edit->setEnabled(manage && application.id != 0);
    m_toggle->setEnabled(manage && application.id != 0 && !m_calls.isBusy());
    m_toggle->setText(application.id != 0 && !application.enabled ? tr("E&nable") : tr("&Disable"));
}

void ApplicationsPanel::afterChange(const Application &application)
{
    m_pendingSelection = application.id;
    m_model->reload();
    emit changed();
}

void ApplicationsPanel::createApplication()
{
    QString merchantNo = m_merchantNo;
    if (m_merchantId != 0 && merchantNo.isEmpty()) {
        auto merchant = m_session.core().merchants().find(m_session.actor(), m_merchantId);
        merchantNo = merchant ? merchant->merchantNo : QString::number(m_merchantId);
    }
    ApplicationDialog dialog(m_session, m_merchantId, merchantNo, this);
    if (dialog.exec() == QDialog::Accepted)
        afterChange(dialog.application());
}

void ApplicationsPanel::editSelected()
{
    const Application application = selected();
    if (application.id == 0 || !m_session.can(Permission::AppManage))
        return;
    ApplicationDialog dialog(m_session, application, this);
    if (dialog.exec() == QDialog::Accepted)
        afterChange(dialog.application());
}

void ApplicationsPanel::toggleSelected()
{
    const Application application = selected();
    if (application.id == 0)
        return;
    PaydeskCore *core = &m_session.core();
    const Actor actor = m_session.actor();
    const qint64 id = application.id;
    const int version = application.version;
    const bool enable = !application.enabled;
    m_calls.run<Application>(
        [core, actor, id, version, enable]() { return core->applications().setEnabled(actor, id, version, enable); },
        [this](Result<Application> changedApplication) {
            updateButtons();
            if (!changedApplication) {
                QMessageBox box(QMessageBox::Warning, tr("Applications"), changedApplication.error().message(),
                                QMessageBox::Ok, this);
                box.setObjectName(QStringLiteral("applicationErrorBox"));
                box.exec();
                return;
            }
            m_model->replace(*changedApplication);
            updateButtons();
            emit changed();
            emit m_session.dataChanged();
        });
    updateButtons();
}

void ApplicationsPanel::retranslate()
{
    m_search->setPlaceholderText(tr("Search app ID or name"));
    m_scope->setItemText(0, tr("All applications"));
    m_scope->setItemText(1, tr("Platform applications"));
    m_create->setText(tr("New &application…"));
    m_edit->setText(tr("&Edit…"));
    updateButtons();
}

void ApplicationsPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
        m_model->retranslate();
    }
    QWidget::changeEvent(event);
}

} // namespace paydesk
