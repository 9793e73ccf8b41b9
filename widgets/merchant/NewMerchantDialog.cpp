#include "widgets/merchant/NewMerchantDialog.h"

#include "core/PaydeskCore.h"
#include "widgets/common/Session.h"
#include "widgets/merchant/MerchantProfileForm.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

namespace paydesk {

NewMerchantDialog::NewMerchantDialog(Session &session, QWidget *parent)
    : QDialog(parent), m_session(session), m_form(new MerchantProfileForm(this)), m_message(new QLabel(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("newMerchantDialog"));
    setWindowTitle(tr("New merchant"));
    m_message->setObjectName(QStringLiteral("newMerchantMessage"));
    m_message->setWordWrap(true);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Create draft"));
    m_form->setToday(session.core().clock().businessDate());
    m_form->clear();
    auto *intro = new QLabel(tr("The merchant starts as a draft. Only the legal and short names are needed now; "
                                "everything else, and the documents, before it is submitted for review."),
                             this);
    intro->setWordWrap(true);
    auto *scroll = new QScrollArea(this);
    scroll->setWidget(m_form);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(scroll, 1);
    layout->addWidget(m_message);
    layout->addWidget(m_buttons);
    connect(m_form, &MerchantProfileForm::edited, this, &NewMerchantDialog::validate);
    connect(m_form, &MerchantProfileForm::validityChanged, this, &NewMerchantDialog::validate);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &NewMerchantDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    resize(960, 520);
    validate();
}

void NewMerchantDialog::validate()
{
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(m_form->isValid());
    const QStringList problems = m_form->problemSummary();
    m_message->setStyleSheet(QStringLiteral("color: #5f6368"));
    m_message->setText(problems.isEmpty() ? QString()
                                          : tr("Before creating: %1").arg(problems.join(QStringLiteral("; "))));
}

void NewMerchantDialog::accept()
{
    auto profile = m_form->profile();
    if (!profile) {
        m_form->showProblems(MerchantValidator::problemsOf(profile.error()));
        return;
    }
    auto created = m_session.core().merchants().create(m_session.actor(), *profile);
    if (!created) {
        m_form->showProblems(MerchantValidator::problemsOf(created.error()));
        m_message->setStyleSheet(QStringLiteral("color: #b00020"));
        m_message->setText(created.error().message());
        return;
    }
    m_created = *created;
    emit m_session.dataChanged();
    QDialog::accept();
}

} // namespace paydesk
