#pragma once

#include <QList>
#include <QSet>
#include <QString>

namespace paydesk {

// The roles of DESIGN.md §10. An operator has one or more.
enum class Role
{
    Admin,
    Onboarding,
    Support,
    Finance,
    Approver,
    Auditor
};

// Named actions the core checks before doing anything. Later modules add theirs here.
enum class Permission
{
    OperatorView,          // operator.view
    OperatorManage,        // operator.manage
    LedgerView,            // ledger.view
    LedgerPost,            // ledger.post
    LedgerReverse,         // ledger.reverse
    LedgerExport,          // ledger.export
    AuditView,             // audit.view
    AuditVerify,           // audit.verify
    VaultRead,             // vault.read
    VaultWrite,            // vault.write
    SettlementApprove,     // settlement.approve
    MerchantView,          // merchant.view: merchants, documents, apps (personal data masked)
    MerchantViewSensitive, // merchant.view_sensitive: bank accounts and ID numbers unmasked
    MerchantEdit,          // merchant.edit: create and edit drafts, documents, submit for review
    MerchantReview,        // merchant.review: approve or reject a submitted merchant (not one's own)
    MerchantManage,        // merchant.manage: activate, freeze, unfreeze, close
    AppManage,             // app.manage: applications and their signing keys
    ChannelView,           // channel.view: channel accounts, fee rates, routing
    ChannelManage,         // channel.manage: channel accounts, their credentials and tests
    FeeManage,             // fee.manage: channel cost rates, merchant rates, templates
    RoutingManage,         // routing.manage: routing rules
    PaymentView,           // payment.view: orders, refunds, their story and notifications (personal data masked)
    PaymentOperate,        // payment.operate: ask the channel now, close an unpaid order, resend a notification
    RefundRequest,         // refund.request: ask for a refund from the console or cli
    RefundApprove,         // refund.approve: approve a refund above the approval threshold (not one's own)
    ChannelApprove,   // channel.approve: approve or reject a proposed change of channel trust material (not one's own)
    ChannelProvision, // channel.provision: the platform itself installs an account's first credentials (no role has it)
    ReconcileRun,     // recon.run: reconcile a channel account's day against its statement (download or import)
    ReconcileView,    // recon.view: runs, their items and the discrepancy pool (payer data masked)
    ReconcileResolve, // recon.resolve: propose how a discrepancy is settled
    ReconcileApprove, // recon.approve: approve or reject a proposed resolution (not one's own)
};

namespace Permissions {

QString roleName(Role role); // "admin", "finance", …
bool roleFromName(const QString &name, Role *role);
QList<Role> allRoles();
// Roles as stored and typed: "finance,approver", in allRoles() order.
QString rolesText(const QSet<Role> &roles);
// False (and nothing set) when a name is no role.
bool rolesFromText(const QString &text, QSet<Role> *roles);

QString name(Permission permission); // "ledger.post", …
QList<Permission> all();

// What each role may do. Admin runs the platform (operators, credentials and the approval of
// changes to channel trust material, audit), onboarding
// brings merchants in (and reviews colleagues' submissions), support looks things up with
// personal data masked, finance works the money, the approver signs off, the auditor reads
// everything and changes nothing.
QSet<Permission> grantedTo(Role role);
QSet<Permission> grantedTo(const QSet<Role> &roles);

} // namespace Permissions
} // namespace paydesk
