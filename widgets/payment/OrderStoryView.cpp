#include "widgets/payment/OrderStoryView.h"

#include "core/PaydeskCore.h"
#include "core/util/Error.h"
#include "widgets/channel/ChannelText.h"
#include "widgets/common/Session.h"
#include "widgets/format/DisplayFormat.h"
#include "widgets/payment/PaymentText.h"
#include "widgets/payment/RefundRequestFlow.h"

#include <QEvent>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace paydesk {

namespace {

// One line for a story item: what a support operator reads before opening the snapshot.
QString summaryOf(const StoryItem &item)
{
    const QJsonObject &raw = item.raw;
    if (item.source == QLatin1String("ledger"))
        return QStringLiteral("#%1 %2")
            .arg(raw.value(QStringLiteral("entry")).toInteger())
            .arg(raw.value(QStringLiteral("memo")).toString());
    for (const char *key :
         {"error", "message", "reason", "detail", "state", "trade_state", "status", "amount", "url"}) {
        const QJsonValue value = raw.value(QLatin1String(key));
        if (value.isString() && !value.toString().isEmpty())
            return QStringLiteral("%1: %2").arg(QLatin1String(key), value.toString().left(160).simplified());
    }
    return QString::fromUtf8(QJsonDocument(raw).toJson(QJsonDocument::Compact)).left(160);
}

QString escaped(const QString &text)
{
    return text.toHtmlEscaped();
}

} // namespace

OrderStoryView::OrderStoryView(Session &session, QWidget *parent)
    : QWidget(parent), m_session(session), m_header(new QLabel(this)), m_timeline(new QTreeWidget(this)),
      m_message(new QLabel(this)), m_refund(new QPushButton(this)), m_close(new QPushButton(this)),
      m_query(new QPushButton(this)), m_resend(new QPushButton(this)),
      m_loader(this, [this](Result<OrderStory> story) { display(std::move(story)); }), m_calls(this)
{
    setObjectName(QStringLiteral("orderStory"));
    m_header->setObjectName(QStringLiteral("storyHeader"));
    m_header->setTextFormat(Qt::RichText);
    m_header->setWordWrap(true);
    m_header->setTextInteractionFlags(Qt::TextBrowserInteraction);
    m_timeline->setObjectName(QStringLiteral("storyTimeline"));
    m_timeline->setColumnCount(5);
    m_timeline->setRootIsDecorated(true);
    m_timeline->setUniformRowHeights(false);
    m_timeline->setWordWrap(true);
    m_timeline->header()->setStretchLastSection(true);
    m_message->setObjectName(QStringLiteral("storyMessage"));
    m_message->setWordWrap(true);
    m_refund->setObjectName(QStringLiteral("storyRefund"));
    m_close->setObjectName(QStringLiteral("storyClose"));
    m_query->setObjectName(QStringLiteral("storyQuery"));
    m_resend->setObjectName(QStringLiteral("storyResend"));
    // Actions by permission: what the core would refuse is not offered.
    m_refund->setVisible(m_session.can(Permission::RefundRequest));
    for (QPushButton *b : {m_close, m_query, m_resend})
        b->setVisible(m_session.can(Permission::PaymentOperate));

    auto *actions = new QHBoxLayout;
    for (QPushButton *b : {m_refund, m_close, m_query, m_resend})
        actions->addWidget(b);
    actions->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_header);
    layout->addLayout(actions);
    layout->addWidget(m_message);
    layout->addWidget(m_timeline, 1);

    connect(m_header, &QLabel::linkActivated, this, [this](const QString &link) {
        if (link.startsWith(QLatin1String("merchant:")) && m_story)
            emit merchantLinkActivated(m_story->order.merchantId, m_story->order.merchantNo);
    });
    connect(m_refund, &QPushButton::clicked, this, [this]() { requestRefund(); });
    connect(m_close, &QPushButton::clicked, this, [this]() { closeOrder(); });
    connect(m_query, &QPushButton::clicked, this, &OrderStoryView::queryChannel);
    connect(m_resend, &QPushButton::clicked, this, &OrderStoryView::resendNotifications);
    retranslate();
    updateButtons();
}

void OrderStoryView::showOrder(const QString &orderNo)
{
    m_orderNo = orderNo;
    m_message->clear();
    reload();
}

void OrderStoryView::reload()
{
    if (m_orderNo.isEmpty())
        return;
    PaydeskCore &core = m_session.core();
    const Actor actor = m_session.actor();
    m_loader.start([&core, actor, orderNo = m_orderNo]() { return core.orderStories().story(actor, orderNo); });
}

void OrderStoryView::display(Result<OrderStory> story)
{
    if (!story) {
        m_story.reset();
        m_message->setText(story.error().message());
    } else {
        m_story = std::move(*story);
    }
    showHeader();
    showTimeline();
    updateButtons();
    emit loaded();
}

void OrderStoryView::showHeader()
{
    if (!m_story) {
        m_header->setText(tr("Choose an order to see its story."));
        return;
    }
    const PaymentOrder &o = m_story->order;
    const QString row = QStringLiteral("<tr><td style='color:#666;padding-right:10px'>%1</td><td>%2</td>"
                                       "<td style='color:#666;padding:0 10px 0 24px'>%3</td><td>%4</td></tr>");
    QString html = QStringLiteral("<p style='font-size:large'><b>%1</b> &nbsp; %2 &nbsp; <b>%3</b></p><table>")
                       .arg(escaped(o.orderNo), escaped(PaymentText::orderStatus(o.status)),
                            escaped(DisplayFormat::moneyWithCurrency(o.amount)));
    html += row.arg(tr("Merchant"), QStringLiteral("<a href='merchant:%1'>%1</a>").arg(escaped(o.merchantNo)),
                    tr("Merchant order no"), escaped(o.merchantOrderNo));
    html +=
        row.arg(tr("Method"), escaped(ChannelText::method(o.method)), tr("Channel account"), escaped(o.channelAccount));
    html += row.arg(tr("Merchant fee"), escaped(DisplayFormat::money(o.merchantFee)), tr("Channel fee"),
                    escaped(DisplayFormat::money(o.channelFee)));
    html += row.arg(tr("Refunded"), escaped(DisplayFormat::money(o.refundedAmount)), tr("Refunds"),
                    escaped(QString::number(m_story->refunds.size())));
    html += row.arg(tr("Created"), escaped(DisplayFormat::dateTime(o.createdAt)), tr("Paid"),
                    o.paidAt.isValid() ? escaped(DisplayFormat::dateTime(o.paidAt)) : tr("not paid"));
    html += row.arg(tr("Channel transaction id"),
                    escaped(o.channelTransactionId.isEmpty() ? QStringLiteral("—") : o.channelTransactionId),
                    tr("Payer"), escaped(o.payerId.isEmpty() ? QStringLiteral("—") : o.payerId));
    QStringList notifications;
    for (const PaymentNotification &n : m_story->notifications)
        notifications << QStringLiteral("%1 %2").arg(PaymentText::notificationKind(n.kind),
                                                     PaymentText::notificationStatus(n.status));
    html +=
        row.arg(tr("Notifications"),
                escaped(notifications.isEmpty() ? QStringLiteral("—") : QLocale().createSeparatedList(notifications)),
                tr("Ledger entry"), o.entryId > 0 ? QStringLiteral("#%1").arg(o.entryId) : QStringLiteral("—"));
    html += QStringLiteral("</table>");
    m_header->setText(html);
}

void OrderStoryView::showTimeline()
{
    m_timeline->clear();
    if (!m_story)
        return;
    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    for (const StoryItem &item : std::as_const(m_story->timeline)) {
        auto *line = new QTreeWidgetItem(
            m_timeline, QStringList{DisplayFormat::dateTime(item.at), PaymentText::storyKind(item.source, item.kind),
                                    PaymentText::storyResult(item.kind, item.result), item.refundNo, summaryOf(item)});
        line->setData(0, Qt::UserRole, item.kind);
        if (item.result == QLatin1String("failed") || item.result == QLatin1String("refused"))
            line->setForeground(2, QColor(0xb0, 0x30, 0x30));
        // The raw snapshot, opened on demand.
        auto *raw = new QTreeWidgetItem(
            line, QStringList{QString::fromUtf8(QJsonDocument(item.raw).toJson(QJsonDocument::Indented)).trimmed()});
        raw->setFirstColumnSpanned(true);
        raw->setFont(0, mono);
    }
    for (int c = 0; c < 4; ++c)
        m_timeline->resizeColumnToContents(c);
}

void OrderStoryView::updateButtons()
{
    const bool have = m_story.has_value();
    const PaymentStatus status = have ? m_story->order.status : PaymentStatus::Created;
    m_refund->setEnabled(have && PaymentStates::isRefundable(status));
    m_close->setEnabled(have && (status == PaymentStatus::Created || status == PaymentStatus::Paying));
    m_query->setEnabled(have && !PaymentStates::isFinal(status));
    m_resend->setEnabled(have && !m_story->notifications.isEmpty());
}

void OrderStoryView::act(std::function<Result<QString>()> work)
{
    m_message->setText(tr("Working…"));
    m_calls.run<QString>(std::move(work), [this](Result<QString> done) {
        m_message->setText(done ? *done : done.error().message());
        reload();
        emit actionFinished();
    });
}

void OrderStoryView::requestRefund(const QString &amountText, const QString &reasonText)
{
    if (!m_story)
        return;
    const PaymentOrder order = m_story->order;
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

void OrderStoryView::closeOrder(bool confirmed)
{
    if (!m_story)
        return;
    const QString orderNo = m_story->order.orderNo;
    if (!confirmed &&
        QMessageBox::question(this, tr("Close order"),
                              tr("Close %1 at the channel? The payer can no longer pay it.").arg(orderNo)) !=
            QMessageBox::Yes)
        return;
    PaydeskCore &core = m_session.core();
    const Actor actor = m_session.actor();
    act([&core, actor, orderNo]() -> Result<QString> {
        auto closed = core.payments().closeFor(actor, orderNo);
        if (!closed)
            return closed.error();
        return OrderStoryView::tr("%1 is %2.").arg(orderNo, PaymentText::orderStatus(closed->status));
    });
}

void OrderStoryView::queryChannel()
{
    if (!m_story)
        return;
    PaydeskCore &core = m_session.core();
    const Actor actor = m_session.actor();
    act([&core, actor, orderNo = m_story->order.orderNo]() -> Result<QString> {
        auto asked = core.payments().queryChannelFor(actor, orderNo);
        if (!asked)
            return asked.error();
        return OrderStoryView::tr("The channel says %1 is %2.").arg(orderNo, PaymentText::orderStatus(asked->status));
    });
}

void OrderStoryView::resendNotifications()
{
    if (!m_story)
        return;
    PaydeskCore &core = m_session.core();
    const Actor actor = m_session.actor();
    act([&core, actor, orderNo = m_story->order.orderNo]() -> Result<QString> {
        auto count = core.notifications().resend(actor, orderNo);
        if (!count)
            return count.error();
        return OrderStoryView::tr("%n notification(s) will be sent again.", nullptr, *count);
    });
}

void OrderStoryView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
        showHeader();
        showTimeline();
    }
    QWidget::changeEvent(event);
}

void OrderStoryView::retranslate()
{
    m_timeline->setHeaderLabels(
        {tr("When"), tr("What"), tr("Result"), tr("Refund"), tr("Details (open a line for its snapshot)")});
    m_refund->setText(tr("Request refund…"));
    m_close->setText(tr("Close order…"));
    m_query->setText(tr("Query channel now"));
    m_resend->setText(tr("Resend notifications"));
    if (!m_story)
        m_header->setText(tr("Choose an order to see its story."));
}

} // namespace paydesk
