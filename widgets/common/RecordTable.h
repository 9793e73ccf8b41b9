#pragma once

class QTableView;

namespace paydesk {

// How every list of records in the console looks and behaves: whole rows, one at a time,
// alternating colours, read-only, no row numbers, the last column taking the room that is left.
// One place, so that the panels agree (and so that sorting and remembered column widths, when
// they come, come to all of them at once).
void setUpRecordTable(QTableView *table);

} // namespace paydesk
