#pragma once

#include "widgets/common/RecordTableModel.h"
#include "widgets/fee/RateSchedule.h"

namespace paydesk {

// One line per payment method: the rate in effect today, since when, the next scheduled change
// and the template it came from. Methods without a rate say so.
class CurrentRateModel : public RecordTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        MethodColumn,
        RateColumn,
        PpmColumn,
        SinceColumn,
        NextChangeColumn,
        TemplateColumn,
        ColumnCount
    };

    explicit CurrentRateModel(QObject *parent = nullptr);

    void setSchedule(const QList<PayMethod> &methods, const RateSchedule &schedule);
    PayMethod methodAt(int row) const { return m_methods[row]; }
    const RateSchedule &schedule() const { return m_schedule; }

    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    int recordCount() const override { return int(m_methods.size()); }
    QList<PayMethod> m_methods;
    RateSchedule m_schedule;
};

} // namespace paydesk
