#pragma once

#include <QString>

namespace paydesk {

// Whether money came in or went back: payments and refunds are matched separately, each by its
// own keys (DESIGN §8).
enum class RecordType
{
    Payment,
    Refund
};

// How we hold a transaction, in the same words for payments and refunds: the matcher needs to
// know only whether the money moved with us, not where in its life the order stands.
enum class PlatformStatus
{
    Succeeded, // paid (also when since partly or fully refunded) / refund succeeded
    Pending,   // not yet: created or paying / requested or processing
    Failed     // never will: failed or closed
};

// What reconciling one transaction found (DESIGN §8). Matched items are only counted; every other
// category is handed to the caller as a Discrepancy.
enum class DiscrepancyCategory
{
    Matched,
    ChannelOnly,          // 长款: the channel has a success we lack, or hold as not paid
    PlatformOnly,         // 短款: we hold a success the channel has not
    AmountMismatch,       // both succeeded, the amounts differ
    StatusMismatch,       // the channel revoked, closed or has not finished what we hold as succeeded
    FeeMismatch,          // same amount, the channel's fee differs from the one we posted
    DuplicateInStatement, // a second (or later) line for a transaction the statement already listed
    CarriedOver           // 日切: near midnight, left for the next day's match
};
constexpr int kDiscrepancyCategoryCount = 8;

// The stable names callers store and write into JSON.
namespace ReconciliationNames {
QString recordType(RecordType type); // "payment", "refund"
bool recordTypeFromName(const QString &name, RecordType *type);
QString platformStatus(PlatformStatus status); // "succeeded", "pending", "failed"
bool platformStatusFromName(const QString &name, PlatformStatus *status);
// "matched", "channel_only", "platform_only", "amount_mismatch", "status_mismatch", "fee_mismatch",
// "duplicate_in_statement", "carried_over"
QString category(DiscrepancyCategory category);
bool categoryFromName(const QString &name, DiscrepancyCategory *category);
} // namespace ReconciliationNames

} // namespace paydesk
