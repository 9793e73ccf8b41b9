#include "widgets/fee/CurrentRateModel.h"

#include "widgets/channel/ChannelText.h"
#include "widgets/format/DisplayFormat.h"

#include <QBrush>
#include <QColor>

namespace paydesk {

CurrentRateModel::CurrentRateModel(QObject *parent) : RecordTableModel(ColumnCount, parent) {}

void CurrentRateModel::setSchedule(const QList<PayMethod> &methods, const RateSchedule &schedule)
{
    beginResetModel();
    m_methods = methods;
    m_schedule = schedule;
    endResetModel();
}

QVariant CurrentRateModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_methods.size())
        return {};
    const PayMethod method = m_methods[index.row()];
    const EffectiveRate *current = m_schedule.inEffect(method);
    const EffectiveRate *next = m_schedule.nextChange(method);
    if (role == Qt::ForegroundRole && (index.column() == RateColumn || index.column() == PpmColumn) && !current)
        return QBrush(QColor(0x80, 0x80, 0x80));
    if (role == Qt::TextAlignmentRole && (index.column() == RateColumn || index.column() == PpmColumn))
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case MethodColumn:
        return ChannelText::method(method);
    case RateColumn:
        return current ? ChannelText::rate(current->rate) : tr("not set");
    case PpmColumn:
        return current ? ChannelText::ppm(current->rate) : QString();
    case SinceColumn:
        return current ? DisplayFormat::date(current->effectiveFrom) : QString();
    case NextChangeColumn:
        return next ? tr("%1 from %2").arg(ChannelText::rate(next->rate), DisplayFormat::date(next->effectiveFrom))
                    : QString();
    case TemplateColumn:
        return current ? m_schedule.templateName(current->templateId) : QString();
    }
    return {};
}

QVariant CurrentRateModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case MethodColumn:
        return tr("Payment method");
    case RateColumn:
        return tr("Rate today");
    case PpmColumn:
        return tr("ppm");
    case SinceColumn:
        return tr("Since");
    case NextChangeColumn:
        return tr("Next change");
    case TemplateColumn:
        return tr("Template");
    }
    return {};
}

} // namespace paydesk
