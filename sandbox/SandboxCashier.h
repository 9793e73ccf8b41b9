#pragma once

#include "core/channel/http/HttpClient.h"
#include "core/util/Result.h"

#include <QJsonObject>

namespace paydesk::sandbox::SandboxCashier {

// What a payer's browser does with a UnionPay prepay as the gateway answers it ("form_action"
// and "form_fields"): posts the form to the channel, which only then knows the order and can
// be paid. Prepays without a form (WeChat Pay, Alipay: a QR code) need nothing.
Status openForm(const QJsonObject &prepay, const HttpClient &http);

} // namespace paydesk::sandbox::SandboxCashier
