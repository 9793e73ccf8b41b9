#pragma once

#include "core/money/Currency.h"
#include "core/reconciliation/ReconciliationKinds.h"
#include "core/util/Result.h"

#include <array>

namespace paydesk {

// What one side fed in, per record type. Amounts are minor units of the run's currency.
struct SideTally
{
    qint64 count = 0;
    qint64 amount = 0;
    qint64 fee = 0;

    // ArithmeticOverflow when a sum would not fit.
    Status add(qint64 itemAmount, qint64 itemFee);
    friend bool operator==(const SideTally &a, const SideTally &b)
    {
        return a.count == b.count && a.amount == b.amount && a.fee == b.fee;
    }
};

// The items of one category: how many and each side's amounts (a side the item lacks adds nothing).
struct CategoryTally
{
    qint64 count = 0;
    qint64 channelAmount = 0;
    qint64 platformAmount = 0;

    // ArithmeticOverflow when a sum would not fit.
    Status add(qint64 itemChannelAmount, qint64 itemPlatformAmount);
    Status add(const CategoryTally &other);
    friend bool operator==(const CategoryTally &a, const CategoryTally &b)
    {
        return a.count == b.count && a.channelAmount == b.channelAmount && a.platformAmount == b.platformAmount;
    }
};

// The counts of one match: both sides' totals and every category's, per record type.
struct ReconciliationSummary
{
    template <typename T> using PerType = std::array<T, 2>;

    Currency currency;
    PerType<SideTally> channel;
    PerType<SideTally> platform;
    qint64 channelCarriedIn = 0; // of those, fed in again from the previous day
    qint64 platformCarriedIn = 0;
    std::array<PerType<CategoryTally>, kDiscrepancyCategoryCount> categories;
    // Agreement that no money moved, kept apart from matched so that matched sums are money that
    // moved: a line the channel revoked, closed or is still refunding that we do not hold as
    // succeeded either (or do not have), and a record of ours not succeeded that the channel lacks.
    PerType<CategoryTally> agreedNoMoney;

    // How the run went: 1 partition when everything fitted the memory budget.
    int partitions = 1;
    qint64 spilledBytes = 0;

    const SideTally &channelSide(RecordType type) const { return channel[index(type)]; }
    const SideTally &platformSide(RecordType type) const { return platform[index(type)]; }
    const CategoryTally &of(DiscrepancyCategory category, RecordType type) const
    {
        return categories[int(category)][index(type)];
    }
    CategoryTally &of(DiscrepancyCategory category, RecordType type) { return categories[int(category)][index(type)]; }
    // Every category and record type: the items emitted as discrepancies (all but matched).
    qint64 discrepancyCount() const;

    static int index(RecordType type) { return type == RecordType::Refund ? 1 : 0; }
};

// Adds the categories, partitions and spilled bytes one thread counted to the whole's.
Status mergeCounts(ReconciliationSummary &total, const ReconciliationSummary &part);

// Same counts and sums, however many partitions each run used.
bool sameFigures(const ReconciliationSummary &a, const ReconciliationSummary &b);

} // namespace paydesk
