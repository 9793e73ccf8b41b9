#include "core/merchant/MerchantWorkflow.h"

#include <array>

namespace paydesk {

namespace {
struct Step
{
    MerchantAction action;
    const char *name;
    MerchantStatus from;
    MerchantStatus to;
    Permission permission;
};
constexpr std::array<Step, 8> kSteps{{
    {MerchantAction::Submit, "submit", MerchantStatus::Draft, MerchantStatus::Submitted, Permission::MerchantEdit},
    {MerchantAction::Approve, "approve", MerchantStatus::Submitted, MerchantStatus::Approved,
     Permission::MerchantReview},
    {MerchantAction::Reject, "reject", MerchantStatus::Submitted, MerchantStatus::Rejected, Permission::MerchantReview},
    {MerchantAction::Reopen, "reopen", MerchantStatus::Rejected, MerchantStatus::Draft, Permission::MerchantEdit},
    {MerchantAction::Activate, "activate", MerchantStatus::Approved, MerchantStatus::Active,
     Permission::MerchantManage},
    {MerchantAction::Freeze, "freeze", MerchantStatus::Active, MerchantStatus::Frozen, Permission::MerchantManage},
    {MerchantAction::Unfreeze, "unfreeze", MerchantStatus::Frozen, MerchantStatus::Active, Permission::MerchantManage},
    {MerchantAction::Close, "close", MerchantStatus::Frozen, MerchantStatus::Closed, Permission::MerchantManage},
}};

const Step &step(MerchantAction action)
{
    for (const Step &s : kSteps) {
        if (s.action == action)
            return s;
    }
    return kSteps.front(); // unreachable: every action has a row
}
} // namespace

QString MerchantWorkflow::actionName(MerchantAction action)
{
    return QString::fromLatin1(step(action).name);
}

bool MerchantWorkflow::actionFromName(const QString &name, MerchantAction *action)
{
    for (const Step &s : kSteps) {
        if (name == QLatin1String(s.name)) {
            *action = s.action;
            return true;
        }
    }
    return false;
}

QList<MerchantAction> MerchantWorkflow::allActions()
{
    QList<MerchantAction> actions;
    for (const Step &s : kSteps)
        actions << s.action;
    return actions;
}

MerchantStatus MerchantWorkflow::from(MerchantAction action)
{
    return step(action).from;
}
MerchantStatus MerchantWorkflow::to(MerchantAction action)
{
    return step(action).to;
}
Permission MerchantWorkflow::permission(MerchantAction action)
{
    return step(action).permission;
}

QList<MerchantAction> MerchantWorkflow::actionsFrom(MerchantStatus status)
{
    QList<MerchantAction> actions;
    for (const Step &s : kSteps) {
        if (s.from == status)
            actions << s.action;
    }
    return actions;
}

Error MerchantWorkflow::refusal(MerchantStatus status, MerchantAction action)
{
    return Error(ErrorCode::MerchantTransitionRefused,
                 QStringLiteral("%1: %2 → %3 is not allowed (only from %4)")
                     .arg(actionName(action), MerchantNames::status(status), MerchantNames::status(to(action)),
                          MerchantNames::status(from(action))));
}

MerchantEditScope MerchantWorkflow::editScope(MerchantStatus status)
{
    switch (status) {
    case MerchantStatus::Draft:
    case MerchantStatus::Rejected:
        return MerchantEditScope::Full;
    case MerchantStatus::Approved:
    case MerchantStatus::Active:
    case MerchantStatus::Frozen:
        return MerchantEditScope::ContactAndSettlement;
    case MerchantStatus::Submitted:
    case MerchantStatus::Closed:
        return MerchantEditScope::None;
    }
    return MerchantEditScope::None;
}

} // namespace paydesk
