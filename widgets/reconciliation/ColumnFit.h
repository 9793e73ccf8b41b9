#pragma once

class QTableView;

namespace paydesk {

// Sizes a table's columns to their headers and first rows once, when rows first arrive, and again
// after a language switch (the headers' widths change with the words); in between the widths are
// the operator's to drag.
class ColumnFit
{
public:
    explicit ColumnFit(QTableView *table, int maximumWidth = 240) : m_table(table), m_maximumWidth(maximumWidth) {}

    // Call when a page of rows arrived.
    void rowsArrived();
    // Call after the headers were retranslated.
    void again();

private:
    QTableView *m_table;
    int m_maximumWidth;
    bool m_fitted = false;
};

} // namespace paydesk
