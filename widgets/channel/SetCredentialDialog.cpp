#include "widgets/channel/SetCredentialDialog.h"

#include "core/PaydeskCore.h"
#include "widgets/channel/ChannelText.h"
#include "widgets/common/Session.h"

#include <QDialogButtonBox>
#include <QFile>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace paydesk {

namespace {
using Kind = CredentialItem::Kind;

bool isPem(Kind kind)
{
    return kind == Kind::PrivateKey || kind == Kind::PublicKey || kind == Kind::Certificates;
}
} // namespace

SetCredentialDialog::SetCredentialDialog(Session &session, const ChannelAccount &account, const CredentialItem &item,
                                         QWidget *parent)
    : QDialog(parent), m_session(session), m_account(account), m_item(item), m_message(new QLabel(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("setCredentialDialog"));
    setWindowTitle(tr("%1 of %2").arg(ChannelText::credentialItem(item.name), account.name));
    m_message->setObjectName(QStringLiteral("credentialMessage"));
    m_message->setWordWrap(true);
    m_message->setStyleSheet(QStringLiteral("color: #b00020"));

    auto *intro = new QLabel(
        (item.trustMaterial ? tr("Proposed for a second operator's approval: until then it waits encrypted and the "
                                 "current credentials stay in effect. Once approved it is stored in the vault as %1, "
                                 "shared by every %2 account with the channel merchant id %3, and never shown again.")
                            : tr("Stored encrypted in the vault as %1 (it verifies nothing, so no approval is needed). "
                                 "It is shared by every %2 account with the channel merchant id %3, and never shown "
                                 "again."))
            .arg(item.name, ChannelText::channel(account.channel), account.channelMerchantId),
        this);
    intro->setWordWrap(true);
    auto *form = new QFormLayout;
    if (isPem(item.kind)) {
        m_text = new QPlainTextEdit(this);
        m_text->setObjectName(QStringLiteral("credentialTextEdit"));
        m_text->setPlaceholderText(item.kind == Kind::PrivateKey  ? tr("-----BEGIN PRIVATE KEY-----\n…")
                                   : item.kind == Kind::PublicKey ? tr("-----BEGIN PUBLIC KEY-----\n…")
                                                                  : tr("-----BEGIN CERTIFICATE-----\n…"));
        m_text->setTabChangesFocus(true);
        m_text->setMinimumHeight(m_text->fontMetrics().lineSpacing() * 8);
        m_browse = new QPushButton(tr("Load from file…"), this);
        m_browse->setObjectName(QStringLiteral("credentialLoadButton"));
        auto *row = new QVBoxLayout;
        row->addWidget(m_text);
        row->addWidget(m_browse, 0, Qt::AlignLeft);
        form->addRow(ChannelText::credentialKind(item.kind) + QLatin1Char(':'), row);
        connect(m_text, &QPlainTextEdit::textChanged, this, &SetCredentialDialog::validate);
        connect(m_browse, &QPushButton::clicked, this, &SetCredentialDialog::loadFile);
    } else if (item.kind == Kind::Pkcs12) {
        m_partner = ChannelCredentialItems::partnerOf(account.channel, item.name);
        m_file = new QLineEdit(this);
        m_file->setObjectName(QStringLiteral("credentialFileEdit"));
        m_file->setPlaceholderText(tr("path of the .pfx file"));
        m_browse = new QPushButton(tr("Browse…"), this);
        m_browse->setObjectName(QStringLiteral("credentialLoadButton"));
        m_password = new QLineEdit(this);
        m_password->setObjectName(QStringLiteral("credentialPasswordEdit"));
        m_password->setEchoMode(QLineEdit::Password);
        auto *row = new QHBoxLayout;
        row->addWidget(m_file, 1);
        row->addWidget(m_browse);
        form->addRow(tr("File:"), row);
        if (!m_partner.isEmpty())
            form->addRow(tr("Its password:"), m_password);
        else
            m_password->hide();
        connect(m_file, &QLineEdit::textChanged, this, &SetCredentialDialog::validate);
        connect(m_password, &QLineEdit::textChanged, this, &SetCredentialDialog::validate);
        connect(m_browse, &QPushButton::clicked, this, &SetCredentialDialog::loadFile);
    } else {
        m_line = new QLineEdit(this);
        m_line->setObjectName(QStringLiteral("credentialLineEdit"));
        if (item.kind == Kind::Password || item.kind == Kind::SymmetricKey)
            m_line->setEchoMode(QLineEdit::Password);
        form->addRow(ChannelText::credentialKind(item.kind) + QLatin1Char(':'), m_line);
        connect(m_line, &QLineEdit::textChanged, this, &SetCredentialDialog::validate);
    }
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_message);
    layout->addWidget(m_buttons);
    setMinimumWidth(560);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &SetCredentialDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    validate();
}

SetCredentialDialog::~SetCredentialDialog()
{
    wipe();
}

void SetCredentialDialog::wipe()
{
    if (m_text)
        m_text->clear();
    if (m_line)
        m_line->clear();
    if (m_password)
        m_password->clear();
}

void SetCredentialDialog::loadFile()
{
    if (m_file) {
        const QString path = QFileDialog::getOpenFileName(this, tr("Certificate file"), QString(),
                                                          tr("PKCS#12 files (*.pfx *.p12);;All files (*)"));
        if (!path.isEmpty())
            m_file->setText(path);
        return;
    }
    const QString path = QFileDialog::getOpenFileName(this, ChannelText::credentialItem(m_item.name), QString(),
                                                      tr("PEM files (*.pem *.crt *.cer *.key);;All files (*)"));
    if (path.isEmpty())
        return;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        m_message->setText(tr("Cannot read %1: %2").arg(path, file.errorString()));
        return;
    }
    m_text->setPlainText(QString::fromUtf8(file.readAll()));
}

bool SetCredentialDialog::collect(QMap<QString, SecretBytes> *items, QString *problem) const
{
    if (m_text) {
        const QByteArray pem = m_text->toPlainText().trimmed().toUtf8();
        if (pem.isEmpty()) {
            *problem = tr("Paste the PEM text or load it from a file.");
            return false;
        }
        items->insert(m_item.name, SecretBytes(pem + '\n'));
        return true;
    }
    if (m_line) {
        const QByteArray text = m_line->text().trimmed().toUtf8();
        if (text.isEmpty()) {
            *problem = tr("Type the value.");
            return false;
        }
        items->insert(m_item.name, SecretBytes(text));
        return true;
    }
    if (m_file->text().trimmed().isEmpty()) {
        *problem = tr("Choose the .pfx file.");
        return false;
    }
    if (!m_partner.isEmpty() && m_password->text().isEmpty()) {
        *problem = tr("Type the password of the .pfx file.");
        return false;
    }
    QFile file(m_file->text().trimmed());
    if (!file.open(QIODevice::ReadOnly)) {
        *problem = tr("Cannot read %1: %2").arg(file.fileName(), file.errorString());
        return false;
    }
    items->insert(m_item.name, SecretBytes(file.readAll()));
    if (!m_partner.isEmpty())
        items->insert(m_partner, SecretBytes(m_password->text().toUtf8()));
    return true;
}

void SetCredentialDialog::validate()
{
    // Only whether something is there: reading the file or checking the key is the core's job on OK.
    bool ready = false;
    if (m_text)
        ready = !m_text->toPlainText().trimmed().isEmpty();
    else if (m_line)
        ready = !m_line->text().trimmed().isEmpty();
    else
        ready = !m_file->text().trimmed().isEmpty() && (m_partner.isEmpty() || !m_password->text().isEmpty());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(ready);
}

void SetCredentialDialog::accept()
{
    QMap<QString, SecretBytes> items;
    QString problem;
    if (!collect(&items, &problem)) {
        m_message->setText(problem);
        return;
    }
    auto proposed = m_session.core().channelAccounts().proposeCredentials(m_session.actor(), m_account.id, items);
    if (!proposed) {
        m_message->setText(proposed.error().message());
        return;
    }
    m_result = *proposed;
    wipe();
    QDialog::accept();
}

} // namespace paydesk
