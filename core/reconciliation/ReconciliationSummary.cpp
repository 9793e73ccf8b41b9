#include "core/reconciliation/ReconciliationSummary.h"

#include "core/money/Money.h"

namespace paydesk {

namespace {
Error overflow()
{
    return Error(ErrorCode::ArithmeticOverflow, QStringLiteral("reconciliation totals"));
}

// a += b and c += d, both or neither; false when either would overflow.
bool addBoth(qint64 &a, qint64 b, qint64 &c, qint64 d)
{
    qint64 first = 0;
    qint64 second = 0;
    if (addOverflows(a, b, &first) || addOverflows(c, d, &second))
        return false;
    a = first;
    c = second;
    return true;
}
} // namespace

Status SideTally::add(qint64 itemAmount, qint64 itemFee)
{
    if (!addBoth(amount, itemAmount, fee, itemFee))
        return overflow();
    ++count;
    return {};
}

Status CategoryTally::add(qint64 itemChannelAmount, qint64 itemPlatformAmount)
{
    if (!addBoth(channelAmount, itemChannelAmount, platformAmount, itemPlatformAmount))
        return overflow();
    ++count;
    return {};
}

Status CategoryTally::add(const CategoryTally &other)
{
    if (!addBoth(channelAmount, other.channelAmount, platformAmount, other.platformAmount))
        return overflow();
    count += other.count;
    return {};
}

Status mergeCounts(ReconciliationSummary &total, const ReconciliationSummary &part)
{
    for (size_t category = 0; category < total.categories.size(); ++category) {
        for (size_t type = 0; type < 2; ++type) {
            if (auto added = total.categories[category][type].add(part.categories[category][type]); !added)
                return added;
        }
    }
    for (size_t type = 0; type < 2; ++type) {
        if (auto added = total.agreedNoMoney[type].add(part.agreedNoMoney[type]); !added)
            return added;
    }
    total.partitions += part.partitions;
    total.spilledBytes += part.spilledBytes;
    return {};
}

qint64 ReconciliationSummary::discrepancyCount() const
{
    qint64 total = 0;
    for (int category = 0; category < kDiscrepancyCategoryCount; ++category) {
        if (category == int(DiscrepancyCategory::Matched))
            continue;
        for (const CategoryTally &tally : categories[category])
            total += tally.count;
    }
    return total;
}

bool sameFigures(const ReconciliationSummary &a, const ReconciliationSummary &b)
{
    return a.currency == b.currency && a.channel == b.channel && a.platform == b.platform &&
           a.channelCarriedIn == b.channelCarriedIn && a.platformCarriedIn == b.platformCarriedIn &&
           a.categories == b.categories && a.agreedNoMoney == b.agreedNoMoney;
}

} // namespace paydesk
