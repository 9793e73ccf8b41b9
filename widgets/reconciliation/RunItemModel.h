#pragma once

#include "core/reconciliation/ReconciliationRecords.h"
#include "widgets/common/PageLoader.h"
#include "widgets/common/PagedTableModel.h"

namespace paydesk {

class Session;

// What one run did not match (its discrepancies and carried-over items), a page at a time: both
// sides' amounts, fees and statuses and where the statement listed it.
class RunItemModel : public PagedTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        Category,
        Type,
        OrderNo,
        RefundNo,
        ChannelTransaction,
        ChannelAmount,
        OurAmount,
        ChannelFee,
        OurFee,
        ChannelStatus,
        OurStatus,
        Line,
        ColumnCount
    };

    explicit RunItemModel(Session &session, QObject *parent = nullptr);

    // 0: none (empty).
    void setRun(qint64 runId);
    qint64 runId() const { return m_runId; }
    const ReconciliationItem *item(int row) const;

    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

protected:
    void requestPage() override;
    void discardRows() override;

private:
    int recordCount() const override { return int(m_rows.size()); }

    Session &m_session;
    qint64 m_runId = 0;
    QList<ReconciliationItem> m_rows;
    PageLoader<QList<ReconciliationItem>> m_loader;
};

} // namespace paydesk
