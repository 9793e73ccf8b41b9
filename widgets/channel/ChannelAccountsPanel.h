#pragma once

#include "core/channel/account/ConnectionTestResult.h"
#include "core/channel/account/CredentialChange.h"
#include "widgets/channel/ChannelAccountModel.h"
#include "widgets/channel/ChannelDirectory.h"
#include "widgets/common/PageLoader.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QTableView;

namespace paydesk {

class CredentialChangesView;
class CredentialsView;
class Session;

// Channel accounts (渠道账户): the list with limits and today's usage; create and edit; enable
// and disable; the selected account's credentials (proposed item by item); the credential
// changes waiting for a second operator, with their fingerprints and Approve / Reject for those
// who may approve (channel.approve, not the maker); and a live connection test that runs off the
// GUI thread and shows the channel's answer. Reading needs channel.view, everything else
// channel.manage — checked again and audited by the core.
class ChannelAccountsPanel : public QWidget
{
    Q_OBJECT

public:
    ChannelAccountsPanel(Session &session, QWidget *parent);

    ChannelAccountModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    CredentialsView *credentials() const { return m_credentials; }
    CredentialChangesView *changes() const { return m_changes; }
    QLabel *connectionResult() const { return m_testResult; }
    QLabel *messageLabel() const { return m_message; }
    bool isTesting() const { return m_tester.isRunning(); }
    // Selects the account with this name; false when it is not listed.
    bool select(const QString &name);

public slots:
    void reload();
    void createAccount();
    void editAccount();
    void toggleEnabled();
    void testConnection();

signals:
    void loaded();
    // A connection test finished (its result is in connectionResult()).
    void tested(bool ok);

protected:
    void changeEvent(QEvent *event) override;

private:
    struct Snapshot
    {
        QList<ChannelAccountRow> rows;
        ChannelDirectory directory;
        QList<CredentialChange> changes; // waiting for approval
    };
    static Result<Snapshot> loadSnapshot(PaydeskCore *core, const Actor &actor);

    void retranslate();
    void updateButtons();
    void showSnapshot(Result<Snapshot> snapshot);
    void showTest(Result<ConnectionTestResult> result);
    void selectionChanged();
    const ChannelAccountRow *selected() const;
    void report(const Status &status, const QString &done);
    void proposed(const CredentialChange &change);

    Session &m_session;
    ChannelDirectory m_directory;
    ChannelAccountModel *m_model;
    QTableView *m_table;
    QPushButton *m_create;
    QPushButton *m_edit;
    QPushButton *m_toggle;
    QPushButton *m_test;
    CredentialsView *m_credentials;
    CredentialChangesView *m_changes;
    QLabel *m_testTitle;
    QLabel *m_testResult;
    QLabel *m_message;
    qint64 m_selectId = 0;
    QString m_testedName;
    PageLoader<Snapshot> m_loader;
    PageLoader<ConnectionTestResult> m_tester;
};

} // namespace paydesk
