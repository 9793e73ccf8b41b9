#pragma once

#include "widgets/channel/ChannelDirectory.h"
#include "widgets/common/PageLoader.h"
#include "widgets/routing/RouteExplanation.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;

namespace paydesk {

class RouteExplainModel;
class Session;

// "Why this account": merchant, payment method and amount → the account routing would choose
// today (or the accounts it would draw between, with their shares) and, for every rule, why it
// was or was not taken. Asks RoutingService::explain off the GUI thread; nothing is drawn or
// recorded.
class RouteExplainView : public QWidget
{
    Q_OBJECT

public:
    explicit RouteExplainView(Session &session, QWidget *parent = nullptr);

    void setDirectory(const ChannelDirectory &directory);
    void setQuestion(qint64 merchantId, std::optional<PayMethod> method);
    RouteExplainModel *model() const { return m_model; }
    QLabel *choiceLabel() const { return m_choice; }
    // Eligible accounts whose credentials are incomplete (the router does not look at the vault).
    QLabel *warningLabel() const { return m_warning; }

public slots:
    void explain();

signals:
    void explained();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void validate();
    void showExplanation(Result<RouteExplanation> explanation);
    QString summary(const RouteExplanation &explanation) const;
    QString warning(const RouteExplanation &explanation) const;
    Currency currency() const;

    Session &m_session;
    ChannelDirectory m_directory;
    RouteExplainModel *m_model;
    QComboBox *m_merchant;
    QComboBox *m_method;
    QLineEdit *m_amount;
    QPushButton *m_explain;
    QLabel *m_choice;
    QLabel *m_warning;
    QTableView *m_table;
    QLabel *m_merchantLabel;
    QLabel *m_methodLabel;
    QLabel *m_amountLabel;
    bool m_hasExplanation = false;
    RouteExplanation m_last;
    PageLoader<RouteExplanation> m_loader;
};

} // namespace paydesk
