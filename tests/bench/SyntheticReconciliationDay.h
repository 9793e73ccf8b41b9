#pragma once

#include "core/reconciliation/ChannelRecord.h"
#include "core/reconciliation/PlatformRecord.h"

#include <array>
#include <functional>

namespace paydesk::bench {

// Both sides of a synthetic business day (2026-11-02), generated as they are read: no file, no
// parsing, nothing held. Transaction n is a payment, or every eighth a refund of the payment
// before it; 0.1 % of the transactions each carry one planted difference (see Plant), the rest
// agree. Records are rewritten in place, so generating costs no allocation per record.
class SyntheticReconciliationDay
{
public:
    enum class Plant
    {
        None,
        ChannelOnly,    // the line alone
        PlatformOnly,   // our record alone
        Amount,         // we hold one fen more
        Status,         // the channel revoked the payment / closed the refund
        Fee,            // we posted one fen more of channel fee
        Duplicate,      // the statement lists it twice
        LateLine,       // the line alone, minutes before midnight: carried over
        LateRecord,     // our record alone, minutes before midnight: carried over
        MissedCallback, // we have no transaction id: matched by order number
    };
    static constexpr int kPlants = 9;

    explicit SyntheticReconciliationDay(qint64 transactions);
    SyntheticReconciliationDay(const SyntheticReconciliationDay &) = delete;
    SyntheticReconciliationDay &operator=(const SyntheticReconciliationDay &) = delete;

    qint64 transactions() const { return m_transactions; }
    static QDate businessDate() { return QDate(2026, 11, 2); }
    static Plant plantOf(qint64 n);

    // Every line of the statement in order, and every record of ours; false from the callback stops.
    bool forEachLine(const std::function<bool(const ChannelRecord &)> &onLine);
    bool forEachRecord(const std::function<bool(const PlatformRecord &)> &onRecord);

private:
    // An id of one of the records below whose last digits are a number.
    struct NumberedId
    {
        QString *text = nullptr;
        qint64 shown = 0; // the template's zeros
        void show(qint64 value);
    };
    // Order number, transaction id, refund number, channel refund number (none for payments).
    using Ids = std::array<NumberedId, 4>;

    QDateTime timeOf(qint64 n, bool late);
    void fillIds(qint64 n, Ids &ids);

    qint64 m_transactions = 0;
    qint64 m_dayStartMs = 0;
    qint64 m_timeSecond = -1;
    QDateTime m_time;
    ChannelRecord m_paymentLine;
    ChannelRecord m_refundLine;
    PlatformRecord m_paymentRecord;
    PlatformRecord m_refundRecord;
    Ids m_paymentLineIds;
    Ids m_refundLineIds;
    Ids m_paymentRecordIds;
    Ids m_refundRecordIds;
};

} // namespace paydesk::bench
