#pragma once

#include "DemoLedger.h"
#include "util/Result.h"

namespace paydesk {

class PaydeskCore;

// A complete demo platform in an empty database: operators for every role (all with the
// demo password), the secret vault under the demo master passphrase, the environment marked
// "demo", and a month of ledger activity. The credentials are public (README): demo only.
namespace DemoSetup {

extern const char *const kPassword;          // every demo operator's password
extern const char *const kMasterPassphrase;  // the demo vault's master passphrase
// user name → roles: admin (admin, finance, auditor), finance, approver, auditor, support, onboarding
QList<std::pair<QString, QString>> operators();

Result<DemoLedger::Summary> create(PaydeskCore &core, const DemoLedger::Options &options,
                                   const DemoLedger::Progress &progress = {});

} // namespace DemoSetup
} // namespace paydesk
