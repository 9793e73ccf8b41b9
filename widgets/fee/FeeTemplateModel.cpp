#include "widgets/fee/FeeTemplateModel.h"

#include "widgets/channel/ChannelText.h"
#include "widgets/format/DisplayFormat.h"

#include <QStringList>

namespace paydesk {

FeeTemplateModel::FeeTemplateModel(QObject *parent) : RecordTableModel(ColumnCount, parent) {}

void FeeTemplateModel::setTemplates(const QList<FeeTemplate> &templates)
{
    beginResetModel();
    m_templates = templates;
    endResetModel();
}

int FeeTemplateModel::rowOf(const QString &name) const
{
    for (int row = 0; row < m_templates.size(); ++row) {
        if (m_templates[row].name == name)
            return row;
    }
    return -1;
}

QVariant FeeTemplateModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_templates.size())
        return {};
    const FeeTemplate &feeTemplate = m_templates[index.row()];
    if (role == Qt::ToolTipRole && index.column() == RatesColumn) {
        QStringList lines;
        for (auto it = feeTemplate.rates.cbegin(); it != feeTemplate.rates.cend(); ++it)
            lines << tr("%1: %2").arg(ChannelText::method(it.key()), ChannelText::rateAndPpm(it.value()));
        return lines.join(QLatin1Char('\n'));
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case NameColumn:
        return feeTemplate.name;
    case RatesColumn:
        return ChannelText::rates(feeTemplate.rates);
    case AppliedColumn:
        return feeTemplate.applied ? tr("Applied (kept)") : tr("Not applied yet");
    case DescriptionColumn:
        return feeTemplate.description;
    case UpdatedColumn:
        return DisplayFormat::dateTime(feeTemplate.updatedAt.isValid() ? feeTemplate.updatedAt : feeTemplate.createdAt);
    }
    return {};
}

QVariant FeeTemplateModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn:
        return tr("Template");
    case RatesColumn:
        return tr("Rates");
    case AppliedColumn:
        return tr("Use");
    case DescriptionColumn:
        return tr("Description");
    case UpdatedColumn:
        return tr("Last changed");
    }
    return {};
}

} // namespace paydesk
