#pragma once

#include "core/ledger/JournalQuery.h"
#include "widgets/common/PageLoader.h"
#include "widgets/common/PagedTableModel.h"

namespace paydesk {

class Session;

// The journal, newest first, fetched a page at a time off the GUI thread as the view
// scrolls, with keyset paging in the core, so millions of entries cost nothing until they
// are looked at.
class JournalModel : public PagedTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        IdColumn,
        DateColumn,
        KindColumn,
        ReferenceColumn,
        AmountColumn,
        MemoColumn,
        CreatedByColumn,
        ColumnCount
    };
    static constexpr int EntryIdRole = Qt::UserRole + 1;

    JournalModel(Session &session, QObject *parent = nullptr);

    void setFilter(const JournalFilter &filter);
    const JournalFilter &filter() const { return m_filter; }

    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

protected:
    void requestPage() override;
    void discardRows() override;

private:
    int recordCount() const override { return int(m_rows.size()); }
    Session &m_session;
    JournalFilter m_filter;
    QList<JournalSummary> m_rows;
    PageLoader<QList<JournalSummary>> m_loader;
};

} // namespace paydesk
