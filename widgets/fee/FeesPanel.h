#pragma once

#include "widgets/channel/ChannelDirectory.h"
#include "widgets/common/PageLoader.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QTabWidget;

namespace paydesk {

class FeeQuoteView;
class FeeTemplatesView;
class MerchantRatesView;
class RateScheduleView;
class Session;

// Fees (费率): merchant rates per payment method, channel cost rates per channel account and
// method — both effective-dated, shown in percent and ppm, with their history — fee templates
// and a fee calculator. Reading needs channel.view, changing fee.manage.
class FeesPanel : public QWidget
{
    Q_OBJECT

public:
    explicit FeesPanel(Session &session, QWidget *parent = nullptr);

    QTabWidget *tabs() const { return m_tabs; }
    MerchantRatesView *merchantRates() const { return m_merchantRates; }
    RateScheduleView *costRates() const { return m_costRates; }
    FeeTemplatesView *templates() const { return m_templates; }
    FeeQuoteView *quote() const { return m_quote; }
    const ChannelDirectory &directory() const { return m_directory; }

public slots:
    void reload();
    bool showMerchant(qint64 merchantId);
    bool showAccount(qint64 accountId);

signals:
    // The merchants and channel accounts the pickers offer were (re)loaded.
    void loaded();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void showDirectory(Result<ChannelDirectory> directory);
    void merchantChosen();
    void accountChosen();

    Session &m_session;
    ChannelDirectory m_directory;
    QTabWidget *m_tabs;
    QWidget *m_merchantTab;
    QWidget *m_costTab;
    QComboBox *m_merchant;
    QComboBox *m_account;
    QLabel *m_merchantLabel;
    QLabel *m_accountLabel;
    QLabel *m_message;
    MerchantRatesView *m_merchantRates;
    RateScheduleView *m_costRates;
    FeeTemplatesView *m_templates;
    FeeQuoteView *m_quote;
    PageLoader<ChannelDirectory> m_loader;
};

} // namespace paydesk
