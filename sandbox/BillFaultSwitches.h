#pragma once

#include "sandbox/SandboxStore.h"
#include "sandbox/statement/BillFaults.h"

#include <QDate>
#include <QList>

namespace paydesk::sandbox {

// A bill fault switched on for one channel merchant's statement of one date.
struct BillFaultSwitch
{
    PlantedBillFault planted;
    SandboxChannel channel = SandboxChannel::WeChatPay;
    QDate date;
    int remaining = -1; // bills it still shapes; -1: every one until switched off
};

// The bill faults switched on through the admin API: each shapes the next bill(s) the sandbox
// serves for its merchant and date, whichever way the bill is fetched (the channel's download
// API or the admin API's statement call).
class BillFaultSwitches
{
public:
    // Replaces a switch of the same fault, merchant, date and order.
    void set(const BillFaultSwitch &fault);
    void clear(BillFault fault, SandboxChannel channel, const QDate &date, const QString &orderNo);
    void clearAll();
    QList<BillFaultSwitch> all() const;

    // The faults that shape the next bill of this merchant and date, in the order they were
    // switched on; each counts one use.
    QList<PlantedBillFault> take(SandboxChannel channel, const QDate &date);

private:
    QList<BillFaultSwitch> m_switches;
};

} // namespace paydesk::sandbox
