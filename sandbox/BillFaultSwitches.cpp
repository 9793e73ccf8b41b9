#include "sandbox/BillFaultSwitches.h"

namespace paydesk::sandbox {

namespace {
bool sameSwitch(const BillFaultSwitch &a, BillFault fault, SandboxChannel channel, const QDate &date,
                const QString &orderNo)
{
    return a.planted.fault == fault && a.channel == channel && a.date == date && a.planted.orderNo == orderNo;
}
} // namespace

void BillFaultSwitches::set(const BillFaultSwitch &fault)
{
    for (BillFaultSwitch &existing : m_switches) {
        if (sameSwitch(existing, fault.planted.fault, fault.channel, fault.date, fault.planted.orderNo)) {
            existing = fault;
            return;
        }
    }
    m_switches.append(fault);
}

void BillFaultSwitches::clear(BillFault fault, SandboxChannel channel, const QDate &date, const QString &orderNo)
{
    m_switches.removeIf(
        [&](const BillFaultSwitch &existing) { return sameSwitch(existing, fault, channel, date, orderNo); });
}

void BillFaultSwitches::clearAll()
{
    m_switches.clear();
}

QList<BillFaultSwitch> BillFaultSwitches::all() const
{
    return m_switches;
}

QList<PlantedBillFault> BillFaultSwitches::take(SandboxChannel channel, const QDate &date)
{
    QList<PlantedBillFault> planted;
    for (BillFaultSwitch &fault : m_switches) {
        if (fault.channel != channel || fault.date != date || fault.remaining == 0)
            continue;
        planted << fault.planted;
        if (fault.remaining > 0)
            --fault.remaining;
    }
    m_switches.removeIf([](const BillFaultSwitch &fault) { return fault.remaining == 0; });
    return planted;
}

} // namespace paydesk::sandbox
