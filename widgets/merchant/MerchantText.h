#pragma once

#include "core/channel/ChannelTypes.h"
#include "core/merchant/Application.h"
#include "core/merchant/MerchantDocument.h"
#include "core/merchant/MerchantTypes.h"
#include "core/merchant/MerchantWorkflow.h"

#include <QString>

namespace paydesk::MerchantText {

// Translated names of the onboarding words for people ("Submitted", "已提交"); the stored
// names (MerchantNames, DocumentNames, …) stay for files, logs and the command line.
QString status(MerchantStatus status);
QString type(MerchantType type);
QString cycle(SettlementCycle cycle);
// A settlement cycle with its days: "T+1", "T+3", "Manual".
QString cycle(SettlementCycle cycle, int days);
// The workflow step as a button says it ("Approve…").
QString action(MerchantAction action);
// A history line's action ("create", "document.attach", "approve", …).
QString historyAction(const QString &action);
QString documentKind(DocumentKind kind);
QString keyKind(SignType type);
QString method(PayMethod method);
// A payment method by its stored name ("wechat.native"); the name itself if unknown.
QString methodByName(const QString &name);
QString methodsByName(const QStringList &names);
// A profile or application field by its stored name ("registration_no").
QString field(const QString &name);
// A validation reason as the core words it ("required", "8 to 30 digits"), translated when known.
QString reason(const QString &reason);
// "Field: reason" for a problem the core named by its stored field name.
QString problem(const QString &field, const QString &reason);

} // namespace paydesk::MerchantText
