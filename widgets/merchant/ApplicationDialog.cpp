#include "widgets/merchant/ApplicationDialog.h"

#include "core/PaydeskCore.h"
#include "core/channel/ChannelNames.h"
#include "core/merchant/ApplicationValidator.h"
#include "widgets/common/Session.h"
#include "widgets/merchant/MerchantText.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QVBoxLayout>

namespace paydesk {

namespace {
// "field: reason" from ApplicationFieldInvalid, as the person reads it.
QString reasonOf(const Error &error)
{
    const QString detail = error.detail();
    const qsizetype colon = detail.indexOf(QStringLiteral(": "));
    return MerchantText::reason(colon < 0 ? detail : detail.mid(colon + 2));
}
} // namespace

ApplicationDialog::ApplicationDialog(Session &session, qint64 merchantId, const QString &merchantNo, QWidget *parent)
    : QDialog(parent), m_session(session), m_fixedMerchantId(merchantId), m_merchantFixed(merchantId != 0)
{
    build();
    setWindowTitle(tr("New application"));
    m_appId->setText(tr("Assigned when the application is created"));
    m_merchant->setText(merchantNo);
    m_merchant->setReadOnly(m_merchantFixed);
    validate();
}

ApplicationDialog::ApplicationDialog(Session &session, const Application &application, QWidget *parent)
    : QDialog(parent), m_session(session), m_application(application), m_editing(true)
{
    build();
    setWindowTitle(tr("Application %1").arg(application.appId));
    m_appId->setText(application.appId);
    m_name->setText(application.name);
    m_merchant->setText(application.isPlatform() ? QString() : application.merchantNo);
    m_merchant->setReadOnly(true);
    for (const QString &method : application.methods) {
        if (QCheckBox *box = m_methods.value(method))
            box->setChecked(true);
    }
    m_notifyUrl->setText(application.notifyUrl);
    m_allowlist->setPlainText(application.ipAllowlist.entries().join(QLatin1Char('\n')));
    validate();
}

void ApplicationDialog::build()
{
    // The core checks again on save; the dialog only needs the platform's switch for its hints.
    m_developmentEndpoints = m_session.core().settings().developmentEndpoints().value_or(false);
    setObjectName(QStringLiteral("applicationDialog"));
    m_appId = new QLabel(this);
    m_appId->setObjectName(QStringLiteral("appIdLabel"));
    m_appId->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_appId->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_name = new QLineEdit(this);
    m_name->setObjectName(QStringLiteral("appNameEdit"));
    m_merchant = new QLineEdit(this);
    m_merchant->setObjectName(QStringLiteral("appMerchantEdit"));
    m_merchant->setPlaceholderText(tr("Merchant no. such as M1001; empty for a platform application"));
    auto *methods = new QWidget(this);
    auto *methodGrid = new QGridLayout(methods);
    methodGrid->setContentsMargins(0, 0, 0, 0);
    int index = 0;
    for (PayMethod method : ChannelNames::allMethods()) {
        const QString name = ChannelNames::method(method);
        auto *box = new QCheckBox(MerchantText::method(method), methods);
        box->setObjectName(QStringLiteral("method_") + name);
        box->setToolTip(name);
        methodGrid->addWidget(box, index / 2, index % 2);
        m_methods.insert(name, box);
        connect(box, &QCheckBox::toggled, this, &ApplicationDialog::validate);
        ++index;
    }
    m_notifyUrl = new QLineEdit(this);
    m_notifyUrl->setObjectName(QStringLiteral("notifyUrlEdit"));
    m_notifyUrl->setPlaceholderText(tr("https://shop.example.com/pay/notify (empty: no notifications)"));
    m_allowlist = new QPlainTextEdit(this);
    m_allowlist->setObjectName(QStringLiteral("ipAllowlistEdit"));
    m_allowlist->setPlaceholderText(
        tr("One address or CIDR range per line, e.g. 203.0.113.7 or 10.8.0.0/16. Empty: any address."));
    m_allowlist->setTabChangesFocus(true);
    m_allowlist->setFixedHeight(m_allowlist->fontMetrics().lineSpacing() * 5);

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    auto cell = [this](QWidget *editor, const QString &field) {
        auto *message = new QLabel(this);
        message->setObjectName(QStringLiteral("appMessage_") + field);
        message->setStyleSheet(QStringLiteral("color: #b00020"));
        message->setWordWrap(true);
        message->hide();
        m_messages.insert(field, message);
        auto *box = new QWidget(this);
        auto *stack = new QVBoxLayout(box);
        stack->setContentsMargins(0, 0, 0, 0);
        stack->setSpacing(1);
        stack->addWidget(editor);
        stack->addWidget(message);
        return box;
    };
    form->addRow(tr("App ID:"), m_appId);
    form->addRow(tr("Name:"), cell(m_name, QStringLiteral("name")));
    form->addRow(tr("Merchant:"), cell(m_merchant, QStringLiteral("merchant")));
    form->addRow(tr("Payment methods:"), cell(methods, QStringLiteral("methods")));
    form->addRow(tr("Notify URL:"), cell(m_notifyUrl, QStringLiteral("notify_url")));
    form->addRow(tr("IP allowlist:"), cell(m_allowlist, QStringLiteral("ip_allowlist")));
    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("applicationError"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #b00020"));
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(m_buttons);
    connect(m_name, &QLineEdit::textChanged, this, &ApplicationDialog::validate);
    connect(m_merchant, &QLineEdit::textChanged, this, &ApplicationDialog::validate);
    connect(m_notifyUrl, &QLineEdit::textChanged, this, &ApplicationDialog::validate);
    connect(m_allowlist, &QPlainTextEdit::textChanged, this, &ApplicationDialog::validate);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &ApplicationDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    setMinimumWidth(620);
}

QStringList ApplicationDialog::chosenMethods() const
{
    QStringList chosen;
    for (auto it = m_methods.cbegin(); it != m_methods.cend(); ++it) {
        if (it.value()->isChecked())
            chosen << it.key();
    }
    return chosen;
}

ApplicationDraft ApplicationDialog::draft() const
{
    ApplicationDraft draft;
    draft.name = m_name->text();
    draft.methods = chosenMethods();
    draft.notifyUrl = m_notifyUrl->text();
    auto allowlist = IpAllowlist::parse(m_allowlist->toPlainText());
    draft.ipAllowlist =
        allowlist ? allowlist->entries() : m_allowlist->toPlainText().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    return draft;
}

void ApplicationDialog::setMessage(const QString &field, const QString &text)
{
    QLabel *label = m_messages.value(field);
    label->setText(text);
    label->setVisible(!text.isEmpty());
}

void ApplicationDialog::validate()
{
    bool valid = true;
    // An empty name only counts as a mistake once something was typed and removed.
    const Status name = ApplicationValidator::name(m_name->text());
    setMessage(QStringLiteral("name"), name || !m_name->isModified() ? QString() : reasonOf(name.error()));
    valid = valid && name.ok();
    auto methods = ApplicationValidator::methods(chosenMethods());
    setMessage(QStringLiteral("methods"), methods ? QString() : reasonOf(methods.error()));
    valid = valid && methods.ok();
    const Status url = ApplicationValidator::notifyUrl(m_notifyUrl->text(), m_developmentEndpoints);
    setMessage(QStringLiteral("notify_url"), url ? QString() : reasonOf(url.error()));
    valid = valid && url.ok();
    auto allowlist = IpAllowlist::parse(m_allowlist->toPlainText());
    setMessage(QStringLiteral("ip_allowlist"), allowlist ? QString() : reasonOf(allowlist.error()));
    valid = valid && allowlist.ok();
    const QString merchant = m_merchant->text().trimmed();
    static const QRegularExpression merchantNo(QStringLiteral("^[Mm]?[0-9]{4,}$"));
    const bool merchantOk = m_merchantFixed || m_editing || merchant.isEmpty() || merchantNo.match(merchant).hasMatch();
    setMessage(QStringLiteral("merchant"), merchantOk ? QString() : tr("not a merchant number (M1001)"));
    valid = valid && merchantOk;
    m_valid = valid;
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(valid);
}

void ApplicationDialog::accept()
{
    if (!m_valid)
        return;
    ApplicationService &applications = m_session.core().applications();
    const Actor &actor = m_session.actor();
    Result<Application> saved = Error(ErrorCode::InvalidArgument);
    if (m_editing) {
        saved = applications.update(actor, m_application.id, m_application.version, draft());
    } else {
        qint64 merchantId = m_fixedMerchantId;
        const QString merchantNo = m_merchant->text().trimmed();
        if (!m_merchantFixed && !merchantNo.isEmpty()) {
            auto merchant = m_session.core().merchants().findByNo(actor, merchantNo);
            if (!merchant) {
                m_error->setText(merchant.error().message());
                return;
            }
            merchantId = merchant->id;
        }
        saved = applications.create(actor, merchantId, draft());
    }
    if (!saved) {
        m_error->setText(saved.error().message());
        return;
    }
    m_application = *saved;
    emit m_session.dataChanged();
    QDialog::accept();
}

} // namespace paydesk
