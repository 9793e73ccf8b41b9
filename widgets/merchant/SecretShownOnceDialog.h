#pragma once

#include "core/merchant/Application.h"

#include <QDialog>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace paydesk {

// Shows a freshly generated HMAC secret the one time it can be seen, with a copy button and a
// plain warning. Closing needs a tick that it was stored; on closing, the secret leaves the
// screen and, if it is still there, the clipboard.
class SecretShownOnceDialog : public QDialog
{
    Q_OBJECT

public:
    SecretShownOnceDialog(const QString &appId, const NewHmacKey &key, QWidget *parent = nullptr);
    ~SecretShownOnceDialog() override;

public slots:
    void done(int result) override;

private:
    void copy();
    void forget();

    QString m_secret;
    QLineEdit *m_secretEdit;
    QPushButton *m_copy;
    QLabel *m_copied;
    QCheckBox *m_stored;
    QPushButton *m_close;
};

} // namespace paydesk
