#include "widgets/payment/TransactionsPanel.h"

#include "core/PaydeskCore.h"
#include "core/util/Error.h"
#include "widgets/common/RecordTable.h"
#include "widgets/common/Session.h"
#include "widgets/payment/OrderFilterBar.h"
#include "widgets/payment/OrderResultsModel.h"
#include "widgets/payment/OrderStoryView.h"

#include <QEvent>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPointer>
#include <QProgressDialog>
#include <QPushButton>
#include <QSaveFile>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace paydesk {

TransactionsPanel::TransactionsPanel(Session &session, QWidget *parent)
    : QWidget(parent), m_session(session), m_filters(new OrderFilterBar(session.core().clock(), this)),
      m_model(new OrderResultsModel(this)), m_table(new QTableView(this)), m_story(new OrderStoryView(session, this)),
      m_count(new QLabel(this)), m_message(new QLabel(this)), m_more(new QPushButton(this)),
      m_export(new QPushButton(this)), m_pages(this, [this](Result<OrderPage> page) { showPage(std::move(page)); }),
      m_calls(this)
{
    setObjectName(QStringLiteral("transactionsPanel"));
    m_table->setObjectName(QStringLiteral("orders"));
    m_count->setObjectName(QStringLiteral("orderCount"));
    m_message->setObjectName(QStringLiteral("message"));
    m_more->setObjectName(QStringLiteral("loadMore"));
    m_export->setObjectName(QStringLiteral("exportCsv"));
    m_table->setModel(m_model);
    setUpRecordTable(m_table);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    const QList<std::pair<int, int>> widths{{OrderResultsModel::Created, 140},
                                            {OrderResultsModel::OrderNo, 205},
                                            {OrderResultsModel::Merchant, 140},
                                            {OrderResultsModel::MerchantOrderNo, 120},
                                            {OrderResultsModel::Method, 120},
                                            {OrderResultsModel::Amount, 80},
                                            {OrderResultsModel::Refunded, 75},
                                            {OrderResultsModel::Status, 125},
                                            {OrderResultsModel::ChannelTransaction, 180},
                                            {OrderResultsModel::Payer, 110}};
    for (const auto &[column, width] : widths)
        m_table->setColumnWidth(column, width);
    m_message->setWordWrap(true);

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_count, 1);
    bar->addWidget(m_more);
    bar->addWidget(m_export);
    auto *results = new QWidget(this);
    auto *resultsLayout = new QVBoxLayout(results);
    resultsLayout->setContentsMargins(0, 0, 0, 0);
    resultsLayout->addWidget(m_table, 1);
    resultsLayout->addLayout(bar);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(results);
    splitter->addWidget(m_story);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_filters);
    layout->addWidget(m_message);
    layout->addWidget(splitter, 1);

    connect(m_filters, &OrderFilterBar::searchRequested, this, &TransactionsPanel::search);
    connect(m_more, &QPushButton::clicked, this, &TransactionsPanel::loadMore);
    connect(m_export, &QPushButton::clicked, this, [this]() { exportCsv(); });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &TransactionsPanel::openSelected);
    connect(m_story, &OrderStoryView::merchantLinkActivated, this, &TransactionsPanel::merchantRequested);
    connect(m_story, &OrderStoryView::loaded, this, [this]() {
        // After an action the order's line shows its new status and refunds too.
        if (m_story->story())
            m_model->update(m_story->story()->order);
    });

    // The pickers' merchants and accounts, then the newest orders.
    PaydeskCore &core = m_session.core();
    const Actor actor = m_session.actor();
    m_calls.run<ChannelDirectory>([&core, actor]() { return ChannelDirectory::load(core, actor); },
                                  [this](Result<ChannelDirectory> directory) {
                                      if (directory)
                                          m_filters->setDirectory(*directory);
                                  });
    retranslate();
    search();
}

TransactionsPanel::~TransactionsPanel()
{
    if (m_exportCancelled)
        m_exportCancelled->store(true);
}

void TransactionsPanel::search()
{
    auto filter = m_filters->filter();
    if (!filter) {
        m_message->setText(filter.error().message());
        return;
    }
    m_message->clear();
    m_filter = *filter;
    m_model->clear();
    m_next.reset();
    m_total.reset();
    m_more->setEnabled(false);
    PaydeskCore &core = m_session.core();
    const Actor actor = m_session.actor();
    m_pages.start([&core, actor, f = m_filter]() { return core.orderSearch().page(actor, f); });

    // The count may take a while on a broad filter: it arrives when it is ready, and a newer
    // search makes it stale.
    const int generation = ++m_countGeneration;
    m_counting = true;
    showCount();
    m_calls.run<qint64>([&core, actor, f = m_filter]() { return core.orderSearch().count(actor, f); },
                        [this, generation](Result<qint64> n) {
                            if (generation != m_countGeneration)
                                return;
                            m_counting = false;
                            if (n)
                                m_total = *n;
                            showCount();
                            emit countLoaded();
                        });
}

void TransactionsPanel::showOrder(const QString &orderNo)
{
    m_filters->clear();
    m_filters->idField()->setText(orderNo);
    search();
}

void TransactionsPanel::loadMore()
{
    if (!m_next || m_pages.isRunning())
        return;
    PaydeskCore &core = m_session.core();
    const Actor actor = m_session.actor();
    m_more->setEnabled(false);
    m_pages.start([&core, actor, f = m_filter, after = *m_next]() { return core.orderSearch().page(actor, f, after); });
}

void TransactionsPanel::showPage(Result<OrderPage> page)
{
    if (!page) {
        m_message->setText(page.error().message());
        emit pageLoaded();
        return;
    }
    const bool first = m_model->rowCount() == 0;
    m_model->append(page->rows);
    m_next = page->next;
    m_more->setEnabled(m_next.has_value());
    showCount();
    // One order found by its id: its story at once.
    if (first && m_model->rowCount() == 1 && !m_filter.anyId.isEmpty())
        m_table->setCurrentIndex(m_model->index(0, 0));
    emit pageLoaded();
}

void TransactionsPanel::showCount()
{
    const QLocale locale;
    const int shown = m_model->rowCount();
    // %n carries the plural (and its digits); the shown count is formatted separately.
    if (m_total)
        m_count->setText(
            tr("%1 of %Ln order(s) shown", nullptr, int(qMin<qint64>(*m_total, INT_MAX))).arg(locale.toString(shown)));
    else if (m_counting)
        m_count->setText(tr("%Ln order(s) shown, counting all matches…", nullptr, shown));
    else
        m_count->setText(tr("%Ln order(s) shown", nullptr, shown));
}

void TransactionsPanel::openSelected()
{
    const OrderSummary *order = m_model->order(m_table->currentIndex().row());
    if (order)
        m_story->showOrder(order->orderNo);
}

void TransactionsPanel::exportCsv(const QString &givenPath)
{
    if (m_exportCancelled)
        return; // one export at a time
    QString path = givenPath;
    if (path.isEmpty())
        path = QFileDialog::getSaveFileName(this, tr("Export orders"), QStringLiteral("orders.csv"),
                                            tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    auto cancelled = std::make_shared<std::atomic<bool>>(false);
    auto written = std::make_shared<std::atomic<qint64>>(0);
    m_exportCancelled = cancelled;
    m_progress = new QProgressDialog(tr("Exporting orders…"), tr("Cancel"), 0, 0, this);
    m_progress->setObjectName(QStringLiteral("exportProgress"));
    m_progress->setWindowModality(Qt::WindowModal);
    m_progress->setMinimumDuration(300);
    if (m_total && *m_total > 0 && *m_total < INT_MAX)
        m_progress->setMaximum(int(*m_total));
    connect(m_progress, &QProgressDialog::canceled, this, &TransactionsPanel::cancelExport);
    auto *ticker = new QTimer(m_progress);
    connect(ticker, &QTimer::timeout, this, [this, written]() {
        if (m_progress)
            m_progress->setValue(
                int(qMin<qint64>(written->load(), m_progress->maximum() > 0 ? m_progress->maximum() : 0)));
    });
    ticker->start(100);
    m_export->setEnabled(false);

    PaydeskCore &core = m_session.core();
    const Actor actor = m_session.actor();
    m_calls.run<qint64>(
        [&core, actor, f = m_filter, path, cancelled, written]() -> Result<qint64> {
            // Written beside the target and renamed over it only when complete: a cancelled or
            // failed export leaves no half file.
            QSaveFile file(path);
            if (!file.open(QIODevice::WriteOnly))
                return Error(ErrorCode::FileUnwritable, path + QStringLiteral(": ") + file.errorString());
            auto rows = core.orderSearch().exportCsv(actor, f, file, [cancelled, written](qint64 n) {
                written->store(n);
                return !cancelled->load();
            });
            if (!rows) {
                file.cancelWriting();
                return rows.error();
            }
            if (!file.commit())
                return Error(ErrorCode::FileUnwritable, path + QStringLiteral(": ") + file.errorString());
            return *rows;
        },
        [this, path](Result<qint64> rows) {
            m_exportCancelled.reset();
            if (m_progress) {
                m_progress->deleteLater();
                m_progress = nullptr;
            }
            m_export->setEnabled(true);
            if (rows)
                m_message->setText(
                    tr("%Ln order(s) written to %1.", nullptr, int(qMin<qint64>(*rows, INT_MAX))).arg(path));
            else
                m_message->setText(rows.error().code() == ErrorCode::Cancelled
                                       ? tr("Export cancelled; no file was written.")
                                       : rows.error().message());
            emit exportFinished(rows.ok());
        });
}

void TransactionsPanel::cancelExport()
{
    if (m_exportCancelled)
        m_exportCancelled->store(true);
}

void TransactionsPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void TransactionsPanel::retranslate()
{
    m_filters->retranslate();
    m_model->retranslate();
    m_more->setText(tr("Load more"));
    m_export->setText(tr("Export CSV…"));
    showCount();
}

} // namespace paydesk
