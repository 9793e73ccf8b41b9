#pragma once

#include "core/payment/PaymentOrder.h"
#include "core/payment/search/OrderQuery.h"
#include "widgets/common/RecordTableModel.h"

namespace paydesk {

// The order search's results as a table, page after page (newest first).
class OrderResultsModel : public RecordTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        Created,
        OrderNo,
        Merchant,
        MerchantOrderNo,
        Method,
        Amount,
        Refunded,
        Status,
        ChannelTransaction,
        Payer,
        Matched,
        ColumnCount
    };

    explicit OrderResultsModel(QObject *parent = nullptr);

    void clear();
    void append(const QList<OrderSummary> &rows);
    const OrderSummary *order(int row) const;
    // The line of this order, if shown, takes its current status and refunded amount.
    void update(const PaymentOrder &order);

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    int recordCount() const override { return int(m_rows.size()); }
    QList<OrderSummary> m_rows;
};

} // namespace paydesk
