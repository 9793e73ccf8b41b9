#pragma once

#include "core/fee/FeeTemplate.h"
#include "widgets/common/RecordTableModel.h"

namespace paydesk {

// Fee templates, one per line: name, rates (percent and ppm), whether any merchant's rate came
// from it (then it is kept for the record and cannot be deleted), description and last change.
class FeeTemplateModel : public RecordTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        NameColumn,
        RatesColumn,
        AppliedColumn,
        DescriptionColumn,
        UpdatedColumn,
        ColumnCount
    };

    explicit FeeTemplateModel(QObject *parent = nullptr);

    void setTemplates(const QList<FeeTemplate> &templates);
    const FeeTemplate &at(int row) const { return m_templates[row]; }
    int rowOf(const QString &name) const;

    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    int recordCount() const override { return int(m_templates.size()); }
    QList<FeeTemplate> m_templates;
};

} // namespace paydesk
