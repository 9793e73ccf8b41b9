#include "widgets/routing/RoutingRuleDialog.h"

#include "core/PaydeskCore.h"
#include "core/channel/ChannelNames.h"
#include "widgets/channel/ChoiceCombos.h"
#include "widgets/common/Session.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace paydesk {

RoutingRuleDialog::RoutingRuleDialog(Session &session, const ChannelDirectory &directory, QWidget *parent)
    : QDialog(parent), m_session(session), m_directory(directory)
{
    build(true);
    setWindowTitle(tr("New routing rule"));
    fillAccounts();
}

RoutingRuleDialog::RoutingRuleDialog(Session &session, const ChannelDirectory &directory, const RoutingRule &rule,
                                     QWidget *parent)
    : QDialog(parent), m_session(session), m_directory(directory), m_rule(rule)
{
    build(false);
    setWindowTitle(tr("Routing rule %1").arg(rule.id));
    if (!ChoiceCombos::selectId(m_merchant, rule.merchantId))
        m_merchant->addItem(directory.merchantLabel(rule.merchantId), rule.merchantId);
    ChoiceCombos::selectMethod(m_method, rule.method);
    fillAccounts();
    ChoiceCombos::selectId(m_account, rule.channelAccountId);
    m_priority->setValue(rule.priority);
    m_weight->setValue(rule.weight);
    m_enabled->setChecked(rule.enabled);
    validate();
}

void RoutingRuleDialog::build(bool create)
{
    setObjectName(QStringLiteral("routingRuleDialog"));
    m_merchant = new QComboBox(this);
    m_method = new QComboBox(this);
    m_account = new QComboBox(this);
    m_priority = new QSpinBox(this);
    m_weight = new QSpinBox(this);
    m_enabled = new QCheckBox(tr("Enabled"), this);
    m_message = new QLabel(this);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_merchant->setObjectName(QStringLiteral("ruleMerchantCombo"));
    m_method->setObjectName(QStringLiteral("ruleMethodCombo"));
    m_account->setObjectName(QStringLiteral("ruleAccountCombo"));
    m_priority->setObjectName(QStringLiteral("rulePrioritySpin"));
    m_weight->setObjectName(QStringLiteral("ruleWeightSpin"));
    m_enabled->setObjectName(QStringLiteral("ruleEnabledCheck"));
    m_message->setObjectName(QStringLiteral("ruleMessage"));

    ChoiceCombos::fillMerchants(m_merchant, m_directory.merchants);
    ChoiceCombos::fillMethods(m_method, ChannelNames::allMethods());
    m_merchant->setEnabled(create);
    m_merchant->setMinimumContentsLength(28);
    m_priority->setRange(1, RoutingRule::kMaxPriority);
    m_priority->setValue(1);
    m_weight->setRange(1, RoutingRule::kMaxWeight);
    m_weight->setValue(100);
    m_enabled->setChecked(true);
    m_message->setWordWrap(true);
    m_message->setStyleSheet(QStringLiteral("color: #b00020"));

    auto *form = new QFormLayout;
    form->addRow(tr("Merchant:"), m_merchant);
    form->addRow(tr("Payment method:"), m_method);
    form->addRow(tr("Channel account:"), m_account);
    form->addRow(tr("Priority:"), m_priority);
    form->addRow(tr("Weight:"), m_weight);
    form->addRow(QString(), m_enabled);
    auto *note = new QLabel(tr("Priority 1 is tried first; a later priority only when no account of an earlier one "
                               "can take the payment (disabled, over a limit). Among rules of the same priority "
                               "the account is drawn in proportion to the weights."),
                            this);
    note->setWordWrap(true);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(note);
    layout->addWidget(m_message);
    layout->addWidget(m_buttons);
    setMinimumWidth(520);

    connect(m_merchant, &QComboBox::currentIndexChanged, this, &RoutingRuleDialog::fillAccounts);
    connect(m_method, &QComboBox::currentIndexChanged, this, &RoutingRuleDialog::fillAccounts);
    connect(m_account, &QComboBox::currentIndexChanged, this, &RoutingRuleDialog::validate);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &RoutingRuleDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

void RoutingRuleDialog::preset(qint64 merchantId, std::optional<PayMethod> method)
{
    if (merchantId > 0)
        ChoiceCombos::selectId(m_merchant, merchantId);
    if (method)
        ChoiceCombos::selectMethod(m_method, *method);
    fillAccounts();
}

void RoutingRuleDialog::fillAccounts()
{
    const qint64 merchantId = ChoiceCombos::currentId(m_merchant);
    const std::optional<PayMethod> method = ChoiceCombos::currentMethod(m_method);
    const MerchantChoice *merchant = m_directory.merchant(merchantId);
    ChoiceCombos::fillAccounts(m_account, m_directory.accounts, [&](const ChannelAccount &account) {
        return method && account.channel == ChannelNames::channelOf(*method) &&
               (account.mode == ChannelAccountMode::Shared || account.ownerMerchantId == merchantId) &&
               (!merchant || account.currency == merchant->currency);
    });
    validate();
}

void RoutingRuleDialog::validate()
{
    QString problem;
    if (ChoiceCombos::currentId(m_merchant) <= 0)
        problem = tr("Choose the merchant.");
    else if (m_account->count() == 0)
        problem = tr("No channel account serves this payment method for this merchant: create one first.");
    m_message->setText(problem);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(problem.isEmpty() && ChoiceCombos::currentId(m_account) > 0);
}

void RoutingRuleDialog::accept()
{
    const std::optional<PayMethod> method = ChoiceCombos::currentMethod(m_method);
    if (!method)
        return;
    RoutingRule rule = m_rule;
    rule.merchantId = ChoiceCombos::currentId(m_merchant);
    rule.method = *method;
    rule.channelAccountId = ChoiceCombos::currentId(m_account);
    rule.priority = m_priority->value();
    rule.weight = m_weight->value();
    rule.enabled = m_enabled->isChecked();
    RoutingService &routing = m_session.core().routing();
    auto saved =
        rule.id > 0 ? routing.updateRule(m_session.actor(), rule) : routing.createRule(m_session.actor(), rule);
    if (!saved) {
        m_message->setText(saved.error().message());
        return;
    }
    m_rule = *saved;
    QDialog::accept();
}

} // namespace paydesk
