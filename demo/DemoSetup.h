#pragma once

#include "core/util/Result.h"
#include "demo/DemoLedger.h"
#include "demo/DemoOnboarding.h"
#include "demo/DemoReconciliation.h"

namespace paydesk {

class PaydeskCore;

// A complete demo platform in an empty database: operators for every role (all with the
// demo password), the secret vault under the demo master passphrase, the environment marked
// "demo", a month of ledger activity, the onboarding side (DemoOnboarding: merchants in every
// state, channel accounts on the local sandbox, fees, routing), and with history orders their
// days reconciled (DemoReconciliation). The credentials are public (README): demo only.
namespace DemoSetup {

extern const char *const kPassword;         // every demo operator's password
extern const char *const kMasterPassphrase; // the demo vault's master passphrase
// user name → roles: admin (admin, finance, auditor), finance, approver, auditor, support,
// onboarding, reviewer (onboarding too: the second pair of eyes for merchant review)
QList<std::pair<QString, QString>> operators();

struct Options
{
    DemoLedger::Options ledger;
    DemoOnboarding::Options onboarding;
    qint64 historyOrders = 0; // orders of the days before today, imported (DemoOrders); 0: none
    int historyDays = 30;
    // Those days reconciled, the last with a planted discrepancy of each category
    // (DemoReconciliation); only with history orders.
    bool reconciliation = true;
};
struct Summary
{
    DemoLedger::Summary ledger;
    DemoOnboarding::Summary onboarding;
    qint64 historyOrders = 0;
    qint64 historyRefunds = 0;
    DemoReconciliation::Summary reconciliation;
};

Result<Summary> create(PaydeskCore &core, const Options &options, const DemoLedger::Progress &progress = {});

} // namespace DemoSetup
} // namespace paydesk
