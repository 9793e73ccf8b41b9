#pragma once

#include "core/channel/ChannelTypes.h"
#include "core/fee/FeeTemplate.h"

#include <QDialog>
#include <QMap>

class QCheckBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;

namespace paydesk {

class Session;

// Creates or edits a fee template: a name, a description and a rate (percent, shown in ppm too)
// for each method it covers. Validates as you type; the core decides on OK (unique names, rates
// between 0 and 100 %) and its refusal keeps the dialog open. Editing changes only later
// applications, never rates already set from the template.
class FeeTemplateDialog : public QDialog
{
    Q_OBJECT

public:
    // A new template.
    explicit FeeTemplateDialog(Session &session, QWidget *parent = nullptr);
    // Edits `feeTemplate`.
    FeeTemplateDialog(Session &session, const FeeTemplate &feeTemplate, QWidget *parent = nullptr);

    const FeeTemplate &result() const { return m_template; }

public slots:
    void accept() override;

private:
    struct MethodRow
    {
        QCheckBox *use = nullptr;
        QLineEdit *percent = nullptr;
        QLabel *hint = nullptr;
    };

    void build();
    // The template as typed, or the first problem in words.
    bool collect(FeeTemplate *out, QString *problem) const;
    void validate();

    Session &m_session;
    FeeTemplate m_template;
    QLineEdit *m_name = nullptr;
    QPlainTextEdit *m_description = nullptr;
    QMap<PayMethod, MethodRow> m_rows;
    QLabel *m_message = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace paydesk
