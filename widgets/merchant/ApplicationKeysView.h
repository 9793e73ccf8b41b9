#pragma once

#include "core/merchant/Application.h"
#include "widgets/common/BackgroundCalls.h"
#include "widgets/common/PageLoader.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QSpinBox;
class QTableView;

namespace paydesk {

class ApplicationKeyModel;
class Session;

// One application's request-signing keys: the list with state and validity, uploading an RSA2
// public key, generating an HMAC secret (shown once), revoking a key. A new key of a kind ends
// the earlier ones after the chosen overlap, so the merchant can switch without a gap.
class ApplicationKeysView : public QWidget
{
    Q_OBJECT

public:
    explicit ApplicationKeysView(Session &session, QWidget *parent = nullptr);

    void setApplication(const Application &application);
    ApplicationKeyModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    qint64 overlapSeconds() const;

public slots:
    void reload();
    void uploadRsaKey();
    void generateHmacSecret();
    void revokeSelected();

signals:
    void loaded();
    void changed();

protected:
    void changeEvent(QEvent *event) override;

private:
    void updateButtons();
    void retranslate();
    void fail(const Error &error);

    Session &m_session;
    Application m_application;
    ApplicationKeyModel *m_model;
    QLabel *m_title;
    QLabel *m_overlapLabel;
    QSpinBox *m_overlap;
    QPushButton *m_rsa;
    QPushButton *m_hmac;
    QPushButton *m_revoke;
    QTableView *m_table;
    PageLoader<QList<ApplicationKey>> m_loader;
    BackgroundCalls m_calls;
};

} // namespace paydesk
