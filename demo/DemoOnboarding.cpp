#include "demo/DemoOnboarding.h"

#include "core/PaydeskCore.h"
#include "core/channel/ChannelNames.h"
#include "core/merchant/RegistrationNumber.h"
#include "core/util/Error.h"
#include "demo/DemoDocuments.h"
#include "demo/SandboxCredentials.h"
#include "sandbox/SandboxMerchants.h"

namespace paydesk {

namespace {
// Where a demo merchant ends up.
enum class Target
{
    Draft,
    Submitted,
    Rejected,
    Approved,
    Active,
    Frozen,
    Closed
};

Target targetFor(int index, int ledgerMerchants)
{
    if (index < ledgerMerchants)
        return index == 6 ? Target::Frozen : Target::Active;
    static const Target pattern[] = {
        // M1013…M1030 active, four approved, five waiting for review, three rejected,
        // five drafts, one frozen, two closed.
        Target::Active,    Target::Active,    Target::Active,    Target::Active,   Target::Active,    Target::Active,
        Target::Active,    Target::Active,    Target::Active,    Target::Active,   Target::Active,    Target::Active,
        Target::Active,    Target::Active,    Target::Active,    Target::Active,   Target::Active,    Target::Active,
        Target::Approved,  Target::Approved,  Target::Approved,  Target::Approved, Target::Submitted, Target::Submitted,
        Target::Submitted, Target::Submitted, Target::Submitted, Target::Rejected, Target::Rejected,  Target::Rejected,
        Target::Draft,     Target::Draft,     Target::Draft,     Target::Draft,    Target::Draft,     Target::Frozen,
        Target::Closed,    Target::Closed,
    };
    const int position = index - ledgerMerchants;
    return position < int(std::size(pattern)) ? pattern[position] : Target::Active;
}

bool reaches(Target target, Target step)
{
    auto rank = [](Target t) {
        switch (t) {
        case Target::Draft:
            return 0;
        case Target::Submitted:
        case Target::Rejected:
            return 1;
        case Target::Approved:
            return 2;
        case Target::Active:
            return 3;
        case Target::Frozen:
        case Target::Closed:
            return 4;
        }
        return 0;
    };
    return rank(target) >= rank(step);
}

const char *const kCities[][2] = {{"深圳", "440300"}, {"广州", "440100"}, {"杭州", "330100"}, {"上海", "310100"},
                                  {"北京", "110100"}, {"成都", "510100"}, {"南京", "320100"}, {"武汉", "420100"},
                                  {"西安", "610100"}, {"苏州", "320500"}};
const char *const kWords[] = {"鸿运", "嘉禾", "锦程", "晨光", "优选", "汇通", "百味", "清源", "星河",
                              "瑞丰", "安泰", "启航", "青禾", "万象", "和悦", "禾丰", "云栖"};
struct Industry
{
    const char *word;
    const char *suffix;
    const char *code;
};
const Industry kIndustries[] = {
    {"餐饮", "餐饮管理有限公司", "catering"},  {"商贸", "商贸有限公司", "retail"},
    {"教育", "教育科技有限公司", "education"}, {"药房", "大药房有限公司", "pharmacy"},
    {"出行", "交通服务有限公司", "transport"}, {"文化", "文化传媒有限公司", "entertainment"},
    {"电商", "电子商务有限公司", "e-commerce"}};
const char *const kSurnames[] = {"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴"};
const char *const kGivenNames[] = {"伟", "芳", "娜", "敏", "静", "磊", "洋", "艳", "勇", "军", "杰", "娟"};
const char *const kBanks[] = {"中国工商银行", "中国建设银行", "招商银行", "中国银行", "中国农业银行"};
const char *const kRejections[] = {"营业执照照片模糊，请重新上传清晰的原件照片", "结算账户名称与商户全称不一致",
                                   "经营范围与所选行业不符"};

QString utf8(const char *text)
{
    return QString::fromUtf8(text);
}

MerchantProfile profileFor(int index, const QDate &today)
{
    const auto &city = kCities[index % std::size(kCities)];
    const Industry &industry = kIndustries[index % std::size(kIndustries)];
    const QString word = utf8(kWords[index % std::size(kWords)]);
    const QString person =
        utf8(kSurnames[index % std::size(kSurnames)]) + utf8(kGivenNames[(index * 7) % std::size(kGivenNames)]);
    MerchantProfile p;
    const bool individual = index % 6 == 5;
    if (individual) {
        p.type = MerchantType::Individual;
        p.legalName = utf8(city[0]) + QStringLiteral("市%1%2店（个体工商户）").arg(word, utf8(industry.word));
        p.shortName = word + utf8(industry.word) + QStringLiteral("店");
        const QDate birth = today.addYears(-25 - index % 30).addDays(-index * 11);
        const QString first17 = QString::fromLatin1(city[1]).left(4) + QStringLiteral("02") +
                                birth.toString(QStringLiteral("yyyyMMdd")) +
                                QStringLiteral("%1").arg(100 + index, 3, 10, QLatin1Char('0'));
        p.registrationNo = first17 + RegistrationNumber::residentIdCheckCharacter(first17);
        p.bankAccountName = person;
    } else {
        p.type = MerchantType::Enterprise;
        p.legalName = utf8(city[0]) + word + utf8(industry.suffix);
        if (index >= int(std::size(kWords)))
            p.legalName = utf8(city[0]) + QStringLiteral("市") + word + utf8(industry.suffix);
        if (index >= int(std::size(kWords)) * 2)
            p.legalName = utf8(city[0]) + word + QString::number(index) + QStringLiteral("号") + utf8(industry.suffix);
        p.shortName = word + utf8(industry.word);
        const QString first17 = QStringLiteral("91") + QString::fromLatin1(city[1]) +
                                QStringLiteral("MA%1").arg(5000000 + index * 7919, 7, 10, QLatin1Char('0'));
        p.registrationNo = first17 + RegistrationNumber::creditCodeCheckCharacter(first17);
        p.bankAccountName = p.legalName;
    }
    p.contactName = person;
    p.contactPhone =
        QStringLiteral("13%1%2").arg(8 - index % 3).arg(10000000 + index * 104729 % 89999999, 8, 10, QLatin1Char('0'));
    p.contactEmail = QStringLiteral("finance%1@merchant.example.com").arg(index + 1);
    p.industry = QString::fromLatin1(industry.code);
    p.bankName = utf8(kBanks[index % std::size(kBanks)]);
    p.bankBranch = utf8(city[0]) + QStringLiteral("分行营业部");
    p.bankAccountNo =
        QStringLiteral("6222%1").arg(qint64(100000000000) + qint64(index) * 7777777, 12, 10, QLatin1Char('0'));
    if (index % 7 == 3) {
        p.settlementCycle = SettlementCycle::TN;
        p.settlementDays = 3;
    } else if (index % 11 == 9) {
        p.settlementCycle = SettlementCycle::Manual;
    }
    p.minimumPayout = Money::fromMinor(index % 4 == 0 ? 50000 : 10000, Currency::cny());
    p.reservePpm = index % 5 == 2 ? 50000 : 0;
    return p;
}

Rate percent(const char *text)
{
    return Rate::parsePercent(QString::fromLatin1(text)).value();
}

// Stops at the first failed step, keeping its error.
#define DEMO_TRY(expression)                                                                                           \
    do {                                                                                                               \
        auto demoResult_ = (expression);                                                                               \
        if (!demoResult_)                                                                                              \
            return demoResult_.error();                                                                                \
    } while (false)
} // namespace

DemoOnboarding::DemoOnboarding(PaydeskCore &core, Actor maker, Actor checker)
    : m_core(core), m_maker(std::move(maker)), m_checker(std::move(checker))
{
}

Result<DemoOnboarding::Summary> DemoOnboarding::create(const Options &options)
{
    Summary summary;
    const QDate today = m_core.clock().businessDate();
    MerchantService &merchants = m_core.merchants();
    ChannelAccountService &accounts = m_core.channelAccounts();
    FeeService &fees = m_core.fees();

    // Channel accounts on the sandbox, with its credentials when its keys are there.
    const QString directory =
        options.sandboxDirectory.isEmpty() ? SandboxCredentials::defaultDirectory() : options.sandboxDirectory;
    auto sandbox = SandboxCredentials::read(directory);
    SandboxCredentials credentials;
    if (sandbox)
        credentials = *sandbox;
    else
        summary.credentialsProblem =
            sandbox.error().message() + QStringLiteral(" (") + sandbox.error().detail() + QLatin1Char(')');
    const QString baseUrl = sandbox ? credentials.baseUrl : QStringLiteral("https://127.0.0.1:9443");
    const QString notifyUrl = QStringLiteral("https://pay.paydesk.example.com/callback/");
    auto cny = [](qint64 yuan) { return Money::fromMinor(yuan * 100, Currency::cny()); };
    QMap<QString, ChannelAccount> created;
    // What each channel merchant agreed to pay the channel: the sandbox charges it the same.
    QMap<QString, qint64> agreedRates;
    auto addAccount = [&](const QString &name, ChannelKind channel, qint64 owner, const QString &sub,
                          qint64 perTransaction, qint64 daily, bool enabled) -> Status {
        ChannelAccount account;
        account.name = name;
        account.channel = channel;
        account.mode = owner ? ChannelAccountMode::Own : ChannelAccountMode::Shared;
        account.ownerMerchantId = owner;
        account.subMerchantId = sub;
        const SandboxCredentials::Channel &channelCredentials = credentials.channels.value(channel);
        static const QMap<ChannelKind, QString> fallbackIds{{ChannelKind::WeChatPay, QStringLiteral("1900000109")},
                                                            {ChannelKind::Alipay, QStringLiteral("2021000000000001")},
                                                            {ChannelKind::UnionPay, QStringLiteral("777290058000001")}};
        account.channelMerchantId = sandbox ? channelCredentials.channelMerchantId : fallbackIds.value(channel);
        if (channel == ChannelKind::WeChatPay)
            account.channelAppId = sandbox ? channelCredentials.channelAppId : QStringLiteral("wx8888888888888888");
        account.baseUrl = baseUrl;
        if (channel == ChannelKind::UnionPay)
            account.fileUrl = baseUrl + QStringLiteral("/unionpay/file");
        account.notifyUrl = notifyUrl + name;
        account.caCertificates = credentials.caPem;
        account.perTransactionLimit = cny(perTransaction);
        account.dailyLimit = cny(daily);
        account.enabled = enabled;
        auto made = accounts.create(m_maker, account);
        if (!made)
            return made.error();
        // Accounts of one channel merchant id share its credentials: the first brings them.
        auto present = accounts.credentialStatus(m_maker, made->id);
        if (!present)
            return present.error();
        if (sandbox && !present->complete) {
            // The sandbox's keys are installed by the platform itself, as the demo's first
            // credentials (an operator's change of them waits for a second operator).
            const Actor platform =
                Actor::system(QStringLiteral("demo"), {Permission::ChannelProvision}, m_maker.source());
            const Status stored = accounts.credentialChanges().provision(platform, made->id, channelCredentials.items);
            if (!stored)
                return stored.error();
        }
        const Rate costRate = percent(owner ? "0.2%" : channel == ChannelKind::UnionPay ? "0.3%" : "0.25%");
        for (PayMethod method : ChannelNames::allMethods()) {
            if (ChannelNames::channelOf(method) != channel)
                continue;
            auto cost = fees.setChannelCostRate(m_maker, made->id, method, costRate, today);
            if (!cost)
                return cost.error();
        }
        // A sub-merchant's own rate would need the sandbox to know sub-merchants, which its
        // WeChat Pay side does not (payments of such an account are the merchant's there).
        if (sub.isEmpty())
            agreedRates.insert(account.channelMerchantId, costRate.ppm());
        created.insert(name, *made);
        ++summary.channelAccounts;
        return {};
    };
    DEMO_TRY(addAccount(QStringLiteral("wx_shared01"), ChannelKind::WeChatPay, 0, QString(), 50000, 5000000, true));
    DEMO_TRY(addAccount(QStringLiteral("ali_shared01"), ChannelKind::Alipay, 0, QString(), 50000, 3000000, true));
    DEMO_TRY(addAccount(QStringLiteral("up_shared01"), ChannelKind::UnionPay, 0, QString(), 100000, 0, true));

    // Fee templates: the demo ledger charges every third merchant 0.38 %, the others 0.6 %.
    FeeTemplate standard;
    standard.name = QStringLiteral("标准费率 Standard");
    standard.description = QStringLiteral("Retail merchants / 零售商户");
    FeeTemplate preferential;
    preferential.name = QStringLiteral("优惠费率 Preferential");
    preferential.description = QStringLiteral("Catering and public services / 餐饮与公共服务");
    for (PayMethod method : ChannelNames::allMethods()) {
        standard.rates.insert(method, percent("0.6%"));
        preferential.rates.insert(method, percent("0.38%"));
    }
    auto standardTemplate = fees.createTemplate(m_maker, standard);
    if (!standardTemplate)
        return standardTemplate.error();
    auto preferentialTemplate = fees.createTemplate(m_maker, preferential);
    if (!preferentialTemplate)
        return preferentialTemplate.error();

    // A platform application (the platform's own checkout).
    ApplicationDraft platformApp{QStringLiteral("平台收银台 Platform checkout"),
                                 {},
                                 QStringLiteral("https://shop.paydesk.example.com/notify"),
                                 {}};
    for (PayMethod method : ChannelNames::allMethods())
        platformApp.methods << ChannelNames::method(method);
    auto platform = m_core.applications().create(m_maker, 0, platformApp);
    if (!platform)
        return platform.error();
    ++summary.applications;

    // Pass 1: merchants, documents, submission and review.
    QList<Merchant> all;
    QList<Target> targets;
    const QByteArray bankProof = DemoDocuments::pdf(QStringLiteral("Bank account opening permit (demo)"));
    for (int i = 0; i < options.merchants; ++i) {
        const Target target = targetFor(i, options.ledgerMerchants);
        auto m = merchants.create(m_maker, profileFor(i, today));
        if (!m)
            return m.error();
        if (m->merchantNo != QStringLiteral("M%1").arg(1001 + i))
            return Error(ErrorCode::InvalidArgument,
                         QStringLiteral("demo merchants need an empty database (got %1)").arg(m->merchantNo));
        const bool incomplete = target == Target::Draft && i % 2 == 0;
        for (DocumentKind kind : DocumentNames::requiredFor(m->profile.type)) {
            if (incomplete && kind == DocumentKind::BankAccountProof)
                continue;
            const QByteArray bytes = kind == DocumentKind::BankAccountProof
                                         ? bankProof
                                         : DemoDocuments::png(480, 300, quint32(i * 5 + int(kind)));
            const QString fileName =
                DocumentNames::kind(kind) +
                (kind == DocumentKind::BankAccountProof ? QStringLiteral(".pdf") : QStringLiteral(".png"));
            DEMO_TRY(m_core.documents().attach(m_maker, m->id, kind, fileName, bytes));
        }
        Merchant merchant = *m;
        auto step = [&](const Actor &actor, MerchantAction action, const QString &text = QString()) -> Status {
            auto moved = merchants.perform(actor, action, merchant.id, merchant.version, text);
            if (!moved)
                return moved.error();
            merchant = *moved;
            return {};
        };
        if (reaches(target, Target::Submitted))
            DEMO_TRY(step(m_maker, MerchantAction::Submit));
        if (target == Target::Rejected)
            DEMO_TRY(step(m_checker, MerchantAction::Reject, utf8(kRejections[i % std::size(kRejections)])));
        else if (reaches(target, Target::Approved))
            DEMO_TRY(step(m_checker, MerchantAction::Approve, QStringLiteral("资料齐全，审核通过")));
        all << merchant;
        targets << target;
    }
    summary.merchants = int(all.size());

    // Own accounts (服务商 mode) of two merchants; M1004's is switched off.
    if (all.size() > 3) {
        DEMO_TRY(addAccount(QStringLiteral("wx_sp_M1002"), ChannelKind::WeChatPay, all.at(1).id,
                            QStringLiteral("1900000202"), 20000, 500000, true));
        DEMO_TRY(addAccount(QStringLiteral("wx_sp_M1004"), ChannelKind::WeChatPay, all.at(3).id,
                            QStringLiteral("1900000204"), 20000, 500000, false));
    }

    // The sandbox charges each of its merchants the rate the platform pays for the account, as a
    // channel charges its contract's rate (read by a running sandbox at its next payment).
    if (sandbox) {
        const Status told = sandbox::SandboxMerchants::tellFeeRates(directory, agreedRates);
        if (!told)
            return told.error();
    }

    // Pass 2: applications, rates, routing and activation.
    for (int i = 0; i < all.size(); ++i) {
        Merchant merchant = all.at(i);
        const Target target = targets.at(i);
        if (!reaches(target, Target::Approved))
            continue;
        ApplicationDraft app{
            merchant.profile.shortName + QStringLiteral("收银台"),
            {},
            QStringLiteral("https://%1.merchant.example.com/pay/notify").arg(merchant.merchantNo.toLower()),
            {}};
        for (PayMethod method : ChannelNames::allMethods())
            app.methods << ChannelNames::method(method);
        if (i % 4 == 1)
            app.ipAllowlist = QStringList{QStringLiteral("203.0.113.0/24"), QStringLiteral("198.51.100.7")};
        auto application = m_core.applications().create(m_maker, merchant.id, app);
        if (!application)
            return application.error();
        ++summary.applications;
        if (m_core.vault().isUnlocked())
            DEMO_TRY(m_core.applications().generateHmacKey(m_maker, application->id));
        const qint64 templateId = i % 3 == 0 ? preferentialTemplate->id : standardTemplate->id;
        DEMO_TRY(fees.applyTemplate(m_maker, templateId, {merchant.id}, today));
        if (i == 0) // a rate change already agreed for next month
            DEMO_TRY(fees.setMerchantRate(m_maker, merchant.id, PayMethod::WeChatNative, percent("0.35%"),
                                          QDate(today.year(), today.month(), 1).addMonths(1)));
        if (!reaches(target, Target::Active))
            continue;
        auto rule = [&](PayMethod method, const QString &account, int priority, int weight) -> Status {
            RoutingRule r;
            r.merchantId = merchant.id;
            r.method = method;
            r.channelAccountId = created.value(account).id;
            r.priority = priority;
            r.weight = weight;
            auto made = m_core.routing().createRule(m_maker, r);
            if (!made)
                return made.error();
            ++summary.routingRules;
            return {};
        };
        if (i == 1 && created.contains(QStringLiteral("wx_sp_M1002"))) {
            DEMO_TRY(rule(PayMethod::WeChatNative, QStringLiteral("wx_sp_M1002"), 1, 70));
            DEMO_TRY(rule(PayMethod::WeChatNative, QStringLiteral("wx_shared01"), 1, 30));
        } else if (i == 3 && created.contains(QStringLiteral("wx_sp_M1004"))) {
            DEMO_TRY(rule(PayMethod::WeChatNative, QStringLiteral("wx_sp_M1004"), 1, 1));
            DEMO_TRY(rule(PayMethod::WeChatNative, QStringLiteral("wx_shared01"), 2, 1));
        } else {
            DEMO_TRY(rule(PayMethod::WeChatNative, QStringLiteral("wx_shared01"), 1, 1));
        }
        DEMO_TRY(rule(PayMethod::WeChatJsapi, QStringLiteral("wx_shared01"), 1, 1));
        DEMO_TRY(rule(PayMethod::AlipayPrecreate, QStringLiteral("ali_shared01"), 1, 1));
        DEMO_TRY(rule(PayMethod::UnionPayFront, QStringLiteral("up_shared01"), 1, 1));
        auto step = [&](MerchantAction action, const QString &text = QString()) -> Status {
            auto moved = merchants.perform(m_maker, action, merchant.id, merchant.version, text);
            if (!moved)
                return moved.error();
            merchant = *moved;
            return {};
        };
        DEMO_TRY(step(MerchantAction::Activate));
        if (target == Target::Frozen)
            DEMO_TRY(step(MerchantAction::Freeze, QStringLiteral("风险复核：交易异常，待核实")));
        if (target == Target::Closed) {
            DEMO_TRY(step(MerchantAction::Freeze, QStringLiteral("商户申请注销")));
            DEMO_TRY(step(MerchantAction::Close, QStringLiteral("余额为零，注销完成")));
        }
    }
    return summary;
}

} // namespace paydesk
