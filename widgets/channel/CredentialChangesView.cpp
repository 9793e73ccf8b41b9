#include "widgets/channel/CredentialChangesView.h"

#include "core/PaydeskCore.h"
#include "widgets/channel/ChannelText.h"
#include "widgets/channel/CredentialChangeModel.h"
#include "widgets/common/RecordTable.h"
#include "widgets/common/Session.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace paydesk {

CredentialChangesView::CredentialChangesView(Session &session, QWidget *parent)
    : QWidget(parent), m_session(session), m_model(new CredentialChangeModel(this)), m_title(new QLabel(this)),
      m_table(new QTableView(this)), m_fingerprints(new QLabel(this)), m_approve(new QPushButton(this)),
      m_reject(new QPushButton(this)), m_withdraw(new QPushButton(this)), m_message(new QLabel(this))
{
    setObjectName(QStringLiteral("credentialChangesView"));
    m_table->setObjectName(QStringLiteral("credentialChangeTable"));
    m_fingerprints->setObjectName(QStringLiteral("changeFingerprints"));
    m_approve->setObjectName(QStringLiteral("approveChangeButton"));
    m_reject->setObjectName(QStringLiteral("rejectChangeButton"));
    m_withdraw->setObjectName(QStringLiteral("withdrawChangeButton"));
    m_message->setObjectName(QStringLiteral("changeMessage"));
    m_table->setModel(m_model);
    setUpRecordTable(m_table);
    m_table->setWordWrap(false);
    m_title->setStyleSheet(QStringLiteral("font-weight: bold"));
    m_fingerprints->setWordWrap(true);
    m_fingerprints->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_fingerprints->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_message->setWordWrap(true);
    m_approve->setVisible(session.can(Permission::ChannelApprove));
    m_reject->setVisible(session.can(Permission::ChannelApprove));
    m_withdraw->setVisible(session.can(Permission::ChannelManage));

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_title, 1);
    buttons->addWidget(m_approve);
    buttons->addWidget(m_reject);
    buttons->addWidget(m_withdraw);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(buttons);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_fingerprints);
    layout->addWidget(m_message);

    connect(m_approve, &QPushButton::clicked, this, &CredentialChangesView::approve);
    connect(m_reject, &QPushButton::clicked, this, &CredentialChangesView::reject);
    connect(m_withdraw, &QPushButton::clicked, this, &CredentialChangesView::withdraw);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &CredentialChangesView::selectionChanged);
    retranslate();
}

void CredentialChangesView::setChanges(const QList<CredentialChange> &changes)
{
    const CredentialChange *current = selected();
    const qint64 keep = m_wanted > 0 ? m_wanted : current ? current->id : 0;
    m_model->setChanges(changes);
    m_table->resizeColumnsToContents();
    if (!select(keep) && m_model->rowCount() > 0)
        m_table->setCurrentIndex(m_model->index(0, 0));
    selectionChanged();
}

bool CredentialChangesView::select(qint64 id)
{
    const int row = m_model->rowOf(id);
    if (row >= 0)
        m_table->setCurrentIndex(m_model->index(row, 0));
    m_wanted = row >= 0 ? 0 : id;
    return row >= 0;
}

const CredentialChange *CredentialChangesView::selected() const
{
    const QModelIndex current = m_table->currentIndex();
    return current.isValid() && current.row() < m_model->rowCount() ? &m_model->at(current.row()) : nullptr;
}

void CredentialChangesView::selectionChanged()
{
    const CredentialChange *change = selected();
    const bool maker = change && CredentialChanges::isMaker(*change, m_session.actor());
    m_approve->setEnabled(change && !maker && m_session.can(Permission::ChannelApprove));
    m_reject->setEnabled(change && !maker && m_session.can(Permission::ChannelApprove));
    m_withdraw->setEnabled(change && maker);
    retranslate();
}

bool CredentialChangesView::confirm(const QString &name, const QString &title, const QString &text)
{
    QMessageBox box(QMessageBox::Question, title, text, QMessageBox::Yes | QMessageBox::No, this);
    box.setObjectName(name);
    box.setDefaultButton(QMessageBox::No);
    return box.exec() == QMessageBox::Yes;
}

void CredentialChangesView::report(bool ok, const QString &text)
{
    m_message->setStyleSheet(ok ? QStringLiteral("color: #1b7f3b") : QStringLiteral("color: #b00020"));
    m_message->setText(text);
}

void CredentialChangesView::approve()
{
    const CredentialChange *change = selected();
    if (!change)
        return;
    const CredentialChange chosen = *change;
    if (!m_session.core().vault().isUnlocked()) {
        report(false, tr("The vault is locked: unlock it with the master passphrase before approving credentials."));
        return;
    }
    const QString question =
        tr("Approve change %1 of the credentials of %2?\n\n%3\n\nCompare the fingerprints with what the channel's "
           "merchant "
           "platform shows. Once approved they are in effect at once for every account sharing them, and for 24 hours "
           "each of their callbacks is confirmed by a query to the channel.")
            .arg(chosen.id)
            .arg(chosen.accountName,
                 ChannelText::fingerprintChanges(chosen.items, chosen.fingerprints).join(QLatin1Char('\n')));
    if (!confirm(QStringLiteral("approveChangeBox"), tr("Approve credential change"), question))
        return;
    auto approved = m_session.core().channelAccounts().credentialChanges().approve(m_session.actor(), chosen.id);
    if (approved)
        report(true, tr("Change %1 approved: the new credentials of %2 are in effect; for 24 hours its callbacks are "
                        "confirmed by a query to the channel.")
                         .arg(chosen.id)
                         .arg(chosen.accountName));
    else
        report(false, approved.error().message());
    emit decided();
}

void CredentialChangesView::reject()
{
    const CredentialChange *change = selected();
    if (!change)
        return;
    const CredentialChange chosen = *change;
    QInputDialog ask(this);
    ask.setObjectName(QStringLiteral("rejectChangeDialog"));
    ask.setWindowTitle(tr("Reject credential change"));
    ask.setLabelText(tr("Why is change %1 of %2 rejected?").arg(chosen.id).arg(chosen.accountName));
    if (ask.exec() != QDialog::Accepted)
        return;
    const QString note = ask.textValue();
    if (note.trimmed().isEmpty()) {
        report(false, tr("A rejection needs a reason."));
        return;
    }
    auto rejected = m_session.core().channelAccounts().credentialChanges().reject(m_session.actor(), chosen.id, note);
    if (rejected)
        report(true, tr("Change %1 rejected: the proposed credentials were discarded.").arg(chosen.id));
    else
        report(false, rejected.error().message());
    emit decided();
}

void CredentialChangesView::withdraw()
{
    const CredentialChange *change = selected();
    if (!change)
        return;
    const CredentialChange chosen = *change;
    if (!confirm(QStringLiteral("withdrawChangeBox"), tr("Withdraw credential change"),
                 tr("Withdraw your change %1 of the credentials of %2? The proposed credentials are discarded.")
                     .arg(chosen.id)
                     .arg(chosen.accountName)))
        return;
    auto withdrawn = m_session.core().channelAccounts().credentialChanges().withdraw(m_session.actor(), chosen.id);
    if (withdrawn)
        report(true, tr("Change %1 withdrawn: the proposed credentials were discarded.").arg(chosen.id));
    else
        report(false, withdrawn.error().message());
    emit decided();
}

void CredentialChangesView::retranslate()
{
    m_title->setText(tr("Credential changes waiting for a second operator (%1)").arg(m_model->rowCount()));
    m_approve->setText(tr("&Approve…"));
    m_reject->setText(tr("Re&ject…"));
    m_withdraw->setText(tr("&Withdraw…"));
    const CredentialChange *change = selected();
    if (!change) {
        m_fingerprints->setText(m_model->rowCount() == 0 ? tr("No credential change waits for approval.") : QString());
        return;
    }
    QString text = tr("Change %1, proposed by %2: old → new fingerprints").arg(change->id).arg(change->proposedBy);
    for (const QString &line : ChannelText::fingerprintChanges(change->items, change->fingerprints))
        text += QLatin1Char('\n') + line;
    if (CredentialChanges::isMaker(*change, m_session.actor()))
        text += QLatin1Char('\n') + tr("You proposed it: another operator who may approve credentials decides.");
    m_fingerprints->setText(text);
}

void CredentialChangesView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
        m_model->retranslate();
    }
    QWidget::changeEvent(event);
}

} // namespace paydesk
