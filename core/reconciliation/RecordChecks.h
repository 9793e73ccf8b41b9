#pragma once

#include "core/reconciliation/ChannelRecord.h"
#include "core/reconciliation/PlatformRecord.h"
#include "core/util/Result.h"

namespace paydesk::RecordChecks {

// What the matcher refuses before it keeps a record: an amount not above zero, a negative fee,
// money in another currency than the run's (CurrencyMismatch), and on our side a record without
// its order number (or a refund without its refund number).
Status check(const ChannelRecord &record, Currency currency);
Status check(const PlatformRecord &record, Currency currency);

} // namespace paydesk::RecordChecks
