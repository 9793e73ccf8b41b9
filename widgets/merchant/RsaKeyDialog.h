#pragma once

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;

namespace paydesk {

// Takes an application's RSA2 public key, pasted or read from a file: PEM or the bare Base64
// that Alipay's console shows. The key is read as you type (RSA, at least 2048 bits) and its
// fingerprint shown, so the operator can compare it with the merchant's.
class RsaKeyDialog : public QDialog
{
    Q_OBJECT

public:
    explicit RsaKeyDialog(const QString &appId, QWidget *parent = nullptr);

    QByteArray publicKey() const;

private:
    void loadFile();
    void validate();

    QPlainTextEdit *m_text;
    QPushButton *m_file;
    QLabel *m_status;
    QDialogButtonBox *m_buttons;
};

} // namespace paydesk
