#pragma once

#include "core/reconciliation/ReconciliationService.h"
#include "widgets/channel/ChannelDirectory.h"
#include "widgets/common/BackgroundCalls.h"
#include "widgets/reconciliation/ColumnFit.h"

#include <QWidget>

#include <functional>

class QLabel;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;

namespace paydesk {

class DiscrepancyDetailView;
class DiscrepancyFilterBar;
class DiscrepancyModel;
class Session;

// The discrepancy pool (差错池) as finance works it: filtered and sortable, the chosen one side by
// side, and the maker-checker on it — propose a resolution (recon.resolve), approve or reject it
// (recon.approve, never one's own) — each through the core off the GUI thread. When another
// operator got there first, the answer says so and the row is read again. The order's story is
// one click away.
class DiscrepancyPoolView : public QWidget
{
    Q_OBJECT

public:
    explicit DiscrepancyPoolView(Session &session, QWidget *parent = nullptr);

    void setDirectory(const ChannelDirectory &directory);
    void reload();
    // Every discrepancy found for that bill date, whatever its status now (the chart's bar).
    void showDay(const QDate &billDate);
    // Selects the discrepancy when it is listed.
    bool select(qint64 discrepancyId);
    const PoolDiscrepancy *current() const;

    DiscrepancyFilterBar *filterBar() const { return m_filters; }
    DiscrepancyModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    DiscrepancyDetailView *detail() const { return m_detail; }
    QPushButton *proposeButton() const { return m_propose; }
    QPushButton *approveButton() const { return m_approve; }
    QPushButton *rejectButton() const { return m_reject; }
    QPushButton *openOrderButton() const { return m_openOrder; }
    QLabel *messageLabel() const { return m_message; }
    QLabel *countLabel() const { return m_count; }

    void retranslate();

public slots:
    // Asks for the resolution in a dialog, then proposes it.
    void propose();
    void submitProposal(const ResolutionProposal &proposal);
    // confirmed: skip the question (tests).
    void approve(bool confirmed = false);
    // An empty reason: ask for one.
    void reject(const QString &reason = {});
    void openOrder();

signals:
    void loaded();
    void actionFinished(bool ok);
    void orderRequested(const QString &orderNo);

private:
    void showCurrent();
    void showCount();
    void updateButtons();
    // Runs an action on the current discrepancy; its answer replaces the row, a refusal is told and
    // the row read again.
    void act(const std::function<Result<PoolDiscrepancy>()> &work, const std::function<QString()> &success);
    // Reads the discrepancy again after a refusal; then the action is finished.
    void reloadRow(qint64 discrepancyId);
    // The text is made again after a language switch: it says the same in the new language.
    void setMessage(const std::function<QString()> &text, bool error);
    void showMessage();

    Session &m_session;
    ChannelDirectory m_directory;
    DiscrepancyFilterBar *m_filters;
    DiscrepancyModel *m_model;
    QSortFilterProxyModel *m_sorted;
    QTableView *m_table;
    QLabel *m_count;
    DiscrepancyDetailView *m_detail;
    QPushButton *m_propose;
    QPushButton *m_approve;
    QPushButton *m_reject;
    QPushButton *m_openOrder;
    QLabel *m_hint;
    QLabel *m_message;
    std::function<QString()> m_messageText;
    qint64 m_messageFor = 0;   // the discrepancy the message is about (0: the list's)
    qint64 m_keepSelected = 0; // chosen before a reload: chosen again when its page arrives
    ColumnFit m_fit;
    bool m_acting = false;
    BackgroundCalls m_calls;
};

} // namespace paydesk
