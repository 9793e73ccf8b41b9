#pragma once

#include "core/payment/search/OrderQuery.h"
#include "widgets/channel/ChannelDirectory.h"
#include "widgets/common/BackgroundCalls.h"
#include "widgets/common/PageLoader.h"

#include <QWidget>

#include <atomic>
#include <memory>

class QLabel;
class QProgressDialog;
class QPushButton;
class QTableView;

namespace paydesk {

class OrderFilterBar;
class OrderResultsModel;
class OrderStoryView;
class Session;

// Transactions (交易查询) for support: one box for any id a caller reads out, filters in any
// combination, results newest first a page at a time (keyset paging in the core), the number of
// matches counted beside them without holding the view, and the chosen order's whole story
// below. The current result exports to CSV with progress and cancel (nothing is left behind
// when cancelled). Every read runs off the GUI thread.
class TransactionsPanel : public QWidget
{
    Q_OBJECT

public:
    explicit TransactionsPanel(Session &session, QWidget *parent = nullptr);
    ~TransactionsPanel() override;

    OrderFilterBar *filterBar() const { return m_filters; }
    QTableView *resultsView() const { return m_table; }
    OrderResultsModel *resultsModel() const { return m_model; }
    OrderStoryView *storyView() const { return m_story; }
    QLabel *countLabel() const { return m_count; }
    QLabel *messageLabel() const { return m_message; }
    QPushButton *moreButton() const { return m_more; }
    QPushButton *exportButton() const { return m_export; }
    bool hasMore() const { return m_next.has_value(); }

public slots:
    void search();
    // Finds the order by its number alone and shows its story (another panel's "open the order").
    void showOrder(const QString &orderNo);
    void loadMore();
    // Writes the current result to `path` (empty: ask for a file).
    void exportCsv(const QString &path = {});
    void cancelExport();

signals:
    void pageLoaded();
    void countLoaded();
    void exportFinished(bool ok);
    void merchantRequested(qint64 merchantId, const QString &merchantNo);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void showPage(Result<OrderPage> page);
    void showCount();
    void openSelected();

    Session &m_session;
    OrderFilterBar *m_filters;
    OrderResultsModel *m_model;
    QTableView *m_table;
    OrderStoryView *m_story;
    QLabel *m_count;
    QLabel *m_message;
    QPushButton *m_more;
    QPushButton *m_export;
    OrderFilter m_filter;
    std::optional<OrderCursor> m_next;
    std::optional<qint64> m_total; // counted matches of m_filter
    int m_countGeneration = 0;
    bool m_counting = false;
    PageLoader<OrderPage> m_pages;
    BackgroundCalls m_calls;
    std::shared_ptr<std::atomic<bool>> m_exportCancelled;
    QProgressDialog *m_progress = nullptr;
};

} // namespace paydesk
