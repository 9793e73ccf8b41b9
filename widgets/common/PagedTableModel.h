#pragma once

#include "core/util/Result.h"

#include "widgets/common/RecordTableModel.h"

namespace paydesk {

// A table that fills itself a page at a time as the view scrolls (canFetchMore/fetchMore),
// for lists that may hold millions of rows. Subclasses fetch off the GUI thread and hand each
// page to receivePage(); this class keeps the state (loading, complete) and the row signals.
class PagedTableModel : public RecordTableModel
{
    Q_OBJECT

public:
    static constexpr int PageSize = 200;

    // Drops every row (and a page in flight) and loads the first page again.
    void reload();
    bool isLoading() const { return m_loading; }
    bool isComplete() const { return m_complete; }

    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

signals:
    void pageLoaded();
    void loadFailed(const QString &message);

protected:
    using RecordTableModel::RecordTableModel;

    // Starts loading the rows after the last one held (or the first page).
    virtual void requestPage() = 0;
    // Forgets all rows and ignores a page still in flight.
    virtual void discardRows() = 0;

    template <typename Row> void receivePage(QList<Row> &rows, Result<QList<Row>> page)
    {
        m_loading = false;
        if (!page) {
            m_complete = true;
            emit loadFailed(page.error().message());
            return;
        }
        if (page->size() < PageSize)
            m_complete = true;
        if (!page->isEmpty()) {
            // A view asking for more while these rows go in must wait for them.
            m_inserting = true;
            beginInsertRows({}, int(rows.size()), int(rows.size() + page->size() - 1));
            rows.append(*page);
            endInsertRows();
            m_inserting = false;
        }
        emit pageLoaded();
    }

private:
    bool m_loading = false;
    bool m_complete = false;
    bool m_inserting = false;
};

} // namespace paydesk
