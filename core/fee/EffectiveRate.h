#pragma once

#include "core/channel/ChannelTypes.h"
#include "core/money/Rate.h"

#include <QDate>
#include <QDateTime>

#include <optional>

namespace paydesk {

// Whose rate: what a channel charges the platform for an account's payments (渠道成本), or
// what the platform charges a merchant (商户费率).
enum class RateSubject
{
    ChannelCost,
    Merchant
};

// One effective-dated rate row: from `effectiveFrom` on, until a row with a later date takes
// over. Rows are never changed once in effect; only future rows can be replaced or withdrawn.
struct EffectiveRate
{
    qint64 id = 0;
    RateSubject subject = RateSubject::Merchant;
    qint64 subjectId = 0; // channel account id or merchant id
    PayMethod method = PayMethod::WeChatNative;
    Rate rate;
    QDate effectiveFrom;
    qint64 templateId = 0; // merchant rates set by applying a fee template
    QDateTime createdAt;
    QString createdBy;

    bool inEffectOn(const QDate &date) const { return effectiveFrom <= date; }
};

// A change of one rate row, for the audit record and the caller: what was there on that date before.
struct RateChange
{
    std::optional<EffectiveRate> replaced;
    EffectiveRate rate;
};

} // namespace paydesk
