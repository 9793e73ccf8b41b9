#include "widgets/merchant/ReasonDialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace paydesk {

ReasonDialog::ReasonDialog(const QString &title, const QString &prompt, bool required, QWidget *parent)
    : QDialog(parent), m_required(required), m_prompt(new QLabel(prompt, this)), m_edit(new QPlainTextEdit(this)),
      m_count(new QLabel(this)), m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("reasonDialog"));
    setWindowTitle(title);
    m_edit->setObjectName(QStringLiteral("reasonEdit"));
    m_edit->setTabChangesFocus(true);
    m_prompt->setWordWrap(true);
    m_count->setAlignment(Qt::AlignRight);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_prompt);
    layout->addWidget(m_edit, 1);
    layout->addWidget(m_count);
    layout->addWidget(m_buttons);
    connect(m_edit, &QPlainTextEdit::textChanged, this, &ReasonDialog::validate);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    resize(440, 240);
    validate();
}

QString ReasonDialog::text() const
{
    return m_edit->toPlainText().trimmed();
}

void ReasonDialog::validate()
{
    const qsizetype length = text().size();
    const bool ok = (!m_required || length > 0) && length <= kMaximumLength;
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(ok);
    m_count->setText(m_required && length == 0 ? tr("A reason is required.")
                                               : tr("%1 / %2").arg(length).arg(kMaximumLength));
    m_count->setStyleSheet(ok ? QString() : QStringLiteral("color: #b00020"));
}

} // namespace paydesk
