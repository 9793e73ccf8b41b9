#include "widgets/channel/ChannelAccountDialog.h"

#include "core/PaydeskCore.h"
#include "core/channel/ChannelNames.h"
#include "core/channel/account/ChannelAccountValidator.h"
#include "widgets/channel/ChannelText.h"
#include "widgets/channel/ChoiceCombos.h"
#include "widgets/common/Session.h"
#include "widgets/format/MoneyInput.h"

#include <QCheckBox>
#include <QComboBox>
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
const char *const kCurrencies[] = {"CNY", "HKD", "MOP", "USD", "EUR", "GBP", "JPY", "SGD"};
const char *const kFieldAtFault = "paydeskFieldAtFault";
} // namespace

ChannelAccountDialog::ChannelAccountDialog(Session &session, const ChannelDirectory &directory, QWidget *parent)
    : QDialog(parent), m_session(session), m_directory(directory)
{
    build(true);
    setWindowTitle(tr("New channel account"));
    ChannelAccount fresh;
    fresh.baseUrl = ChannelAccount::defaultBaseUrl(fresh.channel);
    load(fresh);
}

ChannelAccountDialog::ChannelAccountDialog(Session &session, const ChannelDirectory &directory,
                                           const ChannelAccount &account, QWidget *parent)
    : QDialog(parent), m_session(session), m_directory(directory), m_account(account)
{
    build(false);
    setWindowTitle(tr("Channel account %1").arg(account.name));
    load(account);
}

void ChannelAccountDialog::build(bool create)
{
    setObjectName(QStringLiteral("channelAccountDialog"));
    m_name = new QLineEdit(this);
    m_channel = new QComboBox(this);
    m_mode = new QComboBox(this);
    m_owner = new QComboBox(this);
    m_merchantIdLabel = new QLabel(this);
    m_merchantId = new QLineEdit(this);
    m_appId = new QLineEdit(this);
    m_subMerchantId = new QLineEdit(this);
    m_baseUrl = new QLineEdit(this);
    m_fileUrl = new QLineEdit(this);
    m_notifyUrl = new QLineEdit(this);
    m_ca = new QPlainTextEdit(this);
    m_loadCa = new QPushButton(tr("Load PEM file…"), this);
    m_currency = new QComboBox(this);
    m_perTransaction = new QLineEdit(this);
    m_daily = new QLineEdit(this);
    m_enabled = new QCheckBox(tr("Enabled: routing may send payments to this account"), this);
    m_message = new QLabel(this);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);

    m_name->setObjectName(QStringLiteral("accountNameEdit"));
    m_channel->setObjectName(QStringLiteral("accountChannelCombo"));
    m_mode->setObjectName(QStringLiteral("accountModeCombo"));
    m_owner->setObjectName(QStringLiteral("accountOwnerCombo"));
    m_merchantId->setObjectName(QStringLiteral("accountMerchantIdEdit"));
    m_appId->setObjectName(QStringLiteral("accountAppIdEdit"));
    m_subMerchantId->setObjectName(QStringLiteral("accountSubMerchantEdit"));
    m_baseUrl->setObjectName(QStringLiteral("accountBaseUrlEdit"));
    m_fileUrl->setObjectName(QStringLiteral("accountFileUrlEdit"));
    m_notifyUrl->setObjectName(QStringLiteral("accountNotifyUrlEdit"));
    m_ca->setObjectName(QStringLiteral("accountCaEdit"));
    m_loadCa->setObjectName(QStringLiteral("accountCaLoadButton"));
    m_currency->setObjectName(QStringLiteral("accountCurrencyCombo"));
    m_perTransaction->setObjectName(QStringLiteral("accountPerTransactionEdit"));
    m_daily->setObjectName(QStringLiteral("accountDailyLimitEdit"));
    m_enabled->setObjectName(QStringLiteral("accountEnabledCheck"));
    m_message->setObjectName(QStringLiteral("accountMessage"));

    for (ChannelKind channel : ChannelNames::allChannels())
        m_channel->addItem(ChannelText::channel(channel), int(channel));
    m_mode->addItem(ChannelText::mode(ChannelAccountMode::Shared), int(ChannelAccountMode::Shared));
    m_mode->addItem(ChannelText::mode(ChannelAccountMode::Own), int(ChannelAccountMode::Own));
    ChoiceCombos::fillMerchants(m_owner, m_directory.merchants, tr("(choose the merchant)"));
    for (const char *code : kCurrencies) {
        if (Currency::fromCode(QString::fromLatin1(code)))
            m_currency->addItem(QString::fromLatin1(code));
    }
    m_name->setPlaceholderText(tr("e.g. wx-shared-01 (letters, digits, _ . -; also the ledger account's name)"));
    m_subMerchantId->setPlaceholderText(tr("optional: the sub-merchant id in service-provider mode"));
    m_notifyUrl->setPlaceholderText(tr("where the channel posts payment results"));
    m_ca->setPlaceholderText(tr("Only for a test channel such as the sandbox: PEM certificates to trust besides the "
                                "system's. Not secret."));
    m_ca->setTabChangesFocus(true);
    m_ca->setFixedHeight(m_ca->fontMetrics().lineSpacing() * 3 + 12);
    m_perTransaction->setPlaceholderText(tr("empty: no limit"));
    m_daily->setPlaceholderText(tr("empty: no limit"));
    m_name->setReadOnly(!create);
    m_channel->setEnabled(create);
    m_enabled->setVisible(create);
    m_message->setWordWrap(true);
    m_message->setStyleSheet(QStringLiteral("color: #b00020"));

    auto *caRow = new QHBoxLayout;
    caRow->addWidget(m_ca, 1);
    caRow->addWidget(m_loadCa, 0, Qt::AlignTop);
    m_form = new QFormLayout;
    m_form->addRow(tr("Channel:"), m_channel);
    m_form->addRow(tr("Name:"), m_name);
    m_form->addRow(tr("Mode:"), m_mode);
    m_form->addRow(tr("Owner merchant:"), m_owner);
    m_form->addRow(m_merchantIdLabel, m_merchantId);
    m_form->addRow(tr("WeChat appid:"), m_appId);
    m_form->addRow(tr("Sub-merchant id:"), m_subMerchantId);
    m_form->addRow(tr("Channel address:"), m_baseUrl);
    m_form->addRow(tr("File download address:"), m_fileUrl);
    m_form->addRow(tr("Notification address:"), m_notifyUrl);
    m_form->addRow(tr("Extra CA certificates:"), caRow);
    m_form->addRow(tr("Currency:"), m_currency);
    m_form->addRow(tr("Per payment limit:"), m_perTransaction);
    m_form->addRow(tr("Daily limit:"), m_daily);
    m_form->addRow(QString(), m_enabled);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(m_form);
    layout->addWidget(m_message);
    layout->addWidget(m_buttons);
    setMinimumWidth(640);

    m_fields = {{QStringLiteral("name"), m_name},
                {QStringLiteral("owner"), m_owner},
                {QStringLiteral("channel_merchant_id"), m_merchantId},
                {QStringLiteral("channel_app_id"), m_appId},
                {QStringLiteral("sub_merchant_id"), m_subMerchantId},
                {QStringLiteral("base_url"), m_baseUrl},
                {QStringLiteral("file_url"), m_fileUrl},
                {QStringLiteral("notify_url"), m_notifyUrl},
                {QStringLiteral("ca_certificates"), m_ca},
                {QStringLiteral("currency"), m_currency},
                {QStringLiteral("per_transaction_limit"), m_perTransaction},
                {QStringLiteral("daily_limit"), m_daily}};
    for (QLineEdit *edit :
         {m_name, m_merchantId, m_appId, m_subMerchantId, m_baseUrl, m_fileUrl, m_notifyUrl, m_perTransaction, m_daily})
        connect(edit, &QLineEdit::textChanged, this, &ChannelAccountDialog::validate);
    connect(m_ca, &QPlainTextEdit::textChanged, this, &ChannelAccountDialog::validate);
    connect(m_owner, &QComboBox::currentIndexChanged, this, &ChannelAccountDialog::validate);
    connect(m_currency, &QComboBox::currentIndexChanged, this, &ChannelAccountDialog::validate);
    connect(m_channel, &QComboBox::currentIndexChanged, this, &ChannelAccountDialog::channelChanged);
    connect(m_mode, &QComboBox::currentIndexChanged, this, &ChannelAccountDialog::modeChanged);
    connect(m_loadCa, &QPushButton::clicked, this, &ChannelAccountDialog::loadCaFile);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &ChannelAccountDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

void ChannelAccountDialog::load(const ChannelAccount &account)
{
    m_shownChannel = account.channel;
    m_channel->setCurrentIndex(m_channel->findData(int(account.channel)));
    m_name->setText(account.name);
    m_mode->setCurrentIndex(m_mode->findData(int(account.mode)));
    ChoiceCombos::selectId(m_owner, account.ownerMerchantId);
    m_merchantId->setText(account.channelMerchantId);
    m_appId->setText(account.channelAppId);
    m_subMerchantId->setText(account.subMerchantId);
    m_baseUrl->setText(account.baseUrl);
    m_fileUrl->setText(account.fileUrl);
    m_notifyUrl->setText(account.notifyUrl);
    m_ca->setPlainText(QString::fromUtf8(account.caCertificates));
    if (m_currency->findText(account.currency.code()) < 0)
        m_currency->addItem(account.currency.code());
    m_currency->setCurrentText(account.currency.code());
    m_perTransaction->setText(account.hasPerTransactionLimit() ? MoneyInput::text(account.perTransactionLimit)
                                                               : QString());
    m_daily->setText(account.hasDailyLimit() ? MoneyInput::text(account.dailyLimit) : QString());
    m_enabled->setChecked(account.enabled);
    channelChanged();
    modeChanged();
}

void ChannelAccountDialog::channelChanged()
{
    const ChannelKind channel = ChannelKind(m_channel->currentData().toInt());
    // A new channel brings its own production addresses, unless someone typed another address.
    if (channel != m_shownChannel) {
        if (m_baseUrl->text().isEmpty() || m_baseUrl->text() == ChannelAccount::defaultBaseUrl(m_shownChannel))
            m_baseUrl->setText(ChannelAccount::defaultBaseUrl(channel));
        if (m_fileUrl->text().isEmpty() || m_fileUrl->text() == ChannelAccount::defaultFileUrl(m_shownChannel))
            m_fileUrl->setText(ChannelAccount::defaultFileUrl(channel));
        m_shownChannel = channel;
    }
    m_merchantIdLabel->setText(ChannelText::merchantIdLabel(channel));
    m_form->setRowVisible(m_appId, channel == ChannelKind::WeChatPay);
    m_form->setRowVisible(m_fileUrl, channel == ChannelKind::UnionPay);
    validate();
}

void ChannelAccountDialog::modeChanged()
{
    m_form->setRowVisible(m_owner, ChannelAccountMode(m_mode->currentData().toInt()) == ChannelAccountMode::Own);
    validate();
}

void ChannelAccountDialog::loadCaFile()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("CA certificates"), QString(),
                                                      tr("PEM certificates (*.pem *.crt *.cer);;All files (*)"));
    if (path.isEmpty())
        return;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        m_message->setText(tr("Cannot read %1: %2").arg(path, file.errorString()));
        return;
    }
    m_ca->setPlainText(QString::fromUtf8(file.readAll()));
}

bool ChannelAccountDialog::typed(ChannelAccount *out, QString *field, QString *problem) const
{
    ChannelAccount account = m_account;
    account.name = m_name->text().trimmed();
    account.channel = ChannelKind(m_channel->currentData().toInt());
    account.mode = ChannelAccountMode(m_mode->currentData().toInt());
    account.ownerMerchantId = account.mode == ChannelAccountMode::Own ? ChoiceCombos::currentId(m_owner) : 0;
    account.channelMerchantId = m_merchantId->text().trimmed();
    account.channelAppId = account.channel == ChannelKind::WeChatPay ? m_appId->text().trimmed() : QString();
    account.subMerchantId = m_subMerchantId->text().trimmed();
    account.baseUrl = m_baseUrl->text().trimmed();
    account.fileUrl = account.channel == ChannelKind::UnionPay ? m_fileUrl->text().trimmed() : QString();
    account.notifyUrl = m_notifyUrl->text().trimmed();
    account.caCertificates = m_ca->toPlainText().trimmed().toUtf8();
    if (!account.caCertificates.isEmpty())
        account.caCertificates += '\n';
    account.currency = Currency::fromCode(m_currency->currentText()).value_or(Currency());
    account.enabled = m_enabled->isChecked();
    const struct
    {
        QLineEdit *edit;
        Money *limit;
        const char *field;
    } limits[] = {{m_perTransaction, &account.perTransactionLimit, "per_transaction_limit"},
                  {m_daily, &account.dailyLimit, "daily_limit"}};
    // Limits are typed in the account's currency; the combo offers only known ones.
    if (!account.currency.isValid()) {
        *field = QStringLiteral("currency");
        *problem = Error(ErrorCode::CurrencyUnknown, m_currency->currentText()).message();
        return false;
    }
    for (const auto &limit : limits) {
        if (limit.edit->text().trimmed().isEmpty()) {
            *limit.limit = Money::zero(account.currency);
            continue;
        }
        auto amount = MoneyInput::parse(limit.edit->text(), account.currency);
        if (!amount) {
            *field = QString::fromLatin1(limit.field);
            *problem = amount.error().message();
            return false;
        }
        *limit.limit = *amount;
    }
    *out = account;
    return true;
}

void ChannelAccountDialog::markField(const QString &field)
{
    for (auto it = m_fields.cbegin(); it != m_fields.cend(); ++it) {
        const bool atFault = it.key() == field;
        if (it.value()->property(kFieldAtFault).toBool() == atFault)
            continue;
        it.value()->setProperty(kFieldAtFault, atFault);
        it.value()->setStyleSheet(atFault ? QStringLiteral("border: 1px solid #b00020;") : QString());
    }
}

void ChannelAccountDialog::validate()
{
    ChannelAccount account;
    QString field;
    QString problem;
    bool ok = typed(&account, &field, &problem);
    if (ok) {
        const Status valid = ChannelAccountValidator::validate(account, m_session.core().clock().nowUtc());
        if (!valid) {
            ok = false;
            problem = valid.error().message();
            // The validator names the field first: "base_url: an https address is required".
            field = valid.error().detail().section(QLatin1Char(':'), 0, 0);
        }
    }
    markField(ok ? QString() : field);
    m_message->setText(ok ? QString() : problem);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(ok);
}

void ChannelAccountDialog::accept()
{
    ChannelAccount account;
    QString field;
    QString problem;
    if (!typed(&account, &field, &problem)) {
        m_message->setText(problem);
        return;
    }
    ChannelAccountService &service = m_session.core().channelAccounts();
    auto saved =
        account.id > 0 ? service.update(m_session.actor(), account) : service.create(m_session.actor(), account);
    if (!saved) {
        m_message->setText(saved.error().message());
        return;
    }
    m_account = *saved;
    QDialog::accept();
}

} // namespace paydesk
