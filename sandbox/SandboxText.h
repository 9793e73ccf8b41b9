#pragma once

#include <QCoreApplication>

namespace paydesk::sandbox {

// Translation context "Sandbox" for what paydesk-sandbox prints.
class SandboxText
{
    Q_DECLARE_TR_FUNCTIONS(Sandbox)
};

} // namespace paydesk::sandbox
