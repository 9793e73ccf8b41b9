#include "widgets/fee/FeeQuoteView.h"

#include "core/PaydeskCore.h"
#include "core/channel/ChannelNames.h"
#include "widgets/channel/ChannelText.h"
#include "widgets/channel/ChoiceCombos.h"
#include "widgets/common/Session.h"
#include "widgets/format/DisplayFormat.h"
#include "widgets/format/MoneyInput.h"

#include <QComboBox>
#include <QDateEdit>
#include <QEvent>
#include <QFrame>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace paydesk {

FeeQuoteView::FeeQuoteView(Session &session, QWidget *parent)
    : QWidget(parent), m_session(session), m_merchant(new QComboBox(this)), m_method(new QComboBox(this)),
      m_account(new QComboBox(this)), m_amount(new QLineEdit(this)), m_date(new QDateEdit(this)),
      m_quote(new QPushButton(this)), m_result(new QLabel(this)), m_merchantLabel(new QLabel(this)),
      m_methodLabel(new QLabel(this)), m_accountLabel(new QLabel(this)), m_amountLabel(new QLabel(this)),
      m_dateLabel(new QLabel(this)), m_loader(this, [this](Result<FeeQuote> quote) { showQuote(std::move(quote)); })
{
    setObjectName(QStringLiteral("feeQuoteView"));
    m_merchant->setObjectName(QStringLiteral("quoteMerchantCombo"));
    m_method->setObjectName(QStringLiteral("quoteMethodCombo"));
    m_account->setObjectName(QStringLiteral("quoteAccountCombo"));
    m_amount->setObjectName(QStringLiteral("quoteAmountEdit"));
    m_date->setObjectName(QStringLiteral("quoteDate"));
    m_quote->setObjectName(QStringLiteral("quoteButton"));
    m_result->setObjectName(QStringLiteral("quoteResult"));
    m_date->setCalendarPopup(true);
    m_date->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    m_date->setDate(session.core().clock().businessDate());
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_result->setWordWrap(true);
    m_result->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_result->setMinimumHeight(m_result->fontMetrics().lineSpacing() * 4);
    m_merchant->setMinimumContentsLength(24);
    m_account->setMinimumContentsLength(24);

    // A calculator, not a form to fill the screen: one narrow column, the answer below it.
    auto *form = new QGridLayout;
    form->addWidget(m_merchantLabel, 0, 0);
    form->addWidget(m_merchant, 0, 1);
    form->addWidget(m_methodLabel, 1, 0);
    form->addWidget(m_method, 1, 1);
    form->addWidget(m_accountLabel, 2, 0);
    form->addWidget(m_account, 2, 1);
    form->addWidget(m_amountLabel, 3, 0);
    form->addWidget(m_amount, 3, 1);
    form->addWidget(m_dateLabel, 4, 0);
    form->addWidget(m_date, 4, 1);
    form->addWidget(m_quote, 5, 1, Qt::AlignRight);
    form->setColumnStretch(1, 1);
    auto *answer = new QFrame(this);
    answer->setFrameShape(QFrame::StyledPanel);
    auto *answerLayout = new QVBoxLayout(answer);
    answerLayout->addWidget(m_result);
    auto *column = new QVBoxLayout;
    column->addLayout(form);
    column->addWidget(answer);
    column->addStretch();
    auto *layout = new QHBoxLayout(this);
    layout->addLayout(column, 0);
    layout->addStretch(1);
    m_merchant->setMinimumWidth(420);

    connect(m_merchant, &QComboBox::currentIndexChanged, this, &FeeQuoteView::fillAccounts);
    connect(m_method, &QComboBox::currentIndexChanged, this, &FeeQuoteView::fillAccounts);
    connect(m_amount, &QLineEdit::textChanged, this, &FeeQuoteView::validate);
    connect(m_amount, &QLineEdit::returnPressed, this, &FeeQuoteView::quote);
    connect(m_account, &QComboBox::currentIndexChanged, this, &FeeQuoteView::validate);
    connect(m_quote, &QPushButton::clicked, this, &FeeQuoteView::quote);
    retranslate();
}

void FeeQuoteView::setDirectory(const ChannelDirectory &directory)
{
    m_directory = directory;
    ChoiceCombos::fillMerchants(m_merchant, directory.merchants);
    fillAccounts();
}

Currency FeeQuoteView::currency() const
{
    const MerchantChoice *merchant = m_directory.merchant(ChoiceCombos::currentId(m_merchant));
    return merchant ? merchant->currency : Currency(); // none chosen: nothing to read an amount in
}

void FeeQuoteView::fillAccounts()
{
    const qint64 merchantId = ChoiceCombos::currentId(m_merchant);
    const std::optional<PayMethod> method = ChoiceCombos::currentMethod(m_method);
    ChoiceCombos::fillAccounts(m_account, m_directory.accounts, [&](const ChannelAccount &account) {
        return method && account.channel == ChannelNames::channelOf(*method) &&
               (account.mode == ChannelAccountMode::Shared || account.ownerMerchantId == merchantId);
    });
    validate();
}

void FeeQuoteView::validate()
{
    const QString text = m_amount->text().trimmed();
    const Currency typedIn = currency();
    auto amount = MoneyInput::parse(text, typedIn);
    m_amount->setPlaceholderText(tr("e.g. %1").arg(MoneyInput::example(100, typedIn)));
    m_quote->setEnabled(!m_loader.isRunning() && ChoiceCombos::currentId(m_merchant) > 0 &&
                        ChoiceCombos::currentId(m_account) > 0 && amount.ok());
    if (!text.isEmpty() && !amount && typedIn.isValid())
        m_result->setText(amount.error().message());
}

void FeeQuoteView::quote()
{
    const std::optional<PayMethod> method = ChoiceCombos::currentMethod(m_method);
    auto amount = MoneyInput::parse(m_amount->text(), currency());
    if (!method || !amount) {
        validate();
        return;
    }
    PaydeskCore *core = &m_session.core();
    const Actor actor = m_session.actor();
    const qint64 merchantId = ChoiceCombos::currentId(m_merchant);
    const qint64 accountId = ChoiceCombos::currentId(m_account);
    const QDate date = m_date->date();
    const Money money = *amount;
    const PayMethod payMethod = *method;
    m_result->setText(tr("Calculating…"));
    m_loader.start([=]() { return core->fees().quote(actor, merchantId, accountId, payMethod, money, date); });
    validate();
}

void FeeQuoteView::showQuote(Result<FeeQuote> quote)
{
    validate();
    if (!quote) {
        m_result->setStyleSheet(QStringLiteral("color: #b00020"));
        m_result->setText(quote.error().message());
        emit quoted();
        return;
    }
    m_result->setStyleSheet(QString());
    const FeeQuote &q = *quote;
    QStringList lines;
    lines
        << tr("Amount: %1 on %2").arg(DisplayFormat::moneyWithCurrency(q.amount), DisplayFormat::date(q.businessDate));
    lines << tr("Merchant fee: %1 at %2")
                 .arg(DisplayFormat::moneyWithCurrency(q.merchantFee), ChannelText::rateAndPpm(q.merchantRate));
    lines << tr("Channel cost: %1 at %2")
                 .arg(DisplayFormat::moneyWithCurrency(q.channelCost), ChannelText::rateAndPpm(q.channelRate));
    lines << (q.margin.isNegative() ? tr("Platform margin: %1 (the account costs more than the merchant pays)")
                                    : tr("Platform margin: %1"))
                 .arg(DisplayFormat::moneyWithCurrency(q.margin));
    m_result->setText(lines.join(QLatin1Char('\n')));
    emit quoted();
}

void FeeQuoteView::retranslate()
{
    m_merchantLabel->setText(tr("Merchant:"));
    m_methodLabel->setText(tr("Payment method:"));
    m_accountLabel->setText(tr("Channel account:"));
    m_amountLabel->setText(tr("Amount:"));
    m_dateLabel->setText(tr("On:"));
    m_quote->setText(tr("&Quote"));
    ChoiceCombos::fillMethods(m_method, ChannelNames::allMethods());
    fillAccounts();
}

void FeeQuoteView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

} // namespace paydesk
