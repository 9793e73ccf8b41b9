#pragma once

#include "common/PageLoader.h"
#include "security/AuditLog.h"

#include <QAbstractTableModel>

namespace paydesk {

class Session;

// Audit records newest first, fetched page by page off the GUI thread as the view scrolls.
class AuditModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { SeqColumn, TimeColumn, ActorColumn, ActionColumn, ObjectColumn, ResultColumn, SourceColumn, ColumnCount };
    static constexpr int PageSize = 200;

    AuditModel(Session &session, QObject *parent = nullptr);

    void setFilter(const AuditFilter &filter);
    void reload();
    bool isLoading() const { return m_loader.isRunning(); }
    bool isComplete() const { return m_complete; }
    const AuditRecord &record(int row) const { return m_rows[row]; }

    // Texts and formats follow the language and locale: repaint everything after a switch.
    void retranslate();

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    // Translated description of a result ("ok", "failed", "denied").
    static QString resultText(const QString &result);

signals:
    void pageLoaded();
    void loadFailed(const QString &message);

private:
    void deliver(Result<QList<AuditRecord>> page);

    Session &m_session;
    AuditFilter m_filter;
    QList<AuditRecord> m_rows;
    bool m_complete = false;
    bool m_inserting = false; // a view asking for more while rows go in must wait for them
    PageLoader<QList<AuditRecord>> m_loader;
};

} // namespace paydesk
