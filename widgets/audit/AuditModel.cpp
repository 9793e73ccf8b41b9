#include "widgets/audit/AuditModel.h"

#include "core/PaydeskCore.h"
#include "widgets/common/Session.h"
#include "widgets/format/DisplayFormat.h"

#include <QBrush>
#include <QColor>

namespace paydesk {

AuditModel::AuditModel(Session &session, QObject *parent)
    : PagedTableModel(ColumnCount, parent), m_session(session),
      m_loader(this, [this](Result<QList<AuditRecord>> page) { receivePage(m_rows, std::move(page)); })
{
}

void AuditModel::setFilter(const AuditFilter &filter)
{
    m_filter = filter;
    reload();
}

void AuditModel::discardRows()
{
    m_loader.cancel();
    m_rows.clear();
}

void AuditModel::requestPage()
{
    const qint64 before = m_rows.isEmpty() ? 0 : m_rows.last().seq;
    PaydeskCore *core = &m_session.core();
    const Actor actor = m_session.actor();
    const AuditFilter filter = m_filter;
    m_loader.start([core, actor, filter, before]() { return core->audit().records(actor, filter, before, PageSize); });
}

QString AuditModel::resultText(AuditResult result)
{
    switch (result) {
    case AuditResult::Ok:
        return tr("ok");
    case AuditResult::Failed:
        return tr("failed");
    case AuditResult::Denied:
        return tr("denied");
    }
    return {};
}

QVariant AuditModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const AuditRecord &record = m_rows[index.row()];
    if (role == Qt::ForegroundRole && index.column() == ResultColumn && record.result != AuditResult::Ok)
        return QBrush(QColor(0xb0, 0x00, 0x20));
    if (role == Qt::ToolTipRole)
        return record.detail;
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case SeqColumn:
        return record.seq;
    case TimeColumn:
        return DisplayFormat::dateTime(record.at);
    case ActorColumn:
        return record.actor;
    case ActionColumn:
        return record.action;
    case ObjectColumn:
        return record.object;
    case ResultColumn:
        return resultText(record.result);
    case SourceColumn:
        return record.source;
    }
    return {};
}

QVariant AuditModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case SeqColumn:
        return tr("No.");
    case TimeColumn:
        return tr("Time");
    case ActorColumn:
        return tr("Operator");
    case ActionColumn:
        return tr("Action");
    case ObjectColumn:
        return tr("Object");
    case ResultColumn:
        return tr("Result");
    case SourceColumn:
        return tr("From");
    }
    return {};
}

} // namespace paydesk
