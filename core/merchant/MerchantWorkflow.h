#pragma once

#include "core/merchant/MerchantTypes.h"
#include "core/security/Permission.h"
#include "core/util/Error.h"

namespace paydesk {

// The steps of the merchant workflow (DESIGN.md §7). Each takes the merchant from exactly
// one status to one other; any other step is refused.
enum class MerchantAction
{
    Submit,
    Approve,
    Reject,
    Reopen,
    Activate,
    Freeze,
    Unfreeze,
    Close
};

// What may change in a merchant's profile in a status: everything (draft; rejected, which then
// returns to draft), contact and settlement fields only (approved, active, frozen), nothing.
enum class MerchantEditScope
{
    Full,
    ContactAndSettlement,
    None
};

// The transition table: draft → submitted → approved | rejected (→ draft); approved → active
// ⇄ frozen → closed.
class MerchantWorkflow
{
public:
    static QString actionName(MerchantAction action); // "submit", "approve", …
    static bool actionFromName(const QString &name, MerchantAction *action);
    static QList<MerchantAction> allActions();

    static MerchantStatus from(MerchantAction action);
    static MerchantStatus to(MerchantAction action);
    static Permission permission(MerchantAction action);
    static bool allows(MerchantStatus status, MerchantAction action) { return from(action) == status; }
    // What a console can offer for a merchant in this status.
    static QList<MerchantAction> actionsFrom(MerchantStatus status);
    // MerchantTransitionRefused naming the step, the status it was asked from and where it would go.
    static Error refusal(MerchantStatus status, MerchantAction action);

    static MerchantEditScope editScope(MerchantStatus status);
};

} // namespace paydesk
