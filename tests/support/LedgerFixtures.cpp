#include "tests/support/LedgerFixtures.h"

namespace paydesk::test {

Money cny(const char *amount)
{
    return Money::parse(QString::fromLatin1(amount), Currency::cny()).value();
}

EntryDraft paymentEntry(const QString &orderNo, const QString &merchant, const QString &channelAccount,
                        const char *amount, const char *channelFee, const char *merchantFee, QDate date)
{
    const Money a = cny(amount);
    const Money c = cny(channelFee);
    const Money m = cny(merchantFee);
    EntryDraft draft;
    draft.businessDate = date;
    draft.kind = EntryKind::Payment;
    draft.reference = orderNo;
    draft.eventKey = QStringLiteral("payment:") + orderNo;
    draft.createdBy = QStringLiteral("test");
    draft.postings = {
        {QStringLiteral("channel_receivable:") + channelAccount, a.minus(c).value()},
        {QStringLiteral("channel_fee_expense"), c},
        {QStringLiteral("merchant:%1:pending").arg(merchant), a.minus(m).value().negated().value()},
        {QStringLiteral("fee_income"), m.negated().value()},
    };
    return draft;
}

EntryDraft transfer(const QString &debit, const QString &credit, const char *amount, QDate date,
                    const QString &reference)
{
    EntryDraft draft;
    draft.businessDate = date;
    draft.reference = reference;
    draft.createdBy = QStringLiteral("test");
    draft.postings = {{debit, cny(amount)}, {credit, cny(amount).negated().value()}};
    return draft;
}

} // namespace paydesk::test
