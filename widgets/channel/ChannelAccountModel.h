#pragma once

#include "core/channel/account/ChannelAccount.h"
#include "core/channel/account/ChannelAccountUsage.h"
#include "core/channel/account/ChannelCredentialItems.h"
#include "widgets/common/RecordTableModel.h"

namespace paydesk {

// One channel account as the list shows it: the account, what went through it today and which
// of its credentials are in the vault (names only).
struct ChannelAccountRow
{
    ChannelAccount account;
    AccountUsage usage;
    CredentialStatus credentials;
    QString ownerLabel; // own accounts: "M1001 Tencent"
};

// The channel accounts (渠道账户): channel, name, shared or the merchant's own, channel merchant
// id, enabled, limits, today's usage, credentials and the last connection test.
class ChannelAccountModel : public RecordTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        NameColumn,
        ChannelColumn,
        ModeColumn,
        MerchantIdColumn,
        EnabledColumn,
        PerTransactionColumn,
        DailyLimitColumn,
        UsedTodayColumn,
        CredentialsColumn,
        LastTestColumn,
        ColumnCount
    };

    explicit ChannelAccountModel(QObject *parent = nullptr);

    void setRows(const QList<ChannelAccountRow> &rows);
    const ChannelAccountRow &at(int row) const { return m_rows[row]; }
    int rowOf(qint64 accountId) const;
    int rowOf(const QString &name) const;

    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    int recordCount() const override { return int(m_rows.size()); }
    QVariant display(const ChannelAccountRow &row, int column) const;

    QList<ChannelAccountRow> m_rows;
};

} // namespace paydesk
