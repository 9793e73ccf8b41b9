#pragma once

#include "core/payment/search/OrderQuery.h"
#include "core/util/Result.h"
#include "widgets/channel/ChannelDirectory.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace paydesk {

class Clock;
class DateRangeFilter;

// The order search's questions: one box for any id, and filters by merchant, application,
// channel, channel account, method, status, amount, creation and payment days and refunds.
// A changed filter asks for a search at once; the id box on Enter or Search.
class OrderFilterBar : public QWidget
{
    Q_OBJECT

public:
    explicit OrderFilterBar(const Clock &clock, QWidget *parent = nullptr);

    // The filter as set, or why it cannot be (an amount that is not one).
    Result<OrderFilter> filter() const;
    void setDirectory(const ChannelDirectory &directory);
    void clear();

    QLineEdit *idField() const { return m_id; }
    QComboBox *merchantCombo() const { return m_merchant; }
    QComboBox *channelCombo() const { return m_channel; }
    QComboBox *accountCombo() const { return m_account; }
    QComboBox *methodCombo() const { return m_method; }
    QComboBox *statusCombo() const { return m_status; }
    QComboBox *refundCombo() const { return m_refunds; }
    QLineEdit *minAmountField() const { return m_minAmount; }
    QLineEdit *maxAmountField() const { return m_maxAmount; }
    QLineEdit *appField() const { return m_app; }
    DateRangeFilter *createdRange() const { return m_created; }
    DateRangeFilter *paidRange() const { return m_paid; }
    QPushButton *searchButton() const { return m_search; }

    void retranslate();

signals:
    void searchRequested();

private:
    void fillFixedChoices();
    // The currency the amount bounds are typed in: the chosen merchant's, or the one all merchants
    // share. Orders are compared in minor units, so across currencies the bounds would mean
    // nothing: then the error says so (choose a merchant) instead of guessing.
    Result<Currency> amountCurrency() const;

    ChannelDirectory m_directory;
    QLineEdit *m_id;
    QPushButton *m_search;
    QPushButton *m_clear;
    QComboBox *m_merchant;
    QLineEdit *m_app;
    QComboBox *m_channel;
    QComboBox *m_account;
    QComboBox *m_method;
    QComboBox *m_status;
    QComboBox *m_refunds;
    QLineEdit *m_minAmount;
    QLineEdit *m_maxAmount;
    DateRangeFilter *m_created;
    DateRangeFilter *m_paid;
    QList<QLabel *> m_labels;
};

} // namespace paydesk
