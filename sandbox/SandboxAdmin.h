#pragma once

#include "sandbox/SandboxHttp.h"
#include "sandbox/SandboxStore.h"
#include "sandbox/statement/BillFaults.h"

#include <QJsonObject>

namespace paydesk::sandbox {

class Sandbox;

// The sandbox's own control API under /__sandbox (JSON; loopback only, like the whole server):
//   GET    /__sandbox                 endpoints, merchant ids, CA file, settings
//   POST   /__sandbox/pay             {"out_trade_no", "result": "SUCCESS"|"FAIL", "channel"?}
//                                     (also the cashier page's form post)
//   GET    /__sandbox/trades          every trade with its refunds
//   GET    /__sandbox/callbacks       every notification and its delivery attempts
//   GET    /__sandbox/faults          switched-on faults (bill faults with their merchant and date)
//   POST   /__sandbox/faults          {"fault", "trade"?, "value"?, "times"?, "off"?}; a bill fault
//                                     ("bill-…", BillFaults.h) also {"merchant" (id or channel name),
//                                     "date"? (yyyy-MM-dd, default today)}: the next "times" bills
//                                     (default: all until "off") of that merchant and date
//   DELETE /__sandbox/faults          all faults off
//   GET    /__sandbox/merchants       each channel's merchant and the fee rate it is charged
//   POST   /__sandbox/merchants       {"merchant" (id or channel name), "fee_rate_ppm" | "fee_rate_bp"
//                                      | "default": true}: the merchant's own rate (kept in the state
//                                      directory's merchants.json), or back to the default
//   POST   /__sandbox/settings        {"auto_pay_delay_ms", "auto_pay_success_rate", "fee_rate_bp"
//                                      (the default rate), "refund_delay_ms", "callback_time_scale"}
//                                      (any subset)
//   GET    /__sandbox/statement?channel=wechatpay|alipay|unionpay&date=yyyy-MM-dd[&type=ALL]
class SandboxAdmin
{
public:
    explicit SandboxAdmin(Sandbox &sandbox) : m_sandbox(sandbox) {}

    SandboxReply handle(const SandboxRequest &request);

    static QJsonObject tradeJson(const SandboxTrade &trade);

private:
    SandboxReply overview();
    SandboxReply pay(const SandboxRequest &request);
    SandboxReply trades();
    SandboxReply callbacks();
    SandboxReply faults();
    SandboxReply changeFault(const QJsonObject &body);
    SandboxReply changeBillFault(BillFault fault, const QJsonObject &body);
    SandboxReply merchants();
    SandboxReply changeMerchant(const QJsonObject &body);
    SandboxReply changeSettings(const QJsonObject &body);
    SandboxReply statement(const QUrlQuery &query);
    QJsonObject settingsJson() const;

    Sandbox &m_sandbox;
};

} // namespace paydesk::sandbox
