#include "widgets/reconciliation/RunDiffView.h"

#include "core/PaydeskCore.h"
#include "core/util/Clock.h"
#include "widgets/channel/ChoiceCombos.h"
#include "widgets/common/RecordTable.h"
#include "widgets/common/Session.h"
#include "widgets/format/DisplayFormat.h"
#include "widgets/reconciliation/ReconciliationText.h"
#include "widgets/reconciliation/RunDiffModel.h"

#include <QComboBox>
#include <QDateEdit>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace paydesk {

RunDiffView::RunDiffView(Session &session, QWidget *parent)
    : QWidget(parent), m_session(session), m_accountLabel(new QLabel(this)), m_account(new QComboBox(this)),
      m_dateLabel(new QLabel(this)), m_date(new QDateEdit(this)), m_olderLabel(new QLabel(this)),
      m_older(new QComboBox(this)), m_newerLabel(new QLabel(this)), m_newer(new QComboBox(this)),
      m_compare(new QPushButton(this)), m_summary(new QLabel(this)), m_model(new RunDiffModel(this)),
      m_table(new QTableView(this)), m_fit(m_table),
      m_runLoader(this, [this](Result<QList<ReconciliationRun>> runs) { showRuns(std::move(runs)); }),
      m_diffLoader(this, [this](Result<ReconciliationRunDiff> diff) { showDiff(diff); })
{
    setObjectName(QStringLiteral("runDiff"));
    m_account->setObjectName(QStringLiteral("diffAccount"));
    m_date->setObjectName(QStringLiteral("diffDate"));
    m_older->setObjectName(QStringLiteral("diffOlder"));
    m_newer->setObjectName(QStringLiteral("diffNewer"));
    m_compare->setObjectName(QStringLiteral("diffCompare"));
    m_summary->setObjectName(QStringLiteral("diffSummary"));
    m_table->setObjectName(QStringLiteral("diffLines"));
    m_account->setMinimumContentsLength(14);
    m_account->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    for (QComboBox *combo : {m_older, m_newer}) {
        combo->setMinimumContentsLength(12);
        combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    }
    m_date->setCalendarPopup(true);
    m_date->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    m_date->setDate(session.core().clock().businessDate().addDays(-1));
    m_summary->setWordWrap(true);
    m_table->setModel(m_model);
    setUpRecordTable(m_table);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);

    auto *choose = new QGridLayout;
    choose->addWidget(m_accountLabel, 0, 0);
    choose->addWidget(m_account, 0, 1);
    choose->addWidget(m_dateLabel, 0, 2);
    choose->addWidget(m_date, 0, 3, Qt::AlignLeft);
    choose->addWidget(m_olderLabel, 1, 0);
    choose->addWidget(m_older, 1, 1);
    choose->addWidget(m_newerLabel, 1, 2);
    choose->addWidget(m_newer, 1, 3);
    choose->addWidget(m_compare, 1, 4);
    choose->setColumnStretch(1, 1);
    choose->setColumnStretch(3, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(choose);
    layout->addWidget(m_summary);
    layout->addWidget(m_table, 1);

    connect(m_account, &QComboBox::currentIndexChanged, this, &RunDiffView::loadRuns);
    connect(m_date, &QDateEdit::dateChanged, this, &RunDiffView::loadRuns);
    connect(m_older, &QComboBox::currentIndexChanged, this, &RunDiffView::updateButtons);
    connect(m_newer, &QComboBox::currentIndexChanged, this, &RunDiffView::updateButtons);
    connect(m_compare, &QPushButton::clicked, this, &RunDiffView::compare);
    retranslate();
    updateButtons();
}

void RunDiffView::setAccounts(const QList<ChannelAccount> &accounts)
{
    if (ChoiceCombos::fillAccounts(m_account, accounts))
        loadRuns();
}

void RunDiffView::setDay(qint64 channelAccountId, const QDate &billDate, qint64 newerRunId)
{
    m_wantedNewer = newerRunId;
    m_wantedOlder = 0;
    m_compareAgain = false;
    {
        const QSignalBlocker blockAccount(m_account);
        const QSignalBlocker blockDate(m_date);
        ChoiceCombos::selectId(m_account, channelAccountId);
        m_date->setDate(billDate);
    }
    loadRuns();
}

void RunDiffView::reload()
{
    // The runs chosen now stay chosen when they are still listed, and a comparison shown is made again.
    m_wantedNewer = m_newer->currentData().toLongLong();
    m_wantedOlder = m_older->currentData().toLongLong();
    m_compareAgain = m_diff.has_value();
    loadRuns();
}

void RunDiffView::loadRuns()
{
    m_runs.clear();
    m_older->clear();
    m_newer->clear();
    m_diff.reset();
    m_model->setLines({});
    updateButtons();
    const qint64 accountId = ChoiceCombos::currentId(m_account);
    if (accountId == 0) {
        m_runLoader.cancel();
        retranslate();
        return;
    }
    ReconciliationRunFilter filter;
    filter.channelAccountId = accountId;
    filter.from = m_date->date();
    filter.to = m_date->date();
    PaydeskCore &core = m_session.core();
    const Actor actor = m_session.actor();
    m_runLoader.start([&core, actor, filter]() { return core.reconciliation().runs(actor, filter); });
}

QString RunDiffView::runLabel(const ReconciliationRun &run) const
{
    QString label =
        tr("#%1 · %2 · %3 · %4")
            .arg(run.id)
            .arg(ReconciliationText::runStatus(run.status), DisplayFormat::dateTime(run.startedAt), run.startedBy);
    const QString file = run.settings.value(QStringLiteral("file")).toString();
    if (!file.isEmpty())
        label += QStringLiteral(" · ") + file;
    return label;
}

void RunDiffView::showRuns(Result<QList<ReconciliationRun>> runs)
{
    m_runs.clear();
    if (!runs) {
        m_summary->setText(runs.error().message());
        emit runsLoaded();
        return;
    }
    // Only completed runs have items to compare.
    for (const ReconciliationRun &run : *runs) {
        if (run.status == ReconciliationRunStatus::Completed)
            m_runs.append(run);
    }
    {
        const QSignalBlocker blockOlder(m_older);
        const QSignalBlocker blockNewer(m_newer);
        for (const ReconciliationRun &run : std::as_const(m_runs)) {
            m_older->addItem(runLabel(run), run.id);
            m_newer->addItem(runLabel(run), run.id);
        }
        // Newest first: the wanted (or latest) run against the wanted one or the one before it.
        int newer = 0;
        int older = -1;
        for (int i = 0; i < m_runs.size(); ++i) {
            if (m_runs[i].id == m_wantedNewer)
                newer = i;
            if (m_runs[i].id == m_wantedOlder)
                older = i;
        }
        if (older < 0 || older == newer)
            older = newer + 1 < m_runs.size() ? newer + 1 : -1;
        m_newer->setCurrentIndex(m_runs.isEmpty() ? -1 : newer);
        m_older->setCurrentIndex(older);
    }
    const bool compareAgain = m_compareAgain;
    m_wantedNewer = 0;
    m_wantedOlder = 0;
    m_compareAgain = false;
    retranslate();
    updateButtons();
    emit runsLoaded();
    if (compareAgain && m_compare->isEnabled())
        compare();
}

void RunDiffView::compare()
{
    const qint64 older = m_older->currentData().toLongLong();
    const qint64 newer = m_newer->currentData().toLongLong();
    if (older == 0 || newer == 0 || older == newer)
        return;
    PaydeskCore &core = m_session.core();
    const Actor actor = m_session.actor();
    // The diff reads older against newer by run id: the one begun first is the older one.
    const qint64 first = qMin(older, newer);
    const qint64 second = qMax(older, newer);
    m_summary->setText(tr("Comparing…"));
    m_diffLoader.start([&core, actor, first, second]() { return core.reconciliation().diff(actor, first, second); });
}

void RunDiffView::showDiff(const Result<ReconciliationRunDiff> &diff)
{
    if (!diff) {
        m_diff.reset();
        m_model->setLines({});
        m_summary->setText(diff.error().message());
        emit compared(false);
        return;
    }
    m_diff = *diff;
    m_model->setLines(diff->lines);
    retranslate();
    emit compared(true);
}

void RunDiffView::updateButtons()
{
    const qint64 older = m_older->currentData().toLongLong();
    const qint64 newer = m_newer->currentData().toLongLong();
    m_compare->setEnabled(older != 0 && newer != 0 && older != newer);
}

void RunDiffView::retranslate()
{
    m_accountLabel->setText(tr("Channel account:"));
    m_dateLabel->setText(tr("Bill date:"));
    m_olderLabel->setText(tr("Older run:"));
    m_newerLabel->setText(tr("Newer run:"));
    m_compare->setText(tr("Compare"));
    for (QComboBox *combo : {m_older, m_newer}) {
        for (int i = 0; i < combo->count() && i < m_runs.size(); ++i)
            combo->setItemText(i, runLabel(m_runs[i]));
    }
    m_model->retranslate();
    m_fit.again();
    if (m_diff) {
        const QLocale locale;
        const QString file = m_diff->sameStatement ? tr("the same statement file") : tr("different statement files");
        const QString settings = m_diff->sameSettings ? tr("the same settings") : tr("different settings");
        m_summary->setText(
            tr("Run #%1 against run #%2: %3, %4; %Ln item(s) changed category.", nullptr, int(m_diff->lines.size()))
                .arg(m_diff->older.id)
                .arg(m_diff->newer.id)
                .arg(file, settings));
    } else if (m_account->count() == 0) {
        m_summary->setText(tr("No channel accounts to compare."));
    } else if (m_runs.size() < 2) {
        m_summary->setText(tr("This day needs two completed runs to compare; it has %1.")
                               .arg(QLocale().toString(qsizetype(m_runs.size()))));
    } else {
        m_summary->setText(tr("Choose two runs of the day and compare them."));
    }
}

} // namespace paydesk
