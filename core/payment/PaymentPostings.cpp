#include "core/payment/PaymentPostings.h"

#include "core/ledger/AccountName.h"
#include "core/money/Fees.h"
#include "core/util/Error.h"

namespace paydesk::PaymentPostings {

namespace {
// Collects lines, leaving out zero ones; the first failed arithmetic wins.
class Lines
{
public:
    void debit(const AccountName &account, const Result<Money> &amount) { add(account, amount, false); }
    void credit(const AccountName &account, const Result<Money> &amount) { add(account, amount, true); }

    Result<EntryDraft> entry(const QDate &date, EntryKind kind, const QString &reference, const QString &eventKey)
    {
        if (m_error)
            return *m_error;
        EntryDraft draft;
        draft.businessDate = date;
        draft.kind = kind;
        draft.reference = reference;
        draft.eventKey = eventKey;
        draft.createdBy = QStringLiteral("payment");
        draft.postings = m_postings;
        return draft;
    }

private:
    void add(const AccountName &account, const Result<Money> &amount, bool credit)
    {
        if (m_error)
            return;
        if (!amount) {
            m_error = amount.error();
            return;
        }
        if (amount->isZero())
            return;
        auto signedAmount = credit ? amount->negated() : Result<Money>(*amount);
        if (!signedAmount) {
            m_error = signedAmount.error();
            return;
        }
        m_postings << PostingDraft{account.name(), *signedAmount};
    }

    QList<PostingDraft> m_postings;
    std::optional<Error> m_error;
};

Status checkOrder(const PaidOrder &order)
{
    const Currency currency = order.amount.currency();
    if (!order.amount.isPositive() || order.merchantFee.currency() != currency ||
        order.channelFee.currency() != currency || order.merchantFee.isNegative() || order.channelFee.isNegative() ||
        order.merchantFee.minor() > order.amount.minor() || order.channelFee.minor() > order.amount.minor())
        return Error(
            ErrorCode::InvalidArgument,
            QStringLiteral(
                "%1: a paid order needs a positive amount and fees between zero and the amount, in one currency")
                .arg(order.orderNo));
    return {};
}
} // namespace

Result<EntryDraft> paymentSucceeded(const PaidOrder &order, const QDate &businessDate)
{
    const Status valid = checkOrder(order);
    if (!valid)
        return valid.error();
    Lines lines;
    lines.debit(AccountName::channelReceivable(order.channelAccount), order.amount.minus(order.channelFee));
    lines.debit(AccountName::channelFeeExpense(), order.channelFee);
    lines.credit(AccountName::merchantPending(order.merchantNo), order.amount.minus(order.merchantFee));
    lines.credit(AccountName::feeIncome(), order.merchantFee);
    return lines.entry(businessDate, EntryKind::Payment, order.orderNo, QStringLiteral("payment:") + order.orderNo);
}

Result<RefundFees> refundFees(const PaidOrder &order, const Money &refundedBefore, const Money &refundNow)
{
    const Status valid = checkOrder(order);
    if (!valid)
        return valid.error();
    const Currency currency = order.amount.currency();
    if (!refundNow.isPositive() || refundNow.currency() != currency || refundedBefore.currency() != currency ||
        refundedBefore.isNegative())
        return Error(ErrorCode::InvalidArgument,
                     QStringLiteral("%1: a refund is a positive amount in the order's currency").arg(order.orderNo));
    auto total = refundedBefore.plus(refundNow);
    if (!total)
        return total.error();
    if (total->minor() > order.amount.minor())
        return Error(ErrorCode::RefundExceedsPaid,
                     QStringLiteral("%1: %2 already refunded + %3 > %4 paid")
                         .arg(order.orderNo, refundedBefore.toString(), refundNow.toString(), order.amount.toString()));
    auto merchantShare =
        Fees::proRataShare(order.merchantFee, order.amount, refundedBefore, refundNow, RoundingMode::HalfUp);
    if (!merchantShare)
        return merchantShare.error();
    auto channelShare =
        Fees::proRataShare(order.channelFee, order.amount, refundedBefore, refundNow, RoundingMode::HalfUp);
    if (!channelShare)
        return channelShare.error();
    return RefundFees{*merchantShare, *channelShare};
}

Result<EntryDraft> refundSucceeded(const PaidOrder &order, const QString &refundNo, const Money &refundedBefore,
                                   const Money &refundNow, const QDate &businessDate)
{
    auto fees = refundFees(order, refundedBefore, refundNow);
    if (!fees)
        return fees.error();
    Lines lines;
    lines.debit(AccountName::merchantPending(order.merchantNo), refundNow.minus(fees->merchantFee));
    lines.debit(AccountName::feeIncome(), fees->merchantFee);
    lines.credit(AccountName::channelReceivable(order.channelAccount), refundNow.minus(fees->channelFee));
    lines.credit(AccountName::channelFeeExpense(), fees->channelFee);
    return lines.entry(businessDate, EntryKind::Refund, refundNo, QStringLiteral("refund:") + refundNo);
}

} // namespace paydesk::PaymentPostings
