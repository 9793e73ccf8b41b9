#include "widgets/fee/SetRateDialog.h"

#include "widgets/channel/ChannelText.h"

#include <QComboBox>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace paydesk {

SetRateDialog::SetRateDialog(const QString &title, const QList<PayMethod> &methods, const QDate &today, Apply apply,
                             QWidget *parent)
    : QDialog(parent), m_apply(std::move(apply)), m_method(new QComboBox(this)), m_percent(new QLineEdit(this)),
      m_from(new QDateEdit(this)), m_hint(new QLabel(this)), m_message(new QLabel(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("setRateDialog"));
    setWindowTitle(title);
    m_method->setObjectName(QStringLiteral("rateMethodCombo"));
    m_percent->setObjectName(QStringLiteral("ratePercentEdit"));
    m_from->setObjectName(QStringLiteral("rateEffectiveDate"));
    m_hint->setObjectName(QStringLiteral("rateHint"));
    m_message->setObjectName(QStringLiteral("rateDialogMessage"));
    for (PayMethod method : methods)
        m_method->addItem(ChannelText::method(method), int(method));
    m_percent->setPlaceholderText(tr("e.g. 0.38"));
    m_from->setCalendarPopup(true);
    m_from->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    m_from->setMinimumDate(today);
    m_from->setDate(today);
    m_hint->setStyleSheet(QStringLiteral("color: #606060"));
    m_message->setWordWrap(true);
    m_message->setStyleSheet(QStringLiteral("color: #b00020"));

    auto *percentRow = new QHBoxLayout;
    percentRow->addWidget(m_percent, 1);
    percentRow->addWidget(new QLabel(QStringLiteral("%"), this));
    auto *form = new QFormLayout;
    form->addRow(tr("Payment method:"), m_method);
    form->addRow(tr("Rate:"), percentRow);
    form->addRow(QString(), m_hint);
    form->addRow(tr("Effective from:"), m_from);
    auto *note = new QLabel(tr("Rates take effect at the start of the day, today or later. A rate in effect is "
                               "never changed: set a new one from a later date."),
                            this);
    note->setWordWrap(true);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(note);
    layout->addWidget(m_message);
    layout->addWidget(m_buttons);
    setMinimumWidth(460);

    connect(m_percent, &QLineEdit::textChanged, this, &SetRateDialog::validate);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &SetRateDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    validate();
}

void SetRateDialog::setMethod(PayMethod method)
{
    const int index = m_method->findData(int(method));
    if (index >= 0)
        m_method->setCurrentIndex(index);
}

void SetRateDialog::setPercent(const QString &percent)
{
    m_percent->setText(percent);
}

void SetRateDialog::validate()
{
    const QString text = m_percent->text().trimmed();
    m_message->clear();
    m_hint->clear();
    bool ok = false;
    if (!text.isEmpty()) {
        auto rate = Rate::parsePercent(text);
        if (rate) {
            ok = true;
            m_hint->setText(tr("%1 = %2").arg(ChannelText::rate(*rate), ChannelText::ppm(*rate)));
        } else {
            m_message->setText(rate.error().message());
        }
    }
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(ok && m_method->count() > 0);
}

void SetRateDialog::accept()
{
    auto rate = Rate::parsePercent(m_percent->text().trimmed());
    if (!rate) {
        m_message->setText(rate.error().message());
        return;
    }
    const Status status = m_apply(PayMethod(m_method->currentData().toInt()), *rate, m_from->date());
    if (!status) {
        m_message->setText(status.error().message());
        return;
    }
    QDialog::accept();
}

} // namespace paydesk
