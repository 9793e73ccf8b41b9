#pragma once

#include "core/security/Permission.h"

#include <QDialog>
#include <QMap>

class QCheckBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace paydesk {

class Session;

// Creates an operator (user name, name, roles, initial password), or with an existing user
// name edits only the roles. Validates as you type; the core decides and audits on OK.
class OperatorDialog : public QDialog
{
    Q_OBJECT

public:
    // Create mode.
    OperatorDialog(Session &session, QWidget *parent = nullptr);
    // Roles mode for an existing operator.
    OperatorDialog(Session &session, qint64 operatorId, const QString &username, const QSet<Role> &roles,
                   QWidget *parent = nullptr);

    QSet<Role> roles() const;

public slots:
    void accept() override;

private:
    void build(bool create);
    void validate();

    Session &m_session;
    qint64 m_operatorId = 0;
    QLineEdit *m_username = nullptr;
    QLineEdit *m_displayName = nullptr;
    QLineEdit *m_password = nullptr;
    QLineEdit *m_confirm = nullptr;
    QCheckBox *m_mustChange = nullptr;
    QMap<Role, QCheckBox *> m_roleBoxes;
    QLabel *m_message = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace paydesk
