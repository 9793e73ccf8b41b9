#pragma once

#include "app/cli/CliCommand.h"
#include "core/PaydeskCore.h"
#include "core/security/Actor.h"

#include <memory>

namespace paydesk::cli {

// The core opened and the operator signed in, for commands that act as that operator.
struct SignedCore
{
    std::unique_ptr<PaydeskCore> core;
    Actor actor;
};

// Opens the core and signs the operator in; a null core after printing why not.
inline SignedCore openSigned(CliContext &context, const QCommandLineParser &parser)
{
    SignedCore s;
    s.core = context.openCore(parser);
    if (s.core && !context.signIn(parser, *s.core, &s.actor))
        s.core.reset();
    return s;
}

} // namespace paydesk::cli
