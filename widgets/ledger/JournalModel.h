#pragma once

#include "common/PageLoader.h"
#include "ledger/JournalQuery.h"

#include <QAbstractTableModel>

namespace paydesk {

class Session;

// The journal, newest first, fetched a page at a time off the GUI thread as the view
// scrolls (canFetchMore/fetchMore with keyset paging), so millions of entries cost nothing
// until they are looked at.
class JournalModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { IdColumn, DateColumn, KindColumn, ReferenceColumn, AmountColumn, MemoColumn, CreatedByColumn, ColumnCount };
    static constexpr int EntryIdRole = Qt::UserRole + 1;
    static constexpr int PageSize = 200;

    JournalModel(Session &session, QObject *parent = nullptr);

    void setFilter(const JournalFilter &filter);
    const JournalFilter &filter() const { return m_filter; }
    void reload();
    bool isLoading() const { return m_loader.isRunning(); }
    bool isComplete() const { return m_complete; }

    // Texts and formats follow the language and locale: repaint everything after a switch.
    void retranslate();

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

signals:
    void pageLoaded();
    void loadFailed(const QString &message);

private:
    void deliver(Result<QList<JournalSummary>> page);

    Session &m_session;
    JournalFilter m_filter;
    QList<JournalSummary> m_rows;
    bool m_complete = false;
    bool m_inserting = false; // a view asking for more while rows go in must wait for them
    PageLoader<QList<JournalSummary>> m_loader;
};

} // namespace paydesk
