#include "widgets/reconciliation/StartRunBox.h"

#include "core/PaydeskCore.h"
#include "core/util/Clock.h"
#include "widgets/channel/ChoiceCombos.h"
#include "widgets/common/Session.h"
#include "widgets/reconciliation/ReconciliationText.h"

#include <algorithm>

#include <QComboBox>
#include <QDateEdit>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>

namespace paydesk {

namespace {
constexpr int kProgressPollMs = 100;
} // namespace

StartRunBox::StartRunBox(Session &session, QWidget *parent)
    : QGroupBox(parent), m_session(session), m_accountLabel(new QLabel(this)), m_account(new QComboBox(this)),
      m_dateLabel(new QLabel(this)), m_date(new QDateEdit(this)), m_download(new QPushButton(this)),
      m_chooseFile(new QPushButton(this)), m_progressText(new QLabel(this)), m_progress(new QProgressBar(this)),
      m_cancelButton(new QPushButton(this)), m_result(new QLabel(this)), m_ticker(new QTimer(this)), m_calls(this)
{
    setObjectName(QStringLiteral("startRun"));
    m_account->setObjectName(QStringLiteral("runAccount"));
    m_date->setObjectName(QStringLiteral("runDate"));
    m_download->setObjectName(QStringLiteral("runDownload"));
    m_chooseFile->setObjectName(QStringLiteral("runChooseFile"));
    m_progressText->setObjectName(QStringLiteral("runProgress"));
    m_cancelButton->setObjectName(QStringLiteral("runCancel"));
    m_result->setObjectName(QStringLiteral("runResult"));
    m_account->setMinimumContentsLength(16);
    m_account->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_date->setCalendarPopup(true);
    m_date->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    // T+1: the channels publish yesterday's bill this morning.
    const QDate today = session.core().clock().businessDate();
    m_date->setMaximumDate(today);
    m_date->setDate(today.addDays(-1));
    m_progress->setRange(0, 0); // busy: a run does not know its end in advance
    m_progress->setTextVisible(false);
    m_progress->setMaximumHeight(m_progressText->fontMetrics().height());
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_ticker->setInterval(kProgressPollMs);

    auto *choose = new QHBoxLayout;
    choose->addWidget(m_accountLabel);
    choose->addWidget(m_account, 1);
    choose->addSpacing(12);
    choose->addWidget(m_dateLabel);
    choose->addWidget(m_date);
    choose->addSpacing(12);
    choose->addWidget(m_download);
    choose->addWidget(m_chooseFile);
    auto *running = new QHBoxLayout;
    running->addWidget(m_progressText, 1);
    running->addWidget(m_progress, 1);
    running->addWidget(m_cancelButton);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(choose);
    layout->addLayout(running);
    layout->addWidget(m_result);

    connect(m_download, &QPushButton::clicked, this, &StartRunBox::download);
    connect(m_chooseFile, &QPushButton::clicked, this, [this]() { importFile(); });
    connect(m_cancelButton, &QPushButton::clicked, this, &StartRunBox::cancel);
    connect(m_account, &QComboBox::currentIndexChanged, this, &StartRunBox::updateButtons);
    connect(m_ticker, &QTimer::timeout, this, &StartRunBox::showProgress);
    retranslate();
    updateButtons();
}

StartRunBox::~StartRunBox()
{
    // The run stops at its next check instead of holding the window's closing for its whole length.
    if (m_cancel)
        m_cancel->store(true);
}

void StartRunBox::setAccounts(const QList<ChannelAccount> &accounts)
{
    m_accounts = accounts;
    ChoiceCombos::fillAccounts(m_account, accounts);
    updateButtons();
}

void StartRunBox::download()
{
    start(QString());
}

void StartRunBox::importFile(const QString &givenPath)
{
    QString path = givenPath;
    if (path.isEmpty())
        path = QFileDialog::getOpenFileName(this, tr("Choose the channel's statement"), QString(),
                                            tr("Statements (*.csv *.txt *.zip *.gz ZM_*);;All files (*)"));
    if (!path.isEmpty())
        start(path);
}

void StartRunBox::start(const QString &file)
{
    const qint64 accountId = ChoiceCombos::currentId(m_account);
    const auto account = std::find_if(m_accounts.cbegin(), m_accounts.cend(),
                                      [accountId](const ChannelAccount &a) { return a.id == accountId; });
    if (isRunning() || account == m_accounts.cend())
        return;
    ReconciliationRunRequest request;
    request.channelAccount = account->name;
    request.billDate = m_date->date();
    request.file = file;
    auto cancelFlag = std::make_shared<std::atomic<bool>>(false);
    auto phase = std::make_shared<std::atomic<int>>(
        int(file.isEmpty() ? ReconciliationPhase::Fetching : ReconciliationPhase::Keeping));
    auto lines = std::make_shared<std::atomic<qint64>>(0);
    m_cancel = cancelFlag;
    m_phase = phase;
    m_lines = lines;
    m_cancelRequested = false;
    m_outcome.reset();
    m_result->clear();
    m_result->setStyleSheet(QString());
    showProgress();
    m_ticker->start();
    updateButtons();
    emit started();

    PaydeskCore &core = m_session.core();
    const Actor actor = m_session.actor();
    m_calls.run<ReconciliationRunOutcome>(
        [&core, actor, request, cancelFlag, phase, lines]() {
            // The flag and the counters live as long as this closure: the box may go first.
            ReconciliationRunRequest running = request;
            running.cancel = cancelFlag.get();
            running.onProgress = [phase, lines](const ReconciliationProgress &progress) {
                phase->store(int(progress.phase));
                lines->store(progress.lines);
            };
            return core.reconciliation().run(actor, running);
        },
        [this](Result<ReconciliationRunOutcome> outcome) {
            m_ticker->stop();
            m_cancel.reset();
            m_outcome = outcome;
            showOutcome(outcome);
            updateButtons(); // after the outcome: the result line shows only with a text
            const qint64 runId = outcome ? outcome->runId : 0;
            emit finished(outcome.ok(), runId);
        });
}

void StartRunBox::cancel()
{
    if (!m_cancel)
        return;
    m_cancel->store(true);
    m_cancelRequested = true;
    showProgress();
    updateButtons();
}

void StartRunBox::showProgress()
{
    if (!isRunning()) {
        m_progressText->clear();
        return;
    }
    if (m_cancelRequested) {
        m_progressText->setText(tr("Cancelling…"));
        return;
    }
    const auto phase = ReconciliationPhase(m_phase->load());
    const qint64 lines = m_lines->load();
    QString text = ReconciliationText::phase(phase);
    if (lines > 0)
        text = tr("%1: %2 lines read").arg(text, QLocale().toString(lines));
    m_progressText->setText(text + QStringLiteral("…"));
}

void StartRunBox::showOutcome(const Result<ReconciliationRunOutcome> &outcome)
{
    m_progressText->clear();
    if (!outcome) {
        const bool cancelled = outcome.error().code() == ErrorCode::Cancelled;
        m_result->setStyleSheet(cancelled ? QString() : QStringLiteral("color: #b00020"));
        m_result->setText(cancelled ? tr("The run was cancelled; none of its results were written.")
                                    : tr("The run failed: %1").arg(outcome.error().message()));
        return;
    }
    const QLocale locale;
    if (outcome->alreadyImported) {
        m_result->setText(tr("This statement was imported before: run #%1 already reconciled it, so nothing new "
                             "was done.")
                              .arg(outcome->runId));
        return;
    }
    const ReconciliationSummary &s = outcome->summary;
    const qint64 matched = s.of(DiscrepancyCategory::Matched, RecordType::Payment).count +
                           s.of(DiscrepancyCategory::Matched, RecordType::Refund).count;
    const qint64 carried = s.of(DiscrepancyCategory::CarriedOver, RecordType::Payment).count +
                           s.of(DiscrepancyCategory::CarriedOver, RecordType::Refund).count;
    const qint64 discrepancies = s.discrepancyCount() - carried;
    QString text = tr("Run #%1 completed. Matched: %2; discrepancies: %3; carried to the next day: %4.")
                       .arg(outcome->runId)
                       .arg(locale.toString(matched), locale.toString(discrepancies), locale.toString(carried));
    if (outcome->supersededRunId != 0)
        text += QLatin1Char(' ') + tr("It supersedes run #%1.").arg(outcome->supersededRunId);
    m_result->setStyleSheet(discrepancies > 0 ? QStringLiteral("color: #9a6000") : QString());
    m_result->setText(text);
}

void StartRunBox::updateButtons()
{
    const bool running = isRunning();
    const bool canStart = !running && m_account->count() > 0;
    m_download->setEnabled(canStart);
    m_chooseFile->setEnabled(canStart);
    m_account->setEnabled(!running);
    m_date->setEnabled(!running);
    m_progress->setVisible(running);
    m_progressText->setVisible(running);
    m_cancelButton->setVisible(running);
    m_result->setVisible(!m_result->text().isEmpty());
    m_cancelButton->setEnabled(running && !m_cancelRequested);
}

void StartRunBox::retranslate()
{
    setTitle(tr("Reconcile a day"));
    m_accountLabel->setText(tr("Channel account:"));
    m_dateLabel->setText(tr("Bill date:"));
    m_download->setText(tr("Download"));
    m_download->setToolTip(tr("Download the day's statement from the channel and reconcile it"));
    m_chooseFile->setText(tr("Choose file…"));
    m_chooseFile->setToolTip(tr("Reconcile the day against a statement file you have"));
    m_cancelButton->setText(tr("Cancel"));
    showProgress();
    if (m_outcome)
        showOutcome(*m_outcome);
}

} // namespace paydesk
