#pragma once

#include "core/payment/PaymentNotification.h"
#include "core/payment/PaymentOrder.h"
#include "core/payment/RefundAttention.h"
#include "core/payment/RefundRequests.h"
#include "widgets/common/BackgroundCalls.h"
#include "widgets/common/PageLoader.h"

#include <QWidget>

#include <optional>

class QComboBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTabWidget;
class QTableWidget;

namespace paydesk {

class Session;

// Refunds & notifications (退款与通知) for support and finance: look an order up by our number,
// see what it was paid and refunded and every notification to its application with each
// attempt; resend the notifications (payment.operate); ask for a refund (refund.request) — made
// at once up to the approval threshold, otherwise queued — and, for approvers (refund.approve),
// the queue of refund requests to approve or reject (never their own; the core checks) and the
// threshold. Each request shows its refund's status and the channel's last answer, translated.
// A second tab lists the refunds needing attention: not settled by the channel past the
// platform's limit (RefundAttention), with their age and the channel's last answer. Channel
// calls run off the GUI thread.
class RefundsPanel : public QWidget
{
    Q_OBJECT

public:
    explicit RefundsPanel(Session &session, QWidget *parent = nullptr);

    QLineEdit *orderField() const { return m_orderNo; }
    QLabel *summaryLabel() const { return m_summary; }
    QTableWidget *notificationsTable() const { return m_notifications; }
    QTableWidget *requestsTable() const { return m_requests; }
    QTableWidget *attentionTable() const { return m_attention; }
    QLabel *attentionNote() const { return m_attentionNote; }
    QTabWidget *tabs() const { return m_tabs; }
    QLabel *messageLabel() const { return m_message; }
    QPushButton *resendButton() const { return m_resend; }
    QPushButton *refundButton() const { return m_refund; }
    QPushButton *approveButton() const { return m_approve; }
    QPushButton *rejectButton() const { return m_reject; }

public slots:
    void reload();
    void lookUp();
    void resend();
    // The dialog's answers can be given directly (tests, scripts); empty: ask.
    void requestRefund(const QString &amount = {}, const QString &reason = {});
    void approveSelected(const QString &note = {});
    void rejectSelected(const QString &note = {});
    void changeThreshold(const QString &amount = {});

signals:
    void loaded();
    void actionFinished();

protected:
    void changeEvent(QEvent *event) override;

private:
    struct Snapshot
    {
        std::optional<PaymentOrder> order;
        QList<PaymentNotification> notifications;
        QList<OperatorRefundRequest> requests;
        Money threshold;
        QString orderProblem;
        RefundAttention::List attention;
        QDateTime loadedAt;
    };

    void retranslate();
    void display(Result<Snapshot> snapshot);
    void showOrder();
    void showRequests();
    void showAttention();
    void updateButtons();
    const OperatorRefundRequest *selectedRequest() const;
    // Runs a core call off the GUI thread, then shows its message and reloads.
    void act(std::function<Result<QString>()> work);

    Session &m_session;
    Snapshot m_snapshot;
    QLineEdit *m_orderNo;
    QPushButton *m_lookUp;
    QLabel *m_summary;
    QGroupBox *m_notificationsBox;
    QTableWidget *m_notifications;
    QPushButton *m_resend;
    QPushButton *m_refund;
    QTabWidget *m_tabs;
    QWidget *m_requestsPage;
    QComboBox *m_filter;
    QTableWidget *m_requests;
    QPushButton *m_approve;
    QPushButton *m_reject;
    QLabel *m_threshold;
    QPushButton *m_changeThreshold;
    QWidget *m_attentionPage;
    QLabel *m_attentionNote;
    QTableWidget *m_attention;
    QLabel *m_message;
    bool m_busy = false;
    PageLoader<Snapshot> m_loader;
    BackgroundCalls m_calls; // last, so it is the first to wait for its workers on destruction
};

} // namespace paydesk
