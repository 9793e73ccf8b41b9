#pragma once

class QTableView;

namespace paydesk::TableColumns {

// Sizes a table's columns to their contents, none wider than `maximumWidth`, and lets the last
// one take the room that is left. (resizeColumnsToContents() alone, on a visible view, leaves the
// last section at its content width and a blank strip beside it.)
void fit(QTableView *table, int maximumWidth = 360);

} // namespace paydesk::TableColumns
