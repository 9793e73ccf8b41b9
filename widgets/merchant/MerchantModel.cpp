#include "widgets/merchant/MerchantModel.h"

#include "core/PaydeskCore.h"
#include "widgets/common/Session.h"
#include "widgets/format/DisplayFormat.h"
#include "widgets/merchant/MerchantText.h"

#include <QBrush>

namespace paydesk {

MerchantModel::MerchantModel(Session &session, Source source, QObject *parent)
    : PagedTableModel(ColumnCount, parent), m_session(session), m_source(source),
      m_loader(this, [this](Result<QList<Merchant>> page) { receivePage(m_rows, std::move(page)); })
{
}

void MerchantModel::setFilter(const MerchantFilter &filter)
{
    m_filter = filter;
    reload();
}

void MerchantModel::discardRows()
{
    m_loader.cancel();
    m_rows.clear();
}

void MerchantModel::requestPage()
{
    const qint64 after = m_rows.isEmpty() ? 0 : m_rows.last().id;
    PaydeskCore *core = &m_session.core();
    const Actor actor = m_session.actor();
    if (m_source == Source::ReviewQueue) {
        m_loader.start([core, actor, after]() { return core->merchants().reviewQueue(actor, after, PageSize); });
        return;
    }
    const MerchantFilter filter = m_filter;
    m_loader.start([core, actor, filter, after]() { return core->merchants().list(actor, filter, after, PageSize); });
}

QColor MerchantModel::statusColor(MerchantStatus status)
{
    switch (status) {
    case MerchantStatus::Draft:
        return QColor(0x5f, 0x63, 0x68);
    case MerchantStatus::Submitted:
        return QColor(0x1a, 0x56, 0xdb);
    case MerchantStatus::Approved:
        return QColor(0x0f, 0x76, 0x6e);
    case MerchantStatus::Rejected:
        return QColor(0xb0, 0x00, 0x20);
    case MerchantStatus::Active:
        return QColor(0x1b, 0x7f, 0x3b);
    case MerchantStatus::Frozen:
        return QColor(0xb4, 0x53, 0x09);
    case MerchantStatus::Closed:
        return QColor(0x37, 0x41, 0x51);
    }
    return {};
}

int MerchantModel::rowOfId(qint64 id) const
{
    for (int row = 0; row < m_rows.size(); ++row) {
        if (m_rows[row].id == id)
            return row;
    }
    return -1;
}

int MerchantModel::rowOfNo(const QString &merchantNo) const
{
    for (int row = 0; row < m_rows.size(); ++row) {
        if (m_rows[row].merchantNo == merchantNo)
            return row;
    }
    return -1;
}

void MerchantModel::replace(const Merchant &merchant)
{
    const int row = rowOfId(merchant.id);
    if (row < 0)
        return;
    m_rows[row] = merchant;
    emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

QVariant MerchantModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const Merchant &m = m_rows[index.row()];
    if (role == MerchantIdRole)
        return m.id;
    if (role == Qt::ForegroundRole && index.column() == StatusColumn)
        return QBrush(statusColor(m.status));
    if (role == Qt::ToolTipRole && index.column() == StatusColumn && !m.rejectionReason.isEmpty())
        return tr("Rejected: %1").arg(m.rejectionReason);
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case NoColumn:
        return m.merchantNo;
    case ShortNameColumn:
        return m.profile.shortName;
    case LegalNameColumn:
        return m.profile.legalName;
    case TypeColumn:
        return MerchantText::type(m.profile.type);
    case StatusColumn:
        return MerchantText::status(m.status);
    case RegistrationColumn:
        return m.profile.registrationNo;
    case ContactColumn:
        if (m.profile.contactName.isEmpty())
            return m.profile.contactPhone;
        return m.profile.contactPhone.isEmpty()
                   ? m.profile.contactName
                   : m.profile.contactName + QStringLiteral(" · ") + m.profile.contactPhone;
    case SubmittedByColumn:
        return m.submittedBy;
    case CreatedColumn:
        return DisplayFormat::dateTime(m_source == Source::ReviewQueue ? m.submittedAt : m.createdAt);
    }
    return {};
}

QVariant MerchantModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NoColumn:
        return tr("Merchant no.");
    case ShortNameColumn:
        return tr("Short name");
    case LegalNameColumn:
        return tr("Legal name");
    case TypeColumn:
        return tr("Type");
    case StatusColumn:
        return tr("Status");
    case RegistrationColumn:
        return tr("Registration no.");
    case ContactColumn:
        return tr("Contact");
    case SubmittedByColumn:
        return tr("Submitted by");
    case CreatedColumn:
        return m_source == Source::ReviewQueue ? tr("Submitted at") : tr("Created");
    }
    return {};
}

} // namespace paydesk
