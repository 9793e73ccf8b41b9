#include "widgets/payment/OrderResultsModel.h"

#include "widgets/channel/ChannelText.h"
#include "widgets/format/DisplayFormat.h"
#include "widgets/payment/PaymentText.h"

#include <QBrush>
#include <QColor>

namespace paydesk {

OrderResultsModel::OrderResultsModel(QObject *parent) : RecordTableModel(ColumnCount, parent) {}

void OrderResultsModel::clear()
{
    beginResetModel();
    m_rows.clear();
    endResetModel();
}

void OrderResultsModel::append(const QList<OrderSummary> &rows)
{
    if (rows.isEmpty())
        return;
    beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + rows.size() - 1));
    m_rows << rows;
    endInsertRows();
}

const OrderSummary *OrderResultsModel::order(int row) const
{
    return row >= 0 && row < m_rows.size() ? &m_rows.at(row) : nullptr;
}

void OrderResultsModel::update(const PaymentOrder &order)
{
    for (int row = 0; row < m_rows.size(); ++row) {
        OrderSummary &line = m_rows[row];
        if (line.id != order.id)
            continue;
        line.status = order.status;
        line.refundedAmount = order.refundedAmount;
        line.paidAt = order.paidAt;
        line.channelTransactionId = order.channelTransactionId;
        emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
        return;
    }
}

QVariant OrderResultsModel::data(const QModelIndex &index, int role) const
{
    const OrderSummary *o = order(index.row());
    if (!o)
        return {};
    if (role == Qt::TextAlignmentRole && (index.column() == Amount || index.column() == Refunded))
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ForegroundRole && index.column() == Status &&
        (o->status == PaymentStatus::Failed || o->status == PaymentStatus::Closed))
        return QBrush(QColor(0x80, 0x80, 0x80));
    if (role == Qt::ToolTipRole && index.column() == Merchant)
        return o->merchantName;
    if (role == Qt::ToolTipRole && index.column() == Method)
        return o->channelAccount;
    if (role != Qt::DisplayRole)
        return {};
    switch (Column(index.column())) {
    case Created:
        return DisplayFormat::dateTime(o->createdAt);
    case OrderNo:
        return o->orderNo;
    case Merchant:
        return o->merchantName.isEmpty() ? o->merchantNo : o->merchantNo + QLatin1Char(' ') + o->merchantName;
    case MerchantOrderNo:
        return o->merchantOrderNo;
    case Method:
        return ChannelText::method(o->method);
    case Amount:
        return DisplayFormat::money(o->amount);
    case Refunded:
        return o->refundedAmount.minor() > 0 ? DisplayFormat::money(o->refundedAmount) : QString();
    case Status:
        return PaymentText::orderStatus(o->status);
    case ChannelTransaction:
        return o->channelTransactionId;
    case Payer:
        return o->payerId;
    case Matched:
        return o->matchedBy.isEmpty() ? QString() : PaymentText::matchedBy(o->matchedBy);
    case ColumnCount:
        break;
    }
    return {};
}

QVariant OrderResultsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case Created:
        return tr("Created");
    case OrderNo:
        return tr("Order no");
    case Merchant:
        return tr("Merchant");
    case MerchantOrderNo:
        return tr("Merchant order no");
    case Method:
        return tr("Method");
    case Amount:
        return tr("Amount");
    case Refunded:
        return tr("Refunded");
    case Status:
        return tr("Status");
    case ChannelTransaction:
        return tr("Channel transaction id");
    case Payer:
        return tr("Payer");
    case Matched:
        return tr("Matched");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace paydesk
