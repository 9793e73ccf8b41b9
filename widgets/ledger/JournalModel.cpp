#include "widgets/ledger/JournalModel.h"

#include "core/PaydeskCore.h"
#include "widgets/common/Session.h"
#include "widgets/format/DisplayFormat.h"

namespace paydesk {

JournalModel::JournalModel(Session &session, QObject *parent)
    : PagedTableModel(ColumnCount, parent), m_session(session),
      m_loader(this, [this](Result<QList<JournalSummary>> page) { receivePage(m_rows, std::move(page)); })
{
}

void JournalModel::setFilter(const JournalFilter &filter)
{
    m_filter = filter;
    reload();
}

void JournalModel::discardRows()
{
    m_loader.cancel();
    m_rows.clear();
}

void JournalModel::requestPage()
{
    const qint64 before = m_rows.isEmpty() ? 0 : m_rows.last().id;
    PaydeskCore *core = &m_session.core();
    const Actor actor = m_session.actor();
    const JournalFilter filter = m_filter;
    m_loader.start([core, actor, filter, before]() { return core->ledger().journal(actor, filter, before, PageSize); });
}

QVariant JournalModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const JournalSummary &row = m_rows[index.row()];
    if (role == EntryIdRole)
        return row.id;
    if (role == Qt::TextAlignmentRole && (index.column() == AmountColumn || index.column() == IdColumn))
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole && index.column() == AmountColumn && row.multiCurrency)
        return tr("This entry has lines in more than one currency; the amount is the sum of its debit lines.");
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case IdColumn:
        return row.id;
    case DateColumn:
        return DisplayFormat::date(row.businessDate);
    case KindColumn:
        return row.reversesEntryId ? tr("%1 of #%2").arg(DisplayFormat::entryKind(row.kind)).arg(row.reversesEntryId)
                                   : DisplayFormat::entryKind(row.kind);
    case ReferenceColumn:
        return row.reference;
    case AmountColumn:
        return DisplayFormat::moneyWithCurrency(row.amount);
    case MemoColumn:
        return row.memo;
    case CreatedByColumn:
        return row.createdBy;
    }
    return {};
}

QVariant JournalModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case IdColumn:
        return tr("Entry");
    case DateColumn:
        return tr("Business date");
    case KindColumn:
        return tr("Kind");
    case ReferenceColumn:
        return tr("Reference");
    case AmountColumn:
        return tr("Amount");
    case MemoColumn:
        return tr("Memo");
    case CreatedByColumn:
        return tr("Posted by");
    }
    return {};
}

} // namespace paydesk
