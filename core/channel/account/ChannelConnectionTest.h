#pragma once

#include "core/channel/account/ConnectionTestResult.h"

namespace paydesk {

class ChannelAdapter;
class Clock;

// Asks a channel about an order number that cannot exist and reads the answer: "no such order"
// (WeChat ORDER_NOT_EXIST, Alipay ACQ.TRADE_NOT_EXIST, UnionPay respCode 34 → not paid) can only
// come signed by the channel in reply to a request it accepted, so the account's addresses,
// TLS trust, ids and keys all work. Anything else is a failure with the error's text. Blocks.
namespace ChannelConnectionTest {

ConnectionTestResult run(ChannelAdapter &adapter, const Clock &clock);

// An order number nobody uses: PDTEST + the UTC time + random hex (30 characters; valid for all three).
QString probeOrderNumber(const Clock &clock);

} // namespace ChannelConnectionTest
} // namespace paydesk
