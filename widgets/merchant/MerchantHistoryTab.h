#pragma once

#include "core/merchant/Merchant.h"
#include "widgets/common/PageLoader.h"

#include <QWidget>

class QLabel;
class QTableView;

namespace paydesk {

class MerchantHistoryModel;
class Session;

// The merchant's workflow and edit history, newest last as the core keeps it.
class MerchantHistoryTab : public QWidget
{
    Q_OBJECT

public:
    explicit MerchantHistoryTab(Session &session, QWidget *parent = nullptr);

    void setMerchant(qint64 merchantId);
    MerchantHistoryModel *model() const { return m_model; }

public slots:
    void reload();

signals:
    void loaded();

protected:
    void changeEvent(QEvent *event) override;

private:
    Session &m_session;
    qint64 m_merchantId = 0;
    MerchantHistoryModel *m_model;
    QTableView *m_table;
    QLabel *m_message;
    PageLoader<QList<MerchantHistoryEntry>> m_loader;
};

} // namespace paydesk
