#pragma once

#include "core/security/Operator.h"
#include "widgets/common/PageLoader.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QTableView;

namespace paydesk {

class OperatorModel;
class Session;

// Operators & roles (administrators): create operators, assign roles, reset passwords,
// lift lockouts, disable and enable. Every action goes through the core, which checks operator.manage,
// refuses to leave the platform without an administrator, and audits before/after.
class OperatorsPanel : public QWidget
{
    Q_OBJECT

public:
    explicit OperatorsPanel(Session &session, QWidget *parent = nullptr);

    OperatorModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }

public slots:
    void reload();
    void createOperator();
    void editRoles();
    void resetPassword();
    void toggleActive();
    void unlockSelected();

signals:
    void loaded();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void updateButtons();
    const Operator *selected() const;
    void report(const Status &status);

    Session &m_session;
    OperatorModel *m_model;
    QTableView *m_table;
    QPushButton *m_create;
    QPushButton *m_roles;
    QPushButton *m_reset;
    QPushButton *m_toggle;
    QPushButton *m_unlock;
    QLabel *m_message;
    PageLoader<QList<Operator>> m_loader;
};

} // namespace paydesk
