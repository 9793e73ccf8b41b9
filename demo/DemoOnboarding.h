#pragma once

#include "core/security/Actor.h"
#include "core/util/Result.h"

namespace paydesk {

class PaydeskCore;

// The onboarding side of the demo platform, made through the same core services an operator
// uses (so every step is checked and audited): channel accounts pointing at the local
// paydesk-sandbox with their credentials in the vault, channel cost rates (told to the sandbox,
// which charges each of its merchants that rate: SandboxMerchants), two fee templates,
// ~50 merchants in every workflow state (those of the demo ledger, M1001…, active) with
// documents, applications with HMAC keys, merchant rates and routing rules.
class DemoOnboarding
{
public:
    struct Options
    {
        int merchants = 50;
        int ledgerMerchants = 12; // M1001… already have ledger accounts: they become active
        QString sandboxDirectory; // empty: SandboxCredentials::defaultDirectory()
    };
    struct Summary
    {
        int merchants = 0;
        int applications = 0;
        int channelAccounts = 0;
        int routingRules = 0;
        QString credentialsProblem; // why the accounts have no credentials (no sandbox keys found); empty when they do
    };

    // `maker` creates and submits, `checker` (another operator with the onboarding role) reviews.
    DemoOnboarding(PaydeskCore &core, Actor maker, Actor checker);

    Result<Summary> create(const Options &options);

private:
    PaydeskCore &m_core;
    Actor m_maker;
    Actor m_checker;
};

} // namespace paydesk
