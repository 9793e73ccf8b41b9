#pragma once

#include "core/fee/FeeTemplate.h"
#include "widgets/common/PageLoader.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QTableView;

namespace paydesk {

class FeeTemplateModel;
class Session;

// The fee templates tab: list, create, edit, delete (the core keeps a template that was
// applied and says so), and apply the selected template to many merchants from a date.
class FeeTemplatesView : public QWidget
{
    Q_OBJECT

public:
    explicit FeeTemplatesView(Session &session, QWidget *parent = nullptr);

    FeeTemplateModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    QLabel *messageLabel() const { return m_message; }

public slots:
    void reload();
    void createTemplate();
    void editTemplate();
    void deleteTemplate();
    void applyTemplate();

signals:
    void loaded();
    // A template was applied: merchants' rates changed.
    void applied();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void updateButtons();
    const FeeTemplate *selected() const;
    void report(const Status &status, const QString &done);

    Session &m_session;
    FeeTemplateModel *m_model;
    QTableView *m_table;
    QPushButton *m_create;
    QPushButton *m_edit;
    QPushButton *m_delete;
    QPushButton *m_apply;
    QLabel *m_message;
    QString m_select; // the template to select after the next load
    PageLoader<QList<FeeTemplate>> m_loader;
};

} // namespace paydesk
