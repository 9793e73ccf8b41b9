#include "widgets/fee/FeeTemplatesView.h"

#include "core/PaydeskCore.h"
#include "widgets/common/RecordTable.h"
#include "widgets/common/Session.h"
#include "widgets/fee/ApplyTemplateDialog.h"
#include "widgets/fee/FeeTemplateDialog.h"
#include "widgets/fee/FeeTemplateModel.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace paydesk {

FeeTemplatesView::FeeTemplatesView(Session &session, QWidget *parent)
    : QWidget(parent), m_session(session), m_model(new FeeTemplateModel(this)), m_table(new QTableView(this)),
      m_create(new QPushButton(this)), m_edit(new QPushButton(this)), m_delete(new QPushButton(this)),
      m_apply(new QPushButton(this)), m_message(new QLabel(this)),
      m_loader(this, [this](Result<QList<FeeTemplate>> templates) {
          if (!templates) {
              m_message->setStyleSheet(QStringLiteral("color: #b00020"));
              m_message->setText(templates.error().message());
              return;
          }
          m_model->setTemplates(*templates);
          m_table->resizeColumnsToContents();
          const int row = m_model->rowOf(m_select);
          if (row >= 0)
              m_table->setCurrentIndex(m_model->index(row, 0));
          m_select.clear();
          updateButtons();
          emit loaded();
      })
{
    setObjectName(QStringLiteral("feeTemplatesView"));
    m_table->setObjectName(QStringLiteral("templateTable"));
    m_create->setObjectName(QStringLiteral("newTemplateButton"));
    m_edit->setObjectName(QStringLiteral("editTemplateButton"));
    m_delete->setObjectName(QStringLiteral("deleteTemplateButton"));
    m_apply->setObjectName(QStringLiteral("applyTemplateButton"));
    m_message->setObjectName(QStringLiteral("templatesMessage"));
    m_table->setModel(m_model);
    setUpRecordTable(m_table);
    m_message->setWordWrap(true);
    const bool manage = session.can(Permission::FeeManage);
    for (QPushButton *button : {m_create, m_edit, m_delete, m_apply})
        button->setVisible(manage);

    auto *buttons = new QHBoxLayout;
    for (QPushButton *button : {m_create, m_edit, m_delete, m_apply})
        buttons->addWidget(button);
    buttons->addStretch();
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(buttons);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_message);

    connect(m_create, &QPushButton::clicked, this, &FeeTemplatesView::createTemplate);
    connect(m_edit, &QPushButton::clicked, this, &FeeTemplatesView::editTemplate);
    connect(m_table, &QTableView::doubleClicked, this, &FeeTemplatesView::editTemplate);
    connect(m_delete, &QPushButton::clicked, this, &FeeTemplatesView::deleteTemplate);
    connect(m_apply, &QPushButton::clicked, this, &FeeTemplatesView::applyTemplate);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &FeeTemplatesView::updateButtons);
    retranslate();
    reload();
}

void FeeTemplatesView::reload()
{
    PaydeskCore *core = &m_session.core();
    const Actor actor = m_session.actor();
    m_loader.start([core, actor]() { return core->fees().templates(actor); });
}

const FeeTemplate *FeeTemplatesView::selected() const
{
    const QModelIndex current = m_table->currentIndex();
    return current.isValid() ? &m_model->at(current.row()) : nullptr;
}

void FeeTemplatesView::report(const Status &status, const QString &done)
{
    m_message->setStyleSheet(status ? QString() : QStringLiteral("color: #b00020"));
    m_message->setText(status ? done : status.error().message());
    reload();
}

void FeeTemplatesView::createTemplate()
{
    FeeTemplateDialog dialog(m_session, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    m_select = dialog.result().name;
    report({}, tr("Template %1 created.").arg(dialog.result().name));
}

void FeeTemplatesView::editTemplate()
{
    const FeeTemplate *feeTemplate = selected();
    if (!feeTemplate || !m_session.can(Permission::FeeManage))
        return;
    FeeTemplateDialog dialog(m_session, *feeTemplate, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    m_select = dialog.result().name;
    report({}, tr("Template %1 saved. Rates set from it earlier are unchanged.").arg(dialog.result().name));
}

void FeeTemplatesView::deleteTemplate()
{
    const FeeTemplate *feeTemplate = selected();
    if (!feeTemplate)
        return;
    const FeeTemplate chosen = *feeTemplate;
    if (QMessageBox::question(this, tr("Delete template"), tr("Delete the fee template %1?").arg(chosen.name)) !=
        QMessageBox::Yes)
        return;
    report(m_session.core().fees().deleteTemplate(m_session.actor(), chosen.id),
           tr("Template %1 deleted.").arg(chosen.name));
}

void FeeTemplatesView::applyTemplate()
{
    const FeeTemplate *feeTemplate = selected();
    const QString name = feeTemplate ? feeTemplate->name : QString();
    ApplyTemplateDialog dialog(m_session, this);
    if (feeTemplate)
        dialog.selectTemplate(feeTemplate->id);
    if (dialog.exec() != QDialog::Accepted)
        return;
    m_select = name;
    report({}, tr("%n merchant rate(s) set from the template.", nullptr, dialog.rowsWritten()));
    emit applied();
}

void FeeTemplatesView::updateButtons()
{
    const bool manage = m_session.can(Permission::FeeManage);
    const FeeTemplate *feeTemplate = selected();
    m_create->setEnabled(manage);
    m_edit->setEnabled(manage && feeTemplate);
    m_delete->setEnabled(manage && feeTemplate);
    m_apply->setEnabled(manage && m_model->rowCount() > 0);
}

void FeeTemplatesView::retranslate()
{
    m_create->setText(tr("&New template…"));
    m_edit->setText(tr("&Edit…"));
    m_delete->setText(tr("&Delete"));
    m_apply->setText(tr("&Apply to merchants…"));
    updateButtons();
}

void FeeTemplatesView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
        m_model->retranslate();
    }
    QWidget::changeEvent(event);
}

} // namespace paydesk
