#pragma once

#include "core/channel/account/ChannelAccount.h"
#include "core/reconciliation/DiscrepancyStore.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QPushButton;

namespace paydesk {

class Clock;
class DateRangeFilter;

// The pool's questions: which statuses (open and waiting for approval by default), category,
// channel account and bill dates. Any change asks for the list again at once.
class DiscrepancyFilterBar : public QWidget
{
    Q_OBJECT

public:
    explicit DiscrepancyFilterBar(const Clock &clock, QWidget *parent = nullptr);

    DiscrepancyFilter filter() const;
    void setAccounts(const QList<ChannelAccount> &accounts);
    // Any status and category of that bill date, any account; one changed() for it all.
    void showDay(const QDate &billDate);

    QComboBox *statusCombo() const { return m_status; }
    QComboBox *categoryCombo() const { return m_category; }
    QComboBox *accountCombo() const { return m_account; }
    DateRangeFilter *dateRange() const { return m_range; }
    QPushButton *refreshButton() const { return m_refresh; }

    void retranslate();

signals:
    void changed();
    void refreshRequested();

private:
    QLabel *m_statusLabel;
    QComboBox *m_status;
    QLabel *m_categoryLabel;
    QComboBox *m_category;
    QLabel *m_accountLabel;
    QComboBox *m_account;
    QLabel *m_rangeLabel;
    DateRangeFilter *m_range;
    QPushButton *m_refresh;
};

} // namespace paydesk
