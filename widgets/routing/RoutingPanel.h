#pragma once

#include "core/routing/RoutingRule.h"
#include "widgets/channel/ChannelDirectory.h"
#include "widgets/common/PageLoader.h"

#include <QWidget>

class QComboBox;
class QGroupBox;
class QLabel;
class QPushButton;
class QTableView;

namespace paydesk {

class RouteExplainView;
class RoutingRuleModel;
class Session;

// Routing rules (路由规则): per merchant and payment method, which channel accounts take the
// payments, by priority and weight; create, edit, enable/disable, delete; and "Explain": which
// account a given payment would go to, and why each rule was taken or skipped. Reading needs
// channel.view, changing routing.manage (checked and audited by the core).
class RoutingPanel : public QWidget
{
    Q_OBJECT

public:
    explicit RoutingPanel(Session &session, QWidget *parent = nullptr);

    RoutingRuleModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    RouteExplainView *explainView() const { return m_explain; }
    QLabel *messageLabel() const { return m_message; }
    const ChannelDirectory &directory() const { return m_directory; }

public slots:
    void reload();
    void createRule();
    void editRule();
    void toggleRule();
    void deleteRule();

signals:
    void loaded();

protected:
    void changeEvent(QEvent *event) override;

private:
    struct Snapshot
    {
        QList<RoutingRule> rules;
        ChannelDirectory directory;
    };

    void retranslate();
    void updateButtons();
    void showSnapshot(Result<Snapshot> snapshot);
    const RoutingRule *selected() const;
    void report(const Status &status, const QString &done);

    Session &m_session;
    ChannelDirectory m_directory;
    QList<RoutingRule> m_rules;
    RoutingRuleModel *m_model;
    QComboBox *m_merchant;
    QComboBox *m_method;
    QLabel *m_merchantLabel;
    QLabel *m_methodLabel;
    QTableView *m_table;
    QPushButton *m_create;
    QPushButton *m_edit;
    QPushButton *m_toggle;
    QPushButton *m_delete;
    QGroupBox *m_explainBox;
    RouteExplainView *m_explain;
    QLabel *m_message;
    qint64 m_selectId = 0;
    PageLoader<Snapshot> m_loader;
};

} // namespace paydesk
