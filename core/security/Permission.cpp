#include "core/security/Permission.h"

#include <array>

namespace paydesk::Permissions {

namespace {
struct RoleInfo
{
    Role role;
    const char *name;
};
constexpr std::array<RoleInfo, 6> kRoles{{
    {Role::Admin, "admin"},
    {Role::Onboarding, "onboarding"},
    {Role::Support, "support"},
    {Role::Finance, "finance"},
    {Role::Approver, "approver"},
    {Role::Auditor, "auditor"},
}};

struct PermissionInfo
{
    Permission permission;
    const char *name;
};
constexpr std::array<PermissionInfo, 31> kPermissions{{
    {Permission::OperatorView, "operator.view"},
    {Permission::OperatorManage, "operator.manage"},
    {Permission::LedgerView, "ledger.view"},
    {Permission::LedgerPost, "ledger.post"},
    {Permission::LedgerReverse, "ledger.reverse"},
    {Permission::LedgerExport, "ledger.export"},
    {Permission::AuditView, "audit.view"},
    {Permission::AuditVerify, "audit.verify"},
    {Permission::VaultRead, "vault.read"},
    {Permission::VaultWrite, "vault.write"},
    {Permission::SettlementApprove, "settlement.approve"},
    {Permission::MerchantView, "merchant.view"},
    {Permission::MerchantViewSensitive, "merchant.view_sensitive"},
    {Permission::MerchantEdit, "merchant.edit"},
    {Permission::MerchantReview, "merchant.review"},
    {Permission::MerchantManage, "merchant.manage"},
    {Permission::AppManage, "app.manage"},
    {Permission::ChannelView, "channel.view"},
    {Permission::ChannelManage, "channel.manage"},
    {Permission::FeeManage, "fee.manage"},
    {Permission::RoutingManage, "routing.manage"},
    {Permission::PaymentView, "payment.view"},
    {Permission::PaymentOperate, "payment.operate"},
    {Permission::RefundRequest, "refund.request"},
    {Permission::RefundApprove, "refund.approve"},
    {Permission::ChannelApprove, "channel.approve"},
    {Permission::ChannelProvision, "channel.provision"},
    {Permission::ReconcileRun, "recon.run"},
    {Permission::ReconcileView, "recon.view"},
    {Permission::ReconcileResolve, "recon.resolve"},
    {Permission::ReconcileApprove, "recon.approve"},
}};
} // namespace

QString roleName(Role role)
{
    for (const RoleInfo &info : kRoles) {
        if (info.role == role)
            return QString::fromLatin1(info.name);
    }
    return {};
}

bool roleFromName(const QString &name, Role *role)
{
    for (const RoleInfo &info : kRoles) {
        if (name == QLatin1StringView(info.name)) {
            *role = info.role;
            return true;
        }
    }
    return false;
}

QList<Role> allRoles()
{
    QList<Role> roles;
    for (const RoleInfo &info : kRoles)
        roles << info.role;
    return roles;
}

QString rolesText(const QSet<Role> &roles)
{
    QStringList names;
    for (Role role : allRoles()) {
        if (roles.contains(role))
            names << roleName(role);
    }
    return names.join(QLatin1Char(','));
}

bool rolesFromText(const QString &text, QSet<Role> *roles)
{
    QSet<Role> parsed;
    for (const QString &name : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        Role role;
        if (!roleFromName(name.trimmed(), &role))
            return false;
        parsed.insert(role);
    }
    *roles = parsed;
    return true;
}

QString name(Permission permission)
{
    for (const PermissionInfo &info : kPermissions) {
        if (info.permission == permission)
            return QString::fromLatin1(info.name);
    }
    return {};
}

QList<Permission> all()
{
    QList<Permission> permissions;
    for (const PermissionInfo &info : kPermissions)
        permissions << info.permission;
    return permissions;
}

QSet<Permission> grantedTo(Role role)
{
    switch (role) {
    case Role::Admin:
        return {Permission::OperatorView,     Permission::OperatorManage,  Permission::AuditView,
                Permission::AuditVerify,      Permission::VaultRead,       Permission::VaultWrite,
                Permission::LedgerView,       Permission::MerchantView,    Permission::MerchantViewSensitive,
                Permission::ChannelView,      Permission::ChannelManage,   Permission::ChannelApprove,
                Permission::PaymentView,      Permission::ReconcileRun,    Permission::ReconcileView,
                Permission::ReconcileResolve, Permission::ReconcileApprove};
    case Role::Onboarding:
        return {Permission::MerchantView,   Permission::MerchantViewSensitive, Permission::MerchantEdit,
                Permission::MerchantReview, Permission::MerchantManage,        Permission::AppManage,
                Permission::ChannelView,    Permission::ChannelManage,         Permission::FeeManage,
                Permission::RoutingManage};
    case Role::Support:
        return {Permission::MerchantView, Permission::ChannelView, Permission::PaymentView, Permission::PaymentOperate,
                Permission::RefundRequest};
    case Role::Finance:
        return {Permission::LedgerView,      Permission::LedgerPost,   Permission::LedgerReverse,
                Permission::LedgerExport,    Permission::MerchantView, Permission::MerchantViewSensitive,
                Permission::ChannelView,     Permission::PaymentView,  Permission::PaymentOperate,
                Permission::RefundRequest,   Permission::ReconcileRun, Permission::ReconcileView,
                Permission::ReconcileResolve};
    case Role::Approver:
        return {Permission::LedgerView,    Permission::SettlementApprove, Permission::MerchantView,
                Permission::ChannelView,   Permission::PaymentView,       Permission::RefundApprove,
                Permission::ReconcileView, Permission::ReconcileApprove};
    case Role::Auditor:
        return {Permission::OperatorView,          Permission::LedgerView,
                Permission::LedgerExport,          Permission::AuditView,
                Permission::AuditVerify,           Permission::MerchantView,
                Permission::MerchantViewSensitive, Permission::ChannelView,
                Permission::PaymentView,           Permission::ReconcileView};
    }
    return {};
}

QSet<Permission> grantedTo(const QSet<Role> &roles)
{
    QSet<Permission> permissions;
    for (Role role : roles)
        permissions.unite(grantedTo(role));
    return permissions;
}

} // namespace paydesk::Permissions
