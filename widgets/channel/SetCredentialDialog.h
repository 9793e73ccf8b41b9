#pragma once

#include "core/channel/account/ChannelAccount.h"
#include "core/channel/account/ChannelCredentialItems.h"
#include "core/channel/account/CredentialChange.h"

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace paydesk {

class Session;

// Proposes one credential item of a channel account: pasted or loaded PEM for keys and
// certificates, a .pfx file with its password, or a line of text (serial, key id, APIv3 key,
// password — the secret ones masked). The core validates the item (and its partner) before
// anything is kept; its refusal keeps the dialog open. Trust material waits, encrypted, for a
// second operator's approval (result() says which). Typed secrets are wiped on close.
class SetCredentialDialog : public QDialog
{
    Q_OBJECT

public:
    SetCredentialDialog(Session &session, const ChannelAccount &account, const CredentialItem &item,
                        QWidget *parent = nullptr);
    ~SetCredentialDialog() override;

    QLabel *messageLabel() const { return m_message; }
    // After accept: the pending change, or status Applied when the item needed no approval.
    const CredentialChange &result() const { return m_result; }

public slots:
    void accept() override;

private:
    void loadFile();
    void validate();
    // What to store: this item, plus the .pfx password entered with the file.
    bool collect(QMap<QString, SecretBytes> *items, QString *problem) const;
    void wipe();

    Session &m_session;
    ChannelAccount m_account;
    CredentialItem m_item;
    QString m_partner;                // the .pfx password item set together with the file
    QPlainTextEdit *m_text = nullptr; // PEM
    QLineEdit *m_line = nullptr;      // text, passwords, the APIv3 key
    QLineEdit *m_file = nullptr;      // .pfx path
    QLineEdit *m_password = nullptr;  // .pfx password
    QPushButton *m_browse = nullptr;
    QLabel *m_message;
    QDialogButtonBox *m_buttons;
    CredentialChange m_result;
};

} // namespace paydesk
