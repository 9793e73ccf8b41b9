#pragma once

#include "core/ledger/TrialBalance.h"
#include "widgets/common/RecordTableModel.h"

namespace paydesk {

// The chart of accounts with each account's balance as of a date, as a table:
// code, account type, account, currency, debit, credit, status.
class TrialBalanceModel : public RecordTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        CodeColumn,
        TypeColumn,
        AccountColumn,
        CurrencyColumn,
        DebitColumn,
        CreditColumn,
        StatusColumn,
        ColumnCount
    };
    // Raw minor units for sorting and tests.
    static constexpr int MinorUnitsRole = Qt::UserRole + 1;

    explicit TrialBalanceModel(QObject *parent = nullptr);

    void setTrialBalance(const TrialBalance &trial);
    const TrialBalance &trialBalance() const { return m_trial; }

    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    // The translated chart-of-accounts title of a type code ("Channel receivable").
    static QString typeTitle(int typeCode);

private:
    int recordCount() const override { return int(m_trial.accounts.size()); }
    TrialBalance m_trial;
};

} // namespace paydesk
