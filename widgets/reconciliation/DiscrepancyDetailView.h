#pragma once

#include "core/reconciliation/ReconciliationRecords.h"

#include <QWidget>

#include <optional>

class QLabel;
class QTableWidget;

namespace paydesk {

// One discrepancy side by side: what the channel's statement says against what Paydesk holds
// (amount, fee, status, time, where each is recorded), the ids both sides share, and where the
// discrepancy stands in the pool (who proposed which resolution, who decided). Shows, never acts.
class DiscrepancyDetailView : public QWidget
{
    Q_OBJECT

public:
    enum Row
    {
        Present,
        Amount,
        Fee,
        Status,
        Time,
        Source,
        RowCount
    };
    enum Column
    {
        ChannelSide,
        OurSide
    };

    explicit DiscrepancyDetailView(QWidget *parent = nullptr);

    // accountName: the channel account's, for the title.
    void display(const std::optional<PoolDiscrepancy> &discrepancy, const QString &accountName = {});
    const std::optional<PoolDiscrepancy> &discrepancy() const { return m_discrepancy; }

    QLabel *titleLabel() const { return m_title; }
    QLabel *idsLabel() const { return m_ids; }
    QTableWidget *sidesTable() const { return m_sides; }
    QLabel *poolLabel() const { return m_pool; }

    void retranslate();

private:
    void showSides();
    void showPool();

    std::optional<PoolDiscrepancy> m_discrepancy;
    QString m_accountName;
    QLabel *m_title;
    QLabel *m_ids;
    QTableWidget *m_sides;
    QLabel *m_pool;
};

} // namespace paydesk
