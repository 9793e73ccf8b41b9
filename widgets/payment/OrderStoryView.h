#pragma once

#include "core/payment/search/OrderStory.h"
#include "widgets/common/BackgroundCalls.h"
#include "widgets/common/PageLoader.h"

#include <QWidget>

#include <functional>

class QLabel;
class QPushButton;
class QTreeWidget;

namespace paydesk {

class Session;

// One order's whole story in one view (订单全貌): the header (amounts, fees, refunds, status,
// merchant, channel account, ids) and the timeline of everything that happened — the creation
// request, channel calls and answers, callbacks with their verification, active queries,
// notification attempts, refunds, ledger entries — each line opening to its raw snapshot.
// Actions appear by permission and go through the core: ask for a refund, close, query the
// channel now, resend the notifications. Loading and actions run off the GUI thread.
class OrderStoryView : public QWidget
{
    Q_OBJECT

public:
    explicit OrderStoryView(Session &session, QWidget *parent = nullptr);

    void showOrder(const QString &orderNo);
    void reload();
    const std::optional<OrderStory> &story() const { return m_story; }

    QLabel *headerLabel() const { return m_header; }
    QTreeWidget *timeline() const { return m_timeline; }
    QLabel *messageLabel() const { return m_message; }
    QPushButton *refundButton() const { return m_refund; }
    QPushButton *closeButton() const { return m_close; }
    QPushButton *queryButton() const { return m_query; }
    QPushButton *resendButton() const { return m_resend; }

public slots:
    // The dialog's answers can be given directly (tests); empty: ask.
    void requestRefund(const QString &amount = {}, const QString &reason = {});
    void closeOrder(bool confirmed = false);
    void queryChannel();
    void resendNotifications();

signals:
    void loaded();
    void actionFinished();
    void merchantLinkActivated(qint64 merchantId, const QString &merchantNo);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void display(Result<OrderStory> story);
    void showHeader();
    void showTimeline();
    void updateButtons();
    void act(std::function<Result<QString>()> work);

    Session &m_session;
    QString m_orderNo;
    std::optional<OrderStory> m_story;
    QLabel *m_header;
    QTreeWidget *m_timeline;
    QLabel *m_message;
    QPushButton *m_refund;
    QPushButton *m_close;
    QPushButton *m_query;
    QPushButton *m_resend;
    PageLoader<OrderStory> m_loader;
    BackgroundCalls m_calls;
};

} // namespace paydesk
