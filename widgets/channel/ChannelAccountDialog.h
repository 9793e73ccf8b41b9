#pragma once

#include "core/channel/account/ChannelAccount.h"
#include "widgets/channel/ChannelDirectory.h"

#include <QDialog>
#include <QMap>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace paydesk {

class Session;

// Creates or edits a channel account: channel, name, shared or a merchant's own, the channel's
// ids, addresses, extra CA certificates (a test channel's), currency and limits. Checks the
// fields as you type with ChannelAccountValidator and marks the field at fault; the core decides
// on OK (owner merchant, duplicates, someone else's change meanwhile) and its refusal keeps the
// dialog open. Secrets are not here: they go through the credentials view into the vault.
class ChannelAccountDialog : public QDialog
{
    Q_OBJECT

public:
    ChannelAccountDialog(Session &session, const ChannelDirectory &directory, QWidget *parent = nullptr);
    ChannelAccountDialog(Session &session, const ChannelDirectory &directory, const ChannelAccount &account,
                         QWidget *parent = nullptr);

    // The account as saved by the core (after OK).
    const ChannelAccount &account() const { return m_account; }
    QLabel *messageLabel() const { return m_message; }

public slots:
    void accept() override;

private:
    void build(bool create);
    void load(const ChannelAccount &account);
    // The account as typed; false with the field and problem when a limit does not parse.
    bool typed(ChannelAccount *out, QString *field, QString *problem) const;
    void channelChanged();
    void modeChanged();
    void loadCaFile();
    void validate();
    void markField(const QString &field);

    Session &m_session;
    ChannelDirectory m_directory;
    ChannelAccount m_account;
    ChannelKind m_shownChannel = ChannelKind::WeChatPay;
    QFormLayout *m_form = nullptr;
    QLineEdit *m_name = nullptr;
    QComboBox *m_channel = nullptr;
    QComboBox *m_mode = nullptr;
    QComboBox *m_owner = nullptr;
    QLabel *m_merchantIdLabel = nullptr;
    QLineEdit *m_merchantId = nullptr;
    QLineEdit *m_appId = nullptr;
    QLineEdit *m_subMerchantId = nullptr;
    QLineEdit *m_baseUrl = nullptr;
    QLineEdit *m_fileUrl = nullptr;
    QLineEdit *m_notifyUrl = nullptr;
    QPlainTextEdit *m_ca = nullptr;
    QPushButton *m_loadCa = nullptr;
    QComboBox *m_currency = nullptr;
    QLineEdit *m_perTransaction = nullptr;
    QLineEdit *m_daily = nullptr;
    QCheckBox *m_enabled = nullptr;
    QLabel *m_message = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QMap<QString, QWidget *> m_fields; // validator field name → input
};

} // namespace paydesk
