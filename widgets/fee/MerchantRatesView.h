#pragma once

#include <QWidget>

class QPushButton;

namespace paydesk {

class RateScheduleView;
class Session;

// A merchant's fee rates (商户费率), for the merchant detail's Fees tab: the rate per payment
// method in effect today, the history of changes (effective date, rate, template, who), "Set
// rate…" and withdrawing a future change, and "Apply template…" for this merchant. Reading needs
// channel.view, changing fee.manage; the core checks and audits every change.
class MerchantRatesView : public QWidget
{
    Q_OBJECT

public:
    explicit MerchantRatesView(Session &session, QWidget *parent = nullptr);

    // Shows this merchant's rates (loaded off the GUI thread); 0 clears the view.
    void setMerchant(qint64 merchantId);
    qint64 merchantId() const { return m_merchantId; }
    RateScheduleView *schedule() const { return m_schedule; }

public slots:
    void reload();
    void applyTemplate();

signals:
    // The rates were (re)loaded.
    void loaded();
    // A rate was set or withdrawn, or a template applied.
    void changed();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void updateButtons();

    Session &m_session;
    qint64 m_merchantId = 0;
    RateScheduleView *m_schedule;
    QPushButton *m_applyTemplate;
};

} // namespace paydesk
