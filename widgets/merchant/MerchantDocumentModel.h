#pragma once

#include "core/merchant/MerchantDocument.h"

#include <QAbstractTableModel>

namespace paydesk {

// A merchant's documents as the core lists them (no bytes): kind, file, size, SHA-256 and who
// uploaded them when. Superseded ones, when shown, are greyed.
class MerchantDocumentModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        KindColumn,
        FileColumn,
        TypeColumn,
        SizeColumn,
        Sha256Column,
        UploadedByColumn,
        UploadedAtColumn,
        ColumnCount
    };

    using QAbstractTableModel::QAbstractTableModel;

    void setDocuments(const QList<MerchantDocument> &documents);
    const QList<MerchantDocument> &documents() const { return m_documents; }
    const MerchantDocument &at(int row) const { return m_documents[row]; }
    int rowOfId(qint64 id) const;
    void retranslate();

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    QList<MerchantDocument> m_documents;
};

} // namespace paydesk
