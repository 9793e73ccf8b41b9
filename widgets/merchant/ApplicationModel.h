#pragma once

#include "core/merchant/Application.h"
#include "widgets/common/PageLoader.h"
#include "widgets/common/PagedTableModel.h"

namespace paydesk {

class Session;

// Applications (应用) newest first, a page at a time off the GUI thread: all of them, the
// platform's, or one merchant's, optionally narrowed by a piece of the app_id or name.
class ApplicationModel : public PagedTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        AppIdColumn,
        NameColumn,
        MerchantColumn,
        MethodsColumn,
        NotifyColumn,
        AllowlistColumn,
        EnabledColumn,
        CreatedColumn,
        ColumnCount
    };

    ApplicationModel(Session &session, QObject *parent = nullptr);

    void setFilter(const ApplicationFilter &filter);
    const ApplicationFilter &filter() const { return m_filter; }
    const Application &at(int row) const { return m_rows[row]; }
    int rowOfId(qint64 id) const;
    void replace(const Application &application);

    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

protected:
    void requestPage() override;
    void discardRows() override;

private:
    int recordCount() const override { return int(m_rows.size()); }
    Session &m_session;
    ApplicationFilter m_filter;
    QList<Application> m_rows;
    PageLoader<QList<Application>> m_loader;
};

} // namespace paydesk
