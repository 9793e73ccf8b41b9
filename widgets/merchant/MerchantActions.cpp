#include "widgets/merchant/MerchantActions.h"

#include "core/PaydeskCore.h"
#include "core/merchant/MerchantDocument.h"
#include "core/merchant/MerchantValidator.h"
#include "widgets/common/Session.h"
#include "widgets/merchant/MerchantText.h"
#include "widgets/merchant/ReasonDialog.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QMessageBox>
#include <QPushButton>

namespace paydesk {

MerchantActions::MerchantActions(Session &session, QWidget *parent) : QWidget(parent), m_session(session), m_calls(this)
{
    setObjectName(QStringLiteral("merchantActions"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    for (MerchantAction action : MerchantWorkflow::allActions()) {
        auto *button = new QPushButton(this);
        button->setObjectName(QStringLiteral("action_") + MerchantWorkflow::actionName(action));
        layout->addWidget(button);
        m_buttons.insert(action, button);
        connect(button, &QPushButton::clicked, this, [this, action]() { trigger(action); });
    }
    layout->addStretch(1);
    retranslate();
    updateButtons();
}

void MerchantActions::setMerchant(const Merchant &merchant)
{
    m_merchant = merchant;
    updateButtons();
}

void MerchantActions::setOffered(const QList<MerchantAction> &actions)
{
    m_offered = actions;
    updateButtons();
}

void MerchantActions::updateButtons()
{
    const QList<MerchantAction> possible =
        m_merchant.id == 0 ? QList<MerchantAction>() : MerchantWorkflow::actionsFrom(m_merchant.status);
    for (auto it = m_buttons.cbegin(); it != m_buttons.cend(); ++it) {
        const MerchantAction action = it.key();
        const bool offered = m_offered.isEmpty() || m_offered.contains(action);
        it.value()->setVisible(offered && possible.contains(action) &&
                               m_session.can(MerchantWorkflow::permission(action)));
        it.value()->setEnabled(!m_busy);
    }
}

bool MerchantActions::askText(MerchantAction action, QString *text)
{
    const QString name = m_merchant.profile.shortName.isEmpty()
                             ? m_merchant.merchantNo
                             : m_merchant.merchantNo + QLatin1Char(' ') + m_merchant.profile.shortName;
    QString title;
    QString prompt;
    bool required = false;
    switch (action) {
    case MerchantAction::Approve:
        title = tr("Approve %1").arg(name);
        prompt = tr("Approving opens the merchant's ledger accounts. A note for the record (optional):");
        break;
    case MerchantAction::Reject:
        title = tr("Reject %1").arg(name);
        prompt = tr("Why is the submission rejected? The submitter will see this reason.");
        required = true;
        break;
    case MerchantAction::Freeze:
        title = tr("Freeze %1").arg(name);
        prompt = tr("Freezing moves the available balance to the frozen account and stops payouts. Why?");
        required = true;
        break;
    case MerchantAction::Unfreeze:
        title = tr("Unfreeze %1").arg(name);
        prompt = tr("Unfreezing moves back what the freeze held. A note for the record (optional):");
        break;
    case MerchantAction::Close:
        title = tr("Close %1").arg(name);
        prompt = tr("Closing is final: the merchant's accounts must be at zero and are closed. A note (optional):");
        break;
    case MerchantAction::Submit:
    case MerchantAction::Reopen:
    case MerchantAction::Activate:
        return true;
    }
    ReasonDialog dialog(title, prompt, required, this);
    if (dialog.exec() != QDialog::Accepted)
        return false;
    *text = dialog.text();
    return true;
}

void MerchantActions::trigger(MerchantAction action)
{
    if (m_merchant.id == 0 || m_busy)
        return;
    QString text;
    if (!askText(action, &text))
        return;
    perform(action, text);
}

void MerchantActions::perform(MerchantAction action, const QString &text)
{
    m_busy = true;
    updateButtons();
    PaydeskCore *core = &m_session.core();
    const Actor actor = m_session.actor();
    const qint64 id = m_merchant.id;
    const int version = m_merchant.version;
    m_calls.run<Merchant>(
        [core, actor, action, id, version, text]() {
            return core->merchants().perform(actor, action, id, version, text);
        },
        [this, action](Result<Merchant> result) {
            m_busy = false;
            if (result) {
                m_lastError = Error();
                m_merchant = *result;
                updateButtons();
                emit performed(*result, action);
                emit m_session.dataChanged();
                return;
            }
            m_lastError = result.error();
            updateButtons();
            emit failed(result.error(), action);
            QString message = result.error().message();
            if (result.error().code() == ErrorCode::MerchantDocumentMissing) {
                QStringList kinds;
                for (const QString &name : result.error().detail().split(QStringLiteral(", "), Qt::SkipEmptyParts)) {
                    DocumentKind kind;
                    kinds << (DocumentNames::kindFromName(name.trimmed(), &kind) ? MerchantText::documentKind(kind)
                                                                                 : name);
                }
                message = tr("These documents are missing: %1").arg(kinds.join(QStringLiteral(", ")));
            }
            const QList<FieldProblem> problems = MerchantValidator::problemsOf(result.error());
            if (!problems.isEmpty()) {
                QStringList lines;
                for (const FieldProblem &problem : problems)
                    lines << QStringLiteral("• ") + MerchantText::problem(problem.field, problem.reason);
                message = tr("The profile is not complete:\n%1").arg(lines.join(QLatin1Char('\n')));
            }
            QMessageBox box(QMessageBox::Warning,
                            tr("%1 refused").arg(MerchantText::action(action).remove(QStringLiteral("…"))), message,
                            QMessageBox::Ok, this);
            box.setObjectName(QStringLiteral("merchantActionError"));
            box.exec();
        });
}

void MerchantActions::retranslate()
{
    for (auto it = m_buttons.cbegin(); it != m_buttons.cend(); ++it)
        it.value()->setText(MerchantText::action(it.key()));
}

void MerchantActions::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

} // namespace paydesk
