#pragma once

#include "core/reconciliation/DiscrepancyStore.h"
#include "widgets/common/PageLoader.h"

#include <QWidget>

class QCustomPlot;
class QLabel;

namespace paydesk {

class Session;

// Discrepancies found per bill date over the last 30 days, one stacked bar per day with a colour
// per category and a legend in the operator's language: whether a channel account's days are
// getting better or worse, at a glance. Counts come from the pool (discrepanciesPerDay).
class DiscrepancyChart : public QWidget
{
    Q_OBJECT

public:
    static constexpr int kDays = 30;

    explicit DiscrepancyChart(Session &session, QWidget *parent = nullptr);

    void reload();
    // What the chart shows: the counts per bill date and category from firstDay() on.
    const QList<DiscrepancyTally> &tallies() const { return m_tallies; }
    QDate firstDay() const { return m_first; }
    QCustomPlot *plot() const { return m_plot; }
    QLabel *titleLabel() const { return m_title; }
    QLabel *messageLabel() const { return m_message; }

    void retranslate();

    // The bill date under a point of the plot; invalid outside the days.
    QDate dayAt(const QPoint &position) const;
    // What the day's bar holds, one category a line: the tooltip.
    QString dayText(const QDate &day) const;

signals:
    void loaded();
    // A day's bar was clicked: show its discrepancies.
    void dayChosen(const QDate &billDate);

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void display(Result<QList<DiscrepancyTally>> tallies);
    void plotTallies();
    void labelDays();

    Session &m_session;
    QLabel *m_title;
    QLabel *m_message;
    QCustomPlot *m_plot;
    QDate m_first;
    QList<DiscrepancyTally> m_tallies;
    PageLoader<QList<DiscrepancyTally>> m_loader;
};

} // namespace paydesk
