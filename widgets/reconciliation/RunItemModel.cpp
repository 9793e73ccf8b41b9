#include "widgets/reconciliation/RunItemModel.h"

#include "core/PaydeskCore.h"
#include "widgets/common/Session.h"
#include "widgets/reconciliation/ReconciliationText.h"

namespace paydesk {

RunItemModel::RunItemModel(Session &session, QObject *parent)
    : PagedTableModel(ColumnCount, parent), m_session(session),
      m_loader(this, [this](Result<QList<ReconciliationItem>> page) { receivePage(m_rows, std::move(page)); })
{
}

void RunItemModel::setRun(qint64 runId)
{
    m_runId = runId;
    reload();
}

const ReconciliationItem *RunItemModel::item(int row) const
{
    return row >= 0 && row < m_rows.size() ? &m_rows[row] : nullptr;
}

void RunItemModel::discardRows()
{
    m_loader.cancel();
    m_rows.clear();
}

void RunItemModel::requestPage()
{
    if (m_runId == 0) {
        receivePage(m_rows, Result<QList<ReconciliationItem>>(QList<ReconciliationItem>()));
        return;
    }
    const qint64 after = m_rows.isEmpty() ? 0 : m_rows.last().id;
    PaydeskCore *core = &m_session.core();
    const Actor actor = m_session.actor();
    m_loader.start([core, actor, runId = m_runId, after]() {
        return core->reconciliation().items(actor, runId, after, PageSize);
    });
}

QVariant RunItemModel::data(const QModelIndex &index, int role) const
{
    const ReconciliationItem *i = item(index.row());
    if (!i)
        return {};
    if (role == Qt::TextAlignmentRole) {
        switch (index.column()) {
        case ChannelAmount:
        case OurAmount:
        case ChannelFee:
        case OurFee:
        case Line:
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        }
        return {};
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Category:
        return ReconciliationText::category(i->category);
    case Type:
        return ReconciliationText::recordType(i->type);
    case OrderNo:
        return i->orderNo;
    case RefundNo:
        return i->refundNo;
    case ChannelTransaction:
        return i->type == RecordType::Refund && !i->channelRefundNo.isEmpty() ? i->channelRefundNo
                                                                              : i->channelTransactionId;
    case ChannelAmount:
        return ReconciliationText::amount(i->channelAmount, i->currency);
    case OurAmount:
        return ReconciliationText::amount(i->platformAmount, i->currency);
    case ChannelFee:
        return i->hasChannelSide() ? ReconciliationText::amount(i->channelFee, i->currency) : QStringLiteral("—");
    case OurFee:
        return i->hasPlatformSide() ? ReconciliationText::amount(i->platformFee, i->currency) : QStringLiteral("—");
    case ChannelStatus:
        return i->channelStatus ? ReconciliationText::lineStatus(*i->channelStatus) : QStringLiteral("—");
    case OurStatus:
        return i->platformStatus ? ReconciliationText::platformStatus(*i->platformStatus) : QStringLiteral("—");
    case Line:
        return i->lineNumber > 0 ? QVariant(i->lineNumber) : QVariant();
    }
    return {};
}

QVariant RunItemModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Category:
        return tr("Category");
    case Type:
        return tr("Type");
    case OrderNo:
        return tr("Order number");
    case RefundNo:
        return tr("Refund number");
    case ChannelTransaction:
        return tr("Channel transaction id");
    case ChannelAmount:
        return tr("Channel amount");
    case OurAmount:
        return tr("Our amount");
    case ChannelFee:
        return tr("Channel fee");
    case OurFee:
        return tr("Our fee");
    case ChannelStatus:
        return tr("Channel status");
    case OurStatus:
        return tr("Our status");
    case Line:
        return tr("Line");
    }
    return {};
}

} // namespace paydesk
