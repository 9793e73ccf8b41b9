#include "widgets/routing/RoutingPanel.h"

#include "core/PaydeskCore.h"
#include "core/channel/ChannelNames.h"
#include "widgets/channel/ChannelText.h"
#include "widgets/channel/ChoiceCombos.h"
#include "widgets/common/RecordTable.h"
#include "widgets/common/Session.h"
#include "widgets/routing/RouteExplainView.h"
#include "widgets/routing/RoutingRuleDialog.h"
#include "widgets/routing/RoutingRuleModel.h"

#include <QComboBox>
#include <QEvent>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace paydesk {

RoutingPanel::RoutingPanel(Session &session, QWidget *parent)
    : QWidget(parent), m_session(session), m_model(new RoutingRuleModel(this)), m_merchant(new QComboBox(this)),
      m_method(new QComboBox(this)), m_merchantLabel(new QLabel(this)), m_methodLabel(new QLabel(this)),
      m_table(new QTableView(this)), m_create(new QPushButton(this)), m_edit(new QPushButton(this)),
      m_toggle(new QPushButton(this)), m_delete(new QPushButton(this)), m_explainBox(new QGroupBox(this)),
      m_explain(new RouteExplainView(session, m_explainBox)), m_message(new QLabel(this)),
      m_loader(this, [this](Result<Snapshot> snapshot) { showSnapshot(std::move(snapshot)); })
{
    setObjectName(QStringLiteral("routingPanel"));
    m_merchant->setObjectName(QStringLiteral("routingMerchantFilter"));
    m_method->setObjectName(QStringLiteral("routingMethodFilter"));
    m_table->setObjectName(QStringLiteral("ruleTable"));
    m_create->setObjectName(QStringLiteral("newRuleButton"));
    m_edit->setObjectName(QStringLiteral("editRuleButton"));
    m_toggle->setObjectName(QStringLiteral("toggleRuleButton"));
    m_delete->setObjectName(QStringLiteral("deleteRuleButton"));
    m_message->setObjectName(QStringLiteral("routingMessage"));
    m_explainBox->setObjectName(QStringLiteral("explainBox"));
    m_table->setModel(m_model);
    setUpRecordTable(m_table);
    m_merchant->setMinimumContentsLength(24);
    m_message->setWordWrap(true);
    const bool manage = session.can(Permission::RoutingManage);
    for (QPushButton *button : {m_create, m_edit, m_toggle, m_delete})
        button->setVisible(manage);

    auto *filters = new QHBoxLayout;
    filters->addWidget(m_merchantLabel);
    filters->addWidget(m_merchant);
    filters->addWidget(m_methodLabel);
    filters->addWidget(m_method);
    filters->addSpacing(16);
    for (QPushButton *button : {m_create, m_edit, m_toggle, m_delete})
        filters->addWidget(button);
    filters->addStretch();
    auto *explainLayout = new QVBoxLayout(m_explainBox);
    explainLayout->addWidget(m_explain);
    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_table);
    split->addWidget(m_explainBox);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(filters);
    layout->addWidget(split, 1);
    layout->addWidget(m_message);

    connect(m_merchant, &QComboBox::currentIndexChanged, this, &RoutingPanel::reload);
    connect(m_method, &QComboBox::currentIndexChanged, this, [this]() {
        showSnapshot(Snapshot{m_rules, m_directory});
        m_explain->setQuestion(0, ChoiceCombos::currentMethod(m_method));
    });
    connect(m_merchant, &QComboBox::currentIndexChanged, this,
            [this]() { m_explain->setQuestion(ChoiceCombos::currentId(m_merchant), std::nullopt); });
    connect(m_create, &QPushButton::clicked, this, &RoutingPanel::createRule);
    connect(m_edit, &QPushButton::clicked, this, &RoutingPanel::editRule);
    connect(m_table, &QTableView::doubleClicked, this, &RoutingPanel::editRule);
    connect(m_toggle, &QPushButton::clicked, this, &RoutingPanel::toggleRule);
    connect(m_delete, &QPushButton::clicked, this, &RoutingPanel::deleteRule);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &RoutingPanel::updateButtons);
    connect(&session, &Session::dataChanged, this, &RoutingPanel::reload);
    retranslate();
    reload();
}

void RoutingPanel::reload()
{
    if (const RoutingRule *rule = selected(); rule && m_selectId == 0)
        m_selectId = rule->id;
    PaydeskCore *core = &m_session.core();
    const Actor actor = m_session.actor();
    const qint64 merchantId = ChoiceCombos::currentId(m_merchant);
    m_loader.start([core, actor, merchantId]() -> Result<Snapshot> {
        auto rules = core->routing().rules(actor, merchantId);
        if (!rules)
            return rules.error();
        auto directory = ChannelDirectory::load(*core, actor);
        if (!directory)
            return directory.error();
        return Snapshot{*rules, *directory};
    });
}

void RoutingPanel::showSnapshot(Result<Snapshot> snapshot)
{
    if (!snapshot) {
        m_message->setStyleSheet(QStringLiteral("color: #b00020"));
        m_message->setText(snapshot.error().message());
        return;
    }
    m_directory = snapshot->directory;
    m_rules = snapshot->rules;
    ChoiceCombos::fillMerchants(m_merchant, m_directory.merchants, tr("All merchants"), true);
    m_explain->setDirectory(m_directory);
    const std::optional<PayMethod> method = ChoiceCombos::currentMethod(m_method);
    QList<RoutingRule> shown;
    for (const RoutingRule &rule : std::as_const(m_rules)) {
        if (!method || rule.method == *method)
            shown << rule;
    }
    m_model->setRules(shown, m_directory);
    m_table->resizeColumnsToContents();
    const int row = m_model->rowOf(m_selectId);
    m_selectId = 0;
    if (row >= 0)
        m_table->setCurrentIndex(m_model->index(row, 0));
    updateButtons();
    emit loaded();
}

const RoutingRule *RoutingPanel::selected() const
{
    const QModelIndex current = m_table->currentIndex();
    return current.isValid() && current.row() < m_model->rowCount() ? &m_model->at(current.row()) : nullptr;
}

void RoutingPanel::updateButtons()
{
    const bool manage = m_session.can(Permission::RoutingManage);
    const RoutingRule *rule = selected();
    m_create->setEnabled(manage);
    m_edit->setEnabled(manage && rule);
    m_toggle->setEnabled(manage && rule);
    m_delete->setEnabled(manage && rule);
    m_toggle->setText(rule && !rule->enabled ? tr("E&nable") : tr("&Disable"));
}

void RoutingPanel::report(const Status &status, const QString &done)
{
    m_message->setStyleSheet(status ? QString() : QStringLiteral("color: #b00020"));
    m_message->setText(status ? done : status.error().message());
    // A rule decides whether its merchant can be activated: panels showing merchants look again
    // (this panel reloads on the same signal).
    if (status)
        emit m_session.dataChanged();
    else
        reload();
}

void RoutingPanel::createRule()
{
    RoutingRuleDialog dialog(m_session, m_directory, this);
    dialog.preset(ChoiceCombos::currentId(m_merchant), ChoiceCombos::currentMethod(m_method));
    if (dialog.exec() != QDialog::Accepted)
        return;
    m_selectId = dialog.rule().id;
    report({}, tr("Rule created: %1 of %2 to %3.")
                   .arg(ChannelText::method(dialog.rule().method), m_directory.merchantLabel(dialog.rule().merchantId),
                        m_directory.accountLabel(dialog.rule().channelAccountId)));
}

void RoutingPanel::editRule()
{
    const RoutingRule *rule = selected();
    if (!rule || !m_session.can(Permission::RoutingManage))
        return;
    RoutingRuleDialog dialog(m_session, m_directory, *rule, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    m_selectId = dialog.rule().id;
    report({}, tr("Rule saved."));
}

void RoutingPanel::toggleRule()
{
    const RoutingRule *rule = selected();
    if (!rule)
        return;
    const RoutingRule chosen = *rule;
    m_selectId = chosen.id;
    report(m_session.core().routing().setRuleEnabled(m_session.actor(), chosen.id, !chosen.enabled),
           chosen.enabled ? tr("Rule disabled.") : tr("Rule enabled."));
}

void RoutingPanel::deleteRule()
{
    const RoutingRule *rule = selected();
    if (!rule)
        return;
    const RoutingRule chosen = *rule;
    const QString description =
        tr("%1 of %2 to %3")
            .arg(ChannelText::method(chosen.method), m_directory.merchantLabel(chosen.merchantId),
                 m_directory.accountLabel(chosen.channelAccountId));
    if (QMessageBox::question(this, tr("Delete routing rule"), tr("Delete the rule %1?").arg(description)) !=
        QMessageBox::Yes)
        return;
    report(m_session.core().routing().deleteRule(m_session.actor(), chosen.id),
           tr("Rule deleted: %1.").arg(description));
}

void RoutingPanel::retranslate()
{
    m_merchantLabel->setText(tr("Merchant:"));
    m_methodLabel->setText(tr("Method:"));
    m_create->setText(tr("&New rule…"));
    m_edit->setText(tr("&Edit…"));
    m_delete->setText(tr("De&lete"));
    m_explainBox->setTitle(tr("Explain: which account would take a payment, and why"));
    ChoiceCombos::fillMethods(m_method, ChannelNames::allMethods(), tr("All methods"));
    ChoiceCombos::fillMerchants(m_merchant, m_directory.merchants, tr("All merchants"), true);
    updateButtons();
}

void RoutingPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
        m_model->retranslate();
    }
    QWidget::changeEvent(event);
}

} // namespace paydesk
