#pragma once

#include "core/util/Result.h"

#include <QDate>
#include <functional>

namespace paydesk {

class Database;
class Clock;

// Fills an empty database with a realistic month of ledger activity for demos and manual
// testing: payments over three channels with channel and merchant fees, partial refunds with
// pro-rata fees, T+1 clearing, channel funds arriving at the bank, merchant payouts (one of
// which fails and is returned), and a freeze. Deterministic for a given seed and clock.
class DemoLedger
{
public:
    struct Options
    {
        int days = 30;
        int merchants = 12;
        int paymentsPerMerchantPerDay = 8;
        quint32 seed = 20261127;
    };
    struct Summary
    {
        qint64 entries = 0;
        qint64 payments = 0;
        qint64 refunds = 0;
    };
    // Called after each business day; return false to cancel (nothing is kept then).
    using Progress = std::function<bool(int daysDone, int daysTotal)>;

    DemoLedger(Database &database, const Clock &clock);

    Result<Summary> generate(const Options &options, const Progress &progress = {});

private:
    Database &m_database;
    const Clock &m_clock;
};

} // namespace paydesk
