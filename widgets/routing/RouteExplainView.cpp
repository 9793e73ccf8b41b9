#include "widgets/routing/RouteExplainView.h"

#include "core/PaydeskCore.h"
#include "core/channel/ChannelNames.h"
#include "widgets/channel/ChannelText.h"
#include "widgets/channel/ChoiceCombos.h"
#include "widgets/common/Session.h"
#include "widgets/format/DisplayFormat.h"
#include "widgets/format/MoneyInput.h"
#include "widgets/routing/RouteExplainModel.h"

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace paydesk {

namespace {
Result<RouteExplanation> explainRoute(PaydeskCore *core, const Actor &actor, const RouteRequest &request)
{
    auto decision = core->routing().explain(actor, request);
    if (!decision)
        return decision.error();
    RouteExplanation explanation;
    explanation.request = request;
    explanation.decision = *decision;
    QSet<qint64> asked;
    for (const RouteStep &step : std::as_const(decision->steps)) {
        if (asked.contains(step.accountId))
            continue;
        asked.insert(step.accountId);
        auto status = core->channelAccounts().credentialStatus(actor, step.accountId);
        if (status && !status->complete)
            explanation.incompleteCredentials.insert(step.accountId);
    }
    return explanation;
}
} // namespace

RouteExplainView::RouteExplainView(Session &session, QWidget *parent)
    : QWidget(parent), m_session(session), m_model(new RouteExplainModel(this)), m_merchant(new QComboBox(this)),
      m_method(new QComboBox(this)), m_amount(new QLineEdit(this)), m_explain(new QPushButton(this)),
      m_choice(new QLabel(this)), m_warning(new QLabel(this)), m_table(new QTableView(this)),
      m_merchantLabel(new QLabel(this)), m_methodLabel(new QLabel(this)), m_amountLabel(new QLabel(this)),
      m_loader(this, [this](Result<RouteExplanation> explanation) { showExplanation(std::move(explanation)); })
{
    setObjectName(QStringLiteral("routeExplainView"));
    m_merchant->setObjectName(QStringLiteral("explainMerchantCombo"));
    m_method->setObjectName(QStringLiteral("explainMethodCombo"));
    m_amount->setObjectName(QStringLiteral("explainAmountEdit"));
    m_explain->setObjectName(QStringLiteral("explainButton"));
    m_choice->setObjectName(QStringLiteral("routeChoice"));
    m_warning->setObjectName(QStringLiteral("routeWarning"));
    m_warning->setWordWrap(true);
    m_warning->setStyleSheet(QStringLiteral("color: #b06000"));
    m_warning->hide();
    m_table->setObjectName(QStringLiteral("explainTable"));
    m_table->setModel(m_model);
    m_table->setSelectionMode(QAbstractItemView::NoSelection);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_choice->setWordWrap(true);
    m_choice->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_merchant->setMinimumContentsLength(24);
    ChoiceCombos::fillMethods(m_method, ChannelNames::allMethods());

    auto *question = new QHBoxLayout;
    question->addWidget(m_merchantLabel);
    question->addWidget(m_merchant, 2);
    question->addWidget(m_methodLabel);
    question->addWidget(m_method, 1);
    question->addWidget(m_amountLabel);
    question->addWidget(m_amount, 1);
    question->addWidget(m_explain);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(question);
    layout->addWidget(m_choice);
    layout->addWidget(m_warning);
    layout->addWidget(m_table, 1);

    connect(m_merchant, &QComboBox::currentIndexChanged, this, &RouteExplainView::validate);
    connect(m_amount, &QLineEdit::textChanged, this, &RouteExplainView::validate);
    connect(m_amount, &QLineEdit::returnPressed, this, &RouteExplainView::explain);
    connect(m_explain, &QPushButton::clicked, this, &RouteExplainView::explain);
    retranslate();
}

void RouteExplainView::setDirectory(const ChannelDirectory &directory)
{
    m_directory = directory;
    ChoiceCombos::fillMerchants(m_merchant, directory.merchants);
    validate();
}

void RouteExplainView::setQuestion(qint64 merchantId, std::optional<PayMethod> method)
{
    if (merchantId > 0)
        ChoiceCombos::selectId(m_merchant, merchantId);
    if (method)
        ChoiceCombos::selectMethod(m_method, *method);
}

Currency RouteExplainView::currency() const
{
    const MerchantChoice *merchant = m_directory.merchant(ChoiceCombos::currentId(m_merchant));
    return merchant ? merchant->currency : Currency(); // none chosen: nothing to read an amount in
}

void RouteExplainView::validate()
{
    const Currency typedIn = currency();
    auto amount = MoneyInput::parse(m_amount->text(), typedIn);
    m_amount->setPlaceholderText(tr("e.g. %1").arg(MoneyInput::example(88, typedIn)));
    const bool ok = amount && amount->isPositive();
    m_explain->setEnabled(ok && ChoiceCombos::currentId(m_merchant) > 0);
    if (!m_amount->text().trimmed().isEmpty() && !amount && typedIn.isValid()) {
        m_choice->setStyleSheet(QStringLiteral("color: #b00020"));
        m_choice->setText(amount.error().message());
    } else if (!m_hasExplanation && !m_loader.isRunning()) {
        m_choice->setStyleSheet(QString());
        m_choice->setText(tr("Choose a merchant, a payment method and an amount, then Explain."));
    }
}

void RouteExplainView::explain()
{
    const std::optional<PayMethod> method = ChoiceCombos::currentMethod(m_method);
    auto amount = MoneyInput::parse(m_amount->text(), currency());
    if (!method || !amount || !m_explain->isEnabled())
        return;
    RouteRequest request;
    request.merchantId = ChoiceCombos::currentId(m_merchant);
    request.method = *method;
    request.amount = *amount;
    request.businessDate = m_session.core().clock().businessDate();
    PaydeskCore *core = &m_session.core();
    const Actor actor = m_session.actor();
    m_choice->setStyleSheet(QString());
    m_choice->setText(tr("Asking the router…"));
    m_loader.start([core, actor, request]() { return explainRoute(core, actor, request); });
}

QString RouteExplainView::summary(const RouteExplanation &explanation) const
{
    const QList<RouteStep> eligible = explanation.eligible();
    const QString question = tr("%1 by %2 for %3 today:")
                                 .arg(DisplayFormat::moneyWithCurrency(explanation.request.amount),
                                      ChannelText::method(explanation.request.method),
                                      m_directory.merchantLabel(explanation.request.merchantId));
    if (explanation.decision.steps.isEmpty())
        return tr("%1 no routing rule covers this payment method.").arg(question);
    if (eligible.isEmpty())
        return tr("%1 no channel account can take this payment.").arg(question);
    QString text;
    if (eligible.size() == 1) {
        text = tr("%1 routed to %2 (priority %3).")
                   .arg(question, eligible.first().accountName)
                   .arg(eligible.first().priority);
    } else {
        QStringList shares;
        for (const RouteStep &step : eligible)
            shares << tr("%1 %2").arg(step.accountName, RouteStep::shareText(step.shareBasisPoints));
        text = tr("%1 drawn by weight at priority %2 between %3.")
                   .arg(question)
                   .arg(explanation.decision.priority)
                   .arg(shares.join(QStringLiteral(", ")));
    }
    return text;
}

QString RouteExplainView::warning(const RouteExplanation &explanation) const
{
    QStringList lacking;
    for (const RouteStep &step : explanation.eligible()) {
        if (explanation.incompleteCredentials.contains(step.accountId))
            lacking << step.accountName;
    }
    if (lacking.isEmpty())
        return {};
    return tr("Warning: %1 lacks credentials in the vault; the channel would refuse payments routed there.")
        .arg(lacking.join(QStringLiteral(", ")));
}

void RouteExplainView::showExplanation(Result<RouteExplanation> explanation)
{
    if (!explanation) {
        m_hasExplanation = false;
        m_warning->hide();
        m_model->clear();
        m_choice->setStyleSheet(QStringLiteral("color: #b00020"));
        m_choice->setText(explanation.error().message());
        validate();
        emit explained();
        return;
    }
    m_hasExplanation = true;
    m_last = *explanation;
    m_model->setExplanation(m_last);
    m_table->resizeColumnsToContents();
    const bool routed = !m_last.eligible().isEmpty();
    m_choice->setStyleSheet(routed ? QStringLiteral("color: #1b7f3b; font-weight: bold")
                                   : QStringLiteral("color: #b00020; font-weight: bold"));
    m_choice->setText(summary(m_last));
    m_warning->setText(warning(m_last));
    m_warning->setVisible(!m_warning->text().isEmpty());
    validate();
    emit explained();
}

void RouteExplainView::retranslate()
{
    m_merchantLabel->setText(tr("Merchant:"));
    m_methodLabel->setText(tr("Method:"));
    m_amountLabel->setText(tr("Amount:"));
    m_explain->setText(tr("E&xplain"));
    ChoiceCombos::fillMethods(m_method, ChannelNames::allMethods());
    if (m_hasExplanation) {
        m_choice->setText(summary(m_last));
        m_warning->setText(warning(m_last));
    }
    validate();
}

void RouteExplainView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
        m_model->retranslate();
    }
    QWidget::changeEvent(event);
}

} // namespace paydesk
