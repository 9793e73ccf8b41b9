#pragma once

#include "core/fee/FeeTemplate.h"
#include "core/util/Result.h"

namespace paydesk {

// What a fee template must hold before FeeService stores it (FeeStore keeps the rows).
namespace FeeTemplates {

// Name (1–64 characters, not blank), description (at most 1000), at least one method, rates 0–100 %.
Status validate(const FeeTemplate &feeTemplate);

} // namespace FeeTemplates
} // namespace paydesk
