#pragma once

#include "core/reconciliation/ReconciliationService.h"
#include "widgets/common/PageLoader.h"
#include "widgets/common/PagedTableModel.h"

#include <QHash>

namespace paydesk {

class Session;

// A run as the list shows it: the row, and its summary read once (off the GUI thread).
struct RunRow
{
    ReconciliationRun run;
    ReconciliationSummary summary;
    qint64 durationMs = 0;

    // Items of the category in the run, payments and refunds together.
    qint64 count(DiscrepancyCategory category) const;
    QString fileName() const;
};

// Reconciliation runs newest first, a page at a time as the view scrolls: status, counts per
// category, who started them and how long they took.
class RunModel : public PagedTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        Id,
        BillDate,
        Account,
        Status,
        Matched,
        ChannelOnly,
        PlatformOnly,
        AmountMismatch,
        StatusMismatch,
        FeeMismatch,
        Duplicate,
        CarriedOver,
        StartedBy,
        StartedAt,
        Duration,
        File,
        ColumnCount
    };

    explicit RunModel(Session &session, QObject *parent = nullptr);

    void setFilter(const ReconciliationRunFilter &filter);
    const ReconciliationRunFilter &filter() const { return m_filter; }
    // Account names by id, for the account column.
    void setAccountNames(const QHash<qint64, QString> &names);
    QString accountName(qint64 id) const;

    const RunRow *row(int row) const;
    int rowOfRun(qint64 runId) const;

    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    // The category a count column shows; Matched for any other column.
    static DiscrepancyCategory categoryOf(int column);
    static bool isCountColumn(int column) { return column >= Matched && column <= CarriedOver; }

protected:
    void requestPage() override;
    void discardRows() override;

private:
    int recordCount() const override { return int(m_rows.size()); }

    Session &m_session;
    ReconciliationRunFilter m_filter;
    QHash<qint64, QString> m_accountNames;
    QList<RunRow> m_rows;
    PageLoader<QList<RunRow>> m_loader;
};

} // namespace paydesk
