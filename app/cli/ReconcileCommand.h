#pragma once

#include "app/cli/CliCommand.h"

// The subcommands of `paydesk-cli reconcile` that work the discrepancy pool's maker-checker
// (ReconcileResolveCommand.cpp); runReconcile dispatches to them.
namespace paydesk::cli {

int reconcileResolve(CliContext &context);
int reconcileApprove(CliContext &context);
int reconcileReject(CliContext &context);

} // namespace paydesk::cli
