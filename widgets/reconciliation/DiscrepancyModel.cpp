#include "widgets/reconciliation/DiscrepancyModel.h"

#include "core/PaydeskCore.h"
#include "core/util/Clock.h"
#include "widgets/common/Session.h"
#include "widgets/format/DisplayFormat.h"
#include "widgets/payment/PaymentText.h"
#include "widgets/reconciliation/ReconciliationText.h"

#include <QBrush>
#include <QColor>

namespace paydesk {

DiscrepancyModel::DiscrepancyModel(Session &session, QObject *parent)
    : PagedTableModel(ColumnCount, parent), m_session(session), m_clock(session.core().clock()),
      m_loader(this, [this](Result<QList<PoolDiscrepancy>> page) { receivePage(m_rows, std::move(page)); })
{
}

void DiscrepancyModel::setFilter(const DiscrepancyFilter &filter)
{
    m_filter = filter;
    reload();
}

void DiscrepancyModel::setAccountNames(const QHash<qint64, QString> &names)
{
    m_accountNames = names;
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, Account), index(int(m_rows.size()) - 1, Account));
}

QString DiscrepancyModel::accountName(qint64 id) const
{
    return m_accountNames.value(id, QStringLiteral("#%1").arg(id));
}

const PoolDiscrepancy *DiscrepancyModel::discrepancy(int row) const
{
    return row >= 0 && row < m_rows.size() ? &m_rows[row] : nullptr;
}

int DiscrepancyModel::rowOf(qint64 discrepancyId) const
{
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows[i].id == discrepancyId)
            return i;
    }
    return -1;
}

bool DiscrepancyModel::update(const PoolDiscrepancy &discrepancy)
{
    const int row = rowOf(discrepancy.id);
    if (row < 0)
        return false;
    m_rows[row] = discrepancy;
    emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
    return true;
}

void DiscrepancyModel::discardRows()
{
    m_loader.cancel();
    m_rows.clear();
}

void DiscrepancyModel::requestPage()
{
    DiscrepancyFilter filter = m_filter;
    filter.beforeId = m_rows.isEmpty() ? 0 : m_rows.last().id;
    filter.limit = PageSize;
    PaydeskCore *core = &m_session.core();
    const Actor actor = m_session.actor();
    m_loader.start([core, actor, filter]() { return core->reconciliation().discrepancies(actor, filter); });
}

QVariant DiscrepancyModel::display(const PoolDiscrepancy &d, int column) const
{
    const ReconciliationItem &item = d.item;
    switch (column) {
    case Id:
        return d.id;
    case BillDate:
        return DisplayFormat::date(d.billDate);
    case Account:
        return accountName(d.channelAccountId);
    case Category:
        return ReconciliationText::category(d.category);
    case Type:
        return ReconciliationText::recordType(d.type);
    case OrderNo:
        return d.type == RecordType::Refund && !d.refundNo.isEmpty() ? d.refundNo : d.orderNo;
    case ChannelTransaction:
        return d.channelTransactionId;
    case ChannelAmount:
        return ReconciliationText::amount(item.channelAmount, item.currency);
    case OurAmount:
        return ReconciliationText::amount(item.platformAmount, item.currency);
    case Status:
        return ReconciliationText::poolStatus(d);
    case Resolution:
        return d.resolution ? ReconciliationText::resolution(*d.resolution) : QString();
    case Age:
        return PaymentText::age(d.foundAt.secsTo(m_clock.nowUtc()));
    case ProposedBy:
        return d.proposedBy;
    }
    return {};
}

QVariant DiscrepancyModel::sortValue(const PoolDiscrepancy &d, int column) const
{
    switch (column) {
    case Id:
        return d.id;
    case BillDate:
        return d.billDate;
    case Category:
        return int(d.category);
    case Status:
        return int(d.status);
    case ChannelAmount:
        return d.item.channelAmount ? QVariant(*d.item.channelAmount) : QVariant(qint64(-1));
    case OurAmount:
        return d.item.platformAmount ? QVariant(*d.item.platformAmount) : QVariant(qint64(-1));
    case Age:
        return d.foundAt;
    default:
        return display(d, column);
    }
}

QVariant DiscrepancyModel::data(const QModelIndex &index, int role) const
{
    const PoolDiscrepancy *d = discrepancy(index.row());
    if (!d)
        return {};
    switch (role) {
    case Qt::DisplayRole:
        return display(*d, index.column());
    case SortRole:
        return sortValue(*d, index.column());
    case IdRole:
        return d->id;
    case Qt::TextAlignmentRole:
        if (index.column() == Id || index.column() == ChannelAmount || index.column() == OurAmount)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::ForegroundRole:
        if (index.column() == Status && d->status == DiscrepancyStatus::Proposed)
            return QBrush(QColor(0x9a, 0x60, 0x00));
        if (d->status == DiscrepancyStatus::Resolved || d->status == DiscrepancyStatus::Gone)
            return QBrush(QColor(0x70, 0x70, 0x70));
        return {};
    }
    return {};
}

QVariant DiscrepancyModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Id:
        return tr("No.");
    case BillDate:
        return tr("Bill date");
    case Account:
        return tr("Channel account");
    case Category:
        return tr("Category");
    case Type:
        return tr("Type");
    case OrderNo:
        return tr("Order / refund number");
    case ChannelTransaction:
        return tr("Channel transaction id");
    case ChannelAmount:
        return tr("Channel amount");
    case OurAmount:
        return tr("Our amount");
    case Status:
        return tr("Status");
    case Resolution:
        return tr("Resolution");
    case Age:
        return tr("Age");
    case ProposedBy:
        return tr("Proposed by");
    }
    return {};
}

} // namespace paydesk
