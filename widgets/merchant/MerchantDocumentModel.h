#pragma once

#include "core/merchant/MerchantDocument.h"
#include "widgets/common/RecordTableModel.h"

namespace paydesk {

// A merchant's documents as the core lists them (no bytes): kind, file, size, SHA-256 and who
// uploaded them when. Superseded ones, when shown, are greyed.
class MerchantDocumentModel : public RecordTableModel
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

    explicit MerchantDocumentModel(QObject *parent = nullptr) : RecordTableModel(ColumnCount, parent) {}

    void setDocuments(const QList<MerchantDocument> &documents);
    const QList<MerchantDocument> &documents() const { return m_documents; }
    const MerchantDocument &at(int row) const { return m_documents[row]; }
    int rowOfId(qint64 id) const;

    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    int recordCount() const override { return int(m_documents.size()); }
    QList<MerchantDocument> m_documents;
};

} // namespace paydesk
