#include "widgets/merchant/SecretShownOnceDialog.h"

#include "widgets/format/DisplayFormat.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace paydesk {

SecretShownOnceDialog::SecretShownOnceDialog(const QString &appId, const NewHmacKey &key, QWidget *parent)
    : QDialog(parent), m_secret(key.secretBase64), m_secretEdit(new QLineEdit(this)),
      m_copy(new QPushButton(tr("&Copy"), this)), m_copied(new QLabel(this)),
      m_stored(new QCheckBox(tr("I have stored this secret in the merchant's system"), this)),
      m_close(new QPushButton(tr("Close"), this))
{
    setObjectName(QStringLiteral("secretShownOnceDialog"));
    setWindowTitle(tr("New HMAC secret for %1").arg(appId));
    m_secretEdit->setObjectName(QStringLiteral("secretEdit"));
    m_copy->setObjectName(QStringLiteral("copySecretButton"));
    m_stored->setObjectName(QStringLiteral("secretStoredCheck"));
    m_close->setObjectName(QStringLiteral("closeSecretButton"));
    m_secretEdit->setReadOnly(true);
    m_secretEdit->setText(m_secret);
    m_secretEdit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_secretEdit->setMinimumWidth(m_secretEdit->fontMetrics().horizontalAdvance(m_secret) + 24);

    auto *warning = new QLabel(tr("<b>This secret is shown only now.</b> Copy it into the merchant's system before you "
                                  "close this window: Paydesk keeps it only in its encrypted vault and cannot show it "
                                  "again. If it is lost, generate a new one. The clipboard is cleared when this window "
                                  "closes."),
                               this);
    warning->setObjectName(QStringLiteral("secretWarning"));
    warning->setWordWrap(true);
    warning->setTextFormat(Qt::RichText);
    warning->setStyleSheet(
        QStringLiteral("QLabel { background: #fde7e9; border: 1px solid #e8a0a8; border-radius: 3px; padding: 8px; }"));
    auto *secretRow = new QHBoxLayout;
    secretRow->addWidget(m_secretEdit, 1);
    secretRow->addWidget(m_copy);
    auto *details = new QFormLayout;
    details->addRow(tr("Secret (Base64, 32 bytes):"), secretRow);
    details->addRow(QString(), m_copied);
    // In groups of eight, as people compare fingerprints.
    QStringList groups;
    for (qsizetype at = 0; at < key.key.fingerprint.size(); at += 8)
        groups << key.key.fingerprint.mid(at, 8);
    auto *fingerprint = new QLabel(groups.join(QLatin1Char(' ')), this);
    fingerprint->setObjectName(QStringLiteral("secretFingerprint"));
    fingerprint->setWordWrap(true);
    fingerprint->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    fingerprint->setTextInteractionFlags(Qt::TextSelectableByMouse);
    details->addRow(tr("Fingerprint (SHA-256):"), fingerprint);
    details->addRow(tr("Valid from:"), new QLabel(DisplayFormat::dateTime(key.key.validFrom), this));
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_stored, 1);
    buttons->addWidget(m_close);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(warning);
    layout->addLayout(details);
    layout->addLayout(buttons);
    m_close->setEnabled(false);
    connect(m_copy, &QPushButton::clicked, this, &SecretShownOnceDialog::copy);
    connect(m_stored, &QCheckBox::toggled, m_close, &QWidget::setEnabled);
    connect(m_close, &QPushButton::clicked, this, &QDialog::accept);
    setMinimumWidth(700);
}

SecretShownOnceDialog::~SecretShownOnceDialog()
{
    forget();
}

void SecretShownOnceDialog::copy()
{
    QApplication::clipboard()->setText(m_secret);
    m_copied->setText(tr("Copied to the clipboard."));
}

void SecretShownOnceDialog::done(int result)
{
    // Esc or the window's close button must not skip the confirmation.
    if (!m_stored->isChecked())
        return;
    forget();
    QDialog::done(result);
}

void SecretShownOnceDialog::forget()
{
    if (m_secret.isEmpty())
        return;
    QClipboard *clipboard = QApplication::clipboard();
    if (clipboard && clipboard->text() == m_secret)
        clipboard->clear();
    m_secretEdit->clear();
    m_secret.fill(QLatin1Char('0'));
    m_secret.clear();
}

} // namespace paydesk
