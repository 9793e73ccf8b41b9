#include "core/channel/ChannelNames.h"
#include "core/channel/account/ChannelAccountService.h"
#include "core/fee/FeeService.h"
#include "tests/routing/RoutingTestSupport.h"

using namespace paydesk;
using namespace paydesk::test;

namespace {
Rate ppm(qint64 value)
{
    return Rate::fromPpm(value).value();
}

const QDate kToday(2026, 11, 26); // MockClock's business date (04:00 UTC = 12:00 in Shanghai)

// The services of one test on one backend, with an onboarding operator (fee.manage) and a
// WeChat account and two merchants to rate.
struct Bed
{
    explicit Bed(const QString &backend)
        : f(backend), accounts(f.core().database(), f.clock(), f.core().audit(), f.core().vault()),
          fees(f.core().database(), f.clock(), f.core().audit())
    {
        if (!f.isOpen())
            return;
        onboarding = f.operatorWith(QStringLiteral("onboarder"), {Role::Onboarding});
        m1 = insertMerchant(f.core().database(), QStringLiteral("M001"));
        m2 = insertMerchant(f.core().database(), QStringLiteral("M002"));
        auto created = accounts.create(onboarding, sampleAccount(ChannelKind::WeChatPay, QStringLiteral("wx-shared"),
                                                                 QStringLiteral("1900000109")));
        if (created)
            account = created->id;
        else
            qWarning() << created.error().message();
    }
    bool ready() const { return f.isOpen() && onboarding.isValid() && m1 > 0 && m2 > 0 && account > 0; }

    qint64 merchantRate(qint64 merchant, PayMethod method, const QDate &date)
    {
        auto rate = fees.merchantRateOn(onboarding, merchant, method, date);
        return rate ? rate->rate.ppm() : -1;
    }

    CoreFixture f;
    ChannelAccountService accounts;
    FeeService fees;
    Actor onboarding;
    qint64 m1 = 0;
    qint64 m2 = 0;
    qint64 account = 0;
};
} // namespace

class TestFees : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase_data() { TestDatabase::addBackendRows(); }

    void ratesAreEffectiveDated()
    {
        QFETCH_GLOBAL(QString, backend);
        Bed bed(backend);
        QVERIFY2(bed.ready(), qPrintable(bed.f.failure()));
        const PayMethod native = PayMethod::WeChatNative;
        QVERIFY(bed.fees.setMerchantRate(bed.onboarding, bed.m1, native, ppm(6000), kToday));
        QVERIFY(bed.fees.setMerchantRate(bed.onboarding, bed.m1, native, ppm(3800), QDate(2026, 12, 10)));

        QCOMPARE(bed.fees.merchantRateOn(bed.onboarding, bed.m1, native, kToday.addDays(-1)).error().code(),
                 ErrorCode::FeeRateMissing);
        QCOMPARE(bed.merchantRate(bed.m1, native, kToday), 6000);
        QCOMPARE(bed.merchantRate(bed.m1, native, QDate(2026, 12, 9)), 6000);
        QCOMPARE(bed.merchantRate(bed.m1, native, QDate(2026, 12, 10)), 3800);
        QCOMPARE(bed.merchantRate(bed.m1, native, QDate(2027, 6, 1)), 3800);
        // Another method and another merchant are separate.
        QCOMPARE(bed.merchantRate(bed.m1, PayMethod::WeChatJsapi, kToday), -1);
        QCOMPARE(bed.merchantRate(bed.m2, native, kToday), -1);

        // Time passes: on 10 December a change from the 20th.
        bed.f.clock().set(QDateTime(QDate(2026, 12, 10), QTime(2, 0), Qt::UTC));
        QVERIFY(bed.fees.setMerchantRate(bed.onboarding, bed.m1, native, ppm(3000), QDate(2026, 12, 20)));
        QCOMPARE(bed.merchantRate(bed.m1, native, QDate(2026, 12, 19)), 3800);
        QCOMPARE(bed.merchantRate(bed.m1, native, QDate(2026, 12, 20)), 3000);
        QCOMPARE(bed.merchantRate(bed.m1, native, kToday), 6000);

        // Channel cost rates work the same way, and only for the account's own channel's methods.
        QVERIFY(bed.fees.setChannelCostRate(bed.onboarding, bed.account, native, ppm(2000), QDate(2026, 12, 10)));
        QVERIFY(bed.fees.setChannelCostRate(bed.onboarding, bed.account, native, ppm(2500), QDate(2027, 1, 1)));
        QCOMPARE(bed.fees.channelCostRateOn(bed.onboarding, bed.account, native, QDate(2026, 12, 31))->rate.ppm(),
                 2000);
        QCOMPARE(bed.fees.channelCostRateOn(bed.onboarding, bed.account, native, QDate(2027, 1, 1))->rate.ppm(), 2500);
        QCOMPARE(bed.fees.channelCostRateOn(bed.onboarding, bed.account, native, QDate(2026, 12, 9)).error().code(),
                 ErrorCode::FeeRateMissing);
        QCOMPARE(bed.fees
                     .setChannelCostRate(bed.onboarding, bed.account, PayMethod::AlipayPrecreate, ppm(2000),
                                         QDate(2026, 12, 10))
                     .error()
                     .code(),
                 ErrorCode::FeeRateInvalid);
        QCOMPARE(
            bed.fees.setChannelCostRate(bed.onboarding, 987654, native, ppm(2000), QDate(2026, 12, 10)).error().code(),
            ErrorCode::ChannelAccountUnknown);
        QCOMPARE(
            bed.fees.setMerchantRate(bed.onboarding, 987654, native, ppm(2000), QDate(2026, 12, 10)).error().code(),
            ErrorCode::MerchantUnknown);
    }

    void noBackdating()
    {
        QFETCH_GLOBAL(QString, backend);
        Bed bed(backend);
        QVERIFY2(bed.ready(), qPrintable(bed.f.failure()));
        auto backdated =
            bed.fees.setMerchantRate(bed.onboarding, bed.m1, PayMethod::WeChatNative, ppm(6000), kToday.addDays(-1));
        QCOMPARE(backdated.error().code(), ErrorCode::FeeRateInvalid);
        QVERIFY(backdated.error().detail().contains(QStringLiteral("backdating")));
        QCOMPARE(bed.fees
                     .setChannelCostRate(bed.onboarding, bed.account, PayMethod::WeChatNative, ppm(2000),
                                         kToday.addDays(-30))
                     .error()
                     .code(),
                 ErrorCode::FeeRateInvalid);
        QCOMPARE(bed.fees.setMerchantRate(bed.onboarding, bed.m1, PayMethod::WeChatNative, ppm(6000), QDate())
                     .error()
                     .code(),
                 ErrorCode::FeeRateInvalid);
        QVERIFY(bed.fees.merchantRateHistory(bed.onboarding, bed.m1)->isEmpty());
        QVERIFY(bed.fees.channelCostHistory(bed.onboarding, bed.account)->isEmpty());
        // The business date is Shanghai's: at 17:00 UTC on the 26th it is already the 27th there.
        bed.f.clock().set(QDateTime(kToday, QTime(17, 0), Qt::UTC));
        QCOMPARE(
            bed.fees.setMerchantRate(bed.onboarding, bed.m1, PayMethod::WeChatNative, ppm(6000), kToday).error().code(),
            ErrorCode::FeeRateInvalid);
        QVERIFY(
            bed.fees.setMerchantRate(bed.onboarding, bed.m1, PayMethod::WeChatNative, ppm(6000), kToday.addDays(1)));
    }

    void futureRowsCanBeReplacedOrWithdrawn()
    {
        QFETCH_GLOBAL(QString, backend);
        Bed bed(backend);
        QVERIFY2(bed.ready(), qPrintable(bed.f.failure()));
        const QDate december(2026, 12, 1);
        auto first = bed.fees.setMerchantRate(bed.onboarding, bed.m1, PayMethod::AlipayPrecreate, ppm(5000), december);
        QVERIFY(first);
        QVERIFY(!first->replaced);
        auto second = bed.fees.setMerchantRate(bed.onboarding, bed.m1, PayMethod::AlipayPrecreate, ppm(4500), december);
        QVERIFY(second);
        QVERIFY(second->replaced);
        QCOMPARE(second->replaced->rate.ppm(), 5000);
        QCOMPARE(second->rate.rate.ppm(), 4500);
        auto history = bed.fees.merchantRateHistory(bed.onboarding, bed.m1);
        QCOMPARE(history->size(), 1);
        QCOMPARE(history->first().rate.ppm(), 4500);
        QCOMPARE(bed.merchantRate(bed.m1, PayMethod::AlipayPrecreate, december), 4500);

        QVERIFY(bed.fees.withdrawMerchantRate(bed.onboarding, bed.m1, PayMethod::AlipayPrecreate, december));
        QVERIFY(bed.fees.merchantRateHistory(bed.onboarding, bed.m1)->isEmpty());
        QCOMPARE(bed.merchantRate(bed.m1, PayMethod::AlipayPrecreate, december), -1);
        QCOMPARE(
            bed.fees.withdrawMerchantRate(bed.onboarding, bed.m1, PayMethod::AlipayPrecreate, december).error().code(),
            ErrorCode::FeeRateMissing);

        // Both changes are on record with before and after.
        auto records = bed.f.core().audit().records(bed.f.admin(),
                                                    {QString(), QStringLiteral("fee.merchant_rate"), {}, {}}, 0, 10);
        QVERIFY(records);
        QCOMPARE(records->size(), 3);
        QCOMPARE(records->at(0).action, QStringLiteral("fee.merchant_rate.withdraw"));
        QVERIFY(records->at(0).detail.contains(QStringLiteral("\"before\"")));
        QCOMPARE(records->at(1).action, QStringLiteral("fee.merchant_rate.set"));
        QVERIFY(records->at(1).detail.contains(QStringLiteral("5000")));
        QVERIFY(records->at(1).detail.contains(QStringLiteral("4500")));
    }

    void ratesInEffectNeverChange()
    {
        QFETCH_GLOBAL(QString, backend);
        Bed bed(backend);
        QVERIFY2(bed.ready(), qPrintable(bed.f.failure()));
        const PayMethod native = PayMethod::WeChatNative;
        QVERIFY(bed.fees.setMerchantRate(bed.onboarding, bed.m1, native, ppm(6000), kToday));
        QCOMPARE(bed.fees.setMerchantRate(bed.onboarding, bed.m1, native, ppm(5000), kToday).error().code(),
                 ErrorCode::FeeRateInvalid);
        QCOMPARE(bed.fees.withdrawMerchantRate(bed.onboarding, bed.m1, native, kToday).error().code(),
                 ErrorCode::FeeRateInvalid);

        const QDate december(2026, 12, 1);
        QVERIFY(bed.fees.setMerchantRate(bed.onboarding, bed.m1, native, ppm(4000), december));
        QVERIFY(bed.fees.setChannelCostRate(bed.onboarding, bed.account, native, ppm(2000), december));
        bed.f.clock().set(QDateTime(december, QTime(1, 0), Qt::UTC)); // the row takes effect
        QCOMPARE(bed.fees.setMerchantRate(bed.onboarding, bed.m1, native, ppm(3000), december).error().code(),
                 ErrorCode::FeeRateInvalid);
        QCOMPARE(bed.fees.withdrawMerchantRate(bed.onboarding, bed.m1, native, december).error().code(),
                 ErrorCode::FeeRateInvalid);
        QCOMPARE(bed.fees.setChannelCostRate(bed.onboarding, bed.account, native, ppm(1000), december).error().code(),
                 ErrorCode::FeeRateInvalid);
        QCOMPARE(bed.fees.withdrawChannelCostRate(bed.onboarding, bed.account, native, december).error().code(),
                 ErrorCode::FeeRateInvalid);
        QCOMPARE(bed.merchantRate(bed.m1, native, kToday), 6000);
        QCOMPARE(bed.merchantRate(bed.m1, native, december), 4000);
        QCOMPARE(bed.fees.channelCostRateOn(bed.onboarding, bed.account, native, december)->rate.ppm(), 2000);
        // A new rate from a later date is the way to change it.
        QVERIFY(bed.fees.setMerchantRate(bed.onboarding, bed.m1, native, ppm(3000), december.addDays(1)));
        QCOMPARE(bed.merchantRate(bed.m1, native, december.addDays(1)), 3000);
    }

    void historyIsNewestFirst()
    {
        QFETCH_GLOBAL(QString, backend);
        Bed bed(backend);
        QVERIFY2(bed.ready(), qPrintable(bed.f.failure()));
        QVERIFY(
            bed.fees.setMerchantRate(bed.onboarding, bed.m1, PayMethod::WeChatNative, ppm(6000), QDate(2026, 12, 5)));
        QVERIFY(bed.fees.setMerchantRate(bed.onboarding, bed.m1, PayMethod::WeChatNative, ppm(5000), kToday));
        QVERIFY(bed.fees.setMerchantRate(bed.onboarding, bed.m1, PayMethod::AlipayPrecreate, ppm(5500),
                                         QDate(2026, 12, 20)));
        QVERIFY(
            bed.fees.setMerchantRate(bed.onboarding, bed.m1, PayMethod::WeChatJsapi, ppm(5200), QDate(2026, 12, 5)));
        QVERIFY(bed.fees.setMerchantRate(bed.onboarding, bed.m2, PayMethod::WeChatNative, ppm(1), kToday));
        auto history = bed.fees.merchantRateHistory(bed.onboarding, bed.m1);
        QVERIFY(history);
        QCOMPARE(history->size(), 4);
        QCOMPARE(history->at(0).effectiveFrom, QDate(2026, 12, 20));
        QCOMPARE(history->at(1).effectiveFrom, QDate(2026, 12, 5));
        QCOMPARE(history->at(1).method, PayMethod::WeChatJsapi); // same date: by method name
        QCOMPARE(history->at(2).method, PayMethod::WeChatNative);
        QCOMPARE(history->at(3).effectiveFrom, kToday);
        QCOMPARE(history->at(3).rate.ppm(), 5000);
        QCOMPARE(history->at(3).createdBy, QStringLiteral("onboarder"));
        QCOMPARE(history->at(3).subjectId, bed.m1);
    }

    void templatesApplyAllOrNothing()
    {
        QFETCH_GLOBAL(QString, backend);
        Bed bed(backend);
        QVERIFY2(bed.ready(), qPrintable(bed.f.failure()));
        FeeTemplate retail;
        retail.name = QStringLiteral("retail");
        retail.description = QStringLiteral("Standard retail");
        QCOMPARE(bed.fees.createTemplate(bed.onboarding, retail).error().code(), ErrorCode::FeeRateInvalid); // no rates
        retail.rates.insert(PayMethod::WeChatNative, ppm(3800));
        retail.rates.insert(PayMethod::AlipayPrecreate, ppm(3800));
        FeeTemplate blank = retail;
        blank.name = QStringLiteral("  ");
        QCOMPARE(bed.fees.createTemplate(bed.onboarding, blank).error().code(), ErrorCode::FeeRateInvalid);
        auto created = bed.fees.createTemplate(bed.onboarding, retail);
        QVERIFY2(created, qPrintable(created.error().message()));
        QCOMPARE(created->rates.size(), 2);
        QCOMPARE(bed.fees.createTemplate(bed.onboarding, retail).error().code(),
                 ErrorCode::FeeRateInvalid); // duplicate name

        const qint64 closed =
            insertMerchant(bed.f.core().database(), QStringLiteral("M-CLOSED"), QStringLiteral("closed"));
        const QDate from(2026, 12, 1);
        QCOMPARE(bed.fees.applyTemplate(bed.onboarding, created->id, {bed.m1, bed.m2, closed}, from).error().code(),
                 ErrorCode::MerchantTransitionRefused);
        QCOMPARE(bed.fees.applyTemplate(bed.onboarding, created->id, {bed.m1, 424242}, from).error().code(),
                 ErrorCode::MerchantUnknown);
        // A merchant whose rate of that date is already in effect spoils the whole application.
        QVERIFY(bed.fees.setMerchantRate(bed.onboarding, bed.m2, PayMethod::AlipayPrecreate, ppm(6000), kToday));
        QCOMPARE(bed.fees.applyTemplate(bed.onboarding, created->id, {bed.m1, bed.m2}, kToday).error().code(),
                 ErrorCode::FeeRateInvalid);
        QVERIFY(bed.fees.merchantRateHistory(bed.onboarding, bed.m1)->isEmpty());
        QCOMPARE(bed.fees.merchantRateHistory(bed.onboarding, bed.m2)->size(), 1);
        QCOMPARE(bed.fees.applyTemplate(bed.onboarding, created->id, {bed.m1}, kToday.addDays(-1)).error().code(),
                 ErrorCode::FeeRateInvalid);
        QCOMPARE(bed.fees.applyTemplate(bed.onboarding, 999, {bed.m1}, from).error().code(),
                 ErrorCode::FeeTemplateUnknown);

        auto applied = bed.fees.applyTemplate(bed.onboarding, created->id, {bed.m1, bed.m2, bed.m1}, from);
        QVERIFY2(applied, qPrintable(applied.error().message()));
        QCOMPARE(*applied, 4);
        for (qint64 merchant : {bed.m1, bed.m2}) {
            auto rate = bed.fees.merchantRateOn(bed.onboarding, merchant, PayMethod::AlipayPrecreate, from);
            QCOMPARE(rate->rate.ppm(), 3800);
            QCOMPARE(rate->templateId, created->id);
            QCOMPARE(bed.merchantRate(merchant, PayMethod::WeChatNative, from), 3800);
        }
        QCOMPARE(bed.merchantRate(bed.m2, PayMethod::AlipayPrecreate, kToday), 6000);

        // Editing the template changes nothing already applied; an applied template is kept.
        FeeTemplate edited = bed.fees.findTemplate(bed.onboarding, created->id).value();
        QVERIFY(edited.applied);
        edited.rates[PayMethod::WeChatNative] = ppm(3000);
        QVERIFY(bed.fees.updateTemplate(bed.onboarding, edited));
        QCOMPARE(bed.fees.findTemplate(bed.onboarding, created->id)->rates.value(PayMethod::WeChatNative).ppm(), 3000);
        QCOMPARE(bed.merchantRate(bed.m1, PayMethod::WeChatNative, from), 3800);
        QCOMPARE(bed.fees.deleteTemplate(bed.onboarding, created->id).error().code(), ErrorCode::FeeTemplateInUse);
        FeeTemplate spare;
        spare.name = QStringLiteral("spare");
        spare.rates.insert(PayMethod::UnionPayFront, ppm(5000));
        auto spareCreated = bed.fees.createTemplate(bed.onboarding, spare);
        QVERIFY(spareCreated);
        QVERIFY(!spareCreated->applied);
        QVERIFY(bed.fees.deleteTemplate(bed.onboarding, spareCreated->id));
        QCOMPARE(bed.fees.templates(bed.onboarding)->size(), 1);

        auto records = bed.f.core().audit().records(bed.f.admin(),
                                                    {QString(), QStringLiteral("fee.template.apply"), {}, {}}, 0, 10);
        QCOMPARE(records->size(), 1); // the refused applications left no record of success
        QVERIFY(records->first().detail.contains(QStringLiteral("\"rows\":4")));
    }

    void quoteRoundsHalfUp()
    {
        QFETCH_GLOBAL(QString, backend);
        Bed bed(backend);
        QVERIFY2(bed.ready(), qPrintable(bed.f.failure()));
        const PayMethod native = PayMethod::WeChatNative;
        QCOMPARE(bed.fees.quote(bed.m1, bed.account, native, cny(100), kToday).error().code(),
                 ErrorCode::FeeRateMissing);
        QVERIFY(bed.fees.setMerchantRate(bed.onboarding, bed.m1, native, ppm(4000), kToday)); // 0.4 %
        QCOMPARE(bed.fees.quote(bed.m1, bed.account, native, cny(100), kToday).error().code(),
                 ErrorCode::FeeRateMissing);
        QVERIFY(bed.fees.setChannelCostRate(bed.onboarding, bed.account, native, ppm(2500), kToday)); // 0.25 %

        // 1.25 × 0.4 % = 0.5 fen → 1 (half-up; half-even or truncation would give 0);
        // 1.25 × 0.25 % = 0.3125 fen → 0.
        auto half = bed.fees.quote(bed.m1, bed.account, native, cny(125), kToday);
        QVERIFY2(half, qPrintable(half.error().message()));
        QCOMPARE(half->merchantFee, cny(1));
        QCOMPARE(half->channelCost, cny(0));
        QCOMPARE(half->margin, cny(1));
        // 123.45 × 0.4 % = 49.38 fen → 49; × 0.25 % = 30.8625 → 31.
        auto quote = bed.fees.quote(bed.onboarding, bed.m1, bed.account, native, cny(12345), kToday);
        QVERIFY(quote);
        QCOMPARE(quote->merchantFee, cny(49));
        QCOMPARE(quote->channelCost, cny(31));
        QCOMPARE(quote->margin, cny(18));
        QCOMPARE(quote->merchantRate.ppm(), 4000);
        QCOMPARE(quote->channelRate.ppm(), 2500);
        // 3.75 × 0.4 % = 1.5 fen → 2; 1,000,000.00 × 0.25 % = 2,500.00 exactly.
        QCOMPARE(bed.fees.quote(bed.m1, bed.account, native, cny(375), kToday)->merchantFee, cny(2));
        QCOMPARE(bed.fees.quote(bed.m1, bed.account, native, cny(100000000), kToday)->channelCost, cny(250000));

        QCOMPARE(bed.fees.quote(bed.m1, bed.account, PayMethod::AlipayPrecreate, cny(100), kToday).error().code(),
                 ErrorCode::FeeRateInvalid);
        QCOMPARE(
            bed.fees
                .quote(bed.m1, bed.account, native, Money::fromMinor(100, Currency::fromCode(u"USD").value()), kToday)
                .error()
                .code(),
            ErrorCode::CurrencyMismatch);
        QCOMPARE(bed.fees.quote(bed.m1, bed.account, native, cny(100), kToday.addDays(-1)).error().code(),
                 ErrorCode::FeeRateMissing);
    }

    void permissions()
    {
        QFETCH_GLOBAL(QString, backend);
        Bed bed(backend);
        QVERIFY2(bed.ready(), qPrintable(bed.f.failure()));
        QVERIFY(bed.fees.setMerchantRate(bed.onboarding, bed.m1, PayMethod::WeChatNative, ppm(6000), kToday));
        const Actor support = bed.f.operatorWith(QStringLiteral("support1"), {Role::Support});
        const Actor admin = bed.f.admin(); // runs the platform, but sets no fees
        QCOMPARE(bed.fees.merchantRateHistory(support, bed.m1)->size(), 1);
        QCOMPARE(bed.fees.merchantRateOn(support, bed.m1, PayMethod::WeChatNative, kToday)->rate.ppm(), 6000);
        QVERIFY(
            bed.fees.quote(support, bed.m1, bed.account, PayMethod::WeChatNative, cny(100), kToday).error().code() ==
            ErrorCode::FeeRateMissing);
        for (const Actor &actor : {support, admin}) {
            QCOMPARE(bed.fees.setMerchantRate(actor, bed.m1, PayMethod::WeChatNative, ppm(1), kToday.addDays(3))
                         .error()
                         .code(),
                     ErrorCode::PermissionDenied);
            QCOMPARE(bed.fees.setChannelCostRate(actor, bed.account, PayMethod::WeChatNative, ppm(1), kToday.addDays(3))
                         .error()
                         .code(),
                     ErrorCode::PermissionDenied);
            FeeTemplate feeTemplate;
            feeTemplate.name = QStringLiteral("x");
            feeTemplate.rates.insert(PayMethod::WeChatNative, ppm(1));
            QCOMPARE(bed.fees.createTemplate(actor, feeTemplate).error().code(), ErrorCode::PermissionDenied);
        }
        QCOMPARE(bed.fees.merchantRateHistory(Actor::anonymous(QStringLiteral("test")), bed.m1).error().code(),
                 ErrorCode::PermissionDenied);
        QCOMPARE(bed.fees.merchantRateHistory(support, bed.m1)->size(), 1);
        auto denied = bed.f.core().audit().records(
            admin, {QStringLiteral("support1"), QStringLiteral("permission.denied"), {}, {}}, 0, 10);
        QCOMPARE(denied->size(), 3);
    }
};

QTEST_GUILESS_MAIN(TestFees)
#include "tst_fees.moc"
