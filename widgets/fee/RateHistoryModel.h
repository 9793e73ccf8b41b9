#pragma once

#include "widgets/common/RecordTableModel.h"
#include "widgets/fee/RateSchedule.h"

namespace paydesk {

// Every rate row of one subject, newest effective date first: in effect, scheduled (a future
// change that can still be withdrawn) or superseded, with its template and who set it when.
class RateHistoryModel : public RecordTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        EffectiveFromColumn,
        MethodColumn,
        RateColumn,
        PpmColumn,
        StateColumn,
        TemplateColumn,
        SetByColumn,
        SetAtColumn,
        ColumnCount
    };
    enum class State
    {
        InEffect,
        Scheduled,
        Superseded
    };

    explicit RateHistoryModel(QObject *parent = nullptr);

    void setSchedule(const RateSchedule &schedule);
    const EffectiveRate &at(int row) const { return m_schedule.history[row]; }
    // The row of the change of `method` from `from`, or -1.
    int rowOf(PayMethod method, const QDate &from) const;
    State stateAt(int row) const;

    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    int recordCount() const override { return int(m_schedule.history.size()); }
    RateSchedule m_schedule;
};

} // namespace paydesk
