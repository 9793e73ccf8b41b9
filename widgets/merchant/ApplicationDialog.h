#pragma once

#include "core/merchant/Application.h"

#include <QDialog>
#include <QMap>

class QCheckBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;

namespace paydesk {

class Session;

// Creates or edits an application (应用): its name, the merchant it belongs to (or the
// platform), the payment methods it may use, where payment results are notified and which
// addresses may call. Every field is checked as you type with ApplicationValidator and
// IpAllowlist; the core assigns the app_id on creation.
class ApplicationDialog : public QDialog
{
    Q_OBJECT

public:
    // Create mode. With a merchant given, the application is that merchant's and this is fixed.
    ApplicationDialog(Session &session, qint64 merchantId, const QString &merchantNo, QWidget *parent = nullptr);
    // Edit mode.
    ApplicationDialog(Session &session, const Application &application, QWidget *parent = nullptr);

    ApplicationDraft draft() const;
    // The application as the core stored it, once accepted.
    const Application &application() const { return m_application; }
    bool isValid() const { return m_valid; }

public slots:
    void accept() override;

private:
    void build();
    void validate();
    void setMessage(const QString &field, const QString &text);
    QStringList chosenMethods() const;

    Session &m_session;
    Application m_application;
    bool m_editing = false;
    qint64 m_fixedMerchantId = 0;
    bool m_merchantFixed = false;
    bool m_valid = false;
    bool m_developmentEndpoints = false; // plain http and private hosts allowed (Settings::DevelopmentEndpoints)
    QLabel *m_appId = nullptr;
    QLineEdit *m_name = nullptr;
    QLineEdit *m_merchant = nullptr;
    QMap<QString, QCheckBox *> m_methods;
    QLineEdit *m_notifyUrl = nullptr;
    QPlainTextEdit *m_allowlist = nullptr;
    QMap<QString, QLabel *> m_messages;
    QLabel *m_error = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace paydesk
