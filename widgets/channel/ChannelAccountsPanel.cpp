#include "widgets/channel/ChannelAccountsPanel.h"

#include "core/PaydeskCore.h"
#include "widgets/channel/ChannelAccountDialog.h"
#include "widgets/channel/ChannelText.h"
#include "widgets/channel/CredentialChangesView.h"
#include "widgets/channel/CredentialsView.h"
#include "widgets/common/RecordTable.h"
#include "widgets/common/Session.h"
#include "widgets/format/DisplayFormat.h"

#include <QEvent>
#include <QFrame>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace paydesk {

ChannelAccountsPanel::ChannelAccountsPanel(Session &session, QWidget *parent)
    : QWidget(parent), m_session(session), m_model(new ChannelAccountModel(this)), m_table(new QTableView(this)),
      m_create(new QPushButton(this)), m_edit(new QPushButton(this)), m_toggle(new QPushButton(this)),
      m_test(new QPushButton(this)), m_credentials(new CredentialsView(session, this)),
      m_changes(new CredentialChangesView(session, this)), m_testTitle(new QLabel(this)),
      m_testResult(new QLabel(this)), m_message(new QLabel(this)),
      m_loader(this, [this](Result<Snapshot> snapshot) { showSnapshot(std::move(snapshot)); }),
      m_tester(this, [this](Result<ConnectionTestResult> result) { showTest(std::move(result)); })
{
    setObjectName(QStringLiteral("channelAccountsPanel"));
    m_table->setObjectName(QStringLiteral("accountTable"));
    m_create->setObjectName(QStringLiteral("newAccountButton"));
    m_edit->setObjectName(QStringLiteral("editAccountButton"));
    m_toggle->setObjectName(QStringLiteral("toggleAccountButton"));
    m_test->setObjectName(QStringLiteral("testConnectionButton"));
    m_testResult->setObjectName(QStringLiteral("connectionResult"));
    m_message->setObjectName(QStringLiteral("accountsMessage"));
    m_table->setModel(m_model);
    setUpRecordTable(m_table);
    m_table->setWordWrap(false);
    m_testTitle->setStyleSheet(QStringLiteral("font-weight: bold"));
    m_testResult->setWordWrap(true);
    m_testResult->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_testResult->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_message->setWordWrap(true);
    const bool manage = session.can(Permission::ChannelManage);
    for (QPushButton *button : {m_create, m_edit, m_toggle, m_test})
        button->setVisible(manage);

    auto *buttons = new QHBoxLayout;
    for (QPushButton *button : {m_create, m_edit, m_toggle, m_test})
        buttons->addWidget(button);
    buttons->addStretch();

    auto *testBox = new QFrame(this);
    testBox->setFrameShape(QFrame::StyledPanel);
    auto *testLayout = new QVBoxLayout(testBox);
    testLayout->addWidget(m_testTitle);
    testLayout->addWidget(m_testResult, 1);
    auto *details = new QSplitter(Qt::Horizontal, this);
    details->addWidget(m_credentials);
    details->addWidget(testBox);
    details->setStretchFactor(0, 3);
    details->setStretchFactor(1, 2);
    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_table);
    split->addWidget(details);
    split->addWidget(m_changes);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 3);
    split->setStretchFactor(2, 2);
    // Scaled to the panel: a credentials table of seven rows, and a few waiting changes with their fingerprints.
    split->setSizes({220, 340, 180});

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(buttons);
    layout->addWidget(split, 1);
    layout->addWidget(m_message);

    connect(m_create, &QPushButton::clicked, this, &ChannelAccountsPanel::createAccount);
    connect(m_edit, &QPushButton::clicked, this, &ChannelAccountsPanel::editAccount);
    connect(m_table, &QTableView::doubleClicked, this, &ChannelAccountsPanel::editAccount);
    connect(m_toggle, &QPushButton::clicked, this, &ChannelAccountsPanel::toggleEnabled);
    connect(m_test, &QPushButton::clicked, this, &ChannelAccountsPanel::testConnection);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &ChannelAccountsPanel::selectionChanged);
    connect(m_credentials, &CredentialsView::changed, this, &ChannelAccountsPanel::reload);
    connect(m_credentials, &CredentialsView::proposed, this, &ChannelAccountsPanel::proposed);
    connect(m_changes, &CredentialChangesView::decided, this, [this] {
        reload();
        m_credentials->reload();
    });
    connect(&session, &Session::dataChanged, this, &ChannelAccountsPanel::reload);
    retranslate();
    reload();
}

Result<ChannelAccountsPanel::Snapshot> ChannelAccountsPanel::loadSnapshot(PaydeskCore *core, const Actor &actor)
{
    auto directory = ChannelDirectory::load(*core, actor);
    if (!directory)
        return directory.error();
    Snapshot snapshot;
    snapshot.directory = *directory;
    const QDate today = core->clock().businessDate();
    for (const ChannelAccount &account : std::as_const(directory->accounts)) {
        ChannelAccountRow row;
        row.account = account;
        if (account.mode == ChannelAccountMode::Own)
            row.ownerLabel = directory->merchantLabel(account.ownerMerchantId);
        auto usage = core->channelAccounts().usage(actor, account.id, today);
        if (!usage)
            return usage.error();
        row.usage = *usage;
        auto credentials = core->channelAccounts().credentialStatus(actor, account.id);
        if (!credentials)
            return credentials.error();
        row.credentials = *credentials;
        snapshot.rows << row;
    }
    auto changes = core->channelAccounts().credentialChanges().list(actor, 0, true);
    if (!changes)
        return changes.error();
    snapshot.changes = *changes;
    return snapshot;
}

void ChannelAccountsPanel::reload()
{
    const ChannelAccountRow *row = selected();
    if (row && m_selectId == 0)
        m_selectId = row->account.id;
    PaydeskCore *core = &m_session.core();
    const Actor actor = m_session.actor();
    m_loader.start([core, actor]() { return loadSnapshot(core, actor); });
}

void ChannelAccountsPanel::showSnapshot(Result<Snapshot> snapshot)
{
    if (!snapshot) {
        m_message->setStyleSheet(QStringLiteral("color: #b00020"));
        m_message->setText(snapshot.error().message());
        return;
    }
    m_directory = snapshot->directory;
    m_model->setRows(snapshot->rows);
    m_changes->setChanges(snapshot->changes);
    m_table->resizeColumnsToContents();
    const int row = m_model->rowOf(m_selectId);
    m_selectId = 0;
    if (row >= 0)
        m_table->setCurrentIndex(m_model->index(row, 0));
    selectionChanged();
    emit loaded();
}

bool ChannelAccountsPanel::select(const QString &name)
{
    const int row = m_model->rowOf(name);
    if (row >= 0)
        m_table->setCurrentIndex(m_model->index(row, 0));
    return row >= 0;
}

const ChannelAccountRow *ChannelAccountsPanel::selected() const
{
    const QModelIndex current = m_table->currentIndex();
    return current.isValid() && current.row() < m_model->rowCount() ? &m_model->at(current.row()) : nullptr;
}

void ChannelAccountsPanel::selectionChanged()
{
    const ChannelAccountRow *row = selected();
    m_credentials->setAccount(row ? row->account : ChannelAccount());
    if (!m_tester.isRunning()) {
        if (!row) {
            m_testResult->clear();
        } else if (row->account.name != m_testedName) {
            // The last stored result until a new test runs for this account.
            m_testResult->setStyleSheet(QString());
            m_testResult->setText(
                row->account.lastTestAt.isValid()
                    ? tr("Last test %1: %2")
                          .arg(DisplayFormat::dateTime(row->account.lastTestAt), ChannelText::lastTest(row->account))
                    : ChannelText::lastTest(row->account));
        }
    }
    updateButtons();
}

void ChannelAccountsPanel::updateButtons()
{
    const bool manage = m_session.can(Permission::ChannelManage);
    const ChannelAccountRow *row = selected();
    m_create->setEnabled(manage);
    m_edit->setEnabled(manage && row);
    m_toggle->setEnabled(manage && row);
    m_toggle->setText(row && !row->account.enabled ? tr("E&nable") : tr("&Disable"));
    m_test->setEnabled(manage && row && !m_tester.isRunning());
}

void ChannelAccountsPanel::report(const Status &status, const QString &done)
{
    m_message->setStyleSheet(status ? QString() : QStringLiteral("color: #b00020"));
    m_message->setText(status ? done : status.error().message());
    reload();
}

void ChannelAccountsPanel::proposed(const CredentialChange &change)
{
    const QStringList items = change.items;
    QStringList names;
    for (const QString &item : items)
        names << ChannelText::credentialItem(item);
    if (change.isPending())
        report({}, tr("Change %1 proposed for %2 (%3): it takes effect when a second operator approves it.")
                       .arg(change.id)
                       .arg(change.accountName, names.join(QStringLiteral("; "))));
    else
        report({}, tr("%1 stored for %2: it verifies nothing, so no approval is needed.")
                       .arg(names.join(QStringLiteral("; ")), change.accountName));
    m_changes->select(change.id);
}

void ChannelAccountsPanel::createAccount()
{
    ChannelAccountDialog dialog(m_session, m_directory, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    m_selectId = dialog.account().id;
    report({},
           tr("Channel account %1 created. Set its credentials, then test the connection.").arg(dialog.account().name));
    emit m_session.dataChanged();
}

void ChannelAccountsPanel::editAccount()
{
    const ChannelAccountRow *row = selected();
    if (!row || !m_session.can(Permission::ChannelManage))
        return;
    ChannelAccountDialog dialog(m_session, m_directory, row->account, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    m_selectId = dialog.account().id;
    report({}, tr("Channel account %1 saved.").arg(dialog.account().name));
}

void ChannelAccountsPanel::toggleEnabled()
{
    const ChannelAccountRow *row = selected();
    if (!row)
        return;
    const ChannelAccount account = row->account;
    m_selectId = account.id;
    report(m_session.core().channelAccounts().setEnabled(m_session.actor(), account.id, !account.enabled),
           account.enabled ? tr("%1 disabled: routing skips it.").arg(account.name)
                           : tr("%1 enabled.").arg(account.name));
}

void ChannelAccountsPanel::testConnection()
{
    const ChannelAccountRow *row = selected();
    if (!row || m_tester.isRunning())
        return;
    m_testedName = row->account.name;
    m_message->clear(); // the test's own result replaces earlier advice such as "set its credentials"
    m_testResult->setStyleSheet(QString());
    m_testResult->setText(tr("Testing %1: asking %2 about an order that cannot exist…")
                              .arg(row->account.name, ChannelText::channel(row->account.channel)));
    PaydeskCore *core = &m_session.core();
    const Actor actor = m_session.actor();
    const qint64 id = row->account.id;
    m_tester.start([core, actor, id]() { return core->channelAccounts().testConnection(actor, id); });
    updateButtons();
}

void ChannelAccountsPanel::showTest(Result<ConnectionTestResult> result)
{
    if (!result) {
        m_testResult->setStyleSheet(QStringLiteral("color: #b00020"));
        m_testResult->setText(tr("%1: the test could not run: %2").arg(m_testedName, result.error().message()));
        updateButtons();
        emit tested(false);
        return;
    }
    m_testResult->setStyleSheet(result->ok ? QStringLiteral("color: #1b7f3b") : QStringLiteral("color: #b00020"));
    m_testResult->setText(tr("%1: %2").arg(m_testedName, ChannelText::connectionTest(*result)));
    updateButtons();
    reload();
    emit tested(result->ok);
}

void ChannelAccountsPanel::retranslate()
{
    m_create->setText(tr("&New account…"));
    m_edit->setText(tr("&Edit…"));
    m_test->setText(tr("&Test connection"));
    m_testTitle->setText(tr("Connection test"));
    updateButtons();
}

void ChannelAccountsPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
        m_model->retranslate();
    }
    QWidget::changeEvent(event);
}

} // namespace paydesk
