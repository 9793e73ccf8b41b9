#pragma once

#include "core/PaydeskCore.h"
#include "core/merchant/ApplicationService.h"
#include "demo/DemoSetup.h"
#include "tests/channel/support/SandboxTestCase.h"

#include <QDir>
#include <QFile>

#include <atomic>
#include <memory>

namespace paydesk::test {

// The real clock moved by a whole number of seconds: what happens a day later, now.
class ShiftableClock final : public Clock
{
public:
    QDateTime nowUtc() const override { return QDateTime::currentDateTimeUtc().addSecs(m_offset.load()); }
    void shift(qint64 seconds) { m_offset = seconds; }

private:
    std::atomic<qint64> m_offset{0};
};

// The demo platform (as DemoPlatform.h makes it) whose channel calls give up quickly: each attempt
// after `timeoutMs`, `attempts` in all. Tests of lost answers then take a second, not half a minute.
inline std::unique_ptr<PaydeskCore> fastDemoPlatform(const SandboxTestBed &bed,
                                                     const std::shared_ptr<Database> &database, const Clock &clock,
                                                     int timeoutMs = 400, int attempts = 3)
{
    QFile url(QDir(bed.state.path()).filePath(QStringLiteral("url")));
    if (!url.open(QIODevice::WriteOnly) || url.write(bed.sandbox->baseUrl().toString().toUtf8()) < 0)
        return nullptr;
    url.close();
    PaydeskCore::Options options;
    options.channelHttp.timeoutMs = timeoutMs;
    options.channelHttp.attempts = attempts;
    options.channelHttp.backoffMs = 20;
    auto core = std::make_unique<PaydeskCore>(database, clock, options);
    DemoSetup::Options demo;
    demo.ledger.days = 1;
    demo.onboarding.merchants = 14;
    demo.onboarding.sandboxDirectory = bed.state.path();
    auto made = DemoSetup::create(*core, demo);
    if (!made || !made->onboarding.credentialsProblem.isEmpty()) {
        qWarning() << (made ? made->onboarding.credentialsProblem : made.error().message());
        return nullptr;
    }
    return core;
}

inline Actor signedIn(PaydeskCore &core, const QString &name)
{
    return core.operators().authenticate(name, QString::fromLatin1(DemoSetup::kPassword), {})->actor;
}

// The application of a demo merchant (M1013, …).
inline Application applicationOf(PaydeskCore &core, const QString &merchantNo)
{
    const Actor onboarding = signedIn(core, QStringLiteral("onboarding"));
    const Merchant merchant = core.merchants().findByNo(onboarding, merchantNo).value();
    ApplicationFilter filter;
    filter.scope = ApplicationFilter::Scope::Merchant;
    filter.merchantId = merchant.id;
    return core.applications().list(onboarding, filter, 0, 10).value().value(0);
}

} // namespace paydesk::test
