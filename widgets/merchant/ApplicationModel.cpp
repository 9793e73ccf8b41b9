#include "widgets/merchant/ApplicationModel.h"

#include "core/PaydeskCore.h"
#include "widgets/common/Session.h"
#include "widgets/format/DisplayFormat.h"
#include "widgets/merchant/MerchantText.h"

#include <QBrush>
#include <QColor>
#include <QFontDatabase>

namespace paydesk {

ApplicationModel::ApplicationModel(Session &session, QObject *parent)
    : PagedTableModel(ColumnCount, parent), m_session(session),
      m_loader(this, [this](Result<QList<Application>> page) { receivePage(m_rows, std::move(page)); })
{
}

void ApplicationModel::setFilter(const ApplicationFilter &filter)
{
    m_filter = filter;
    reload();
}

void ApplicationModel::discardRows()
{
    m_loader.cancel();
    m_rows.clear();
}

void ApplicationModel::requestPage()
{
    const qint64 after = m_rows.isEmpty() ? 0 : m_rows.last().id;
    PaydeskCore *core = &m_session.core();
    const Actor actor = m_session.actor();
    const ApplicationFilter filter = m_filter;
    m_loader.start(
        [core, actor, filter, after]() { return core->applications().list(actor, filter, after, PageSize); });
}

int ApplicationModel::rowOfId(qint64 id) const
{
    for (int row = 0; row < m_rows.size(); ++row) {
        if (m_rows[row].id == id)
            return row;
    }
    return -1;
}

void ApplicationModel::replace(const Application &application)
{
    const int row = rowOfId(application.id);
    if (row < 0)
        return;
    m_rows[row] = application;
    emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

QVariant ApplicationModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const Application &a = m_rows[index.row()];
    if (role == Qt::ForegroundRole && index.column() == EnabledColumn)
        return QBrush(a.enabled ? QColor(0x1b, 0x7f, 0x3b) : QColor(0xb0, 0x00, 0x20));
    if (role == Qt::FontRole && index.column() == AppIdColumn)
        return QFontDatabase::systemFont(QFontDatabase::FixedFont);
    if (role == Qt::ToolTipRole && index.column() == MethodsColumn)
        return MerchantText::methodsByName(a.methods);
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case AppIdColumn:
        return a.appId;
    case NameColumn:
        return a.name;
    case MerchantColumn:
        return a.isPlatform() ? tr("Platform") : a.merchantNo;
    case MethodsColumn:
        return MerchantText::methodsByName(a.methods);
    case NotifyColumn:
        return a.notifyUrl;
    case AllowlistColumn:
        return a.ipAllowlist.isEmpty() ? tr("Any address") : a.ipAllowlist.entries().join(QStringLiteral(", "));
    case EnabledColumn:
        return a.enabled ? tr("Enabled") : tr("Disabled");
    case CreatedColumn:
        return DisplayFormat::dateTime(a.createdAt);
    }
    return {};
}

QVariant ApplicationModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case AppIdColumn:
        return tr("App ID");
    case NameColumn:
        return tr("Name");
    case MerchantColumn:
        return tr("Merchant");
    case MethodsColumn:
        return tr("Payment methods");
    case NotifyColumn:
        return tr("Notify URL");
    case AllowlistColumn:
        return tr("IP allowlist");
    case EnabledColumn:
        return tr("State");
    case CreatedColumn:
        return tr("Created");
    }
    return {};
}

} // namespace paydesk
