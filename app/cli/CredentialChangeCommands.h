#pragma once

#include "app/cli/CliCommand.h"

namespace paydesk {
struct CredentialChange;
}

// `channel-account` subcommands for credential changes under maker-checker: what waits for a
// second operator, and its approval, rejection and withdrawal.
namespace paydesk::cli {

// A change for people: id, account, items, status, who and when, and per item the old and new
// fingerprints (never the material).
void printCredentialChange(CliContext &context, const CredentialChange &change);

int credentialChangesPending(CliContext &context);
int credentialChangeApprove(CliContext &context);
int credentialChangeReject(CliContext &context);
int credentialChangeWithdraw(CliContext &context);

} // namespace paydesk::cli
