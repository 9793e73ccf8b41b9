#include "widgets/merchant/MerchantHistoryModel.h"

#include "widgets/format/DisplayFormat.h"
#include "widgets/merchant/MerchantText.h"

namespace paydesk {

namespace {
// The note as the core writes it, with its stored names in the reader's words: the fields an
// edit changed ("contact_email, bank_name") and a document's kind ("business_licence: a.png").
QString noteText(const MerchantHistoryEntry &e)
{
    if (e.action == QLatin1String("edit")) {
        QStringList fields;
        for (const QString &name : e.note.split(QStringLiteral(", "), Qt::SkipEmptyParts))
            fields << MerchantText::field(name);
        return fields.join(QStringLiteral(", "));
    }
    if (e.action.startsWith(QLatin1String("document."))) {
        const qsizetype colon = e.note.indexOf(QStringLiteral(": "));
        DocumentKind kind;
        if (colon > 0 && DocumentNames::kindFromName(e.note.left(colon), &kind))
            return MerchantText::documentKind(kind) + e.note.mid(colon);
    }
    return e.note;
}
} // namespace

void MerchantHistoryModel::setEntries(const QList<MerchantHistoryEntry> &entries)
{
    beginResetModel();
    m_entries = entries;
    endResetModel();
}

QVariant MerchantHistoryModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_entries.size())
        return {};
    const MerchantHistoryEntry &e = m_entries[index.row()];
    if (role == Qt::ToolTipRole && index.column() == NoteColumn)
        return e.note;
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case TimeColumn:
        return DisplayFormat::dateTime(e.at);
    case OperatorColumn:
        return e.actor;
    case ActionColumn:
        return MerchantText::historyAction(e.action);
    case StatusColumn:
        if (e.fromStatus && e.toStatus)
            return tr("%1 → %2").arg(MerchantText::status(*e.fromStatus), MerchantText::status(*e.toStatus));
        if (e.toStatus)
            return MerchantText::status(*e.toStatus);
        return {};
    case NoteColumn:
        return noteText(e);
    }
    return {};
}

QVariant MerchantHistoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case OperatorColumn:
        return tr("Operator");
    case ActionColumn:
        return tr("Action");
    case StatusColumn:
        return tr("Status");
    case NoteColumn:
        return tr("Reason / details");
    }
    return {};
}

} // namespace paydesk
