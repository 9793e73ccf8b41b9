#pragma once

#include "core/channel/account/CredentialChange.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QTableView;

namespace paydesk {

class CredentialChangeModel;
class Session;

// Credential changes waiting for a second operator (maker-checker on channel trust material):
// the list, the chosen change's old and new fingerprints, and Approve / Reject for an operator
// who may approve (channel.approve) and did not propose it, Withdraw for the one who did. The
// core checks all of it again (self-approval, expiry, two approvers at once) and audits.
class CredentialChangesView : public QWidget
{
    Q_OBJECT

public:
    explicit CredentialChangesView(Session &session, QWidget *parent = nullptr);

    void setChanges(const QList<CredentialChange> &changes);
    CredentialChangeModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    QLabel *fingerprints() const { return m_fingerprints; }
    QLabel *messageLabel() const { return m_message; }
    // Selects the change; one not listed yet is selected when a later setChanges lists it.
    bool select(qint64 id);

public slots:
    void approve();
    void reject();
    void withdraw();

signals:
    // A change was approved, rejected or withdrawn (or found decided meanwhile): reload.
    void decided();

protected:
    void changeEvent(QEvent *event) override;

private:
    const CredentialChange *selected() const;
    void selectionChanged();
    void report(bool ok, const QString &text);
    // A Yes/No question whose default is No (an approval is never one Enter away).
    bool confirm(const QString &name, const QString &title, const QString &text);
    void retranslate();

    Session &m_session;
    CredentialChangeModel *m_model;
    QLabel *m_title;
    QTableView *m_table;
    QLabel *m_fingerprints;
    QPushButton *m_approve;
    QPushButton *m_reject;
    QPushButton *m_withdraw;
    QLabel *m_message;
    qint64 m_wanted = 0;
};

} // namespace paydesk
