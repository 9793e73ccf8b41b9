#pragma once

#include "core/merchant/Application.h"
#include "widgets/common/BackgroundCalls.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;
class QTimer;

namespace paydesk {

class ApplicationKeysView;
class ApplicationModel;
class Session;

// 应用管理: the applications that call the gateway — all of them, or one merchant's when the
// panel sits in a merchant's Apps tab — with create and edit, enable and disable, and the
// selected application's signing keys (ApplicationKeysView). Lists load when the panel is
// first shown, a page at a time off the GUI thread.
class ApplicationsPanel : public QWidget
{
    Q_OBJECT

public:
    explicit ApplicationsPanel(Session &session, QWidget *parent = nullptr);

    // Only this merchant's applications, and new ones are its; 0: every application.
    void setMerchant(qint64 merchantId, const QString &merchantNo = QString());
    qint64 merchantId() const { return m_merchantId; }
    ApplicationModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    ApplicationKeysView *keys() const { return m_keys; }
    // The selected application (id 0: none).
    Application selected() const;

public slots:
    void reload();
    void createApplication();
    void editSelected();
    void toggleSelected();

signals:
    // An application was created, edited, enabled or disabled, or its keys changed.
    void changed();

protected:
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    ApplicationFilter currentFilter() const;
    void updateButtons();
    void retranslate();
    void afterChange(const Application &application);

    Session &m_session;
    qint64 m_merchantId = 0;
    QString m_merchantNo;
    bool m_stale = true;
    qint64 m_pendingSelection = 0;
    ApplicationModel *m_model;
    QLineEdit *m_search;
    QComboBox *m_scope;
    QPushButton *m_create;
    QPushButton *m_edit;
    QPushButton *m_toggle;
    QTableView *m_table;
    QLabel *m_message;
    ApplicationKeysView *m_keys;
    QTimer *m_settle;
    BackgroundCalls m_calls;
};

} // namespace paydesk
