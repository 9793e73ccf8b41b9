#include "widgets/reconciliation/RunsView.h"

#include "core/PaydeskCore.h"
#include "widgets/channel/ChoiceCombos.h"
#include "widgets/common/RecordTable.h"
#include "widgets/common/Session.h"
#include "widgets/format/DisplayFormat.h"
#include "widgets/payment/DateRangeFilter.h"
#include "widgets/reconciliation/ReconciliationText.h"
#include "widgets/reconciliation/RunItemModel.h"
#include "widgets/reconciliation/RunModel.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace paydesk {

RunsView::RunsView(Session &session, QWidget *parent)
    : QWidget(parent), m_session(session), m_rangeLabel(new QLabel(this)),
      m_range(new DateRangeFilter(session.core().clock(), this)), m_accountLabel(new QLabel(this)),
      m_account(new QComboBox(this)), m_refresh(new QPushButton(this)), m_runs(new RunModel(session, this)),
      m_runsTable(new QTableView(this)), m_summary(new QLabel(this)), m_compare(new QPushButton(this)),
      m_items(new RunItemModel(session, this)), m_itemsTable(new QTableView(this)), m_message(new QLabel(this)),
      m_runsFit(m_runsTable), m_itemsFit(m_itemsTable)
{
    setObjectName(QStringLiteral("runsView"));
    m_account->setObjectName(QStringLiteral("runsAccount"));
    m_refresh->setObjectName(QStringLiteral("runsRefresh"));
    m_runsTable->setObjectName(QStringLiteral("runs"));
    m_itemsTable->setObjectName(QStringLiteral("runItems"));
    m_summary->setObjectName(QStringLiteral("runSummary"));
    m_compare->setObjectName(QStringLiteral("runCompare"));
    m_message->setObjectName(QStringLiteral("runsMessage"));
    m_range->setPreset(DateRangeFilter::Last30Days);
    m_account->setMinimumContentsLength(14);
    m_account->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->setWordWrap(true);
    m_message->setStyleSheet(QStringLiteral("color: #b00020"));
    m_message->hide();

    for (QTableView *table : {m_runsTable, m_itemsTable}) {
        setUpRecordTable(table);
        table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
        table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 8);
    }
    m_runsTable->setModel(m_runs);
    m_itemsTable->setModel(m_items);

    auto *filters = new QHBoxLayout;
    filters->addWidget(m_rangeLabel);
    filters->addWidget(m_range);
    filters->addSpacing(12);
    filters->addWidget(m_accountLabel);
    filters->addWidget(m_account);
    filters->addStretch(1);
    filters->addWidget(m_refresh);

    auto *runPart = new QWidget(this);
    auto *runLayout = new QVBoxLayout(runPart);
    runLayout->setContentsMargins(0, 0, 0, 0);
    runLayout->addLayout(filters);
    runLayout->addWidget(m_message);
    runLayout->addWidget(m_runsTable, 1);

    auto *chosen = new QHBoxLayout;
    chosen->addWidget(m_summary, 1);
    chosen->addWidget(m_compare, 0, Qt::AlignTop);
    auto *itemPart = new QWidget(this);
    auto *itemLayout = new QVBoxLayout(itemPart);
    itemLayout->setContentsMargins(0, 0, 0, 0);
    itemLayout->addLayout(chosen);
    itemLayout->addWidget(m_itemsTable, 1);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(runPart);
    splitter->addWidget(itemPart);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(splitter);

    connect(m_range, &DateRangeFilter::changed, this, &RunsView::applyFilter);
    connect(m_account, &QComboBox::currentIndexChanged, this, &RunsView::applyFilter);
    connect(m_refresh, &QPushButton::clicked, this, &RunsView::reload);
    connect(m_runsTable->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &RunsView::showSelected);
    connect(m_runs, &RunModel::pageLoaded, this, [this]() {
        m_message->hide();
        m_runsFit.rowsArrived();
        if (m_pendingSelection != 0)
            selectRun(m_pendingSelection);
        emit runsLoaded();
    });
    connect(m_runs, &RunModel::loadFailed, this, [this](const QString &message) {
        m_message->setText(message);
        m_message->show();
        emit runsLoaded();
    });
    connect(m_runs, &QAbstractItemModel::modelReset, this, &RunsView::showSelected);
    connect(m_items, &RunItemModel::pageLoaded, this, [this]() {
        m_itemsFit.rowsArrived();
        emit itemsLoaded();
    });
    connect(m_items, &RunItemModel::loadFailed, this, [this](const QString &message) {
        m_message->setText(message);
        m_message->show();
        emit itemsLoaded();
    });
    connect(m_compare, &QPushButton::clicked, this, [this]() {
        if (const RunRow *row = selectedRun())
            emit compareRequested(row->run.channelAccountId, row->run.billDate, row->run.id);
    });
    retranslate();
    applyFilter();
}

void RunsView::setAccounts(const QList<ChannelAccount> &accounts)
{
    m_accounts = accounts;
    QHash<qint64, QString> names;
    for (const ChannelAccount &account : accounts)
        names.insert(account.id, account.name);
    m_runs->setAccountNames(names);
    // The refill keeps the choice and emits nothing; a changed choice reloads the list.
    if (ChoiceCombos::fillAccounts(m_account, accounts, {}, tr("All accounts")))
        applyFilter();
}

void RunsView::applyFilter()
{
    ReconciliationRunFilter filter;
    filter.channelAccountId = ChoiceCombos::currentId(m_account);
    filter.from = m_range->from();
    filter.to = m_range->to();
    m_runs->setFilter(filter);
}

void RunsView::reload()
{
    const RunRow *row = selectedRun();
    if (row && m_pendingSelection == 0)
        m_pendingSelection = row->run.id;
    m_runs->reload();
}

void RunsView::selectRun(qint64 runId)
{
    const int row = m_runs->rowOfRun(runId);
    if (row < 0) {
        m_pendingSelection = runId; // when its page arrives
        return;
    }
    m_pendingSelection = 0;
    m_runsTable->setCurrentIndex(m_runs->index(row, 0));
    // The same run again (a reload): its items may have changed all the same.
    showSelected();
}

const RunRow *RunsView::selectedRun() const
{
    const QModelIndex current = m_runsTable->currentIndex();
    return current.isValid() ? m_runs->row(current.row()) : nullptr;
}

void RunsView::showSelected()
{
    const RunRow *row = selectedRun();
    m_compare->setEnabled(row != nullptr);
    if (!row) {
        m_summary->setText(tr("Choose a run to see its summary and the items it did not match."));
        if (m_items->runId() != 0)
            m_items->setRun(0);
        return;
    }
    m_summary->setText(summaryOf(*row));
    m_items->setRun(row->run.id);
}

QString RunsView::summaryOf(const RunRow &row) const
{
    const ReconciliationRun &run = row.run;
    const QLocale locale;
    const ReconciliationSummary &s = row.summary;
    auto side = [&](const SideTally &payments, const SideTally &refunds) {
        return tr("%1 payments (%2), %3 refunds (%4)")
            .arg(locale.toString(payments.count), DisplayFormat::money(Money::fromMinor(payments.amount, s.currency)),
                 locale.toString(refunds.count), DisplayFormat::money(Money::fromMinor(refunds.amount, s.currency)));
    };
    QStringList lines;
    lines << tr("Run #%1 of %2 for %3: %4")
                 .arg(run.id)
                 .arg(m_runs->accountName(run.channelAccountId), DisplayFormat::date(run.billDate),
                      ReconciliationText::runStatus(run.status));
    if (run.status == ReconciliationRunStatus::Completed) {
        lines << tr("Statement: %1. Ours: %2.")
                     .arg(side(s.channelSide(RecordType::Payment), s.channelSide(RecordType::Refund)),
                          side(s.platformSide(RecordType::Payment), s.platformSide(RecordType::Refund)));
    } else if (!run.error.isEmpty()) {
        lines << tr("Why: %1").arg(run.error);
    }
    QString who = tr("Started by %1 at %2").arg(run.startedBy, DisplayFormat::dateTime(run.startedAt));
    if (run.status != ReconciliationRunStatus::Running)
        who = tr("%1, took %2").arg(who, ReconciliationText::duration(row.durationMs));
    if (!row.fileName().isEmpty())
        who = tr("%1, file %2").arg(who, row.fileName());
    lines << tr("%1.", "a sentence's full stop").arg(who);
    return lines.join(QLatin1Char('\n'));
}

void RunsView::retranslate()
{
    m_rangeLabel->setText(tr("Bill dates:"));
    m_accountLabel->setText(tr("Channel account:"));
    m_refresh->setText(tr("Refresh"));
    m_compare->setText(tr("Compare runs of this day…"));
    if (m_account->count() > 0)
        m_account->setItemText(0, tr("All accounts"));
    m_range->retranslate();
    m_runs->retranslate();
    m_items->retranslate();
    m_runsFit.again();
    m_itemsFit.again();
    showSelected();
}

} // namespace paydesk
