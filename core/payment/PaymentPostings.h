#pragma once

#include "core/ledger/JournalEntry.h"
#include "core/money/Money.h"
#include "core/util/Result.h"

#include <QDate>

namespace paydesk {

// The money facts of one paid order, as the ledger needs them.
struct PaidOrder
{
    QString orderNo;        // ours: P…
    QString merchantNo;     // M1001
    QString channelAccount; // its name, the id of channel_receivable:<name>
    Money amount;           // paid
    Money merchantFee;      // m: what the platform charges the merchant
    Money channelFee;       // c: what the channel charges the platform
};

// What a refund gives back of the order's two fees.
struct RefundFees
{
    Money merchantFee; // m_r
    Money channelFee;  // c_r
};

// The journal entries of DESIGN §6 for payments and refunds. Lines that would be zero (a fee
// that rounds to nothing) are left out; the ledger refuses zero lines.
namespace PaymentPostings {

// debit channel_receivable A−c, channel_fee_expense c; credit merchant:pending A−m, fee_income m.
// Event key "payment:<order no>": the ledger posts it at most once.
Result<EntryDraft> paymentSucceeded(const PaidOrder &order, const QDate &businessDate);

// The fees a refund of `refundNow` returns when `refundedBefore` was already refunded: pro rata,
// computed so that all refunds of an order return exactly its fees once it is fully refunded
// (Fees::proRataShare, half-up). RefundExceedsPaid when before + now > paid; InvalidArgument for
// a refund that is not positive or in another currency.
Result<RefundFees> refundFees(const PaidOrder &order, const Money &refundedBefore, const Money &refundNow);

// debit merchant:pending R−m_r, fee_income m_r; credit channel_receivable R−c_r,
// channel_fee_expense c_r. Event key "refund:<refund no>".
Result<EntryDraft> refundSucceeded(const PaidOrder &order, const QString &refundNo, const Money &refundedBefore,
                                   const Money &refundNow, const QDate &businessDate);

} // namespace PaymentPostings
} // namespace paydesk
