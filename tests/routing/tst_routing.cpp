#include "core/channel/account/ChannelAccountService.h"
#include "core/fee/FeeService.h"
#include "core/routing/Router.h"
#include "core/routing/RoutingRules.h"
#include "core/routing/RoutingService.h"
#include "core/storage/Migrator.h"
#include "core/storage/UnitOfWork.h"
#include "tests/routing/RoutingTestSupport.h"

#include <QRandomGenerator>
#include <QThread>

#include <atomic>
#include <memory>
#include <vector>

using namespace paydesk;
using namespace paydesk::test;

namespace {
const QDate kToday(2026, 11, 26); // MockClock's business date

// One test's services on one backend: a merchant, three shared WeChat accounts (A, B, C) and an
// onboarding operator who may manage accounts, fees and routing.
struct Bed
{
    explicit Bed(const QString &backend)
        : f(backend), accounts(f.core().database(), f.clock(), f.core().audit(), f.core().vault()),
          fees(f.core().database(), f.clock(), f.core().audit()),
          routing(f.core().database(), f.clock(), f.core().audit())
    {
        if (!f.isOpen())
            return;
        onboarding = f.operatorWith(QStringLiteral("onboarder"), {Role::Onboarding});
        merchant = insertMerchant(f.core().database(), QStringLiteral("M001"));
        a = account(QStringLiteral("wx-a"), QStringLiteral("1000000001"));
        b = account(QStringLiteral("wx-b"), QStringLiteral("1000000002"));
        c = account(QStringLiteral("wx-c"), QStringLiteral("1000000003"));
    }
    bool ready() const { return f.isOpen() && onboarding.isValid() && merchant > 0 && a > 0 && b > 0 && c > 0; }

    qint64 account(const QString &name, const QString &mchid, ChannelKind channel = ChannelKind::WeChatPay)
    {
        auto created = accounts.create(onboarding, sampleAccount(channel, name, mchid));
        if (!created)
            qWarning() << created.error().message();
        return created ? created->id : 0;
    }

    qint64 rule(qint64 accountId, int priority, int weight, PayMethod method = PayMethod::WeChatNative,
                qint64 forMerchant = 0)
    {
        RoutingRule rule;
        rule.merchantId = forMerchant ? forMerchant : merchant;
        rule.method = method;
        rule.channelAccountId = accountId;
        rule.priority = priority;
        rule.weight = weight;
        auto created = routing.createRule(onboarding, rule);
        if (!created)
            qWarning() << created.error().message();
        return created ? created->id : 0;
    }

    RouteRequest request(qint64 fen, QList<qint64> excluded = {}) const
    {
        return RouteRequest{merchant, PayMethod::WeChatNative, cny(fen), kToday, std::move(excluded)};
    }

    Status setLimits(qint64 id, qint64 perTransaction, qint64 daily)
    {
        auto account = accounts.find(onboarding, id);
        if (!account)
            return account.error();
        account->perTransactionLimit = cny(perTransaction);
        account->dailyLimit = cny(daily);
        auto updated = accounts.update(onboarding, *account);
        if (!updated)
            return updated.error();
        return {};
    }

    CoreFixture f;
    ChannelAccountService accounts;
    FeeService fees;
    RoutingService routing;
    Actor onboarding;
    qint64 merchant = 0;
    qint64 a = 0;
    qint64 b = 0;
    qint64 c = 0;
};

const RouteStep *stepFor(const RouteDecision &decision, qint64 accountId)
{
    for (const RouteStep &step : decision.steps) {
        if (step.accountId == accountId)
            return &step;
    }
    return nullptr;
}
} // namespace

class TestRouting : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase_data() { TestDatabase::addBackendRows(); }

    void rulesAreValidated()
    {
        QFETCH_GLOBAL(QString, backend);
        Bed bed(backend);
        QVERIFY2(bed.ready(), qPrintable(bed.f.failure()));
        RoutingRule rule;
        rule.merchantId = bed.merchant;
        rule.method = PayMethod::AlipayPrecreate;
        rule.channelAccountId = bed.a;
        auto wrongChannel = bed.routing.createRule(bed.onboarding, rule);
        QCOMPARE(wrongChannel.error().code(), ErrorCode::RoutingRuleInvalid);
        QVERIFY(wrongChannel.error().detail().contains(QStringLiteral("alipay.precreate")));
        rule.method = PayMethod::WeChatNative;
        for (auto [priority, weight] : {std::pair{0, 1}, std::pair{1, 0}, std::pair{1, 10001}, std::pair{1001, 1}}) {
            rule.priority = priority;
            rule.weight = weight;
            QCOMPARE(bed.routing.createRule(bed.onboarding, rule).error().code(), ErrorCode::RoutingRuleInvalid);
        }
        rule.priority = 1;
        rule.weight = 10000;
        rule.channelAccountId = 424242;
        QCOMPARE(bed.routing.createRule(bed.onboarding, rule).error().code(), ErrorCode::ChannelAccountUnknown);
        rule.channelAccountId = bed.a;
        rule.merchantId = 424242;
        QCOMPARE(bed.routing.createRule(bed.onboarding, rule).error().code(), ErrorCode::MerchantUnknown);
        rule.merchantId = insertMerchant(bed.f.core().database(), QStringLiteral("M-CLOSED"), QStringLiteral("closed"));
        QCOMPARE(bed.routing.createRule(bed.onboarding, rule).error().code(), ErrorCode::MerchantTransitionRefused);
        rule.merchantId = bed.merchant;
        auto created = bed.routing.createRule(bed.onboarding, rule);
        QVERIFY2(created, qPrintable(created.error().message()));
        QCOMPARE(created->accountName, QStringLiteral("wx-a"));
        QCOMPARE(created->weight, 10000);
        auto duplicate = bed.routing.createRule(bed.onboarding, rule);
        QCOMPARE(duplicate.error().code(), ErrorCode::RoutingRuleInvalid);
        QVERIFY(duplicate.error().detail().contains(QStringLiteral("already")));

        // An own account serves its owner only.
        const qint64 other = insertMerchant(bed.f.core().database(), QStringLiteral("M002"));
        ChannelAccount own =
            sampleAccount(ChannelKind::WeChatPay, QStringLiteral("wx-own"), QStringLiteral("1000000009"));
        own.mode = ChannelAccountMode::Own;
        own.ownerMerchantId = other;
        auto ownAccount = bed.accounts.create(bed.onboarding, own);
        QVERIFY2(ownAccount, qPrintable(ownAccount.error().message()));
        QCOMPARE(bed.rule(ownAccount->id, 1, 1), 0);
        QVERIFY(bed.rule(ownAccount->id, 1, 1, PayMethod::WeChatNative, other) > 0);
        // ... and cannot then be given to another merchant while rules of others use it.
        QVERIFY(bed.rule(bed.b, 1, 1) > 0);
        ChannelAccount b = bed.accounts.find(bed.onboarding, bed.b).value();
        b.mode = ChannelAccountMode::Own;
        b.ownerMerchantId = other;
        QCOMPARE(bed.accounts.update(bed.onboarding, b).error().code(), ErrorCode::ChannelAccountInvalid);
        // A merchant settling in another currency cannot use a CNY account.
        const qint64 dollars = insertMerchant(bed.f.core().database(), QStringLiteral("M-USD"),
                                              QStringLiteral("active"), QStringLiteral("USD"));
        QCOMPARE(bed.rule(bed.a, 1, 1, PayMethod::WeChatNative, dollars), 0);

        // Updating keeps the merchant and checks again.
        RoutingRule changed = *created;
        changed.merchantId = other;
        changed.weight = 5;
        changed.channelAccountId = bed.b; // duplicate of the rule on B
        QCOMPARE(bed.routing.updateRule(bed.onboarding, changed).error().code(), ErrorCode::RoutingRuleInvalid);
        changed.channelAccountId = bed.c;
        auto updated = bed.routing.updateRule(bed.onboarding, changed);
        QVERIFY2(updated, qPrintable(updated.error().message()));
        QCOMPARE(updated->merchantId, bed.merchant);
        QCOMPARE(updated->accountName, QStringLiteral("wx-c"));
        QCOMPARE(updated->weight, 5);
        QCOMPARE(bed.routing.rules(bed.onboarding, bed.merchant)->size(), 2);
        QCOMPARE(bed.routing.rules(bed.onboarding)->size(), 3);
        QVERIFY(bed.routing.deleteRule(bed.onboarding, updated->id));
        QCOMPARE(bed.routing.rules(bed.onboarding, bed.merchant)->size(), 1);
        QCOMPARE(bed.routing.rule(bed.onboarding, updated->id).error().code(), ErrorCode::RoutingRuleInvalid);
    }

    void lowestPriorityNumberFirst()
    {
        QFETCH_GLOBAL(QString, backend);
        Bed bed(backend);
        QVERIFY2(bed.ready(), qPrintable(bed.f.failure()));
        const qint64 ruleA = bed.rule(bed.a, 1, 1);
        QVERIFY(ruleA > 0);
        QVERIFY(bed.rule(bed.b, 2, 100) > 0);
        QVERIFY(bed.rule(bed.c, 3, 100) > 0);
        QRandomGenerator random(7);
        for (int i = 0; i < 50; ++i) {
            auto decision = bed.routing.route(bed.request(1000), random);
            QVERIFY2(decision, qPrintable(decision.error().message()));
            QCOMPARE(decision->accountId, bed.a);
            QCOMPARE(decision->priority, 1);
        }
        auto decision = bed.routing.route(bed.request(1000), random).value();
        QCOMPARE(decision.steps.size(), 3);
        QCOMPARE(decision.steps.at(0).outcome, RouteOutcome::Chosen);
        QCOMPARE(decision.steps.at(1).outcome, RouteOutcome::LowerPriority);
        QCOMPARE(decision.steps.at(2).outcome, RouteOutcome::LowerPriority);
        QVERIFY(decision.steps.at(1).reason.contains(QStringLiteral("priority 1 comes first")));

        // The first group is empty once its rule is disabled: the next one takes over.
        QVERIFY(bed.routing.setRuleEnabled(bed.onboarding, ruleA, false));
        decision = bed.routing.route(bed.request(1000), random).value();
        QCOMPARE(decision.accountId, bed.b);
        QCOMPARE(decision.priority, 2);
        QCOMPARE(stepFor(decision, bed.a)->outcome, RouteOutcome::RuleDisabled);
        QCOMPARE(stepFor(decision, bed.c)->outcome, RouteOutcome::LowerPriority);
        // A disabled account is skipped the same way.
        QVERIFY(bed.accounts.setEnabled(bed.onboarding, bed.b, false));
        decision = bed.routing.route(bed.request(1000), random).value();
        QCOMPARE(decision.accountId, bed.c);
        QCOMPARE(stepFor(decision, bed.b)->outcome, RouteOutcome::AccountDisabled);
        QVERIFY(stepFor(decision, bed.b)->reason.contains(QStringLiteral("account is disabled")));
    }

    void weightsShareTheDraws()
    {
        QFETCH_GLOBAL(QString, backend);
        Bed bed(backend);
        QVERIFY2(bed.ready(), qPrintable(bed.f.failure()));
        QVERIFY(bed.rule(bed.a, 1, 70) > 0);
        QVERIFY(bed.rule(bed.b, 1, 30) > 0);
        QVERIFY(bed.rule(bed.c, 2, 10000) > 0);
        auto candidates = RoutingRules::candidates(bed.f.core().database().connection().value(), bed.merchant,
                                                   PayMethod::WeChatNative, kToday);
        QVERIFY(candidates);
        QCOMPARE(candidates->size(), 3);
        QRandomGenerator random(20261126);
        int toA = 0;
        int toB = 0;
        const int draws = 10000;
        for (int i = 0; i < draws; ++i) {
            auto decision = Router::route(bed.request(1000), *candidates, random);
            QVERIFY(decision);
            toA += decision->accountId == bed.a;
            toB += decision->accountId == bed.b;
        }
        QCOMPARE(toA + toB, draws); // priority 2 is never drawn while priority 1 has an account
        QVERIFY2(qAbs(toA - 7000) <= 200, qPrintable(QString::number(toA)));
        QVERIFY2(qAbs(toB - 3000) <= 200, qPrintable(QString::number(toB)));

        // The service draws the same way, and the explanation shows the shares.
        auto decision = bed.routing.route(bed.request(1000), random).value();
        const RouteStep *chosen = stepFor(decision, decision.accountId);
        const RouteStep *other = stepFor(decision, decision.accountId == bed.a ? bed.b : bed.a);
        QCOMPARE(chosen->outcome, RouteOutcome::Chosen);
        QCOMPARE(other->outcome, RouteOutcome::NotDrawn);
        QCOMPARE(stepFor(decision, bed.a)->shareBasisPoints, 7000);
        QCOMPARE(stepFor(decision, bed.b)->shareBasisPoints, 3000);
        QVERIFY(stepFor(decision, bed.b)->reason.contains(QStringLiteral("weight 30 of 100 (30 %)")));
        QVERIFY(decision.explanation().contains(QStringLiteral("wx-a (priority 1, weight 70): ")));

        // Small weights expose an off-by-one in the draw: 1 : 1 : 2 must come out 25 / 25 / 50.
        QList<RouteCandidate> small;
        for (auto [id, weight] : {std::pair{1, 1}, std::pair{2, 1}, std::pair{3, 2}}) {
            RouteCandidate candidate;
            candidate.rule.id = id;
            candidate.rule.weight = weight;
            candidate.account.id = 100 + id;
            candidate.account.name = QStringLiteral("acct-%1").arg(id);
            candidate.usedToday = cny(0);
            small << candidate;
        }
        QHash<qint64, int> counts;
        for (int i = 0; i < draws; ++i)
            ++counts[Router::route(bed.request(1000), small, random)->accountId];
        QVERIFY2(qAbs(counts.value(101) - 2500) <= 200, qPrintable(QString::number(counts.value(101))));
        QVERIFY2(qAbs(counts.value(102) - 2500) <= 200, qPrintable(QString::number(counts.value(102))));
        QVERIFY2(qAbs(counts.value(103) - 5000) <= 200, qPrintable(QString::number(counts.value(103))));
    }

    void sameSeedSameChoices()
    {
        QFETCH_GLOBAL(QString, backend);
        Bed bed(backend);
        QVERIFY2(bed.ready(), qPrintable(bed.f.failure()));
        QVERIFY(bed.rule(bed.a, 1, 50) > 0);
        QVERIFY(bed.rule(bed.b, 1, 30) > 0);
        QVERIFY(bed.rule(bed.c, 1, 20) > 0);
        auto sequence = [&](quint32 seed) {
            QRandomGenerator random(seed);
            QList<qint64> chosen;
            for (int i = 0; i < 100; ++i)
                chosen << bed.routing.route(bed.request(1000), random)->accountId;
            return chosen;
        };
        const QList<qint64> first = sequence(42);
        QCOMPARE(first.size(), 100);
        QCOMPARE(sequence(42), first);
        QVERIFY(sequence(43) != first);
        QVERIFY(first.contains(bed.a) && first.contains(bed.b) && first.contains(bed.c));
    }

    void limitsSkipAccounts()
    {
        QFETCH_GLOBAL(QString, backend);
        Bed bed(backend);
        QVERIFY2(bed.ready(), qPrintable(bed.f.failure()));
        QVERIFY(bed.rule(bed.a, 1, 1) > 0);
        QVERIFY(bed.rule(bed.b, 2, 1) > 0);
        QVERIFY(bed.setLimits(bed.a, 10000, 100000)); // 100.00 per payment, 1,000.00 a day
        QRandomGenerator random(1);

        auto decision = bed.routing.route(bed.request(10000), random).value(); // exactly the limit
        QCOMPARE(decision.accountId, bed.a);
        decision = bed.routing.route(bed.request(10001), random).value();
        QCOMPARE(decision.accountId, bed.b);
        const RouteStep *overLimit = stepFor(decision, bed.a);
        QCOMPARE(overLimit->outcome, RouteOutcome::OverTransactionLimit);
        QCOMPARE(overLimit->limit, cny(10000));
        QVERIFY(
            overLimit->reason.contains(QStringLiteral("100.01 CNY is over the per-transaction limit of 100.00 CNY")));

        // 950.00 used today: 50.00 more fits, 60.00 does not; yesterday's usage does not count.
        for (qint64 fen : {50000, 45000})
            QVERIFY(bed.accounts.recordUsage(bed.a, kToday, cny(fen)));
        QVERIFY(bed.accounts.recordUsage(bed.a, kToday.addDays(-1), cny(99999)));
        auto usage = bed.accounts.usage(bed.a, kToday);
        QCOMPARE(usage->amount, cny(95000));
        QCOMPARE(usage->count, 2);
        QCOMPARE(bed.routing.route(bed.request(5000), random)->accountId, bed.a);
        decision = bed.routing.route(bed.request(6000), random).value();
        QCOMPARE(decision.accountId, bed.b);
        const RouteStep *overDaily = stepFor(decision, bed.a);
        QCOMPARE(overDaily->outcome, RouteOutcome::OverDailyLimit);
        QCOMPARE(overDaily->usedToday, cny(95000));
        QCOMPARE(overDaily->limit, cny(100000));
        QVERIFY2(overDaily->reason.contains(QStringLiteral("950.00 CNY used on 2026-11-26 + 60.00 CNY > 1000.00 CNY")),
                 qPrintable(overDaily->reason));
        // The next business date starts from zero.
        RouteRequest tomorrow = bed.request(6000);
        tomorrow.businessDate = kToday.addDays(1);
        QCOMPARE(bed.routing.route(tomorrow, random)->accountId, bed.a);

        // Usage is recorded in the account's currency, for positive amounts only.
        QCOMPARE(bed.accounts.recordUsage(bed.a, kToday, Money::fromMinor(1, Currency::fromCode(u"USD").value()))
                     .error()
                     .code(),
                 ErrorCode::CurrencyMismatch);
        QCOMPARE(bed.accounts.recordUsage(bed.a, kToday, cny(0)).error().code(), ErrorCode::InvalidArgument);
        QCOMPARE(bed.accounts.recordUsage(424242, kToday, cny(1)).error().code(), ErrorCode::ChannelAccountUnknown);
        QCOMPARE(bed.accounts.usage(bed.a, kToday)->amount, cny(95000));
        QCOMPARE(bed.accounts.usage(bed.onboarding, bed.c, kToday)->amount, cny(0));
    }

    void usageFromManyThreadsIsSummed()
    {
        QFETCH_GLOBAL(QString, backend);
        Bed bed(backend);
        QVERIFY2(bed.ready(), qPrintable(bed.f.failure()));
        QVERIFY(bed.rule(bed.a, 1, 1) > 0);
        QVERIFY(bed.rule(bed.b, 2, 1) > 0);
        // Eight threads at once, 40 payments each of 1.00 … 40.00: each thread writes a slot of
        // its own, and the day's usage is every slot together.
        constexpr int kThreads = 8;
        constexpr int kPayments = 40;
        std::atomic<int> failed{0};
        std::vector<std::unique_ptr<QThread>> threads;
        for (int t = 0; t < kThreads; ++t) {
            threads.emplace_back(QThread::create([&] {
                for (int n = 1; n <= kPayments; ++n) {
                    if (!bed.accounts.recordUsage(bed.a, kToday, cny(100 * n)))
                        ++failed;
                }
            }));
            threads.back()->start();
        }
        for (auto &thread : threads)
            QVERIFY(thread->wait(60000));
        QCOMPARE(failed.load(), 0);
        const qint64 perThread = 100 * kPayments * (kPayments + 1) / 2; // 820.00
        auto usage = bed.accounts.usage(bed.a, kToday);
        QCOMPARE(usage->amount, cny(kThreads * perThread));
        QCOMPARE(usage->count, kThreads * kPayments);
        const qint64 rows =
            Sql::scalar(bed.f.core().database().connection().value(),
                        QStringLiteral("SELECT count(*) FROM channel_account_usage WHERE channel_account_id = ?"),
                        {bed.a})
                ->toLongLong();
        QVERIFY2(rows > 1 && rows <= ChannelAccountUsage::kUsageSlots, qPrintable(QString::number(rows)));

        // The router holds the sum against the daily limit: 6,560.00 used, 1.00 more fits a
        // limit of 6,561.00 and 1.01 does not.
        QVERIFY(bed.setLimits(bed.a, 0, kThreads * perThread + 100));
        QRandomGenerator random(1);
        QCOMPARE(bed.routing.route(bed.request(100), random)->accountId, bed.a);
        const RouteDecision decision = bed.routing.route(bed.request(101), random).value();
        QCOMPARE(decision.accountId, bed.b);
        QCOMPARE(stepFor(decision, bed.a)->outcome, RouteOutcome::OverDailyLimit);
        QCOMPARE(stepFor(decision, bed.a)->usedToday, cny(kThreads * perThread));
    }

    void usageRowsMigrateIntoSlots()
    {
        QFETCH_GLOBAL(QString, backend);
        Bed bed(backend);
        QVERIFY2(bed.ready(), qPrintable(bed.f.failure()));
        // The table as migration 0008 left it, with two days of usage; migration 0009 then runs on
        // it again (its own statements: later migrations are not undone for it).
        const QSqlDatabase db = bed.f.core().database().connection().value();
        const QString dateType = bed.f.core().database().isSqlite() ? QStringLiteral("TEXT") : QStringLiteral("DATE");
        QVERIFY(Sql::exec(db, QStringLiteral("DROP TABLE channel_account_usage")));
        QVERIFY(Sql::exec(
            db, QStringLiteral(
                    "CREATE TABLE channel_account_usage (channel_account_id BIGINT NOT NULL REFERENCES channel_account "
                    "(id), "
                    "business_date %1 NOT NULL, amount BIGINT NOT NULL DEFAULT 0, count BIGINT NOT NULL DEFAULT 0, "
                    "PRIMARY KEY (channel_account_id, business_date))")
                    .arg(dateType)));
        QVERIFY(Sql::exec(db,
                          QStringLiteral("INSERT INTO channel_account_usage VALUES (?, ?, 95000, 2), (?, ?, 99999, 1)"),
                          {bed.a, kToday.toString(Qt::ISODate), bed.a, kToday.addDays(-1).toString(Qt::ISODate)}));
        for (const Migrator::Migration &migration : Migrator::available(bed.f.core().database().dialect())) {
            if (migration.version != 9)
                continue;
            for (const QString &statement : migration.statements)
                QVERIFY2(Sql::exec(db, statement).ok(), qPrintable(statement));
        }

        auto migrated = bed.f.testDatabase().openAnother();
        QVERIFY2(migrated, qPrintable(migrated ? QString() : migrated.error().message()));
        QCOMPARE(Migrator((**migrated)).currentVersion().value(), Migrator::latestVersion());
        ChannelAccountUsage usage(**migrated);
        QCOMPARE(usage.on(bed.a, kToday)->amount, cny(95000));
        QCOMPARE(usage.on(bed.a, kToday)->count, 2);
        QCOMPARE(usage.on(bed.a, kToday.addDays(-1))->amount, cny(99999));
        ChannelAccount a;
        a.id = bed.a;
        QVERIFY(usage.record(a, kToday, cny(500)));
        QCOMPARE(usage.on(bed.a, kToday)->amount, cny(95500));
        QCOMPARE(usage.on(bed.a, kToday)->count, 3);
        if (!bed.f.core().database().isSqlite()) {
            QCOMPARE(Sql::scalar((*migrated)->connection().value(),
                                 QStringLiteral(
                                     "SELECT count(*) FROM pg_indexes WHERE indexname = 'channel_account_usage_pkey'"))
                         ->toLongLong(),
                     1);
        }
    }

    void usageJoinsTheCallersTransaction()
    {
        QFETCH_GLOBAL(QString, backend);
        Bed bed(backend);
        QVERIFY2(bed.ready(), qPrintable(bed.f.failure()));
        {
            UnitOfWork payment(bed.f.core().database());
            QVERIFY(payment.isActive());
            QVERIFY(bed.accounts.recordUsage(bed.a, kToday, cny(700)));
            QCOMPARE(bed.accounts.usage(bed.a, kToday)->amount, cny(700));
            // abandoned: the payment failed, its usage goes with it
        }
        QCOMPARE(bed.accounts.usage(bed.a, kToday)->amount, cny(0));
        {
            UnitOfWork payment(bed.f.core().database());
            QVERIFY(bed.accounts.recordUsage(bed.a, kToday, cny(700)));
            QVERIFY(payment.commit());
        }
        QCOMPARE(bed.accounts.usage(bed.a, kToday)->amount, cny(700));
    }

    void fallbackAndNoRoute()
    {
        QFETCH_GLOBAL(QString, backend);
        Bed bed(backend);
        QVERIFY2(bed.ready(), qPrintable(bed.f.failure()));
        QRandomGenerator random(3);
        auto none = bed.routing.route(bed.request(1000), random);
        QCOMPARE(none.error().code(), ErrorCode::NoRoute);
        QVERIFY(none.error().detail().contains(QStringLiteral("no routing rule")));

        QVERIFY(bed.rule(bed.a, 1, 1) > 0);
        QVERIFY(bed.rule(bed.b, 1, 1) > 0);
        QVERIFY(bed.rule(bed.c, 2, 1) > 0);
        // A failed on this payment: the other of its group, then the next group.
        for (int i = 0; i < 20; ++i)
            QCOMPARE(bed.routing.route(bed.request(1000, {bed.a}), random)->accountId, bed.b);
        auto decision = bed.routing.route(bed.request(1000, {bed.a, bed.b}), random).value();
        QCOMPARE(decision.accountId, bed.c);
        QCOMPARE(stepFor(decision, bed.a)->outcome, RouteOutcome::Excluded);
        QCOMPARE(stepFor(decision, bed.b)->outcome, RouteOutcome::Excluded);
        auto exhausted = bed.routing.route(bed.request(1000, {bed.a, bed.b, bed.c}), random);
        QCOMPARE(exhausted.error().code(), ErrorCode::NoRoute);
        for (const char *name : {"wx-a", "wx-b", "wx-c"})
            QVERIFY2(exhausted.error().detail().contains(QLatin1String(name)), qPrintable(exhausted.error().detail()));
        QVERIFY(exhausted.error().detail().contains(QStringLiteral("excluded")));
        // Another method has no rules at all.
        RouteRequest jsapi = bed.request(1000);
        jsapi.method = PayMethod::WeChatJsapi;
        QCOMPARE(bed.routing.route(jsapi, random).error().code(), ErrorCode::NoRoute);
        QCOMPARE(bed.routing.route(bed.request(0), random).error().code(), ErrorCode::InvalidArgument);
    }

    void explanationCoversEveryRule()
    {
        QFETCH_GLOBAL(QString, backend);
        Bed bed(backend);
        QVERIFY2(bed.ready(), qPrintable(bed.f.failure()));
        const qint64 d = bed.account(QStringLiteral("wx-d"), QStringLiteral("1000000004"));
        const qint64 e = bed.account(QStringLiteral("wx-e"), QStringLiteral("1000000005"));
        const qint64 g = bed.account(QStringLiteral("wx-g"), QStringLiteral("1000000006"));
        const qint64 h = bed.account(QStringLiteral("wx-h"), QStringLiteral("1000000007"));
        QVERIFY(d > 0 && e > 0 && g > 0 && h > 0);
        QVERIFY(bed.rule(bed.a, 1, 1) > 0);                // excluded
        const qint64 disabledRule = bed.rule(bed.b, 1, 1); // rule disabled
        QVERIFY(bed.routing.setRuleEnabled(bed.onboarding, disabledRule, false));
        QVERIFY(bed.rule(bed.c, 1, 1) > 0); // account disabled
        QVERIFY(bed.accounts.setEnabled(bed.onboarding, bed.c, false));
        QVERIFY(bed.rule(d, 1, 1) > 0); // over the per-transaction limit
        QVERIFY(bed.setLimits(d, 500, 0));
        QVERIFY(bed.rule(e, 2, 1) > 0); // over the daily limit
        QVERIFY(bed.setLimits(e, 0, 1500));
        QVERIFY(bed.accounts.recordUsage(e, kToday, cny(1000)));
        QVERIFY(bed.rule(g, 3, 2) > 0); // eligible, 2 of 3
        QVERIFY(bed.rule(h, 3, 1) > 0); // eligible, 1 of 3
        const qint64 lower = bed.account(QStringLiteral("wx-lower"), QStringLiteral("1000000008"));
        QVERIFY(bed.rule(lower, 4, 1) > 0); // lower priority

        auto explained = bed.routing.explain(bed.onboarding, bed.request(1000, {bed.a}));
        QVERIFY2(explained, qPrintable(explained.error().message()));
        QCOMPARE(explained->accountId, 0); // nothing drawn, nothing consumed
        QCOMPARE(explained->priority, 3);
        QCOMPARE(explained->steps.size(), 8);
        QCOMPARE(stepFor(*explained, bed.a)->outcome, RouteOutcome::Excluded);
        QCOMPARE(stepFor(*explained, bed.b)->outcome, RouteOutcome::RuleDisabled);
        QCOMPARE(stepFor(*explained, bed.c)->outcome, RouteOutcome::AccountDisabled);
        QCOMPARE(stepFor(*explained, d)->outcome, RouteOutcome::OverTransactionLimit);
        QCOMPARE(stepFor(*explained, e)->outcome, RouteOutcome::OverDailyLimit);
        QCOMPARE(stepFor(*explained, g)->outcome, RouteOutcome::Eligible);
        QCOMPARE(stepFor(*explained, g)->shareBasisPoints, 6667);
        QCOMPARE(stepFor(*explained, h)->shareBasisPoints, 3333);
        QVERIFY(stepFor(*explained, h)->reason.contains(QStringLiteral("33.33 %")));
        QCOMPARE(stepFor(*explained, lower)->outcome, RouteOutcome::LowerPriority);
        for (const RouteStep &step : explained->steps)
            QVERIFY2(!step.reason.isEmpty(), qPrintable(step.accountName));
        QCOMPARE(RouteStep::outcomeName(RouteOutcome::OverDailyLimit), QStringLiteral("over_daily_limit"));
        QCOMPARE(bed.accounts.usage(e, kToday)->amount, cny(1000));

        // A draw between G and H only.
        QRandomGenerator random(11);
        auto decision = bed.routing.route(bed.request(1000, {bed.a}), random).value();
        QVERIFY(decision.accountId == g || decision.accountId == h);
        QCOMPARE(decision.explanation().count(QLatin1Char('\n')), 7);

        // Support may look, not change.
        const Actor support = bed.f.operatorWith(QStringLiteral("support1"), {Role::Support});
        QVERIFY(bed.routing.explain(support, bed.request(1000)));
        QCOMPARE(bed.routing.rules(support, bed.merchant)->size(), 8);
        QCOMPARE(bed.routing.explain(Actor::anonymous(QStringLiteral("t")), bed.request(1000)).error().code(),
                 ErrorCode::PermissionDenied);
    }

    void readinessNamesWhatIsMissing()
    {
        QFETCH_GLOBAL(QString, backend);
        Bed bed(backend);
        QVERIFY2(bed.ready(), qPrintable(bed.f.failure()));
        QCOMPARE(bed.routing.readiness(424242, kToday).error().code(), ErrorCode::MerchantUnknown);
        auto empty = bed.routing.readiness(bed.merchant, kToday);
        QCOMPARE(empty.error().code(), ErrorCode::MerchantNotReady);
        QVERIFY(empty.error().detail().contains(QStringLiteral("no enabled routing rule")));

        const qint64 alipay =
            bed.account(QStringLiteral("ali-a"), QStringLiteral("2021000000000001"), ChannelKind::Alipay);
        QVERIFY(bed.rule(bed.a, 1, 1) > 0);
        QVERIFY(bed.rule(alipay, 1, 1, PayMethod::AlipayPrecreate) > 0);
        auto noRates = bed.routing.readiness(bed.merchant, kToday);
        QCOMPARE(noRates.error().code(), ErrorCode::MerchantNotReady);
        QVERIFY(noRates.error().detail().contains(QStringLiteral("no merchant rate for wechat.native")));
        QVERIFY(noRates.error().detail().contains(QStringLiteral("no merchant rate for alipay.precreate")));
        QVERIFY(!noRates.error().detail().contains(QStringLiteral("no enabled routing rule")));

        QVERIFY(bed.fees.setMerchantRate(bed.onboarding, bed.merchant, PayMethod::WeChatNative,
                                         Rate::fromPpm(3800).value(), kToday));
        QVERIFY(bed.fees.setMerchantRate(bed.onboarding, bed.merchant, PayMethod::AlipayPrecreate,
                                         Rate::fromPpm(3800).value(), kToday.addDays(1)));
        auto oneMissing = bed.routing.readiness(bed.merchant, kToday);
        QCOMPARE(oneMissing.error().code(), ErrorCode::MerchantNotReady);
        QVERIFY(!oneMissing.error().detail().contains(QStringLiteral("wechat.native")));
        QVERIFY(oneMissing.error().detail().contains(QStringLiteral("alipay.precreate in effect on 2026-11-26")));
        QVERIFY(bed.routing.readiness(bed.merchant, kToday.addDays(1)));

        // Only enabled rules on enabled accounts count.
        QVERIFY(bed.accounts.setEnabled(bed.onboarding, alipay, false));
        QVERIFY(bed.routing.readiness(bed.merchant, kToday));
        QVERIFY(bed.accounts.setEnabled(bed.onboarding, bed.a, false));
        QCOMPARE(bed.routing.readiness(bed.merchant, kToday).error().code(), ErrorCode::MerchantNotReady);
    }

    void permissionsAndAudit()
    {
        QFETCH_GLOBAL(QString, backend);
        Bed bed(backend);
        QVERIFY2(bed.ready(), qPrintable(bed.f.failure()));
        const qint64 id = bed.rule(bed.a, 1, 10);
        QVERIFY(id > 0);
        const Actor support = bed.f.operatorWith(QStringLiteral("support1"), {Role::Support});
        const Actor admin = bed.f.admin();
        QCOMPARE(bed.routing.rules(support, bed.merchant)->size(), 1);
        QCOMPARE(bed.routing.rule(support, id)->weight, 10);
        RoutingRule rule;
        rule.merchantId = bed.merchant;
        rule.channelAccountId = bed.b;
        for (const Actor &actor : {support, admin}) {
            QCOMPARE(bed.routing.createRule(actor, rule).error().code(), ErrorCode::PermissionDenied);
            QCOMPARE(bed.routing.setRuleEnabled(actor, id, false).error().code(), ErrorCode::PermissionDenied);
            QCOMPARE(bed.routing.deleteRule(actor, id).error().code(), ErrorCode::PermissionDenied);
        }
        QVERIFY(bed.routing.rule(support, id)->enabled);

        RoutingRule changed = bed.routing.rule(bed.onboarding, id).value();
        changed.weight = 20;
        QVERIFY(bed.routing.updateRule(bed.onboarding, changed));
        auto records = bed.f.core().audit().records(admin, {QString(), QStringLiteral("routing.rule"), {}, {}}, 0, 10);
        QCOMPARE(records->size(), 2);
        QCOMPARE(records->at(0).action, QStringLiteral("routing.rule.update"));
        QCOMPARE(records->at(0).actor, QStringLiteral("onboarder"));
        QVERIFY(records->at(0).detail.contains(QStringLiteral("\"before\":{")));
        QVERIFY(records->at(0).detail.contains(QStringLiteral("\"weight\":10")));
        QVERIFY(records->at(0).detail.contains(QStringLiteral("\"weight\":20")));
        QCOMPARE(records->at(1).action, QStringLiteral("routing.rule.create"));
        auto denied = bed.f.core().audit().records(
            admin, {QStringLiteral("support1"), QStringLiteral("permission.denied"), {}, {}}, 0, 10);
        QCOMPARE(denied->size(), 3);
    }
};

QTEST_GUILESS_MAIN(TestRouting)
#include "tst_routing.moc"
