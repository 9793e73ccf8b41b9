#pragma once

#include "core/payment/PaymentOrder.h"
#include "core/payment/search/OrderQuery.h"

#include <QAbstractTableModel>

namespace paydesk {

// The order search's results as a table, page after page (newest first).
class OrderResultsModel : public QAbstractTableModel
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

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Headers follow the language.
    void retranslate();

private:
    QList<OrderSummary> m_rows;
};

} // namespace paydesk
