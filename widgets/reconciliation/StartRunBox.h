#pragma once

#include "core/channel/account/ChannelAccount.h"
#include "core/reconciliation/ReconciliationService.h"
#include "widgets/common/BackgroundCalls.h"

#include <QGroupBox>

#include <atomic>
#include <memory>
#include <optional>

class QComboBox;
class QDateEdit;
class QLabel;
class QProgressBar;
class QPushButton;
class QTimer;

namespace paydesk {

class Session;

// Starts a reconciliation run of one channel account and bill date, from the channel (download)
// or from a statement file, and follows it: the phase and lines read while it works, a Cancel
// button, then the outcome or why it failed. The run itself executes on a worker thread; the GUI
// thread only polls its progress, so the console stays responsive however large the day is.
class StartRunBox : public QGroupBox
{
    Q_OBJECT

public:
    StartRunBox(Session &session, QWidget *parent = nullptr);
    ~StartRunBox() override;

    void setAccounts(const QList<ChannelAccount> &accounts);
    bool isRunning() const { return m_cancel != nullptr; }

    QComboBox *accountCombo() const { return m_account; }
    QDateEdit *dateEdit() const { return m_date; }
    QPushButton *downloadButton() const { return m_download; }
    QPushButton *chooseFileButton() const { return m_chooseFile; }
    QPushButton *cancelButton() const { return m_cancelButton; }
    QLabel *progressLabel() const { return m_progressText; }
    QLabel *resultLabel() const { return m_result; }

    void retranslate();

public slots:
    void download();
    // Reconciles the day against this statement file (empty: ask for one).
    void importFile(const QString &path = {});
    void cancel();

signals:
    void started();
    // The run ended; runId is 0 when it failed before a run began.
    void finished(bool ok, qint64 runId);

private:
    void start(const QString &file);
    void showProgress();
    void showOutcome(const Result<ReconciliationRunOutcome> &outcome);
    void updateButtons();

    Session &m_session;
    QList<ChannelAccount> m_accounts;
    QLabel *m_accountLabel;
    QComboBox *m_account;
    QLabel *m_dateLabel;
    QDateEdit *m_date;
    QPushButton *m_download;
    QPushButton *m_chooseFile;
    QLabel *m_progressText;
    QProgressBar *m_progress;
    QPushButton *m_cancelButton;
    QLabel *m_result;
    QTimer *m_ticker;
    // Set while a run is under way; the worker reads the flag and writes the progress.
    std::shared_ptr<std::atomic<bool>> m_cancel;
    std::shared_ptr<std::atomic<int>> m_phase;
    std::shared_ptr<std::atomic<qint64>> m_lines;
    std::optional<Result<ReconciliationRunOutcome>> m_outcome; // the last run's, told again after a language switch
    bool m_cancelRequested = false;
    BackgroundCalls m_calls; // last: it waits for the run before the rest goes
};

} // namespace paydesk
