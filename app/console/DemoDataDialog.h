#pragma once

#include "core/util/Result.h"

#include <memory>

class QWidget;

namespace paydesk {

class PaydeskCore;

// First start of the console on a new database: creates the demo platform (operators, vault,
// a month of ledger activity) off the GUI thread behind a progress dialog that can cancel the
// ledger part (then no entries are kept).
namespace DemoDataDialog {

Status run(QWidget *parent, PaydeskCore &core);

} // namespace DemoDataDialog
} // namespace paydesk
