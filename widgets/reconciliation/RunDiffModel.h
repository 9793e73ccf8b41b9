#pragma once

#include "core/reconciliation/RunDiff.h"
#include "widgets/common/RecordTableModel.h"

namespace paydesk {

// The lines of a run diff: each item whose category changed between two runs of one account and
// date, with the category in each run and why it changed.
class RunDiffModel : public RecordTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        Key,
        Type,
        ChannelTransaction,
        OlderCategory,
        NewerCategory,
        Cause,
        ColumnCount
    };

    explicit RunDiffModel(QObject *parent = nullptr);

    void setLines(const QList<RunDiffLine> &lines);
    const RunDiffLine *line(int row) const;

    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    int recordCount() const override { return int(m_lines.size()); }

    QList<RunDiffLine> m_lines;
};

} // namespace paydesk
