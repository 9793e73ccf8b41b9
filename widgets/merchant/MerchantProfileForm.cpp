#include "widgets/merchant/MerchantProfileForm.h"

#include "core/money/Rate.h"
#include "widgets/format/MoneyInput.h"
#include "widgets/merchant/MerchantText.h"

#include <QComboBox>
#include <QEvent>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPalette>
#include <QSpinBox>
#include <QVBoxLayout>

namespace paydesk {

namespace {
const QString kMinimumPayout = QStringLiteral("minimum_payout");
const QString kReserve = QStringLiteral("reserve_ppm");
const QString kRegistration = QStringLiteral("registration_no");
// Not reasons of the core: the form's own parse errors, translated where shown.
const char *const kNotAnAmount =
    QT_TRANSLATE_NOOP("paydesk::MerchantProfileForm", "not an amount with at most two decimals");
const char *const kNotAPercentage =
    QT_TRANSLATE_NOOP("paydesk::MerchantProfileForm", "not a percentage between 0% and 100%");
} // namespace

MerchantProfileForm::MerchantProfileForm(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("merchantProfileForm"));
    m_merchantGroup = new QGroupBox(this);
    m_contactGroup = new QGroupBox(this);
    m_bankGroup = new QGroupBox(this);
    m_settlementGroup = new QGroupBox(this);
    for (QGroupBox *group : {m_merchantGroup, m_contactGroup, m_bankGroup, m_settlementGroup}) {
        auto *form = new QFormLayout(group);
        form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
        form->setRowWrapPolicy(QFormLayout::DontWrapRows);
        form->setLabelAlignment(Qt::AlignRight | Qt::AlignTop);
    }

    m_legalName = addLine(m_merchantGroup, QStringLiteral("legal_name"), QStringLiteral("legalNameEdit"), false);
    m_shortName = addLine(m_merchantGroup, QStringLiteral("short_name"), QStringLiteral("shortNameEdit"), false);
    m_type = new QComboBox(this);
    m_type->setObjectName(QStringLiteral("merchantTypeCombo"));
    m_type->addItem(QString(), int(MerchantType::Enterprise));
    m_type->addItem(QString(), int(MerchantType::Individual));
    addRow(m_merchantGroup, QStringLiteral("type"), m_type, false);
    m_registrationNo = addLine(m_merchantGroup, kRegistration, QStringLiteral("registrationNoEdit"), false);
    m_industry = addLine(m_merchantGroup, QStringLiteral("industry"), QStringLiteral("industryEdit"), false);

    m_contactName = addLine(m_contactGroup, QStringLiteral("contact_name"), QStringLiteral("contactNameEdit"), true);
    m_contactPhone = addLine(m_contactGroup, QStringLiteral("contact_phone"), QStringLiteral("contactPhoneEdit"), true);
    m_contactEmail = addLine(m_contactGroup, QStringLiteral("contact_email"), QStringLiteral("contactEmailEdit"), true);

    m_bankAccountName =
        addLine(m_bankGroup, QStringLiteral("bank_account_name"), QStringLiteral("bankAccountNameEdit"), false);
    m_bankName = addLine(m_bankGroup, QStringLiteral("bank_name"), QStringLiteral("bankNameEdit"), false);
    m_bankBranch = addLine(m_bankGroup, QStringLiteral("bank_branch"), QStringLiteral("bankBranchEdit"), false);
    m_bankAccountNo =
        addLine(m_bankGroup, QStringLiteral("bank_account_no"), QStringLiteral("bankAccountNoEdit"), false);

    m_currency = new QLabel(this);
    m_currency->setObjectName(QStringLiteral("currencyLabel"));
    addRow(m_settlementGroup, QStringLiteral("currency"), m_currency, false);
    m_cycle = new QComboBox(this);
    m_cycle->setObjectName(QStringLiteral("settlementCycleCombo"));
    for (SettlementCycle cycle : {SettlementCycle::T1, SettlementCycle::TN, SettlementCycle::Manual})
        m_cycle->addItem(QString(), int(cycle));
    addRow(m_settlementGroup, QStringLiteral("settlement_cycle"), m_cycle, true);
    m_days = new QSpinBox(this);
    m_days->setObjectName(QStringLiteral("settlementDaysSpin"));
    m_days->setRange(1, 30);
    addRow(m_settlementGroup, QStringLiteral("settlement_days"), m_days, true);
    m_minimumPayout = addLine(m_settlementGroup, kMinimumPayout, QStringLiteral("minimumPayoutEdit"), true);
    m_reserve = addLine(m_settlementGroup, kReserve, QStringLiteral("reserveEdit"), true);
    m_reserve->setPlaceholderText(QStringLiteral("0%"));

    m_registrationNo->setMaxLength(18);
    m_contactPhone->setMaxLength(20);
    m_bankAccountNo->setMaxLength(40);

    connect(m_type, &QComboBox::activated, this, [this]() { userEdited(QStringLiteral("type")); });
    connect(m_type, &QComboBox::currentIndexChanged, this, [this]() {
        retranslate(); // the registration number's label follows the type
        validate();
    });
    connect(m_cycle, &QComboBox::activated, this, [this]() { userEdited(QStringLiteral("settlement_cycle")); });
    connect(m_cycle, &QComboBox::currentIndexChanged, this, [this]() {
        const bool days = SettlementCycle(m_cycle->currentData().toInt()) == SettlementCycle::TN;
        const bool filling = m_filling;
        m_filling = true;
        m_days->setMinimum(days ? 2 : 1);
        m_days->setValue(days ? qMax(2, m_days->value()) : 1);
        m_filling = filling;
        if (!filling) {
            applyScope();
            validate();
        }
    });
    connect(m_days, &QSpinBox::valueChanged, this, [this]() {
        if (!m_filling)
            userEdited(QStringLiteral("settlement_days"));
    });

    auto *grid = new QGridLayout(this);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->addWidget(m_merchantGroup, 0, 0);
    grid->addWidget(m_contactGroup, 1, 0);
    grid->addWidget(m_bankGroup, 0, 1);
    grid->addWidget(m_settlementGroup, 1, 1);
    grid->setColumnStretch(0, 1);
    grid->setColumnStretch(1, 1);
    grid->setRowStretch(2, 1);
    retranslate();
    clear();
}

QLineEdit *MerchantProfileForm::addLine(QGroupBox *group, const QString &name, const QString &objectName,
                                        bool contactOrSettlement)
{
    auto *edit = new QLineEdit(this);
    edit->setObjectName(objectName);
    edit->setClearButtonEnabled(false);
    addRow(group, name, edit, contactOrSettlement);
    connect(edit, &QLineEdit::textEdited, this, [this, name]() { userEdited(name); });
    connect(edit, &QLineEdit::textChanged, this, [this]() {
        if (!m_filling)
            validate();
    });
    return edit;
}

void MerchantProfileForm::addRow(QGroupBox *group, const QString &name, QWidget *editor, bool contactOrSettlement)
{
    Field field;
    field.name = name;
    field.editor = editor;
    field.contactOrSettlement = contactOrSettlement;
    field.label = new QLabel(this);
    field.label->setBuddy(editor);
    field.message = new QLabel(this);
    field.message->setObjectName(QStringLiteral("message_") + name);
    field.message->setWordWrap(true);
    field.message->setStyleSheet(QStringLiteral("color: #b00020"));
    field.message->hide();
    auto *cell = new QWidget(this);
    auto *stack = new QVBoxLayout(cell);
    stack->setContentsMargins(0, 0, 0, 0);
    stack->setSpacing(1);
    stack->addWidget(editor);
    stack->addWidget(field.message);
    static_cast<QFormLayout *>(group->layout())->addRow(field.label, cell);
    m_fields.append(field);
}

void MerchantProfileForm::clear()
{
    MerchantProfile empty;
    empty.settlementDays = 1;
    setProfile(empty, false);
}

void MerchantProfileForm::setToday(const QDate &today)
{
    m_today = today;
    validate();
}

void MerchantProfileForm::setProfile(const MerchantProfile &p, bool masked)
{
    m_filling = true;
    m_legalName->setText(p.legalName);
    m_shortName->setText(p.shortName);
    m_type->setCurrentIndex(m_type->findData(int(p.type)));
    m_registrationNo->setText(p.registrationNo);
    m_industry->setText(p.industry);
    m_contactName->setText(p.contactName);
    m_contactPhone->setText(p.contactPhone);
    m_contactEmail->setText(p.contactEmail);
    m_bankAccountName->setText(p.bankAccountName);
    m_bankName->setText(p.bankName);
    m_bankBranch->setText(p.bankBranch);
    m_bankAccountNo->setText(p.bankAccountNo);
    m_profileCurrency = p.currency;
    showCurrency();
    m_cycle->setCurrentIndex(m_cycle->findData(int(p.settlementCycle)));
    m_days->setMinimum(p.settlementCycle == SettlementCycle::TN ? 2 : 1);
    m_days->setValue(p.settlementDays);
    m_minimumPayout->setText(p.minimumPayout.isValid() && !p.minimumPayout.isZero() ? MoneyInput::text(p.minimumPayout)
                                                                                    : QString());
    auto reserve = Rate::fromPpm(p.reservePpm);
    m_reserve->setText(reserve && p.reservePpm != 0 ? reserve->toPercentString() : QString());
    m_maskedValues.clear();
    if (masked) {
        m_maskedValues.insert(kRegistration, p.registrationNo);
        m_maskedValues.insert(QStringLiteral("bank_account_no"), p.bankAccountNo);
        m_maskedValues.insert(QStringLiteral("contact_phone"), p.contactPhone);
    }
    m_touched.clear();
    m_reported.clear();
    m_modified = false;
    m_filling = false;
    applyScope();
    validate();
}

MerchantProfile MerchantProfileForm::typed(QMap<QString, QString> *parseProblems) const
{
    MerchantProfile p;
    p.legalName = m_legalName->text();
    p.shortName = m_shortName->text();
    p.type = MerchantType(m_type->currentData().toInt());
    p.registrationNo = m_registrationNo->text();
    p.industry = m_industry->text();
    p.contactName = m_contactName->text();
    p.contactPhone = m_contactPhone->text();
    p.contactEmail = m_contactEmail->text();
    p.bankAccountName = m_bankAccountName->text();
    p.bankName = m_bankName->text();
    p.bankBranch = m_bankBranch->text();
    p.bankAccountNo = m_bankAccountNo->text();
    p.currency = m_profileCurrency;
    p.settlementCycle = SettlementCycle(m_cycle->currentData().toInt());
    p.settlementDays = p.settlementCycle == SettlementCycle::TN ? m_days->value() : 1;
    const QString payout = m_minimumPayout->text().trimmed();
    p.minimumPayout = Money::zero(p.currency);
    if (!payout.isEmpty()) {
        auto amount = MoneyInput::parse(payout, p.currency);
        if (amount)
            p.minimumPayout = *amount;
        else if (parseProblems)
            parseProblems->insert(kMinimumPayout, QString::fromLatin1(kNotAnAmount));
    }
    const QString reserve = m_reserve->text().trimmed();
    if (!reserve.isEmpty()) {
        auto rate = Rate::parsePercent(reserve);
        if (rate)
            p.reservePpm = rate->ppm();
        else if (parseProblems)
            parseProblems->insert(kReserve, QString::fromLatin1(kNotAPercentage));
    }
    return p;
}

Result<MerchantProfile> MerchantProfileForm::profile() const
{
    QMap<QString, QString> parseProblems;
    const MerchantProfile p = typed(&parseProblems);
    if (!parseProblems.isEmpty()) {
        QList<FieldProblem> problems;
        for (auto it = parseProblems.cbegin(); it != parseProblems.cend(); ++it)
            problems.append({it.key(), it.value()});
        return MerchantValidator::fieldError(problems);
    }
    return MerchantValidator::normalized(p);
}

QString MerchantProfileForm::editorText(const QString &name) const
{
    for (const Field &field : m_fields) {
        if (field.name == name) {
            if (auto *edit = qobject_cast<QLineEdit *>(field.editor))
                return edit->text();
        }
    }
    return {};
}

void MerchantProfileForm::userEdited(const QString &name)
{
    if (m_filling)
        return;
    m_touched.insert(name);
    m_reported.remove(name);
    if (name == QLatin1String("type"))
        m_reported.remove(kRegistration);
    m_modified = true;
    validate();
    emit edited();
}

void MerchantProfileForm::validate()
{
    if (m_filling)
        return;
    QMap<QString, QString> problems;
    const MerchantProfile p = MerchantValidator::normalized(typed(&problems));
    for (const FieldProblem &problem : MerchantValidator::problems(p, false, m_today)) {
        // Masked text the core sent is not a number to check: it goes back unchanged.
        if (m_maskedValues.contains(problem.field) && m_maskedValues.value(problem.field) == editorText(problem.field))
            continue;
        if (!problems.contains(problem.field))
            problems.insert(problem.field, problem.reason);
    }
    m_problems = problems;
    showMessages();
    const bool valid = m_problems.isEmpty();
    if (valid != m_valid) {
        m_valid = valid;
        emit validityChanged(valid);
    }
}

void MerchantProfileForm::showMessages()
{
    for (const Field &field : m_fields) {
        const QString text = messageFor(field.name);
        field.message->setText(text);
        field.message->setVisible(!text.isEmpty());
    }
}

QString MerchantProfileForm::messageFor(const QString &name) const
{
    if (m_problems.contains(name)) {
        // An empty field that was never edited is not yet a mistake; the summary still names it.
        const bool typedSomething = !editorText(name).trimmed().isEmpty();
        if (typedSomething || m_touched.contains(name) || m_reported.contains(name)) {
            const QString reason = m_problems.value(name);
            if (reason == QLatin1String(kNotAnAmount) || reason == QLatin1String(kNotAPercentage))
                return tr(reason.toLatin1().constData());
            return MerchantText::reason(reason);
        }
    }
    if (m_reported.contains(name))
        return MerchantText::reason(m_reported.value(name));
    return {};
}

QStringList MerchantProfileForm::problemSummary() const
{
    QStringList lines;
    for (const Field &field : m_fields) {
        if (!m_problems.contains(field.name))
            continue;
        const QString reason = m_problems.value(field.name);
        const QString text = reason == QLatin1String(kNotAnAmount) || reason == QLatin1String(kNotAPercentage)
                                 ? tr(reason.toLatin1().constData())
                                 : MerchantText::reason(reason);
        lines << tr("%1: %2").arg(title(field.name), text);
    }
    return lines;
}

void MerchantProfileForm::showProblems(const QList<FieldProblem> &problems)
{
    m_reported.clear();
    for (const FieldProblem &problem : problems) {
        if (!problem.field.isEmpty())
            m_reported.insert(problem.field, problem.reason);
    }
    showMessages();
}

void MerchantProfileForm::setEditScope(MerchantEditScope scope)
{
    m_scope = scope;
    applyScope();
}

void MerchantProfileForm::applyScope()
{
    for (const Field &field : m_fields) {
        const bool editable = m_scope == MerchantEditScope::Full ||
                              (m_scope == MerchantEditScope::ContactAndSettlement && field.contactOrSettlement);
        if (auto *edit = qobject_cast<QLineEdit *>(field.editor)) {
            edit->setReadOnly(!editable);
            // Read-only text sits on the window's colour, so what can be typed into stands out.
            QPalette look = palette();
            if (!editable)
                look.setColor(QPalette::Base, look.color(QPalette::Window));
            edit->setPalette(look);
        } else if (field.editor != m_currency)
            field.editor->setEnabled(editable);
    }
    const bool tn = SettlementCycle(m_cycle->currentData().toInt()) == SettlementCycle::TN;
    m_days->setEnabled(m_days->isEnabled() && tn);
}

QString MerchantProfileForm::title(const QString &name) const
{
    const bool enterprise = MerchantType(m_type->currentData().toInt()) == MerchantType::Enterprise;
    if (name == kRegistration)
        return enterprise ? tr("Unified social credit code") : tr("Resident ID number");
    if (name == QLatin1String("legal_name"))
        return enterprise ? tr("Legal name") : tr("Name");
    if (name == kReserve)
        return tr("Reserve held back");
    if (name == QLatin1String("contact_name"))
        return tr("Contact person");
    return MerchantText::field(name);
}

void MerchantProfileForm::retranslate()
{
    m_merchantGroup->setTitle(tr("Merchant"));
    m_contactGroup->setTitle(tr("Contact"));
    m_bankGroup->setTitle(tr("Settlement bank account"));
    m_settlementGroup->setTitle(tr("Settlement"));
    m_type->setItemText(m_type->findData(int(MerchantType::Enterprise)), MerchantText::type(MerchantType::Enterprise));
    m_type->setItemText(m_type->findData(int(MerchantType::Individual)), MerchantText::type(MerchantType::Individual));
    m_cycle->setItemText(0, tr("T+1 (next business day)"));
    m_cycle->setItemText(1, tr("T+N (after N days)"));
    m_cycle->setItemText(2, tr("Manual (on request only)"));
    const bool enterprise = MerchantType(m_type->currentData().toInt()) == MerchantType::Enterprise;
    for (const Field &field : m_fields)
        field.label->setText(tr("%1:").arg(title(field.name)));
    m_registrationNo->setPlaceholderText(enterprise ? tr("18 characters, e.g. 91440300708461136T")
                                                    : tr("18 characters, e.g. 11010519491231002X"));
    m_contactPhone->setPlaceholderText(tr("Mobile 13812345678 or landline 010-12345678"));
    m_bankAccountNo->setPlaceholderText(tr("8 to 30 digits"));
    m_reserve->setToolTip(tr("Share of each payout held back in the frozen account, as a percentage (e.g. 5%)."));
    showCurrency();
    showMessages();
}

void MerchantProfileForm::showCurrency()
{
    m_currency->setText(m_profileCurrency.code());
    m_minimumPayout->setPlaceholderText(MoneyInput::text(Money::zero(m_profileCurrency)));
    m_minimumPayout->setToolTip(
        tr("Payouts smaller than this wait for the next settlement (%1).").arg(m_profileCurrency.code()));
}

void MerchantProfileForm::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

} // namespace paydesk
