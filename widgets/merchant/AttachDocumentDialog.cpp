#include "widgets/merchant/AttachDocumentDialog.h"

#include "widgets/merchant/MerchantText.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

namespace paydesk {

AttachDocumentDialog::AttachDocumentDialog(const QList<DocumentKind> &missing, qint64 maximumSize, QWidget *parent)
    : QDialog(parent), m_maximumSize(maximumSize), m_kind(new QComboBox(this)), m_file(new QLineEdit(this)),
      m_browse(new QPushButton(tr("&Browse…"), this)), m_message(new QLabel(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("attachDocumentDialog"));
    setWindowTitle(tr("Attach document"));
    m_kind->setObjectName(QStringLiteral("documentKindCombo"));
    m_file->setObjectName(QStringLiteral("documentFileEdit"));
    m_browse->setObjectName(QStringLiteral("browseDocumentButton"));
    m_message->setObjectName(QStringLiteral("attachMessage"));
    m_message->setWordWrap(true);
    for (DocumentKind kind : DocumentNames::allKinds()) {
        const QString text = missing.contains(kind) ? tr("%1 — missing").arg(MerchantText::documentKind(kind))
                                                    : MerchantText::documentKind(kind);
        m_kind->addItem(text, int(kind));
    }
    if (!missing.isEmpty())
        m_kind->setCurrentIndex(m_kind->findData(int(missing.first())));
    m_file->setPlaceholderText(tr("A PNG, JPEG or PDF file"));

    auto *fileRow = new QHBoxLayout;
    fileRow->addWidget(m_file, 1);
    fileRow->addWidget(m_browse);
    auto *form = new QFormLayout;
    form->addRow(tr("Kind:"), m_kind);
    form->addRow(tr("File:"), fileRow);
    auto *note = new QLabel(tr("Attaching a business licence, ID side or bank account proof again replaces the "
                               "current one (it stays on record as superseded). At most %1.")
                                .arg(QLocale().formattedDataSize(maximumSize, 0, QLocale::DataSizeTraditionalFormat)),
                            this);
    note->setWordWrap(true);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(note);
    layout->addWidget(m_message);
    layout->addWidget(m_buttons);
    connect(m_browse, &QPushButton::clicked, this, &AttachDocumentDialog::browse);
    connect(m_file, &QLineEdit::textChanged, this, &AttachDocumentDialog::validate);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    setMinimumWidth(520);
    validate();
}

DocumentKind AttachDocumentDialog::kind() const
{
    return DocumentKind(m_kind->currentData().toInt());
}

QString AttachDocumentDialog::filePath() const
{
    return m_file->text().trimmed();
}

void AttachDocumentDialog::browse()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Attach document"), QFileInfo(filePath()).path(),
                                                      tr("Documents (*.png *.jpg *.jpeg *.pdf);;All files (*)"));
    if (!path.isEmpty())
        m_file->setText(path);
}

void AttachDocumentDialog::validate()
{
    QString problem;
    const QFileInfo info(filePath());
    if (filePath().isEmpty())
        problem = QString();
    else if (!info.isFile())
        problem = tr("There is no such file.");
    else if (!info.isReadable())
        problem = tr("This file cannot be read.");
    else if (info.size() > m_maximumSize)
        problem = tr("This file is larger than %1.")
                      .arg(QLocale().formattedDataSize(m_maximumSize, 0, QLocale::DataSizeTraditionalFormat));
    else if (info.size() == 0)
        problem = tr("This file is empty.");
    m_message->setText(problem);
    m_message->setStyleSheet(QStringLiteral("color: #b00020"));
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!filePath().isEmpty() && problem.isEmpty());
}

} // namespace paydesk
