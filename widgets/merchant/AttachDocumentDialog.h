#pragma once

#include "core/merchant/MerchantDocument.h"

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace paydesk {

// Chooses what to attach to a merchant: the document's kind and a PNG, JPEG or PDF file. OK is
// enabled once the file exists, can be read and is not over the size limit; the core checks the
// content itself when the file is attached.
class AttachDocumentDialog : public QDialog
{
    Q_OBJECT

public:
    AttachDocumentDialog(const QList<DocumentKind> &missing, qint64 maximumSize, QWidget *parent = nullptr);

    DocumentKind kind() const;
    QString filePath() const;

private:
    void browse();
    void validate();

    qint64 m_maximumSize;
    QComboBox *m_kind;
    QLineEdit *m_file;
    QPushButton *m_browse;
    QLabel *m_message;
    QDialogButtonBox *m_buttons;
};

} // namespace paydesk
