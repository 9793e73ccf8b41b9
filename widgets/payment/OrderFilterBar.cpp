#include "widgets/payment/OrderFilterBar.h"

#include "core/channel/ChannelNames.h"
#include "core/util/Error.h"
#include "widgets/channel/ChannelText.h"
#include "widgets/channel/ChoiceCombos.h"
#include "widgets/format/MoneyInput.h"
#include "widgets/payment/DateRangeFilter.h"
#include "widgets/payment/PaymentText.h"

#include <QComboBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalBlocker>
#include <QVBoxLayout>

namespace paydesk {

namespace {
const QList<PaymentStatus> kStatuses{PaymentStatus::Created, PaymentStatus::Paying, PaymentStatus::Succeeded,
                                     PaymentStatus::Failed,  PaymentStatus::Closed, PaymentStatus::PartiallyRefunded,
                                     PaymentStatus::Refunded};
const QList<ChannelKind> kChannels{ChannelKind::WeChatPay, ChannelKind::Alipay, ChannelKind::UnionPay};
} // namespace

OrderFilterBar::OrderFilterBar(const Clock &clock, QWidget *parent)
    : QWidget(parent), m_id(new QLineEdit(this)), m_search(new QPushButton(this)), m_clear(new QPushButton(this)),
      m_merchant(new QComboBox(this)), m_app(new QLineEdit(this)), m_channel(new QComboBox(this)),
      m_account(new QComboBox(this)), m_method(new QComboBox(this)), m_status(new QComboBox(this)),
      m_refunds(new QComboBox(this)), m_minAmount(new QLineEdit(this)), m_maxAmount(new QLineEdit(this)),
      m_created(new DateRangeFilter(clock, this)), m_paid(new DateRangeFilter(clock, this))
{
    m_id->setObjectName(QStringLiteral("anyId"));
    m_id->setClearButtonEnabled(true);
    m_search->setObjectName(QStringLiteral("search"));
    m_search->setDefault(true);
    m_clear->setObjectName(QStringLiteral("clearFilters"));
    m_merchant->setObjectName(QStringLiteral("merchant"));
    m_app->setObjectName(QStringLiteral("appId"));
    m_app->setClearButtonEnabled(true);
    m_channel->setObjectName(QStringLiteral("channel"));
    m_account->setObjectName(QStringLiteral("account"));
    m_method->setObjectName(QStringLiteral("method"));
    m_status->setObjectName(QStringLiteral("status"));
    m_refunds->setObjectName(QStringLiteral("refunds"));
    m_minAmount->setObjectName(QStringLiteral("minAmount"));
    m_maxAmount->setObjectName(QStringLiteral("maxAmount"));
    m_created->setObjectName(QStringLiteral("created"));
    m_paid->setObjectName(QStringLiteral("paid"));
    m_merchant->setMinimumContentsLength(14);
    m_account->setMinimumContentsLength(12);
    for (QLineEdit *amount : {m_minAmount, m_maxAmount}) {
        amount->setMaximumWidth(90);
        amount->setAlignment(Qt::AlignRight);
    }
    m_app->setMaximumWidth(170);
    fillFixedChoices();

    auto label = [this](QWidget *buddy) {
        auto *l = new QLabel(this);
        l->setBuddy(buddy);
        m_labels << l;
        return l;
    };
    auto *idRow = new QHBoxLayout;
    idRow->addWidget(m_id, 1);
    idRow->addWidget(m_search);
    idRow->addWidget(m_clear);
    auto *grid = new QGridLayout;
    grid->setContentsMargins(0, 0, 0, 0);
    // Three choices a row, so that the console fits a 1024-pixel screen in either language.
    int index = 0;
    for (QWidget *w :
         {static_cast<QWidget *>(m_merchant), static_cast<QWidget *>(m_channel), static_cast<QWidget *>(m_account),
          static_cast<QWidget *>(m_method), static_cast<QWidget *>(m_status), static_cast<QWidget *>(m_refunds)}) {
        const int row = index / 3;
        const int column = index % 3 * 2;
        grid->addWidget(label(w), row, column, Qt::AlignRight);
        grid->addWidget(w, row, column + 1);
        ++index;
    }
    auto *amounts = new QHBoxLayout;
    amounts->addWidget(m_minAmount);
    amounts->addWidget(new QLabel(QStringLiteral("–"), this));
    amounts->addWidget(m_maxAmount);
    grid->addWidget(label(m_minAmount), 2, 0, Qt::AlignRight);
    grid->addLayout(amounts, 2, 1);
    grid->addWidget(label(m_created), 2, 2, Qt::AlignRight);
    grid->addWidget(m_created, 2, 3);
    grid->addWidget(label(m_paid), 2, 4, Qt::AlignRight);
    grid->addWidget(m_paid, 2, 5);
    grid->addWidget(label(m_app), 0, 6, Qt::AlignRight);
    grid->addWidget(m_app, 0, 7);
    grid->setColumnStretch(8, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(idRow);
    layout->addLayout(grid);

    connect(m_id, &QLineEdit::returnPressed, this, &OrderFilterBar::searchRequested);
    connect(m_search, &QPushButton::clicked, this, &OrderFilterBar::searchRequested);
    connect(m_clear, &QPushButton::clicked, this, [this]() {
        clear();
        emit searchRequested();
    });
    for (QComboBox *combo : {m_merchant, m_account, m_method, m_status, m_refunds})
        connect(combo, &QComboBox::currentIndexChanged, this, &OrderFilterBar::searchRequested);
    connect(m_channel, &QComboBox::currentIndexChanged, this, [this]() {
        // The accounts and methods offered follow the channel.
        const std::optional<ChannelKind> channel =
            m_channel->currentIndex() > 0 ? std::optional<ChannelKind>(kChannels.at(m_channel->currentIndex() - 1))
                                          : std::nullopt;
        {
            const QSignalBlocker blockAccounts(m_account);
            const QSignalBlocker blockMethods(m_method);
            ChoiceCombos::fillAccounts(
                m_account, m_directory.accounts,
                [channel](const ChannelAccount &a) { return !channel || a.channel == *channel; }, tr("All accounts"));
            ChoiceCombos::fillMethods(
                m_method, channel ? ChoiceCombos::methodsOf(*channel) : ChannelNames::allMethods(), tr("All methods"));
        }
        emit searchRequested();
    });
    for (QLineEdit *edit : {m_minAmount, m_maxAmount, m_app})
        connect(edit, &QLineEdit::editingFinished, this, [this, edit]() {
            if (edit->isModified()) {
                edit->setModified(false);
                emit searchRequested();
            }
        });
    connect(m_created, &DateRangeFilter::changed, this, &OrderFilterBar::searchRequested);
    connect(m_paid, &DateRangeFilter::changed, this, &OrderFilterBar::searchRequested);
    retranslate();
}

void OrderFilterBar::fillFixedChoices()
{
    const QSignalBlocker blockChannel(m_channel);
    const QSignalBlocker blockStatus(m_status);
    const QSignalBlocker blockRefunds(m_refunds);
    const QSignalBlocker blockMethod(m_method);
    const int channel = qMax(0, m_channel->currentIndex());
    const int status = qMax(0, m_status->currentIndex());
    const int refunds = qMax(0, m_refunds->currentIndex());
    m_channel->clear();
    m_channel->addItem(tr("All channels"));
    for (ChannelKind kind : kChannels)
        m_channel->addItem(ChannelText::channel(kind));
    m_channel->setCurrentIndex(channel);
    m_status->clear();
    m_status->addItem(tr("All statuses"));
    for (PaymentStatus s : kStatuses)
        m_status->addItem(PaymentText::orderStatus(s));
    m_status->setCurrentIndex(status);
    m_refunds->clear();
    m_refunds->addItem(tr("With or without refunds"));
    m_refunds->addItem(tr("With refunds"));
    m_refunds->addItem(tr("Without refunds"));
    m_refunds->setCurrentIndex(refunds);
    const std::optional<ChannelKind> selected =
        channel > 0 ? std::optional<ChannelKind>(kChannels.at(channel - 1)) : std::nullopt;
    ChoiceCombos::fillMethods(m_method, selected ? ChoiceCombos::methodsOf(*selected) : ChannelNames::allMethods(),
                              tr("All methods"));
}

void OrderFilterBar::setDirectory(const ChannelDirectory &directory)
{
    m_directory = directory;
    const QSignalBlocker blockMerchant(m_merchant);
    const QSignalBlocker blockAccount(m_account);
    ChoiceCombos::fillMerchants(m_merchant, m_directory.merchants, tr("All merchants"), true);
    const std::optional<ChannelKind> channel =
        m_channel->currentIndex() > 0 ? std::optional<ChannelKind>(kChannels.at(m_channel->currentIndex() - 1))
                                      : std::nullopt;
    ChoiceCombos::fillAccounts(
        m_account, m_directory.accounts,
        [channel](const ChannelAccount &a) { return !channel || a.channel == *channel; }, tr("All accounts"));
}

void OrderFilterBar::clear()
{
    // Quiet while resetting: the caller asks for one search afterwards, not one per widget.
    const QList<QWidget *> quiet{m_merchant, m_channel, m_account, m_method, m_status, m_refunds, m_created, m_paid};
    for (QWidget *w : quiet)
        w->blockSignals(true);
    m_id->clear();
    m_app->clear();
    m_minAmount->clear();
    m_maxAmount->clear();
    for (QComboBox *combo : {m_merchant, m_channel, m_account, m_method, m_status, m_refunds})
        combo->setCurrentIndex(0);
    m_created->setPreset(DateRangeFilter::AnyTime);
    m_paid->setPreset(DateRangeFilter::AnyTime);
    for (QWidget *w : quiet)
        w->blockSignals(false);
    fillFixedChoices();
    setDirectory(m_directory);
}

Result<OrderFilter> OrderFilterBar::filter() const
{
    OrderFilter f;
    f.anyId = m_id->text().trimmed();
    if (const MerchantChoice *merchant = m_directory.merchant(ChoiceCombos::currentId(m_merchant)))
        f.merchantNo = merchant->merchantNo;
    f.appId = m_app->text().trimmed();
    if (m_channel->currentIndex() > 0)
        f.channel = kChannels.at(m_channel->currentIndex() - 1);
    if (const ChannelAccount *account = m_directory.account(ChoiceCombos::currentId(m_account)))
        f.channelAccount = account->name;
    f.method = ChoiceCombos::currentMethod(m_method);
    if (m_status->currentIndex() > 0)
        f.status = kStatuses.at(m_status->currentIndex() - 1);
    if (m_refunds->currentIndex() > 0)
        f.hasRefund = m_refunds->currentIndex() == 1;
    for (const auto &[edit, bound] : {std::pair{m_minAmount, &f.minAmount}, std::pair{m_maxAmount, &f.maxAmount}}) {
        if (edit->text().trimmed().isEmpty())
            continue;
        const Result<Currency> currency = amountCurrency();
        if (!currency)
            return currency.error();
        auto amount = MoneyInput::parse(edit->text(), *currency);
        if (!amount)
            return amount.error();
        if (amount->isNegative())
            return Error(ErrorCode::AmountMalformed, edit->text().trimmed());
        *bound = amount->minor();
    }
    f.createdFrom = m_created->from();
    f.createdTo = m_created->to();
    f.paidFrom = m_paid->from();
    f.paidTo = m_paid->to();
    return f;
}

Result<Currency> OrderFilterBar::amountCurrency() const
{
    if (const MerchantChoice *merchant = m_directory.merchant(ChoiceCombos::currentId(m_merchant)))
        return merchant->currency;
    QStringList codes;
    Currency shared;
    for (const MerchantChoice &merchant : m_directory.merchants) {
        if (!codes.contains(merchant.currency.code()))
            codes << merchant.currency.code();
        shared = merchant.currency;
    }
    if (codes.size() == 1)
        return shared;
    codes.sort();
    if (codes.isEmpty())
        return Error(ErrorCode::CurrencyUnknown, tr("choose a merchant to filter by amount"));
    return Error(
        ErrorCode::CurrencyMismatch,
        tr("merchants are paid in %1: choose one to filter by amount").arg(QLocale().createSeparatedList(codes)));
}

void OrderFilterBar::retranslate()
{
    m_id->setPlaceholderText(tr("Any id: order no, merchant order no, channel transaction id, refund no, payer id…"));
    m_search->setText(tr("Search"));
    m_clear->setText(tr("Clear"));
    m_minAmount->setPlaceholderText(tr("from"));
    m_maxAmount->setPlaceholderText(tr("to"));
    m_app->setPlaceholderText(tr("app_id"));
    const QStringList texts{tr("Merchant"), tr("Channel"), tr("Account"), tr("Method"), tr("Status"),
                            tr("Refunds"),  tr("Amount"),  tr("Created"), tr("Paid"),   tr("App")};
    for (int i = 0; i < m_labels.size() && i < texts.size(); ++i)
        m_labels.at(i)->setText(texts.at(i));
    m_created->retranslate();
    m_paid->retranslate();
    fillFixedChoices();
    setDirectory(m_directory);
}

} // namespace paydesk
