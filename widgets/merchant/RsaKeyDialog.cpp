#include "widgets/merchant/RsaKeyDialog.h"

#include "core/merchant/ApplicationKeyMaterial.h"

#include <QDialogButtonBox>
#include <QFile>
#include <QFileDialog>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace paydesk {

RsaKeyDialog::RsaKeyDialog(const QString &appId, QWidget *parent)
    : QDialog(parent), m_text(new QPlainTextEdit(this)), m_file(new QPushButton(tr("From &file…"), this)),
      m_status(new QLabel(this)), m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("rsaKeyDialog"));
    setWindowTitle(tr("RSA2 public key for %1").arg(appId));
    m_text->setObjectName(QStringLiteral("publicKeyEdit"));
    m_file->setObjectName(QStringLiteral("publicKeyFileButton"));
    m_status->setObjectName(QStringLiteral("publicKeyStatus"));
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_text->setPlaceholderText(QStringLiteral(
        "-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA…\n-----END PUBLIC KEY-----"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *intro =
        new QLabel(tr("Paste the public key of the merchant's own key pair (PEM, or the bare Base64 as Alipay "
                      "shows it). Only the public key: never accept a private key."),
                   this);
    intro->setWordWrap(true);
    auto *fileRow = new QHBoxLayout;
    fileRow->addWidget(m_status, 1);
    fileRow->addWidget(m_file);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_text, 1);
    layout->addLayout(fileRow);
    layout->addWidget(m_buttons);
    connect(m_text, &QPlainTextEdit::textChanged, this, &RsaKeyDialog::validate);
    connect(m_file, &QPushButton::clicked, this, &RsaKeyDialog::loadFile);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    resize(640, 420);
    validate();
}

QByteArray RsaKeyDialog::publicKey() const
{
    return m_text->toPlainText().trimmed().toLatin1();
}

void RsaKeyDialog::loadFile()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Public key file"), QString(),
                                                      tr("Public keys (*.pem *.pub *.txt *.key);;All files (*)"));
    if (path.isEmpty())
        return;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly) || file.size() > 64 * 1024) {
        m_status->setStyleSheet(QStringLiteral("color: #b00020"));
        m_status->setText(tr("%1 cannot be read as a key file.").arg(path));
        return;
    }
    m_text->setPlainText(QString::fromLatin1(file.readAll()));
}

void RsaKeyDialog::validate()
{
    const QByteArray text = publicKey();
    bool ok = false;
    if (text.isEmpty()) {
        m_status->setStyleSheet(QString());
        m_status->clear();
    } else if (text.contains("PRIVATE KEY")) {
        m_status->setStyleSheet(QStringLiteral("color: #b00020"));
        m_status->setText(tr("This is a private key. Ask the merchant for the public key only, and have them replace "
                             "this key pair: its private key has left their hands."));
    } else {
        auto key = ApplicationKeyMaterial::rsaPublicKey(text);
        ok = key.ok();
        m_status->setStyleSheet(ok ? QStringLiteral("color: #1b7f3b") : QStringLiteral("color: #b00020"));
        m_status->setText(ok ? tr("RSA public key, fingerprint %1").arg(ApplicationKeyMaterial::fingerprint(*key))
                             : key.error().message());
    }
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(ok);
}

} // namespace paydesk
