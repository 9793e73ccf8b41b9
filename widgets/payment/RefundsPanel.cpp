#include "widgets/payment/RefundsPanel.h"

#include "widgets/common/RecordTable.h"
#include "widgets/payment/PaymentText.h"
#include "widgets/payment/RefundRequestFlow.h"

#include "core/PaydeskCore.h"
#include "core/util/Error.h"
#include "widgets/common/Session.h"
#include "widgets/format/DisplayFormat.h"
#include "widgets/format/MoneyInput.h"

#include <QComboBox>
#include <QEvent>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

namespace paydesk {

namespace {
QTableWidget *table(QWidget *parent, const QString &name)
{
    auto *t = new QTableWidget(parent);
    t->setObjectName(name);
    setUpRecordTable(t);
    return t;
}

void setRow(QTableWidget *t, int row, const QStringList &cells)
{
    for (int c = 0; c < cells.size(); ++c)
        t->setItem(row, c, new QTableWidgetItem(cells.at(c)));
}

} // namespace

RefundsPanel::RefundsPanel(Session &session, QWidget *parent)
    : QWidget(parent), m_session(session), m_orderNo(new QLineEdit(this)), m_lookUp(new QPushButton(this)),
      m_summary(new QLabel(this)), m_notificationsBox(new QGroupBox(this)),
      m_notifications(table(this, QStringLiteral("notifications"))), m_resend(new QPushButton(this)),
      m_refund(new QPushButton(this)), m_tabs(new QTabWidget(this)), m_requestsPage(new QWidget(this)),
      m_filter(new QComboBox(this)), m_requests(table(this, QStringLiteral("refundRequests"))),
      m_approve(new QPushButton(this)), m_reject(new QPushButton(this)), m_threshold(new QLabel(this)),
      m_changeThreshold(new QPushButton(this)), m_attentionPage(new QWidget(this)), m_attentionNote(new QLabel(this)),
      m_attention(table(this, QStringLiteral("refundsNeedingAttention"))), m_message(new QLabel(this)),
      m_loader(this, [this](Result<Snapshot> snapshot) { display(std::move(snapshot)); }), m_calls(this)
{
    setObjectName(QStringLiteral("refundsPanel"));
    m_orderNo->setObjectName(QStringLiteral("orderNo"));
    m_orderNo->setClearButtonEnabled(true);
    m_summary->setObjectName(QStringLiteral("orderSummary"));
    m_summary->setTextFormat(Qt::RichText);
    m_summary->setWordWrap(true);
    m_message->setObjectName(QStringLiteral("message"));
    m_message->setWordWrap(true);
    m_resend->setObjectName(QStringLiteral("resend"));
    m_refund->setObjectName(QStringLiteral("requestRefund"));
    m_approve->setObjectName(QStringLiteral("approve"));
    m_reject->setObjectName(QStringLiteral("reject"));
    m_filter->setObjectName(QStringLiteral("requestFilter"));
    m_tabs->setObjectName(QStringLiteral("refundTabs"));
    m_attentionNote->setObjectName(QStringLiteral("attentionNote"));
    m_attentionNote->setWordWrap(true);
    m_notifications->setColumnCount(6);
    m_requests->setColumnCount(11);
    m_attention->setColumnCount(10);

    auto *lookUpRow = new QHBoxLayout;
    lookUpRow->addWidget(m_orderNo, 1);
    lookUpRow->addWidget(m_lookUp);
    auto *notificationButtons = new QHBoxLayout;
    notificationButtons->addWidget(m_resend);
    notificationButtons->addWidget(m_refund);
    notificationButtons->addStretch();
    auto *notificationsLayout = new QVBoxLayout(m_notificationsBox);
    notificationsLayout->addWidget(m_notifications);
    notificationsLayout->addLayout(notificationButtons);
    auto *requestButtons = new QHBoxLayout;
    requestButtons->addWidget(m_filter);
    requestButtons->addWidget(m_approve);
    requestButtons->addWidget(m_reject);
    requestButtons->addStretch();
    requestButtons->addWidget(m_threshold);
    requestButtons->addWidget(m_changeThreshold);
    auto *requestsLayout = new QVBoxLayout(m_requestsPage);
    requestsLayout->addLayout(requestButtons);
    requestsLayout->addWidget(m_requests);
    auto *attentionLayout = new QVBoxLayout(m_attentionPage);
    attentionLayout->addWidget(m_attentionNote);
    attentionLayout->addWidget(m_attention);
    m_tabs->addTab(m_requestsPage, QString());
    m_tabs->addTab(m_attentionPage, QString());
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(lookUpRow);
    layout->addWidget(m_summary);
    layout->addWidget(m_notificationsBox, 2);
    layout->addWidget(m_tabs, 3);
    layout->addWidget(m_message);

    connect(m_lookUp, &QPushButton::clicked, this, &RefundsPanel::lookUp);
    connect(m_orderNo, &QLineEdit::returnPressed, this, &RefundsPanel::lookUp);
    connect(m_resend, &QPushButton::clicked, this, &RefundsPanel::resend);
    connect(m_refund, &QPushButton::clicked, this, [this] { requestRefund(); });
    connect(m_approve, &QPushButton::clicked, this, [this] { approveSelected(); });
    connect(m_reject, &QPushButton::clicked, this, [this] { rejectSelected(); });
    connect(m_changeThreshold, &QPushButton::clicked, this, [this] { changeThreshold(); });
    connect(m_filter, &QComboBox::currentIndexChanged, this, &RefundsPanel::reload);
    connect(m_requests, &QTableWidget::itemSelectionChanged, this, &RefundsPanel::updateButtons);
    connect(&session, &Session::dataChanged, this, &RefundsPanel::reload);

    m_approve->setVisible(session.can(Permission::RefundApprove));
    m_reject->setVisible(session.can(Permission::RefundApprove));
    m_changeThreshold->setVisible(session.can(Permission::RefundApprove));
    m_resend->setVisible(session.can(Permission::PaymentOperate));
    m_refund->setVisible(session.can(Permission::RefundRequest));
    retranslate();
    reload();
}

void RefundsPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
        showOrder();
        showRequests();
        showAttention();
    }
    QWidget::changeEvent(event);
}

void RefundsPanel::retranslate()
{
    m_orderNo->setPlaceholderText(tr("Our order number (P…)"));
    m_lookUp->setText(tr("Look up"));
    m_notificationsBox->setTitle(tr("Notifications to the application"));
    m_notifications->setHorizontalHeaderLabels(
        {tr("Kind"), tr("Status"), tr("Attempts"), tr("Last attempt"), tr("Next attempt"), tr("Address")});
    m_resend->setText(tr("Resend notifications"));
    m_refund->setText(tr("Request refund…"));
    m_requests->setHorizontalHeaderLabels({tr("ID"), tr("Order"), tr("Merchant"), tr("Amount"), tr("Status"),
                                           tr("Requested by"), tr("Decided by"), tr("Refund"), tr("Refund status"),
                                           tr("Channel's last answer"), tr("Reason")});
    m_attention->setHorizontalHeaderLabels({tr("Refund"), tr("Order"), tr("Merchant"), tr("Channel account"),
                                            tr("Amount"), tr("Status"), tr("Age"), tr("Sent"),
                                            tr("Channel's last answer"), tr("Answered")});
    m_approve->setText(tr("Approve…"));
    m_reject->setText(tr("Reject…"));
    m_changeThreshold->setText(tr("Change threshold…"));
    const int filter = m_filter->currentIndex();
    const QSignalBlocker blocker(m_filter);
    m_filter->clear();
    m_filter->addItem(tr("Waiting for approval"), RefundRequestNames::status(RefundRequestStatus::Pending));
    m_filter->addItem(tr("All requests"), QString());
    m_filter->setCurrentIndex(filter < 0 ? 0 : filter);
}

void RefundsPanel::reload()
{
    PaydeskCore &core = m_session.core();
    const Actor actor = m_session.actor();
    const QString orderNo = m_orderNo->text().trimmed();
    RefundRequestStatus chosen = RefundRequestStatus::Pending;
    const std::optional<RefundRequestStatus> status =
        RefundRequestNames::statusFromName(m_filter->currentData().toString(), &chosen)
            ? std::optional<RefundRequestStatus>(chosen)
            : std::nullopt;
    m_loader.start([&core, actor, orderNo, status]() -> Result<Snapshot> {
        Snapshot snapshot;
        if (!orderNo.isEmpty()) {
            auto order = core.payments().view(actor, orderNo);
            if (order) {
                snapshot.order = *order;
                auto notes = core.notifications().forOrder(actor, orderNo);
                if (!notes)
                    return notes.error();
                snapshot.notifications = *notes;
            } else {
                snapshot.orderProblem = order.error().message();
            }
        }
        auto requests = core.refundRequests().list(actor, status);
        if (!requests)
            return requests.error();
        snapshot.requests = *requests;
        auto threshold = core.refundRequests().threshold();
        if (!threshold)
            return threshold.error();
        snapshot.threshold = *threshold;
        auto attention = core.refundAttention().list(actor);
        if (!attention)
            return attention.error();
        snapshot.attention = *attention;
        snapshot.loadedAt = core.clock().nowUtc();
        return snapshot;
    });
}

void RefundsPanel::lookUp()
{
    m_message->clear();
    reload();
}

void RefundsPanel::display(Result<Snapshot> snapshot)
{
    if (!snapshot) {
        m_message->setText(snapshot.error().message());
        emit loaded();
        return;
    }
    m_snapshot = *snapshot;
    showOrder();
    showRequests();
    showAttention();
    updateButtons();
    emit loaded();
}

void RefundsPanel::showOrder()
{
    const Snapshot &s = m_snapshot;
    if (!s.order) {
        m_summary->setText(s.orderProblem.isEmpty() ? tr("Enter an order number to see its refunds and notifications.")
                                                    : s.orderProblem);
        m_notifications->setRowCount(0);
        return;
    }
    const PaymentOrder &o = *s.order;
    m_summary->setText(
        tr("<b>%1</b> · merchant %2 · %3 · <b>%4</b><br>paid %5 · refunded %6 · channel account %7 · created %8")
            .arg(o.orderNo.toHtmlEscaped(), o.merchantNo.toHtmlEscaped(), DisplayFormat::moneyWithCurrency(o.amount),
                 PaymentText::orderStatus(o.status),
                 o.paidAt.isValid() ? DisplayFormat::dateTime(o.paidAt) : tr("not yet"),
                 DisplayFormat::moneyWithCurrency(o.refundedAmount), o.channelAccount.toHtmlEscaped(),
                 DisplayFormat::dateTime(o.createdAt)));
    m_notifications->setRowCount(int(s.notifications.size()));
    for (int i = 0; i < s.notifications.size(); ++i) {
        const PaymentNotification &n = s.notifications.at(i);
        const QString last = n.attemptLog.isEmpty()
                                 ? tr("none yet")
                                 : tr("%1 (HTTP %2, %3)")
                                       .arg(PaymentText::notificationOutcome(n.attemptLog.last().outcome))
                                       .arg(n.attemptLog.last().httpStatus)
                                       .arg(DisplayFormat::dateTime(n.attemptLog.last().at));
        setRow(m_notifications, i,
               {PaymentText::notificationKind(n.kind), PaymentText::notificationStatus(n.status),
                QString::number(n.attempts), last,
                n.status == NotificationStatus::Pending ? DisplayFormat::dateTime(n.nextAt) : QString(), n.url});
    }
    m_notifications->resizeColumnsToContents();
}

void RefundsPanel::showRequests()
{
    const QList<OperatorRefundRequest> &requests = m_snapshot.requests;
    const qint64 selected = selectedRequest() ? selectedRequest()->id : 0;
    m_requests->setRowCount(int(requests.size()));
    for (int i = 0; i < requests.size(); ++i) {
        const OperatorRefundRequest &r = requests.at(i);
        setRow(m_requests, i,
               {QString::number(r.id), r.orderNo, r.merchantNo, DisplayFormat::moneyWithCurrency(r.amount),
                PaymentText::refundRequestStatus(r.status), r.requestedBy, r.decidedBy, r.refundNo,
                r.refundStatus ? PaymentText::refundStatus(*r.refundStatus) : QString(),
                r.refundNo.isEmpty() ? QString() : PaymentText::channelAnswer(r.channelAnswer),
                r.decisionNote.isEmpty() ? r.reason : r.reason + QStringLiteral(" — ") + r.decisionNote});
        // The channel's own words (or the transport's) are there for whoever needs them.
        if (!r.channelText.isEmpty())
            m_requests->item(i, 9)->setToolTip(r.channelText);
        if (r.id == selected)
            m_requests->selectRow(i);
    }
    m_requests->resizeColumnsToContents();
    m_threshold->setText(tr("Approval needed above %1").arg(DisplayFormat::moneyWithCurrency(m_snapshot.threshold)));
}

void RefundsPanel::showAttention()
{
    const RefundAttention::List &attention = m_snapshot.attention;
    m_tabs->setTabText(0, tr("Refund requests"));
    m_tabs->setTabText(1, attention.total > 0 ? tr("Needing attention (%1)").arg(attention.total)
                                              : tr("Needing attention"));
    m_attentionNote->setText(
        attention.total > 0 ? tr("%n refund(s) not settled by the channel for more than %1 hours. Paydesk keeps asking "
                                 "the channel under the same "
                                 "refund numbers; check them with the channel and its statement.",
                                 nullptr, int(attention.total))
                                  .arg(attention.limitHours)
                            : tr("Every refund was settled by the channel within %1 hours.").arg(attention.limitHours));
    m_attention->setRowCount(int(attention.refunds.size()));
    for (int i = 0; i < attention.refunds.size(); ++i) {
        const UnsettledRefund &u = attention.refunds.at(i);
        const PaymentRefund &r = u.refund;
        setRow(m_attention, i,
               {r.refundNo, r.orderNo, u.merchantNo, u.channelAccount, DisplayFormat::moneyWithCurrency(r.amount),
                PaymentText::refundStatus(r.status), PaymentText::age(r.requestedAt.secsTo(m_snapshot.loadedAt)),
                QString::number(r.asks), PaymentText::channelAnswer(r.channelAnswer),
                r.checkedAt.isValid() ? DisplayFormat::dateTime(r.checkedAt) : QString()});
        if (!r.channelText.isEmpty())
            m_attention->item(i, 8)->setToolTip(r.channelText);
    }
    m_attention->resizeColumnsToContents();
}

const OperatorRefundRequest *RefundsPanel::selectedRequest() const
{
    const int row = m_requests->currentRow();
    if (row < 0 || row >= m_snapshot.requests.size() || m_requests->selectedItems().isEmpty())
        return nullptr;
    return &m_snapshot.requests.at(row);
}

void RefundsPanel::updateButtons()
{
    const OperatorRefundRequest *request = selectedRequest();
    const bool decidable = request && request->status == RefundRequestStatus::Pending && !m_busy;
    m_approve->setEnabled(decidable);
    m_reject->setEnabled(decidable);
    m_resend->setEnabled(m_snapshot.order && !m_snapshot.notifications.isEmpty() && !m_busy);
    m_refund->setEnabled(m_snapshot.order && PaymentStates::isRefundable(m_snapshot.order->status) && !m_busy);
}

void RefundsPanel::act(std::function<Result<QString>()> work)
{
    m_busy = true;
    updateButtons();
    m_message->setText(tr("Working…"));
    m_calls.run<QString>(std::move(work), [this](const Result<QString> &done) {
        m_busy = false;
        m_message->setText(done ? *done : done.error().message());
        reload();
        emit actionFinished();
    });
}

void RefundsPanel::resend()
{
    if (!m_snapshot.order)
        return;
    PaydeskCore &core = m_session.core();
    const Actor actor = m_session.actor();
    const QString orderNo = m_snapshot.order->orderNo;
    act([&core, actor, orderNo]() -> Result<QString> {
        auto count = core.notifications().resend(actor, orderNo);
        if (!count)
            return count.error();
        return RefundsPanel::tr("%n notification(s) will be sent again now.", nullptr, *count);
    });
}

void RefundsPanel::requestRefund(const QString &amountText, const QString &reasonText)
{
    if (!m_snapshot.order)
        return;
    const PaymentOrder order = *m_snapshot.order;
    auto answer = RefundRequestFlow::ask(this, order, amountText, reasonText);
    if (!answer)
        return;
    if (!*answer) {
        m_message->setText(answer->error().message());
        return;
    }
    PaydeskCore &core = m_session.core();
    const Actor actor = m_session.actor();
    act([&core, actor, orderNo = order.orderNo, request = answer->value()]() {
        return RefundRequestFlow::send(core, actor, orderNo, request);
    });
}

void RefundsPanel::approveSelected(const QString &noteText)
{
    const OperatorRefundRequest *request = selectedRequest();
    if (!request)
        return;
    QString note = noteText;
    bool ok = true;
    if (note.isEmpty())
        note = QInputDialog::getText(
            this, tr("Approve refund"),
            tr("Approve refunding %1 of %2 (asked by %3)? Note:")
                .arg(DisplayFormat::moneyWithCurrency(request->amount), request->orderNo, request->requestedBy),
            QLineEdit::Normal, QString(), &ok);
    if (!ok)
        return;
    PaydeskCore &core = m_session.core();
    const Actor actor = m_session.actor();
    act([&core, actor, id = request->id, note]() -> Result<QString> {
        auto done = core.refundRequests().approve(actor, id, note);
        if (!done)
            return done.error();
        return RefundsPanel::tr("Approved. %1").arg(RefundRequestFlow::outcome(*done));
    });
}

void RefundsPanel::rejectSelected(const QString &noteText)
{
    const OperatorRefundRequest *request = selectedRequest();
    if (!request)
        return;
    QString note = noteText;
    bool ok = true;
    if (note.isEmpty())
        note = QInputDialog::getText(this, tr("Reject refund"),
                                     tr("Why is the refund of %1 rejected?").arg(request->orderNo), QLineEdit::Normal,
                                     QString(), &ok);
    if (!ok || note.trimmed().isEmpty())
        return;
    PaydeskCore &core = m_session.core();
    const Actor actor = m_session.actor();
    act([&core, actor, id = request->id, note]() -> Result<QString> {
        auto done = core.refundRequests().reject(actor, id, note);
        if (!done)
            return done.error();
        return RefundsPanel::tr("Refund request %1 rejected.").arg(done->id);
    });
}

void RefundsPanel::changeThreshold(const QString &amountText)
{
    // The threshold is typed in the currency the core keeps it in; until it is loaded there is none.
    if (!m_snapshot.threshold.isValid())
        return;
    QString amount = amountText;
    bool ok = true;
    if (amount.isEmpty())
        amount =
            QInputDialog::getText(this, tr("Approval threshold"), tr("Refunds above this amount need an approver:"),
                                  QLineEdit::Normal, MoneyInput::text(m_snapshot.threshold), &ok);
    if (!ok || amount.isEmpty())
        return;
    auto money = MoneyInput::parse(amount, m_snapshot.threshold.currency());
    if (!money) {
        m_message->setText(money.error().message());
        return;
    }
    PaydeskCore &core = m_session.core();
    const Actor actor = m_session.actor();
    const Money value = *money;
    act([&core, actor, value]() -> Result<QString> {
        const Status set = core.refundRequests().setThreshold(actor, value);
        if (!set)
            return set.error();
        return RefundsPanel::tr("Refunds above %1 now need an approver.").arg(DisplayFormat::moneyWithCurrency(value));
    });
}

} // namespace paydesk
