#pragma once

#include "core/security/AuditLog.h"
#include "widgets/common/PageLoader.h"

#include <QWidget>

class QCheckBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTableView;

namespace paydesk {

class AuditModel;
class Session;

// The audit log: filter by operator, action and date; the record's details; and "Verify chain"
// which walks the whole hash chain off the GUI thread and says plainly whether it is intact or
// which record is the first one that was tampered with.
class AuditPanel : public QWidget
{
    Q_OBJECT

public:
    explicit AuditPanel(Session &session, QWidget *parent = nullptr);

    AuditModel *model() const { return m_model; }

public slots:
    void applyFilter();
    void verifyChain();

signals:
    void verified(bool intact);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void showVerification(Result<AuditVerification> result);

    Session &m_session;
    AuditModel *m_model;
    QLineEdit *m_actor;
    QLineEdit *m_action;
    QCheckBox *m_useDates;
    QDateEdit *m_from;
    QDateEdit *m_to;
    QPushButton *m_apply;
    QPushButton *m_verify;
    QLabel *m_verdict;
    QTableView *m_table;
    QPlainTextEdit *m_detail;
    QLabel *m_actorLabel;
    QLabel *m_actionLabel;
    PageLoader<AuditVerification> m_verifier;
    bool m_verdictIntact = true;
    AuditVerification m_lastVerification;
    bool m_hasVerification = false;
};

} // namespace paydesk
