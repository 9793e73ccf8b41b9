#pragma once

#include "core/fee/FeeTemplate.h"
#include "widgets/channel/ChannelDirectory.h"
#include "widgets/common/PageLoader.h"

#include <QDialog>

class QComboBox;
class QDateEdit;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QListWidget;

namespace paydesk {

class Session;

// Applies one fee template to many merchants from a date (today or later): every method of the
// template becomes each merchant's rate, all or nothing. Templates and merchants load off the GUI
// thread; the core refuses closed merchants and rates already in effect, and the dialog stays
// open with its text.
class ApplyTemplateDialog : public QDialog
{
    Q_OBJECT

public:
    explicit ApplyTemplateDialog(Session &session, QWidget *parent = nullptr);

    // Preselections, kept until the lists have loaded.
    void selectTemplate(qint64 templateId);
    void checkMerchants(const QList<qint64> &merchantIds);

    bool isLoaded() const { return m_loaded; }
    QList<qint64> checkedMerchants() const;
    int rowsWritten() const { return m_rowsWritten; }

public slots:
    void accept() override;

signals:
    void loaded();

private:
    struct Lists
    {
        QList<FeeTemplate> templates;
        ChannelDirectory directory;
    };

    void showLists(Result<Lists> lists);
    void filterMerchants(const QString &text);
    void validate();

    Session &m_session;
    QComboBox *m_template;
    QLabel *m_rates;
    QLineEdit *m_filter;
    QListWidget *m_merchants;
    QDateEdit *m_from;
    QLabel *m_count;
    QLabel *m_message;
    QDialogButtonBox *m_buttons;
    QList<FeeTemplate> m_templates;
    qint64 m_wantedTemplate = 0;
    QList<qint64> m_wantedMerchants;
    bool m_loaded = false;
    int m_rowsWritten = 0;
    PageLoader<Lists> m_loader;
};

} // namespace paydesk
