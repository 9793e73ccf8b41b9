#include "widgets/channel/CredentialsView.h"

#include "core/PaydeskCore.h"
#include "widgets/channel/ChannelText.h"
#include "widgets/channel/CredentialStatusModel.h"
#include "widgets/channel/SetCredentialDialog.h"
#include "widgets/common/Session.h"

#include <QEvent>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace paydesk {

CredentialsView::CredentialsView(Session &session, QWidget *parent)
    : QWidget(parent), m_session(session), m_model(new CredentialStatusModel(this)), m_title(new QLabel(this)),
      m_vault(new QLabel(this)), m_table(new QTableView(this)), m_summary(new QLabel(this)),
      m_loader(this, [this](Result<CredentialStatus> status) { showStatus(std::move(status)); })
{
    setObjectName(QStringLiteral("credentialsView"));
    m_table->setObjectName(QStringLiteral("credentialTable"));
    m_vault->setObjectName(QStringLiteral("vaultLockedNotice"));
    m_summary->setObjectName(QStringLiteral("credentialSummary"));
    m_table->setModel(m_model);
    m_table->setSelectionMode(QAbstractItemView::NoSelection);
    m_table->setFocusPolicy(Qt::NoFocus);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(CredentialStatusModel::ItemColumn, QHeaderView::Stretch);
    m_title->setStyleSheet(QStringLiteral("font-weight: bold"));
    m_vault->setWordWrap(true);
    m_vault->setStyleSheet(
        QStringLiteral("background: #fff4e5; color: #8a4b00; padding: 6px; border: 1px solid #f0c080"));
    m_vault->hide();
    m_summary->setWordWrap(true);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_title);
    layout->addWidget(m_vault);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_summary);
    retranslate();
}

void CredentialsView::setAccount(const ChannelAccount &account)
{
    const bool same = account.id == m_account.id && account.channel == m_account.channel &&
                      account.channelMerchantId == m_account.channelMerchantId;
    m_account = account;
    if (!same)
        m_model->clear();
    retranslate();
    reload();
}

void CredentialsView::reload()
{
    if (m_account.id <= 0) {
        m_loader.cancel();
        m_model->clear();
        m_summary->clear();
        retranslate();
        return;
    }
    PaydeskCore *core = &m_session.core();
    const Actor actor = m_session.actor();
    const qint64 id = m_account.id;
    m_loader.start([core, actor, id]() { return core->channelAccounts().credentialStatus(actor, id); });
}

void CredentialsView::showStatus(Result<CredentialStatus> status)
{
    if (!status) {
        m_summary->setStyleSheet(QStringLiteral("color: #b00020"));
        m_summary->setText(status.error().message());
        return;
    }
    m_model->setItems(ChannelAccountService::credentialItems(m_account.channel), *status);
    placeButtons();
    if (status->complete) {
        m_summary->setStyleSheet(QStringLiteral("color: #1b7f3b"));
        m_summary->setText(tr("Complete: everything the channel needs is in the vault."));
    } else {
        m_summary->setStyleSheet(QStringLiteral("color: #b00020"));
        m_summary->setText(tr("Still needed: %1").arg(status->missing.join(QStringLiteral("; "))));
    }
    retranslate();
    emit loaded();
}

void CredentialsView::placeButtons()
{
    const bool manage = m_session.can(Permission::ChannelManage);
    const bool unlocked = m_session.core().vault().isUnlocked();
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const QString name = m_model->itemAt(row).name;
        auto *button = new QPushButton(tr("Set…"), m_table);
        button->setObjectName(QStringLiteral("setCredential_") + name);
        button->setEnabled(manage && unlocked);
        button->setVisible(manage);
        connect(button, &QPushButton::clicked, this, [this, name]() { setItem(name); });
        m_table->setIndexWidget(m_model->index(row, CredentialStatusModel::ActionColumn), button);
    }
}

void CredentialsView::setItem(const QString &name)
{
    const int row = m_model->rowOf(name);
    if (row < 0 || m_account.id <= 0)
        return;
    if (!m_session.core().vault().isUnlocked()) {
        retranslate();
        return;
    }
    SetCredentialDialog dialog(m_session, m_account, m_model->itemAt(row), this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    reload();
    emit proposed(dialog.result());
    emit changed();
}

void CredentialsView::retranslate()
{
    if (m_account.id > 0) {
        m_title->setText(
            tr("Credentials of %1 (%2, channel merchant id %3)")
                .arg(m_account.name, ChannelText::channel(m_account.channel), m_account.channelMerchantId));
    } else {
        m_title->setText(tr("Credentials: choose a channel account"));
    }
    const bool locked = m_account.id > 0 && !m_session.core().vault().isUnlocked();
    m_vault->setVisible(locked);
    m_vault->setText(tr("The vault is locked, so credentials cannot be set now. An administrator must unlock it "
                        "with the master passphrase first; what is stored stays listed below."));
    for (int row = 0; row < m_model->rowCount(); ++row) {
        if (auto *button = qobject_cast<QPushButton *>(
                m_table->indexWidget(m_model->index(row, CredentialStatusModel::ActionColumn)))) {
            button->setText(tr("Set…"));
            button->setEnabled(m_session.can(Permission::ChannelManage) && !locked);
        }
    }
}

void CredentialsView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
        m_model->retranslate();
    }
    QWidget::changeEvent(event);
}

} // namespace paydesk
