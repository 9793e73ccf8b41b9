#include "sandbox/SandboxStore.h"

#include <algorithm>
#include <array>

namespace paydesk::sandbox {

namespace {
constexpr std::array<std::pair<Fault, const char *>, 13> kFaults{{
    {Fault::DropCallback, "drop-callback"},
    {Fault::DuplicateCallback, "duplicate-callback"},
    {Fault::Delay, "delay"},
    {Fault::StatementAmountDiffers, "statement-amount-differs"},
    {Fault::MissingFromStatement, "missing-from-statement"},
    {Fault::ExtraTradeInStatement, "extra-trade-in-statement"},
    {Fault::RefundAtChannelOnly, "refund-at-channel-only"},
    {Fault::Timeout, "timeout"},
    {Fault::ServerError, "server-error"},
    {Fault::BadSignature, "bad-signature"},
    {Fault::UnsignedAnswers, "unsigned-answers"},
    {Fault::RateLimited, "rate-limited"},
    {Fault::RefundFails, "refund-fails"},
}};
} // namespace

QString faultName(Fault fault)
{
    for (const auto &[f, name] : kFaults) {
        if (f == fault)
            return QString::fromLatin1(name);
    }
    return {};
}

bool faultFromName(const QString &name, Fault *fault)
{
    for (const auto &[f, text] : kFaults) {
        if (name == QLatin1String(text)) {
            *fault = f;
            return true;
        }
    }
    return false;
}

SandboxTrade *SandboxStore::trade(SandboxChannel channel, const QString &outTradeNo)
{
    auto it = m_trades.find({int(channel), outTradeNo});
    return it == m_trades.end() ? nullptr : &*it;
}

SandboxTrade *SandboxStore::tradeByTransaction(const QString &transactionId)
{
    auto key = m_byTransaction.constFind(transactionId);
    if (key == m_byTransaction.constEnd())
        return nullptr;
    auto it = m_trades.find(*key);
    return it == m_trades.end() ? nullptr : &*it;
}

SandboxTrade *SandboxStore::tradeByRefund(SandboxChannel channel, const QString &outRefundNo)
{
    for (auto it = m_trades.begin(); it != m_trades.end(); ++it) {
        if (it->channel == channel && it->refund(outRefundNo))
            return &*it;
    }
    return nullptr;
}

SandboxTrade &SandboxStore::add(const SandboxTrade &trade)
{
    const std::pair<int, QString> key{int(trade.channel), trade.outTradeNo};
    m_byTransaction.insert(trade.transactionId, key);
    return *m_trades.insert(key, trade);
}

QList<SandboxTrade *> SandboxStore::trades()
{
    QList<SandboxTrade *> list;
    for (auto it = m_trades.begin(); it != m_trades.end(); ++it)
        list << &*it;
    return list;
}

QString SandboxStore::nextId(const QString &prefix, int digits)
{
    return prefix + QString::number(++m_sequence).rightJustified(digits, QLatin1Char('0'));
}

void SandboxStore::setFault(Fault fault, const QString &tradeNo, FaultSetting setting)
{
    m_faults[tradeNo].insert(int(fault), setting);
}

void SandboxStore::clearFault(Fault fault, const QString &tradeNo)
{
    m_faults[tradeNo].remove(int(fault));
}

void SandboxStore::clearFaults()
{
    m_faults.clear();
}

QList<SandboxStore::ActiveFault> SandboxStore::faults() const
{
    QList<ActiveFault> list;
    for (auto scope = m_faults.cbegin(); scope != m_faults.cend(); ++scope) {
        for (auto it = scope->cbegin(); it != scope->cend(); ++it) {
            if (it->remaining != 0)
                list.append(ActiveFault{Fault(it.key()), scope.key(), *it});
        }
    }
    std::sort(list.begin(), list.end(), [](const ActiveFault &a, const ActiveFault &b) {
        return std::pair(a.tradeNo, int(a.fault)) < std::pair(b.tradeNo, int(b.fault));
    });
    return list;
}

bool SandboxStore::isOn(Fault fault, const QString &tradeNo, qint64 *value) const
{
    for (const QString &scope : {tradeNo, QString()}) {
        const auto faults = m_faults.constFind(scope);
        if (faults == m_faults.constEnd())
            continue;
        const auto setting = faults->constFind(int(fault));
        if (setting != faults->constEnd() && setting->remaining != 0) {
            if (value)
                *value = setting->value;
            return true;
        }
        if (scope.isEmpty())
            break;
    }
    return false;
}

bool SandboxStore::take(Fault fault, const QString &tradeNo, qint64 *value)
{
    for (const QString &scope : {tradeNo, QString()}) {
        auto faults = m_faults.find(scope);
        if (faults == m_faults.end())
            continue;
        auto setting = faults->find(int(fault));
        if (setting != faults->end() && setting->remaining != 0) {
            if (value)
                *value = setting->value;
            if (setting->remaining > 0)
                --setting->remaining;
            return true;
        }
        if (scope.isEmpty())
            break;
    }
    return false;
}

} // namespace paydesk::sandbox
