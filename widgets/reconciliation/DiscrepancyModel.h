#pragma once

#include "core/reconciliation/ReconciliationService.h"
#include "widgets/common/PageLoader.h"
#include "widgets/common/PagedTableModel.h"

#include <QHash>

namespace paydesk {

class Clock;
class Session;

// The discrepancy pool newest first, a page at a time: what each problem is, both sides' amounts,
// where it stands and how old it is. SortRole gives each column's value to sort by (amounts in
// minor units, dates as dates), for a sorting proxy over the rows loaded.
class DiscrepancyModel : public PagedTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        Id,
        BillDate,
        Account,
        Category,
        Type,
        OrderNo,
        ChannelTransaction,
        ChannelAmount,
        OurAmount,
        Status,
        Resolution,
        Age,
        ProposedBy,
        ColumnCount
    };
    static constexpr int SortRole = Qt::UserRole + 1;
    static constexpr int IdRole = Qt::UserRole + 2;

    DiscrepancyModel(Session &session, QObject *parent = nullptr);

    void setFilter(const DiscrepancyFilter &filter);
    const DiscrepancyFilter &filter() const { return m_filter; }
    void setAccountNames(const QHash<qint64, QString> &names);
    QString accountName(qint64 id) const;

    const PoolDiscrepancy *discrepancy(int row) const;
    int rowOf(qint64 discrepancyId) const;
    // Shows a discrepancy as it is now (after an action or a reload); false when it is not listed.
    bool update(const PoolDiscrepancy &discrepancy);

    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

protected:
    void requestPage() override;
    void discardRows() override;

private:
    int recordCount() const override { return int(m_rows.size()); }
    QVariant display(const PoolDiscrepancy &d, int column) const;
    QVariant sortValue(const PoolDiscrepancy &d, int column) const;

    Session &m_session;
    const Clock &m_clock;
    DiscrepancyFilter m_filter;
    QHash<qint64, QString> m_accountNames;
    QList<PoolDiscrepancy> m_rows;
    PageLoader<QList<PoolDiscrepancy>> m_loader;
};

} // namespace paydesk
