#include "widgets/merchant/MerchantDocumentModel.h"

#include "widgets/format/DisplayFormat.h"
#include "widgets/merchant/MerchantText.h"

#include <QBrush>
#include <QFontDatabase>
#include <QLocale>
#include <QPalette>

#include <algorithm>

namespace paydesk {

void MerchantDocumentModel::setDocuments(const QList<MerchantDocument> &documents)
{
    // The same list again (a reload after an unrelated change) keeps the selection and preview.
    const auto same = [](const MerchantDocument &a, const MerchantDocument &b) {
        return a.id == b.id && a.superseded == b.superseded && a.sha256 == b.sha256;
    };
    if (documents.size() == m_documents.size() &&
        std::equal(documents.cbegin(), documents.cend(), m_documents.cbegin(), same))
        return;
    beginResetModel();
    m_documents = documents;
    endResetModel();
}

int MerchantDocumentModel::rowOfId(qint64 id) const
{
    for (int row = 0; row < m_documents.size(); ++row) {
        if (m_documents[row].id == id)
            return row;
    }
    return -1;
}

QVariant MerchantDocumentModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_documents.size())
        return {};
    const MerchantDocument &d = m_documents[index.row()];
    if (role == Qt::ForegroundRole && d.superseded)
        return QBrush(QPalette().color(QPalette::Disabled, QPalette::Text));
    if (role == Qt::ToolTipRole) {
        if (index.column() == Sha256Column)
            return d.sha256;
        if (d.superseded)
            return tr("Replaced by a newer document of this kind");
        return {};
    }
    if (role == Qt::FontRole && index.column() == Sha256Column) {
        return QFontDatabase::systemFont(QFontDatabase::FixedFont);
    }
    if (role == Qt::TextAlignmentRole && index.column() == SizeColumn)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case KindColumn:
        return d.superseded ? tr("%1 (superseded)").arg(MerchantText::documentKind(d.kind))
                            : MerchantText::documentKind(d.kind);
    case FileColumn:
        return d.fileName;
    case TypeColumn:
        if (d.mediaType == QLatin1String("application/pdf"))
            return tr("PDF");
        if (d.mediaType == QLatin1String("image/png"))
            return tr("PNG image");
        if (d.mediaType == QLatin1String("image/jpeg"))
            return tr("JPEG image");
        return d.mediaType;
    case SizeColumn:
        return QLocale().formattedDataSize(d.size, 1, QLocale::DataSizeTraditionalFormat);
    case Sha256Column:
        return d.sha256.left(16) + QStringLiteral("…");
    case UploadedByColumn:
        return d.uploadedBy;
    case UploadedAtColumn:
        return DisplayFormat::dateTime(d.uploadedAt);
    }
    return {};
}

QVariant MerchantDocumentModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case KindColumn:
        return tr("Kind");
    case FileColumn:
        return tr("File");
    case TypeColumn:
        return tr("Type");
    case SizeColumn:
        return tr("Size");
    case Sha256Column:
        return tr("SHA-256");
    case UploadedByColumn:
        return tr("Uploaded by");
    case UploadedAtColumn:
        return tr("Uploaded at");
    }
    return {};
}

} // namespace paydesk
