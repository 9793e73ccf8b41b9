#pragma once

#include "core/security/AuditLog.h"
#include "widgets/common/PageLoader.h"
#include "widgets/common/PagedTableModel.h"

namespace paydesk {

class Session;

// Audit records newest first, fetched page by page off the GUI thread as the view scrolls.
class AuditModel : public PagedTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        SeqColumn,
        TimeColumn,
        ActorColumn,
        ActionColumn,
        ObjectColumn,
        ResultColumn,
        SourceColumn,
        ColumnCount
    };
    AuditModel(Session &session, QObject *parent = nullptr);

    void setFilter(const AuditFilter &filter);
    const AuditRecord &record(int row) const { return m_rows[row]; }

    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    // Translated description of a result ("ok", "failed", "denied").
    static QString resultText(AuditResult result);

protected:
    void requestPage() override;
    void discardRows() override;

private:
    int recordCount() const override { return int(m_rows.size()); }
    Session &m_session;
    AuditFilter m_filter;
    QList<AuditRecord> m_rows;
    PageLoader<QList<AuditRecord>> m_loader;
};

} // namespace paydesk
