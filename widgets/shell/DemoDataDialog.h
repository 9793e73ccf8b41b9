#pragma once

#include "util/Result.h"

#include <memory>

class QWidget;

namespace paydesk {

class Database;

// First start of the console on a new database: generates the demo ledger off the GUI thread
// behind a progress dialog that can cancel it (then nothing is kept).
namespace DemoDataDialog {

Status run(QWidget *parent, std::shared_ptr<Database> database);

} // namespace DemoDataDialog
} // namespace paydesk
