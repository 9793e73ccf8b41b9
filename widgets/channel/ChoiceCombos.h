#pragma once

#include "core/channel/ChannelTypes.h"
#include "widgets/channel/ChannelDirectory.h"

#include <QList>

#include <functional>
#include <optional>

class QComboBox;

namespace paydesk {

// Fills the merchant, channel account and payment method pickers of these panels. Each fill keeps
// the current choice when it is still offered, emits no signal while it works, and returns whether
// the choice changed (so the caller reloads only then). Items carry ids; a non-empty `noneText`
// adds a first item meaning "any" or "none" (id 0, method none).
namespace ChoiceCombos {

bool fillMerchants(QComboBox *combo, const QList<MerchantChoice> &merchants, const QString &noneText = {},
                   bool includeClosed = false);
bool fillAccounts(QComboBox *combo, const QList<ChannelAccount> &accounts,
                  const std::function<bool(const ChannelAccount &)> &offer = {}, const QString &noneText = {});
bool fillMethods(QComboBox *combo, const QList<PayMethod> &methods, const QString &noneText = {});

qint64 currentId(const QComboBox *combo);
std::optional<PayMethod> currentMethod(const QComboBox *combo);
bool selectId(QComboBox *combo, qint64 id);
bool selectMethod(QComboBox *combo, PayMethod method);

// The methods a channel's accounts serve (WeChat Pay: QR code and JSAPI, …).
QList<PayMethod> methodsOf(ChannelKind channel);

} // namespace ChoiceCombos
} // namespace paydesk
