#include "widgets/merchant/ApplicationKeyModel.h"

#include "widgets/format/DisplayFormat.h"
#include "widgets/merchant/MerchantText.h"

#include <QBrush>
#include <QColor>
#include <QFontDatabase>

namespace paydesk {

void ApplicationKeyModel::setKeys(const QList<ApplicationKey> &keys, const QDateTime &now)
{
    beginResetModel();
    m_keys = keys;
    m_now = now;
    endResetModel();
}

ApplicationKeyModel::State ApplicationKeyModel::state(int row) const
{
    const ApplicationKey &key = m_keys[row];
    if (m_now < key.validFrom)
        return State::Scheduled;
    if (!key.validUntil.isValid())
        return State::Valid;
    return m_now < key.validUntil ? State::Ending : State::Ended;
}

QString ApplicationKeyModel::stateText(State state)
{
    switch (state) {
    case State::Scheduled:
        return tr("Not yet valid");
    case State::Valid:
        return tr("Valid");
    case State::Ending:
        return tr("Valid, ending (rotation overlap)");
    case State::Ended:
        return tr("Ended");
    }
    return {};
}

QVariant ApplicationKeyModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_keys.size())
        return {};
    const ApplicationKey &key = m_keys[index.row()];
    const State current = state(index.row());
    if (role == Qt::ForegroundRole) {
        if (current == State::Ended)
            return QBrush(QColor(0x80, 0x80, 0x80));
        if (index.column() == StateColumn)
            return QBrush(current == State::Valid ? QColor(0x1b, 0x7f, 0x3b) : QColor(0xb4, 0x53, 0x09));
        return {};
    }
    if (role == Qt::FontRole && index.column() == FingerprintColumn)
        return QFontDatabase::systemFont(QFontDatabase::FixedFont);
    if (role == Qt::ToolTipRole && index.column() == FingerprintColumn)
        return key.fingerprint;
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case KindColumn:
        return MerchantText::keyKind(key.type);
    case StateColumn:
        return stateText(current);
    case FingerprintColumn:
        return key.fingerprint.left(24) + QStringLiteral("…");
    case ValidFromColumn:
        return DisplayFormat::dateTime(key.validFrom);
    case ValidUntilColumn:
        return key.validUntil.isValid() ? DisplayFormat::dateTime(key.validUntil) : tr("open-ended");
    case CreatedByColumn:
        return key.createdBy;
    }
    return {};
}

QVariant ApplicationKeyModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case KindColumn:
        return tr("Kind");
    case StateColumn:
        return tr("State");
    case FingerprintColumn:
        return tr("Fingerprint (SHA-256)");
    case ValidFromColumn:
        return tr("Valid from");
    case ValidUntilColumn:
        return tr("Valid until");
    case CreatedByColumn:
        return tr("Created by");
    }
    return {};
}

} // namespace paydesk
