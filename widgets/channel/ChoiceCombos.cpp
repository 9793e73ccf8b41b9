#include "widgets/channel/ChoiceCombos.h"

#include "core/channel/ChannelNames.h"
#include "widgets/channel/ChannelText.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QSignalBlocker>

namespace paydesk::ChoiceCombos {

namespace {
// Refills through `add`, then puts the previous choice back (or the first item).
template <typename Add> bool refill(QComboBox *combo, const QString &noneText, const QVariant &noneData, Add add)
{
    const QVariant before = combo->currentData();
    const QSignalBlocker blocker(combo);
    combo->clear();
    if (!noneText.isEmpty())
        combo->addItem(noneText, noneData);
    add();
    const int index = before.isValid() ? combo->findData(before) : -1;
    combo->setCurrentIndex(index >= 0 ? index : (combo->count() > 0 ? 0 : -1));
    return combo->currentData() != before;
}
} // namespace

bool fillMerchants(QComboBox *combo, const QList<MerchantChoice> &merchants, const QString &noneText,
                   bool includeClosed)
{
    return refill(combo, noneText, QVariant(qint64(0)), [&]() {
        for (const MerchantChoice &merchant : merchants) {
            if (includeClosed || merchant.status != MerchantStatus::Closed)
                combo->addItem(merchant.label(), merchant.id);
        }
    });
}

bool fillAccounts(QComboBox *combo, const QList<ChannelAccount> &accounts,
                  const std::function<bool(const ChannelAccount &)> &offer, const QString &noneText)
{
    return refill(combo, noneText, QVariant(qint64(0)), [&]() {
        for (const ChannelAccount &account : accounts) {
            if (offer && !offer(account))
                continue;
            QString label = QStringLiteral("%1 · %2").arg(account.name, ChannelText::channel(account.channel));
            if (!account.enabled)
                label = QCoreApplication::translate("ChoiceCombos", "%1 (disabled)").arg(label);
            combo->addItem(label, account.id);
        }
    });
}

bool fillMethods(QComboBox *combo, const QList<PayMethod> &methods, const QString &noneText)
{
    return refill(combo, noneText, QVariant(-1), [&]() {
        for (PayMethod method : methods)
            combo->addItem(ChannelText::method(method), int(method));
    });
}

qint64 currentId(const QComboBox *combo)
{
    return combo->currentData().toLongLong();
}

std::optional<PayMethod> currentMethod(const QComboBox *combo)
{
    const QVariant data = combo->currentData();
    if (!data.isValid() || data.toInt() < 0)
        return std::nullopt;
    return PayMethod(data.toInt());
}

bool selectId(QComboBox *combo, qint64 id)
{
    const int index = combo->findData(id);
    if (index >= 0)
        combo->setCurrentIndex(index);
    return index >= 0;
}

bool selectMethod(QComboBox *combo, PayMethod method)
{
    const int index = combo->findData(int(method));
    if (index >= 0)
        combo->setCurrentIndex(index);
    return index >= 0;
}

QList<PayMethod> methodsOf(ChannelKind channel)
{
    QList<PayMethod> methods;
    for (PayMethod method : ChannelNames::allMethods()) {
        if (ChannelNames::channelOf(method) == channel)
            methods << method;
    }
    return methods;
}

} // namespace paydesk::ChoiceCombos
