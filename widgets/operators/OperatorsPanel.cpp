#include "widgets/operators/OperatorsPanel.h"

#include "core/PaydeskCore.h"
#include "widgets/common/PasswordDialog.h"
#include "widgets/common/RecordTable.h"
#include "widgets/common/Session.h"
#include "widgets/operators/OperatorDialog.h"
#include "widgets/operators/OperatorModel.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace paydesk {

OperatorsPanel::OperatorsPanel(Session &session, QWidget *parent)
    : QWidget(parent), m_session(session), m_model(new OperatorModel(this)), m_table(new QTableView(this)),
      m_create(new QPushButton(this)), m_roles(new QPushButton(this)), m_reset(new QPushButton(this)),
      m_toggle(new QPushButton(this)), m_unlock(new QPushButton(this)), m_message(new QLabel(this)),
      m_loader(this, [this](Result<QList<Operator>> operators) {
          if (!operators) {
              m_message->setText(operators.error().message());
              return;
          }
          m_model->setOperators(*operators, m_session.core().clock().nowUtc());
          m_table->resizeColumnsToContents();
          updateButtons();
          emit loaded();
      })
{
    setObjectName(QStringLiteral("operatorsPanel"));
    m_table->setObjectName(QStringLiteral("operatorTable"));
    m_create->setObjectName(QStringLiteral("newOperatorButton"));
    m_roles->setObjectName(QStringLiteral("rolesButton"));
    m_reset->setObjectName(QStringLiteral("resetPasswordButton"));
    m_toggle->setObjectName(QStringLiteral("toggleActiveButton"));
    m_unlock->setObjectName(QStringLiteral("unlockOperatorButton"));
    m_message->setObjectName(QStringLiteral("operatorsMessage"));
    m_table->setModel(m_model);
    setUpRecordTable(m_table);
    m_message->setWordWrap(true);

    auto *buttons = new QHBoxLayout;
    for (QPushButton *button : {m_create, m_roles, m_reset, m_unlock, m_toggle})
        buttons->addWidget(button);
    buttons->addStretch();
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(buttons);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_message);

    connect(m_create, &QPushButton::clicked, this, &OperatorsPanel::createOperator);
    connect(m_roles, &QPushButton::clicked, this, &OperatorsPanel::editRoles);
    connect(m_reset, &QPushButton::clicked, this, &OperatorsPanel::resetPassword);
    connect(m_toggle, &QPushButton::clicked, this, &OperatorsPanel::toggleActive);
    connect(m_unlock, &QPushButton::clicked, this, &OperatorsPanel::unlockSelected);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &OperatorsPanel::updateButtons);
    retranslate();
    reload();
}

void OperatorsPanel::reload()
{
    PaydeskCore *core = &m_session.core();
    const Actor actor = m_session.actor();
    m_loader.start([core, actor]() { return core->operators().list(actor); });
}

const Operator *OperatorsPanel::selected() const
{
    const QModelIndex current = m_table->currentIndex();
    return current.isValid() ? &m_model->at(current.row()) : nullptr;
}

void OperatorsPanel::updateButtons()
{
    const bool manage = m_session.can(Permission::OperatorManage);
    const Operator *op = selected();
    m_create->setEnabled(manage);
    m_roles->setEnabled(manage && op);
    m_reset->setEnabled(manage && op);
    m_toggle->setEnabled(manage && op && op->id != m_session.actor().operatorId());
    m_toggle->setText(op && !op->active ? tr("&Enable") : tr("&Disable"));
    m_unlock->setEnabled(manage && op && op->isLocked(m_session.core().clock().nowUtc()));
}

void OperatorsPanel::report(const Status &status)
{
    m_message->setStyleSheet(status ? QString() : QStringLiteral("color: #b00020"));
    m_message->setText(status ? tr("Done.") : status.error().message());
    reload();
    emit m_session.dataChanged();
}

void OperatorsPanel::createOperator()
{
    OperatorDialog dialog(m_session, this);
    if (dialog.exec() == QDialog::Accepted)
        report({});
}

void OperatorsPanel::editRoles()
{
    const Operator *op = selected();
    if (!op)
        return;
    OperatorDialog dialog(m_session, op->id, op->username, op->roles, this);
    if (dialog.exec() == QDialog::Accepted)
        report({});
}

void OperatorsPanel::resetPassword()
{
    const Operator *op = selected();
    if (!op)
        return;
    const qint64 id = op->id;
    Session &session = m_session;
    PasswordDialog dialog(
        tr("Reset password of %1").arg(op->username),
        tr("Set a temporary password. %1 must choose a new one at the next sign-in; a lockout is lifted.")
            .arg(op->username),
        PasswordDialog::New,
        [&session, id](const QString &, const QString &next) {
            return session.core().operators().resetPassword(session.actor(), id, next);
        },
        this);
    if (dialog.exec() == QDialog::Accepted)
        report({});
}

void OperatorsPanel::toggleActive()
{
    const Operator *op = selected();
    if (!op)
        return;
    report(m_session.core().operators().setActive(m_session.actor(), op->id, !op->active));
}

void OperatorsPanel::unlockSelected()
{
    const Operator *op = selected();
    if (!op)
        return;
    report(m_session.core().operators().unlock(m_session.actor(), op->id));
}

void OperatorsPanel::retranslate()
{
    m_create->setText(tr("&New operator…"));
    m_roles->setText(tr("R&oles…"));
    m_reset->setText(tr("Reset &password…"));
    m_unlock->setText(tr("&Unlock"));
    updateButtons();
}

void OperatorsPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
        m_model->retranslate();
    }
    QWidget::changeEvent(event);
}

} // namespace paydesk
