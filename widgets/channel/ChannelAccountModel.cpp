#include "widgets/channel/ChannelAccountModel.h"

#include "widgets/channel/ChannelText.h"
#include "widgets/format/DisplayFormat.h"

#include <QBrush>
#include <QColor>

namespace paydesk {

ChannelAccountModel::ChannelAccountModel(QObject *parent) : RecordTableModel(ColumnCount, parent) {}

void ChannelAccountModel::setRows(const QList<ChannelAccountRow> &rows)
{
    beginResetModel();
    m_rows = rows;
    endResetModel();
}

int ChannelAccountModel::rowOf(qint64 accountId) const
{
    for (int row = 0; row < m_rows.size(); ++row) {
        if (m_rows[row].account.id == accountId)
            return row;
    }
    return -1;
}

int ChannelAccountModel::rowOf(const QString &name) const
{
    for (int row = 0; row < m_rows.size(); ++row) {
        if (m_rows[row].account.name == name)
            return row;
    }
    return -1;
}

QVariant ChannelAccountModel::display(const ChannelAccountRow &row, int column) const
{
    const ChannelAccount &account = row.account;
    switch (column) {
    case NameColumn:
        return account.name;
    case ChannelColumn:
        return ChannelText::channel(account.channel);
    case ModeColumn:
        return account.mode == ChannelAccountMode::Own ? tr("Own: %1").arg(row.ownerLabel)
                                                       : ChannelText::mode(account.mode);
    case MerchantIdColumn:
        return account.subMerchantId.isEmpty()
                   ? account.channelMerchantId
                   : tr("%1 / sub %2").arg(account.channelMerchantId, account.subMerchantId);
    case EnabledColumn:
        return account.enabled ? tr("Enabled") : tr("Disabled");
    case PerTransactionColumn:
        return ChannelText::limit(account.perTransactionLimit);
    case DailyLimitColumn:
        return ChannelText::limit(account.dailyLimit);
    case UsedTodayColumn: {
        const Money used = row.usage.amount.isValid() ? row.usage.amount : Money::zero(account.currency);
        return tr("%1 (%n payment(s))", nullptr, int(row.usage.count)).arg(DisplayFormat::moneyWithCurrency(used));
    }
    case CredentialsColumn:
        return row.credentials.complete ? tr("Complete")
                                        : tr("Incomplete: %n missing", nullptr, int(row.credentials.missing.size()));
    case LastTestColumn:
        return ChannelText::lastTest(account);
    }
    return {};
}

QVariant ChannelAccountModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const ChannelAccountRow &row = m_rows[index.row()];
    switch (role) {
    case Qt::DisplayRole:
        return display(row, index.column());
    case Qt::ToolTipRole:
        if (index.column() == CredentialsColumn && !row.credentials.complete)
            return tr("Still needed: %1").arg(row.credentials.missing.join(QStringLiteral(", ")));
        if (index.column() == LastTestColumn && row.account.lastTestAt.isValid())
            return tr("Tested %1: %2")
                .arg(DisplayFormat::dateTime(row.account.lastTestAt), ChannelText::lastTest(row.account));
        return {};
    case Qt::ForegroundRole:
        if (!row.account.enabled)
            return QBrush(QColor(0x80, 0x80, 0x80));
        if ((index.column() == CredentialsColumn && !row.credentials.complete) ||
            (index.column() == LastTestColumn && !row.account.lastTestResult.isEmpty() && !row.account.lastTestOk()))
            return QBrush(QColor(0xb0, 0x00, 0x20));
        if (index.column() == LastTestColumn && row.account.lastTestOk())
            return QBrush(QColor(0x1b, 0x7f, 0x3b));
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == PerTransactionColumn || index.column() == DailyLimitColumn ||
            index.column() == UsedTodayColumn)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    default:
        return {};
    }
}

QVariant ChannelAccountModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn:
        return tr("Account");
    case ChannelColumn:
        return tr("Channel");
    case ModeColumn:
        return tr("Mode");
    case MerchantIdColumn:
        return tr("Channel merchant id");
    case EnabledColumn:
        return tr("State");
    case PerTransactionColumn:
        return tr("Per payment limit");
    case DailyLimitColumn:
        return tr("Daily limit");
    case UsedTodayColumn:
        return tr("Used today");
    case CredentialsColumn:
        return tr("Credentials");
    case LastTestColumn:
        return tr("Last connection test");
    }
    return {};
}

} // namespace paydesk
