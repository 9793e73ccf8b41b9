#include "widgets/reconciliation/DiscrepancyChart.h"

#include "core/PaydeskCore.h"
#include "core/util/Clock.h"
#include "widgets/common/Session.h"
#include "widgets/format/DisplayFormat.h"
#include "widgets/reconciliation/ReconciliationText.h"

#include <qcustomplot.h>

#include <QLabel>
#include <QLocale>
#include <QToolTip>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <iterator>

namespace paydesk {

namespace {
struct Series
{
    DiscrepancyCategory category;
    QColor colour;
};

// Bottom to top; the colours stay apart for the common kinds of colour blindness.
const Series kSeries[] = {
    {DiscrepancyCategory::ChannelOnly, QColor(0xd6, 0x4f, 0x4f)},
    {DiscrepancyCategory::PlatformOnly, QColor(0xe8, 0x9a, 0x2c)},
    {DiscrepancyCategory::AmountMismatch, QColor(0x3f, 0x7f, 0xd9)},
    {DiscrepancyCategory::StatusMismatch, QColor(0x8e, 0x6b, 0xd6)},
    {DiscrepancyCategory::FeeMismatch, QColor(0x2f, 0x9e, 0x77)},
    {DiscrepancyCategory::DuplicateInStatement, QColor(0x8a, 0x8f, 0x98)},
};
constexpr int kSeriesCount = int(std::size(kSeries));
} // namespace

DiscrepancyChart::DiscrepancyChart(Session &session, QWidget *parent)
    : QWidget(parent), m_session(session), m_title(new QLabel(this)), m_message(new QLabel(this)),
      m_plot(new QCustomPlot(this)),
      m_loader(this, [this](Result<QList<DiscrepancyTally>> tallies) { display(std::move(tallies)); })
{
    setObjectName(QStringLiteral("discrepancyChart"));
    m_title->setObjectName(QStringLiteral("chartTitle"));
    m_message->setObjectName(QStringLiteral("chartMessage"));
    m_plot->setObjectName(QStringLiteral("chartPlot"));
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_message->setWordWrap(true);
    m_plot->setMinimumHeight(260);
    // The plot's own minimum counts the legend in one row; it wraps into two below 900 px instead.
    m_plot->setMinimumWidth(320);
    m_plot->setFont(font());

    // The legend goes below the bars, in rows, so that it never hides a day.
    auto *legendRow = new QCPLayoutGrid;
    m_plot->plotLayout()->addElement(1, 0, legendRow);
    m_plot->plotLayout()->setRowStretchFactor(1, 0.001);
    m_plot->axisRect()->insetLayout()->take(m_plot->legend);
    legendRow->addElement(0, 0, m_plot->legend);
    legendRow->setMargins(QMargins(0, 0, 0, 4));
    m_plot->legend->setVisible(true);
    m_plot->legend->setFillOrder(QCPLegend::foColumnsFirst);
    m_plot->legend->setBorderPen(Qt::NoPen);
    m_plot->legend->setFont(font());

    QCPBars *below = nullptr;
    for (const Series &series : kSeries) {
        auto *bars = new QCPBars(m_plot->xAxis, m_plot->yAxis);
        bars->setWidth(0.7);
        bars->setPen(Qt::NoPen);
        bars->setBrush(series.colour);
        if (below)
            bars->moveAbove(below);
        below = bars;
    }
    // Counts are whole numbers: ticks on integers only.
    auto counts = QSharedPointer<QCPAxisTickerFixed>::create();
    counts->setTickStep(1.0);
    counts->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
    m_plot->yAxis->setTicker(counts);
    m_plot->yAxis->setNumberFormat(QStringLiteral("f"));
    m_plot->yAxis->setNumberPrecision(0);
    m_plot->yAxis->grid()->setPen(QPen(QColor(0xdd, 0xdd, 0xdd), 1, Qt::DotLine));
    m_plot->xAxis->grid()->setVisible(false);
    m_plot->xAxis->setTicker(QSharedPointer<QCPAxisTickerText>::create());
    m_plot->xAxis->setRange(-0.7, kDays - 0.3);
    m_plot->yAxis->setRange(0, 5);
    for (QCPAxis *axis : {m_plot->xAxis, m_plot->yAxis}) {
        axis->setTickLabelFont(font());
        axis->setLabelFont(font());
    }

    // Hovering a day tells its counts; clicking it opens its discrepancies.
    connect(m_plot, &QCustomPlot::mouseMove, this, [this](QMouseEvent *event) {
        const QDate day = dayAt(event->pos());
        if (day.isValid())
            QToolTip::showText(event->globalPosition().toPoint(), dayText(day), m_plot);
        else
            QToolTip::hideText();
    });
    connect(m_plot, &QCustomPlot::mouseRelease, this, [this](QMouseEvent *event) {
        const QDate day = dayAt(event->pos());
        if (day.isValid() && event->button() == Qt::LeftButton)
            emit dayChosen(day);
    });

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_title);
    layout->addWidget(m_message);
    layout->addWidget(m_plot, 1);
    retranslate();
}

void DiscrepancyChart::reload()
{
    // Bill dates: the channels publish a day's bill the morning after, so the last is yesterday.
    const QDate last = m_session.core().clock().businessDate().addDays(-1);
    const QDate first = last.addDays(-(kDays - 1));
    m_first = first;
    PaydeskCore &core = m_session.core();
    const Actor actor = m_session.actor();
    m_loader.start(
        [&core, actor, first, last]() { return core.reconciliation().discrepanciesPerDay(actor, first, last); });
}

void DiscrepancyChart::display(Result<QList<DiscrepancyTally>> tallies)
{
    if (!tallies) {
        m_tallies.clear();
        m_message->setStyleSheet(QStringLiteral("color: #b00020"));
        m_message->setText(tallies.error().message());
    } else {
        m_tallies = *tallies;
        m_message->setStyleSheet(QString());
    }
    plotTallies();
    retranslate();
    emit loaded();
}

void DiscrepancyChart::plotTallies()
{
    QList<QList<double>> values(kSeriesCount, QList<double>(kDays, 0.0));
    QList<qint64> totals(kDays, 0);
    for (const DiscrepancyTally &tally : std::as_const(m_tallies)) {
        const qint64 day = m_first.daysTo(tally.billDate);
        if (day < 0 || day >= kDays)
            continue;
        for (int s = 0; s < kSeriesCount; ++s) {
            if (kSeries[s].category == tally.category) {
                values[s][day] += double(tally.count);
                totals[day] += tally.count;
            }
        }
    }
    QList<double> keys(kDays);
    for (int day = 0; day < kDays; ++day)
        keys[day] = day;
    for (int s = 0; s < kSeriesCount; ++s) {
        auto *bars = qobject_cast<QCPBars *>(m_plot->plottable(s));
        bars->setData(keys, values[s], true);
    }
    const qint64 highest = *std::max_element(totals.cbegin(), totals.cend());
    // Head room above the highest day, and a scale of a few counts when the days are quiet.
    m_plot->yAxis->setRange(0, std::max<double>(5.0, double(highest) * 1.15 + 0.5));
    labelDays();
}

void DiscrepancyChart::labelDays()
{
    auto ticker = qSharedPointerDynamicCast<QCPAxisTickerText>(m_plot->xAxis->ticker());
    if (!ticker || !m_first.isValid())
        return;
    // A label every few days, as many as fit; the last day (today) always has one.
    // The plot's own width less the value axis: the axis rectangle is laid out only when the plot
    // is shown, and a hidden tab's would be stale.
    const int width = qMax(1, m_plot->width() - 80);
    const int labelWidth = m_plot->fontMetrics().horizontalAdvance(QStringLiteral("00-00")) + 16;
    int step = 1;
    for (int candidate : {1, 2, 3, 5, 7, 10}) {
        step = candidate;
        if (width / kDays * candidate >= labelWidth)
            break;
    }
    ticker->clear();
    for (int day = kDays - 1; day >= 0; day -= step)
        ticker->addTick(day, m_first.addDays(day).toString(QStringLiteral("MM-dd")));
    ticker->setSubTickCount(step - 1);
    // Wide enough for every category in one row, else two.
    m_plot->legend->setWrap(width > 900 ? kSeriesCount : (kSeriesCount + 1) / 2);
    m_plot->replot();
}

QDate DiscrepancyChart::dayAt(const QPoint &position) const
{
    if (!m_first.isValid() || !m_plot->axisRect()->rect().contains(position))
        return {};
    const double key = m_plot->xAxis->pixelToCoord(position.x());
    const int day = qRound(key);
    if (day < 0 || day >= kDays || std::abs(key - day) > 0.35) // the bar is 0.7 wide
        return {};
    return m_first.addDays(day);
}

QString DiscrepancyChart::dayText(const QDate &day) const
{
    const QLocale locale;
    QStringList lines{DisplayFormat::date(day)};
    qint64 total = 0;
    for (const Series &series : kSeries) {
        for (const DiscrepancyTally &tally : m_tallies) {
            if (tally.billDate == day && tally.category == series.category && tally.count > 0) {
                lines << tr("%1: %2").arg(ReconciliationText::category(series.category), locale.toString(tally.count));
                total += tally.count;
            }
        }
    }
    if (total == 0)
        lines << tr("No discrepancies");
    return lines.join(QLatin1Char('\n'));
}

void DiscrepancyChart::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    labelDays();
}

void DiscrepancyChart::retranslate()
{
    m_title->setText(tr("Discrepancies found per bill date, last %1 days").arg(kDays));
    for (int s = 0; s < kSeriesCount; ++s)
        m_plot->plottable(s)->setName(ReconciliationText::category(kSeries[s].category));
    m_plot->xAxis->setLabel(tr("Bill date"));
    m_plot->yAxis->setLabel(tr("Discrepancies"));
    if (m_message->styleSheet().isEmpty()) {
        qint64 total = 0;
        for (const DiscrepancyTally &tally : std::as_const(m_tallies))
            total += tally.count;
        m_message->setText(total == 0 ? tr("No discrepancies were found in these days.")
                                      : tr("%Ln discrepancy(ies) found in these days.", nullptr, int(total)));
    }
    m_plot->replot();
}

} // namespace paydesk
