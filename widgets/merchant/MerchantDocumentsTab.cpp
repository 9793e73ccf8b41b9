#include "widgets/merchant/MerchantDocumentsTab.h"

#include "core/PaydeskCore.h"
#include "widgets/common/RecordTable.h"
#include "widgets/common/Session.h"
#include "widgets/merchant/AttachDocumentDialog.h"
#include "widgets/merchant/DocumentPreview.h"
#include "widgets/merchant/MerchantDocumentModel.h"
#include "widgets/merchant/MerchantText.h"
#include "widgets/merchant/TableColumns.h"

#include <QCheckBox>
#include <QEvent>
#include <QFile>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

namespace paydesk {

MerchantDocumentsTab::MerchantDocumentsTab(Session &session, QWidget *parent)
    : QWidget(parent), m_session(session), m_model(new MerchantDocumentModel(this)), m_table(new QTableView(this)),
      m_preview(new DocumentPreview(this)), m_attach(new QPushButton(this)), m_remove(new QPushButton(this)),
      m_superseded(new QCheckBox(this)), m_info(new QLabel(this)),
      m_loader(this, [this](Result<QList<MerchantDocument>> documents) { showList(std::move(documents)); }),
      m_content(this, [this](Result<DocumentContent> content) { showContent(std::move(content)); }), m_calls(this)
{
    setObjectName(QStringLiteral("merchantDocumentsTab"));
    m_table->setObjectName(QStringLiteral("documentTable"));
    m_attach->setObjectName(QStringLiteral("attachDocumentButton"));
    m_remove->setObjectName(QStringLiteral("removeDocumentButton"));
    m_superseded->setObjectName(QStringLiteral("showSupersededCheck"));
    m_info->setObjectName(QStringLiteral("documentsInfo"));
    m_info->setWordWrap(true);
    m_table->setModel(m_model);
    setUpRecordTable(m_table);
    m_table->setWordWrap(false);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_attach);
    buttons->addWidget(m_remove);
    buttons->addWidget(m_superseded);
    buttons->addWidget(m_info, 1);
    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(m_table);
    splitter->addWidget(m_preview);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(buttons);
    layout->addWidget(splitter, 1);

    connect(m_attach, &QPushButton::clicked, this, &MerchantDocumentsTab::attach);
    connect(m_remove, &QPushButton::clicked, this, &MerchantDocumentsTab::removeSelected);
    connect(m_superseded, &QCheckBox::toggled, this, &MerchantDocumentsTab::reload);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this]() {
        updateButtons();
        openSelected();
    });
    retranslate();
    updateButtons();
}

void MerchantDocumentsTab::setMerchant(const Merchant &merchant)
{
    const bool other = merchant.id != m_merchant.id;
    m_merchant = merchant;
    if (other) {
        m_model->setDocuments({});
        m_preview->clear();
    }
    reload();
}

void MerchantDocumentsTab::setReadOnly(bool readOnly)
{
    m_readOnly = readOnly;
    m_attach->setVisible(!readOnly);
    m_remove->setVisible(!readOnly);
    updateButtons();
}

void MerchantDocumentsTab::reload()
{
    updateButtons();
    if (m_merchant.id == 0) {
        m_loader.cancel();
        m_model->setDocuments({});
        retranslate();
        return;
    }
    PaydeskCore *core = &m_session.core();
    const Actor actor = m_session.actor();
    const qint64 id = m_merchant.id;
    const bool all = m_superseded->isChecked();
    m_loader.start([core, actor, id, all]() { return core->documents().list(actor, id, all); });
}

void MerchantDocumentsTab::showList(Result<QList<MerchantDocument>> documents)
{
    if (!documents) {
        m_model->setDocuments({});
        m_info->setStyleSheet(QStringLiteral("color: #b00020"));
        m_info->setText(documents.error().message());
        emit loaded();
        return;
    }
    const qint64 selected = m_table->currentIndex().isValid() ? m_model->at(m_table->currentIndex().row()).id : 0;
    m_model->setDocuments(*documents);
    TableColumns::fit(m_table);
    const int row = m_model->rowOfId(selected);
    if (row >= 0)
        m_table->setCurrentIndex(m_model->index(row, 0));
    else
        m_preview->clear();
    retranslate();
    updateButtons();
    emit loaded();
}

QList<DocumentKind> MerchantDocumentsTab::missingKinds() const
{
    QList<DocumentKind> missing;
    if (m_merchant.id == 0)
        return missing;
    for (DocumentKind kind : DocumentNames::requiredFor(m_merchant.profile.type)) {
        const auto &documents = m_model->documents();
        const bool present = std::any_of(documents.cbegin(), documents.cend(),
                                         [kind](const MerchantDocument &d) { return d.kind == kind && !d.superseded; });
        if (!present)
            missing << kind;
    }
    return missing;
}

void MerchantDocumentsTab::openSelected()
{
    const QModelIndex current = m_table->currentIndex();
    if (!current.isValid()) {
        m_content.cancel();
        m_preview->clear();
        return;
    }
    if (!m_session.can(Permission::MerchantViewSensitive)) {
        m_preview->clear();
        m_info->setStyleSheet(QString());
        m_info->setText(tr("Opening documents needs the permission to see personal data."));
        emit previewFinished(false);
        return;
    }
    PaydeskCore *core = &m_session.core();
    const Actor actor = m_session.actor();
    const qint64 id = m_model->at(current.row()).id;
    m_content.start([core, actor, id]() { return core->documents().content(actor, id); });
}

void MerchantDocumentsTab::showContent(Result<DocumentContent> content)
{
    if (!content) {
        m_preview->clear();
        fail(content.error().message());
        emit previewFinished(false);
        return;
    }
    emit previewFinished(m_preview->show(content->bytes, content->document.mediaType));
}

void MerchantDocumentsTab::attach()
{
    if (m_merchant.id == 0)
        return;
    AttachDocumentDialog dialog(missingKinds(), m_session.core().documents().maximumSize(), this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    attachFile(dialog.kind(), dialog.filePath());
}

void MerchantDocumentsTab::attachFile(DocumentKind kind, const QString &path)
{
    if (m_merchant.id == 0)
        return;
    PaydeskCore *core = &m_session.core();
    const Actor actor = m_session.actor();
    const qint64 id = m_merchant.id;
    const qint64 maximum = core->documents().maximumSize();
    m_attach->setEnabled(false);
    m_calls.run<MerchantDocument>(
        [core, actor, id, kind, path, maximum]() -> Result<MerchantDocument> {
            QFile file(path);
            if (file.size() > maximum)
                return Error(ErrorCode::DocumentTooLarge, path);
            if (!file.open(QIODevice::ReadOnly))
                return Error(ErrorCode::FileUnreadable, path + QStringLiteral(": ") + file.errorString());
            return core->documents().attach(actor, id, kind, QFileInfo(path).fileName(), file.readAll());
        },
        [this](Result<MerchantDocument> attached) {
            updateButtons();
            if (!attached) {
                fail(attached.error().message());
                return;
            }
            reload();
            emit changed();
            emit m_session.dataChanged();
        });
}

void MerchantDocumentsTab::removeSelected()
{
    const QModelIndex current = m_table->currentIndex();
    if (!current.isValid())
        return;
    const MerchantDocument document = m_model->at(current.row());
    const auto answer = QMessageBox::question(this, tr("Remove document"),
                                              tr("Remove %1 (%2)? It stays on record as superseded.")
                                                  .arg(document.fileName, MerchantText::documentKind(document.kind)));
    if (answer != QMessageBox::Yes)
        return;
    PaydeskCore *core = &m_session.core();
    const Actor actor = m_session.actor();
    const qint64 id = document.id;
    m_calls.run<bool>(
        [core, actor, id]() -> Result<bool> {
            const Status removed = core->documents().remove(actor, id);
            if (!removed)
                return removed.error();
            return true;
        },
        [this](Result<bool> removed) {
            if (!removed) {
                fail(removed.error().message());
                return;
            }
            reload();
            emit changed();
            emit m_session.dataChanged();
        });
}

void MerchantDocumentsTab::fail(const QString &message)
{
    QMessageBox box(QMessageBox::Warning, tr("Documents"), message, QMessageBox::Ok, this);
    box.setObjectName(QStringLiteral("documentErrorBox"));
    box.exec();
}

void MerchantDocumentsTab::updateButtons()
{
    const bool editable = !m_readOnly && m_merchant.id != 0 && m_session.can(Permission::MerchantEdit) &&
                          MerchantWorkflow::editScope(m_merchant.status) == MerchantEditScope::Full;
    m_attach->setEnabled(editable && !m_calls.isBusy());
    const QModelIndex current = m_table->currentIndex();
    m_remove->setEnabled(editable && current.isValid() && !m_model->at(current.row()).superseded);
}

void MerchantDocumentsTab::retranslate()
{
    m_attach->setText(tr("&Attach…"));
    m_remove->setText(tr("&Remove…"));
    m_superseded->setText(tr("Show superseded"));
    m_info->setStyleSheet(QString());
    if (m_merchant.id == 0) {
        m_info->clear();
        return;
    }
    QStringList missing;
    for (DocumentKind kind : missingKinds())
        missing << MerchantText::documentKind(kind);
    if (missing.isEmpty())
        m_info->setText(tr("All documents a submission needs are attached."));
    else {
        m_info->setStyleSheet(QStringLiteral("color: #9a6700"));
        m_info->setText(tr("Missing for submission: %1").arg(missing.join(QStringLiteral(", "))));
    }
}

void MerchantDocumentsTab::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
        m_model->retranslate();
    }
    QWidget::changeEvent(event);
}

} // namespace paydesk
