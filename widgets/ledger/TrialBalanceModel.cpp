#include "widgets/ledger/TrialBalanceModel.h"

#include "widgets/format/DisplayFormat.h"

namespace paydesk {

TrialBalanceModel::TrialBalanceModel(QObject *parent) : RecordTableModel(ColumnCount, parent) {}

void TrialBalanceModel::setTrialBalance(const TrialBalance &trial)
{
    beginResetModel();
    m_trial = trial;
    endResetModel();
}

QString TrialBalanceModel::typeTitle(int typeCode)
{
    switch (typeCode) {
    case 1002:
        return tr("Bank deposits");
    case 1122:
        return tr("Channel receivable");
    case 1131:
        return tr("Settlement in transit");
    case 1221:
        return tr("Suspense");
    case 2202:
        return tr("Payable to merchants");
    case 6001:
        return tr("Fee income");
    case 6601:
        return tr("Channel fees");
    }
    return QString::number(typeCode);
}

QVariant TrialBalanceModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_trial.accounts.size())
        return {};
    const LedgerAccount &account = m_trial.accounts[index.row()];
    const qint64 minor = account.balance.minor();
    if (role == MinorUnitsRole)
        return index.column() == DebitColumn    ? qMax<qint64>(minor, 0)
               : index.column() == CreditColumn ? qMax<qint64>(-minor, 0)
                                                : QVariant();
    if (role == Qt::TextAlignmentRole && (index.column() == DebitColumn || index.column() == CreditColumn))
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole && index.column() == AccountColumn)
        return tr("%1, balance on its own side: %2")
            .arg(account.name, DisplayFormat::moneyWithCurrency(account.naturalBalance()));
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case CodeColumn:
        return account.typeCode;
    case TypeColumn:
        return typeTitle(account.typeCode);
    case AccountColumn:
        return account.name;
    case CurrencyColumn:
        return account.currency.code();
    case DebitColumn:
        return minor > 0 ? DisplayFormat::money(account.balance) : QString();
    case CreditColumn:
        return minor < 0 ? DisplayFormat::money(Money::fromMinor(-minor, account.currency)) : QString();
    case StatusColumn:
        return account.open ? tr("Open") : tr("Closed");
    }
    return {};
}

QVariant TrialBalanceModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case CodeColumn:
        return tr("Code");
    case TypeColumn:
        return tr("Type");
    case AccountColumn:
        return tr("Account");
    case CurrencyColumn:
        return tr("Currency");
    case DebitColumn:
        return tr("Debit");
    case CreditColumn:
        return tr("Credit");
    case StatusColumn:
        return tr("Status");
    }
    return {};
}

} // namespace paydesk
