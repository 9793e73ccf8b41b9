#include "widgets/fee/FeeTemplateDialog.h"

#include "core/PaydeskCore.h"
#include "core/channel/ChannelNames.h"
#include "widgets/channel/ChannelText.h"
#include "widgets/common/Session.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>

namespace paydesk {

FeeTemplateDialog::FeeTemplateDialog(Session &session, QWidget *parent) : QDialog(parent), m_session(session)
{
    build();
    setWindowTitle(tr("New fee template"));
    validate();
}

FeeTemplateDialog::FeeTemplateDialog(Session &session, const FeeTemplate &feeTemplate, QWidget *parent)
    : QDialog(parent), m_session(session), m_template(feeTemplate)
{
    build();
    setWindowTitle(tr("Fee template %1").arg(feeTemplate.name));
    m_name->setText(feeTemplate.name);
    m_description->setPlainText(feeTemplate.description);
    for (auto it = feeTemplate.rates.cbegin(); it != feeTemplate.rates.cend(); ++it) {
        if (!m_rows.contains(it.key()))
            continue;
        m_rows[it.key()].use->setChecked(true);
        m_rows[it.key()].percent->setText(it.value().toPercentString().remove(QLatin1Char('%')));
    }
    validate();
}

void FeeTemplateDialog::build()
{
    setObjectName(QStringLiteral("feeTemplateDialog"));
    m_name = new QLineEdit(this);
    m_name->setObjectName(QStringLiteral("templateNameEdit"));
    m_description = new QPlainTextEdit(this);
    m_description->setObjectName(QStringLiteral("templateDescriptionEdit"));
    m_description->setTabChangesFocus(true);
    m_description->setFixedHeight(m_description->fontMetrics().lineSpacing() * 3 + 12);
    auto *form = new QFormLayout;
    form->addRow(tr("Name:"), m_name);
    form->addRow(tr("Description:"), m_description);

    auto *rates = new QGroupBox(tr("Merchant rates by payment method"), this);
    auto *grid = new QGridLayout(rates);
    int row = 0;
    for (PayMethod method : ChannelNames::allMethods()) {
        const QString name = ChannelNames::method(method);
        MethodRow line;
        line.use = new QCheckBox(ChannelText::method(method), rates);
        line.use->setObjectName(QStringLiteral("templateMethod_") + name);
        line.percent = new QLineEdit(rates);
        line.percent->setObjectName(QStringLiteral("templatePercent_") + name);
        line.percent->setPlaceholderText(tr("e.g. 0.38"));
        line.percent->setEnabled(false);
        line.hint = new QLabel(rates);
        line.hint->setStyleSheet(QStringLiteral("color: #606060"));
        grid->addWidget(line.use, row, 0);
        grid->addWidget(line.percent, row, 1);
        grid->addWidget(new QLabel(QStringLiteral("%"), rates), row, 2);
        grid->addWidget(line.hint, row, 3);
        connect(line.use, &QCheckBox::toggled, line.percent, &QWidget::setEnabled);
        connect(line.use, &QCheckBox::toggled, this, &FeeTemplateDialog::validate);
        connect(line.percent, &QLineEdit::textChanged, this, &FeeTemplateDialog::validate);
        m_rows.insert(method, line);
        ++row;
    }
    grid->setColumnStretch(3, 1);

    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("templateMessage"));
    m_message->setWordWrap(true);
    m_message->setStyleSheet(QStringLiteral("color: #b00020"));
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    auto *note = new QLabel(tr("Applying a template copies its rates into each merchant's own rates; editing the "
                               "template later does not change them."),
                            this);
    note->setWordWrap(true);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(rates);
    layout->addWidget(note);
    layout->addWidget(m_message);
    layout->addWidget(m_buttons);
    setMinimumWidth(560);
    connect(m_name, &QLineEdit::textChanged, this, &FeeTemplateDialog::validate);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &FeeTemplateDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

bool FeeTemplateDialog::collect(FeeTemplate *out, QString *problem) const
{
    *out = m_template;
    out->name = m_name->text().trimmed();
    out->description = m_description->toPlainText().trimmed();
    out->rates.clear();
    if (out->name.isEmpty()) {
        *problem = tr("The template needs a name.");
        return false;
    }
    for (auto it = m_rows.cbegin(); it != m_rows.cend(); ++it) {
        if (!it->use->isChecked())
            continue;
        auto rate = Rate::parsePercent(it->percent->text().trimmed());
        if (!rate) {
            *problem = tr("%1: %2").arg(ChannelText::method(it.key()), rate.error().message());
            return false;
        }
        out->rates.insert(it.key(), *rate);
    }
    if (out->rates.isEmpty()) {
        *problem = tr("Check at least one payment method and give its rate.");
        return false;
    }
    return true;
}

void FeeTemplateDialog::validate()
{
    for (auto it = m_rows.cbegin(); it != m_rows.cend(); ++it) {
        auto rate = Rate::parsePercent(it->percent->text().trimmed());
        it->hint->setText(it->use->isChecked() && rate ? ChannelText::ppm(*rate) : QString());
    }
    FeeTemplate typed;
    QString problem;
    const bool ok = collect(&typed, &problem);
    // Say what is wrong only once something was typed: an empty new form is not an error.
    const bool started =
        !m_name->text().isEmpty() || !typed.rates.isEmpty() ||
        std::any_of(m_rows.cbegin(), m_rows.cend(), [](const MethodRow &row) { return row.use->isChecked(); });
    m_message->setText(ok || !started ? QString() : problem);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(ok);
}

void FeeTemplateDialog::accept()
{
    FeeTemplate typed;
    QString problem;
    if (!collect(&typed, &problem)) {
        m_message->setText(problem);
        return;
    }
    FeeService &fees = m_session.core().fees();
    auto saved =
        typed.id > 0 ? fees.updateTemplate(m_session.actor(), typed) : fees.createTemplate(m_session.actor(), typed);
    if (!saved) {
        m_message->setText(saved.error().message());
        return;
    }
    m_template = *saved;
    QDialog::accept();
}

} // namespace paydesk
