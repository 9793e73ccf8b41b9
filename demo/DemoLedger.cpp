#include "demo/DemoLedger.h"

#include "core/ledger/AccountName.h"
#include "core/ledger/Ledger.h"
#include "core/ledger/LedgerStore.h"
#include "core/money/Fees.h"
#include "core/storage/Database.h"
#include "core/storage/UnitOfWork.h"

#include <QRandomGenerator>

namespace paydesk {

namespace {
struct DemoChannel
{
    const char *account;
    const char *orderPrefix;
    qint64 costPpm;
};
constexpr DemoChannel kChannels[] = {
    {"wx_shared01", "WX", 2500},
    {"ali_shared01", "ALI", 2500},
    {"up_shared01", "UP", 3000},
};
const QString kBank = QStringLiteral("icbc_main");
constexpr qint64 kMinimumPayout = 10000; // 100.00 CNY

// Builds an entry, leaving out postings that round to zero (a tiny payment has no fee).
class EntryBuilder
{
public:
    EntryBuilder(QDate date, EntryKind kind, QString reference, QString memo)
    {
        m_draft.businessDate = date;
        m_draft.kind = kind;
        m_draft.reference = std::move(reference);
        m_draft.memo = std::move(memo);
        m_draft.createdBy = QStringLiteral("demo");
    }
    EntryBuilder &eventKey(const QString &key)
    {
        m_draft.eventKey = key;
        return *this;
    }
    EntryBuilder &debit(const AccountName &account, qint64 fen) { return add(account, fen); }
    EntryBuilder &credit(const AccountName &account, qint64 fen) { return add(account, -fen); }
    EntryDraft build() const { return m_draft; }

private:
    EntryBuilder &add(const AccountName &account, qint64 fen)
    {
        if (fen != 0)
            m_draft.postings.append({account.name(), Money::fromMinor(fen, Currency::cny())});
        return *this;
    }
    EntryDraft m_draft;
};

struct Payment
{
    QString orderNo;
    int merchant = 0;
    int channel = 0;
    Money amount;
    Money channelFee;
    Money merchantFee;
    Money refunded;
};

qint64 feeOf(const Money &amount, qint64 ppm)
{
    return Fees::apply(amount, Rate::fromPpm(ppm).value(), RoundingMode::HalfUp).value().minor();
}
} // namespace

DemoLedger::DemoLedger(Database &database, const Clock &clock) : m_database(database), m_clock(clock) {}

Result<DemoLedger::Summary> DemoLedger::generate(const Options &options, const Progress &progress)
{
    UnitOfWork work(m_database);
    if (!work.isActive())
        return work.error();
    auto existing = LedgerStore::entryCount(work.connection());
    if (!existing)
        return existing.error();
    if (*existing > 0)
        return Error(ErrorCode::InvalidArgument,
                     QStringLiteral("the ledger already has entries; demo data goes into an empty database"));

    Ledger ledger(m_database, m_clock);
    QRandomGenerator random(options.seed);
    const QDate today = m_clock.businessDate();
    const QDate first = today.addDays(-options.days);
    QList<QString> merchants;
    QList<qint64> merchantRatePpm;
    for (int m = 0; m < options.merchants; ++m) {
        merchants << QStringLiteral("M%1").arg(1001 + m);
        merchantRatePpm << (m % 3 == 0 ? 3800 : 6000);
    }
    QList<qint64> uncleared(options.merchants, 0);
    QList<qint64> available(options.merchants, 0);
    QList<qint64> receivable(int(std::size(kChannels)), 0);
    Summary summary;
    int orderSequence = 0;
    int payoutSequence = 0;

    for (int day = 0; day < options.days; ++day) {
        const QDate date = first.addDays(day);
        const QString dateText = date.toString(QStringLiteral("yyyyMMdd"));
        QList<EntryDraft> entries;

        // T+1: yesterday's reconciled net moves from pending to available.
        for (int m = 0; m < options.merchants; ++m) {
            if (uncleared[m] <= 0)
                continue;
            entries << EntryBuilder(date, EntryKind::Clearing, QStringLiteral("CLR-%1-%2").arg(dateText, merchants[m]),
                                    QStringLiteral("T+1 clearing"))
                           .debit(AccountName::merchantPending(merchants[m]), uncleared[m])
                           .credit(AccountName::merchantAvailable(merchants[m]), uncleared[m])
                           .build();
            available[m] += uncleared[m];
            uncleared[m] = 0;
        }
        // Channels pay yesterday's net into the bank.
        for (int c = 0; c < int(std::size(kChannels)); ++c) {
            if (receivable[c] <= 0)
                continue;
            const AccountName channel = AccountName::channelReceivable(QString::fromLatin1(kChannels[c].account));
            entries << EntryBuilder(
                           date, EntryKind::ChannelSettlement,
                           QStringLiteral("CHS-%1-%2").arg(dateText, QString::fromLatin1(kChannels[c].orderPrefix)),
                           QStringLiteral("Channel funds arrived"))
                           .debit(AccountName::bank(kBank), receivable[c])
                           .credit(channel, receivable[c])
                           .build();
            receivable[c] = 0;
        }
        if (day == options.days / 3 && options.merchants > 2 && available[2] > 0) {
            const qint64 hold = available[2] / 2;
            entries << EntryBuilder(date, EntryKind::Freeze, QStringLiteral("FRZ-%1").arg(merchants[2]),
                                    QStringLiteral("Risk review: chargeback dispute"))
                           .debit(AccountName::merchantAvailable(merchants[2]), hold)
                           .credit(AccountName::merchantFrozen(merchants[2]), hold)
                           .build();
            available[2] -= hold;
        }

        // Payouts of available money above the minimum; one in twenty bounces and comes back.
        for (int m = 0; m < options.merchants; ++m) {
            if (available[m] < kMinimumPayout || (day + m) % 2 != 0)
                continue;
            const qint64 amount = available[m];
            const QString batch =
                QStringLiteral("PAY-%1-%2").arg(dateText).arg(++payoutSequence, 4, 10, QLatin1Char('0'));
            entries << EntryBuilder(date, EntryKind::Payout, batch, QStringLiteral("Settlement batch approved"))
                           .debit(AccountName::merchantAvailable(merchants[m]), amount)
                           .credit(AccountName::settlementInTransit(), amount)
                           .build();
            if (payoutSequence % 20 == 7) {
                entries << EntryBuilder(date, EntryKind::PayoutFailed, batch,
                                        QStringLiteral("Payee bank rejected the transfer"))
                               .debit(AccountName::settlementInTransit(), amount)
                               .credit(AccountName::merchantAvailable(merchants[m]), amount)
                               .build();
            } else {
                entries << EntryBuilder(date, EntryKind::PayoutConfirmed, batch, QStringLiteral("Payout confirmed"))
                               .debit(AccountName::settlementInTransit(), amount)
                               .credit(AccountName::bank(kBank), amount)
                               .build();
                available[m] = 0;
            }
        }
        // Today's payments, and refunds of some of them.
        for (int m = 0; m < options.merchants; ++m) {
            const int count =
                options.paymentsPerMerchantPerDay / 2 + int(random.bounded(options.paymentsPerMerchantPerDay + 1));
            for (int i = 0; i < count; ++i) {
                Payment payment;
                payment.merchant = m;
                payment.channel = int(random.bounded(int(std::size(kChannels))));
                const DemoChannel &channel = kChannels[payment.channel];
                payment.orderNo = QStringLiteral("%1%2%3")
                                      .arg(QString::fromLatin1(channel.orderPrefix), dateText)
                                      .arg(++orderSequence, 7, 10, QLatin1Char('0'));
                payment.amount = Money::fromMinor(100 + random.bounded(200000), Currency::cny());
                payment.channelFee = Money::fromMinor(feeOf(payment.amount, channel.costPpm), Currency::cny());
                payment.merchantFee = Money::fromMinor(feeOf(payment.amount, merchantRatePpm[m]), Currency::cny());
                payment.refunded = Money::zero(Currency::cny());
                const qint64 a = payment.amount.minor();
                const qint64 c = payment.channelFee.minor();
                const qint64 fee = payment.merchantFee.minor();
                const AccountName receivableAccount =
                    AccountName::channelReceivable(QString::fromLatin1(channel.account));
                entries << EntryBuilder(date, EntryKind::Payment, payment.orderNo, QStringLiteral("Payment succeeded"))
                               .eventKey(QStringLiteral("payment:") + payment.orderNo)
                               .debit(receivableAccount, a - c)
                               .debit(AccountName::channelFeeExpense(), c)
                               .credit(AccountName::merchantPending(merchants[m]), a - fee)
                               .credit(AccountName::feeIncome(), fee)
                               .build();
                ++summary.payments;
                uncleared[m] += a - fee;
                receivable[payment.channel] += a - c;

                if (random.bounded(100) >= 6)
                    continue;
                // A partial refund, and sometimes the rest too: the last one takes the fee remainder.
                QList<Money> refunds{Money::fromMinor(a / 2, Currency::cny())};
                if (random.bounded(2) == 0)
                    refunds << Money::fromMinor(a - a / 2, Currency::cny());
                int refundIndex = 0;
                for (const Money &refund : std::as_const(refunds)) {
                    if (refund.isZero())
                        continue;
                    const qint64 cr = Fees::proRataShare(payment.channelFee, payment.amount, payment.refunded, refund,
                                                         RoundingMode::HalfUp)
                                          .value()
                                          .minor();
                    const qint64 mr = Fees::proRataShare(payment.merchantFee, payment.amount, payment.refunded, refund,
                                                         RoundingMode::HalfUp)
                                          .value()
                                          .minor();
                    const QString refundNo = QStringLiteral("R%1-%2").arg(payment.orderNo).arg(++refundIndex);
                    const qint64 r = refund.minor();
                    entries << EntryBuilder(date, EntryKind::Refund, refundNo, QStringLiteral("Refund succeeded"))
                                   .eventKey(QStringLiteral("refund:") + refundNo)
                                   .debit(AccountName::merchantPending(merchants[m]), r - mr)
                                   .debit(AccountName::feeIncome(), mr)
                                   .credit(receivableAccount, r - cr)
                                   .credit(AccountName::channelFeeExpense(), cr)
                                   .build();
                    payment.refunded = Money::fromMinor(payment.refunded.minor() + r, Currency::cny());
                    uncleared[m] -= r - mr;
                    receivable[payment.channel] -= r - cr;
                    ++summary.refunds;
                }
            }
        }

        auto posted = ledger.post(entries, Ledger::PostOptions{true});
        if (!posted)
            return posted.error().within(date.toString(Qt::ISODate));
        summary.entries += posted->size();
        if (progress && !progress(day + 1, options.days))
            return Error(ErrorCode::Cancelled);
    }
    auto committed = work.commit();
    if (!committed)
        return committed.error();
    return summary;
}

} // namespace paydesk
