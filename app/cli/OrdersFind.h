#pragma once

#include "app/cli/CliCommand.h"

namespace paydesk::cli {

// `paydesk-cli orders find [TEXT] [filters…]`: the order search for scripts.
int runOrdersFind(CliContext &context);

} // namespace paydesk::cli
