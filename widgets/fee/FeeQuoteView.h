#pragma once

#include "core/fee/FeeQuote.h"
#include "widgets/channel/ChannelDirectory.h"
#include "widgets/common/PageLoader.h"

#include <QWidget>

class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QPushButton;

namespace paydesk {

class Session;

// A small fee calculator: merchant, payment method, channel account, amount and date → the
// merchant's fee, the channel's cost (each rate × amount, half-up to the fen as the channels
// round) and what the platform keeps. The core computes; this only asks and shows.
class FeeQuoteView : public QWidget
{
    Q_OBJECT

public:
    explicit FeeQuoteView(Session &session, QWidget *parent = nullptr);

    void setDirectory(const ChannelDirectory &directory);
    QLabel *resultLabel() const { return m_result; }

public slots:
    void quote();

signals:
    void quoted();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void fillAccounts();
    void showQuote(Result<FeeQuote> quote);
    void validate();
    Currency currency() const;

    Session &m_session;
    ChannelDirectory m_directory;
    QComboBox *m_merchant;
    QComboBox *m_method;
    QComboBox *m_account;
    QLineEdit *m_amount;
    QDateEdit *m_date;
    QPushButton *m_quote;
    QLabel *m_result;
    QLabel *m_merchantLabel;
    QLabel *m_methodLabel;
    QLabel *m_accountLabel;
    QLabel *m_amountLabel;
    QLabel *m_dateLabel;
    PageLoader<FeeQuote> m_loader;
};

} // namespace paydesk
