#pragma once

#include <QObject>

class QTableView;

namespace paydesk {

// Sizes a table's columns to their headers and first rows once, when rows first arrive, and again
// after a language switch (the headers' widths change with the words); in between the widths are
// the operator's to drag. A table on a hidden tab is measured when it is shown: measured hidden,
// its cells come out a few pixels short. Lives as long as its table (it is the table's child).
class ColumnFit : public QObject
{
    Q_OBJECT

public:
    explicit ColumnFit(QTableView *table, int maximumWidth = 240);

    // Call when a page of rows arrived.
    void rowsArrived();
    // Call after the headers were retranslated.
    void again();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void fitNow();

    QTableView *m_table;
    int m_maximumWidth;
    bool m_fitted = false;
    bool m_stale = false; // asked for while hidden
};

} // namespace paydesk
