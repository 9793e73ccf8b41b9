#pragma once

#include "core/PaydeskCore.h"
#include "demo/DemoSetup.h"
#include "tests/channel/support/SandboxTestCase.h"

#include <QDir>
#include <QFile>

#include <memory>

namespace paydesk::test {

// The demo platform (merchants, applications, channel accounts with the sandbox's keys, fees,
// routing) in an empty database, its channel accounts pointing at `bed`'s sandbox: what the
// payment and gateway tests run on. The demo's setup tells the sandbox (its state directory's
// merchants.json) each account's cost rate, so the sandbox charges what the platform posts.
// nullptr (with a warning) when it cannot be made.
inline std::unique_ptr<PaydeskCore> demoPlatform(const SandboxTestBed &bed, const std::shared_ptr<Database> &database,
                                                 const Clock &clock = SystemClock::instance(), int merchants = 14,
                                                 int days = 1)
{
    QFile url(QDir(bed.state.path()).filePath(QStringLiteral("url")));
    if (!url.open(QIODevice::WriteOnly) || url.write(bed.sandbox->baseUrl().toString().toUtf8()) < 0)
        return nullptr;
    url.close();
    auto core = std::make_unique<PaydeskCore>(database, clock);
    DemoSetup::Options options;
    options.ledger.days = days;
    options.onboarding.merchants = merchants;
    options.onboarding.sandboxDirectory = bed.state.path();
    auto demo = DemoSetup::create(*core, options);
    if (!demo) {
        qWarning() << demo.error().message() << demo.error().detail();
        return nullptr;
    }
    if (!demo->onboarding.credentialsProblem.isEmpty())
        return nullptr;
    return core;
}

inline Actor demoOperator(PaydeskCore &core, const QString &name)
{
    return core.operators().authenticate(name, QString::fromLatin1(DemoSetup::kPassword), {})->actor;
}

// The application of a demo merchant (M1013, …).
inline Application demoApplication(PaydeskCore &core, const QString &merchantNo)
{
    const Actor onboarding = demoOperator(core, QStringLiteral("onboarding"));
    const Merchant merchant = core.merchants().findByNo(onboarding, merchantNo).value();
    ApplicationFilter filter;
    filter.scope = ApplicationFilter::Scope::Merchant;
    filter.merchantId = merchant.id;
    return core.applications().list(onboarding, filter, 0, 10).value().value(0);
}

} // namespace paydesk::test
