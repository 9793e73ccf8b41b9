#pragma once

#include "core/fee/EffectiveRate.h"
#include "widgets/common/PageLoader.h"
#include "widgets/fee/RateSchedule.h"

#include <QWidget>

class QHBoxLayout;
class QLabel;
class QPushButton;
class QTableView;

namespace paydesk {

class CurrentRateModel;
class RateHistoryModel;
class Session;

// The effective-dated rates of one subject — a merchant (商户费率) or a channel account's cost
// (渠道成本): the rate of each method today, every change with who set it when, "Set rate…"
// from a date and withdrawing a change that has not taken effect. Loads off the GUI thread;
// changing needs fee.manage, and the core checks, refuses backdating and audits.
class RateScheduleView : public QWidget
{
    Q_OBJECT

public:
    RateScheduleView(Session &session, RateSubject subject, QWidget *parent = nullptr);

    // Shows the rates of `subjectId` for these methods; 0 clears the view.
    void setSubject(qint64 subjectId, const QList<PayMethod> &methods);
    qint64 subjectId() const { return m_subjectId; }
    RateSubject subject() const { return m_subject; }

    CurrentRateModel *currentModel() const { return m_current; }
    RateHistoryModel *historyModel() const { return m_history; }
    QTableView *currentTable() const { return m_currentTable; }
    QTableView *historyTable() const { return m_historyTable; }
    QLabel *messageLabel() const { return m_message; }
    // Puts another action (e.g. "Apply template…") next to "Set rate…".
    void addButton(QPushButton *button);

public slots:
    void reload();
    void setRate();
    void withdrawSelected();

signals:
    void loaded();
    // A rate was set or withdrawn.
    void changed();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void updateButtons();
    void showSchedule(Result<RateSchedule> schedule);
    void report(const Status &status, const QString &done);
    Status apply(PayMethod method, Rate rate, const QDate &from);

    Session &m_session;
    const RateSubject m_subject;
    qint64 m_subjectId = 0;
    QList<PayMethod> m_methods;
    CurrentRateModel *m_current;
    RateHistoryModel *m_history;
    QLabel *m_currentLabel;
    QLabel *m_historyLabel;
    QTableView *m_currentTable;
    QTableView *m_historyTable;
    QPushButton *m_set;
    QPushButton *m_withdraw;
    QHBoxLayout *m_buttons;
    QLabel *m_message;
    PageLoader<RateSchedule> m_loader;
};

} // namespace paydesk
