#pragma once

#include "core/merchant/Merchant.h"
#include "widgets/common/PageLoader.h"
#include "widgets/common/PagedTableModel.h"

#include <QColor>

namespace paydesk {

class Session;

// Merchants a page at a time off the GUI thread (keyset paging in the core): every merchant
// matching a filter, newest first, or the review queue (submitted, oldest first). Personal data
// arrives masked from the core for operators who may not see it.
class MerchantModel : public PagedTableModel
{
    Q_OBJECT

public:
    enum class Source
    {
        Filter,
        ReviewQueue
    };
    enum Column
    {
        NoColumn,
        ShortNameColumn,
        LegalNameColumn,
        TypeColumn,
        StatusColumn,
        RegistrationColumn,
        ContactColumn,
        SubmittedByColumn,
        CreatedColumn,
        ColumnCount
    };
    static constexpr int MerchantIdRole = Qt::UserRole + 1;

    MerchantModel(Session &session, Source source, QObject *parent = nullptr);

    // The colour a status is shown in, here and in the merchant's heading.
    static QColor statusColor(MerchantStatus status);

    void setFilter(const MerchantFilter &filter);
    const MerchantFilter &filter() const { return m_filter; }
    Source source() const { return m_source; }
    const Merchant &at(int row) const { return m_rows[row]; }
    int rowOfId(qint64 id) const;
    int rowOfNo(const QString &merchantNo) const;
    // Puts a merchant the core handed back after a change in place of its row, if shown.
    void replace(const Merchant &merchant);

    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

protected:
    void requestPage() override;
    void discardRows() override;

private:
    int recordCount() const override { return int(m_rows.size()); }
    Session &m_session;
    Source m_source;
    MerchantFilter m_filter;
    QList<Merchant> m_rows;
    PageLoader<QList<Merchant>> m_loader;
};

} // namespace paydesk
