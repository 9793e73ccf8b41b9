#pragma once

#include "core/channel/account/ChannelAccountService.h"
#include "core/fee/FeeService.h"
#include "core/ledger/LedgerService.h"
#include "core/merchant/ApplicationService.h"
#include "core/merchant/MerchantDocuments.h"
#include "core/merchant/MerchantService.h"
#include "core/payment/CallbackService.h"
#include "core/payment/NotificationService.h"
#include "core/payment/PaymentService.h"
#include "core/payment/RefundAttention.h"
#include "core/payment/RefundRequests.h"
#include "core/payment/RefundService.h"
#include "core/payment/search/OrderSearch.h"
#include "core/payment/search/OrderStory.h"
#include "core/reconciliation/ReconciliationService.h"
#include "core/routing/RoutingService.h"
#include "core/security/AuditLog.h"
#include "core/security/OperatorService.h"
#include "core/security/Vault.h"
#include "core/storage/Database.h"
#include "core/storage/Settings.h"

#include <memory>

namespace paydesk {

// The payment core's services over one database, as a front end (console, cli, daemon)
// holds them: one instance per process, shared by all its threads.
class PaydeskCore
{
public:
    struct Options
    {
        PasswordHasher hasher;
        PasswordPolicy policy;
        Crypto::ScryptParameters vaultKdf;
        HttpClient::Options channelHttp; // timeouts and retries of channel calls
    };

    PaydeskCore(std::shared_ptr<Database> database, const Clock &clock);
    PaydeskCore(std::shared_ptr<Database> database, const Clock &clock, const Options &options);

    Database &database() { return *m_database; }
    std::shared_ptr<Database> sharedDatabase() { return m_database; }
    const Clock &clock() const { return m_clock; }
    AuditLog &audit() { return m_audit; }
    OperatorService &operators() { return m_operators; }
    Vault &vault() { return m_vault; }
    LedgerService &ledger() { return m_ledger; }
    Settings &settings() { return m_settings; }
    MerchantService &merchants() { return m_merchants; }
    MerchantDocuments &documents() { return m_documents; }
    ApplicationService &applications() { return m_applications; }
    ChannelAccountService &channelAccounts() { return m_channelAccounts; }
    FeeService &fees() { return m_fees; }
    RoutingService &routing() { return m_routing; }
    PaymentService &payments() { return m_payments; }
    RefundService &refunds() { return m_refunds; }
    CallbackService &callbacks() { return m_callbacks; }
    NotificationService &notifications() { return m_notifications; }
    RefundRequests &refundRequests() { return m_refundRequests; }
    RefundAttention &refundAttention() { return m_refundAttention; }
    OrderSearch &orderSearch() { return m_orderSearch; }
    OrderStories &orderStories() { return m_orderStories; }
    ReconciliationService &reconciliation() { return m_reconciliation; }
    // See PaymentService::setCallbackBase: where channels post results for this process's orders.
    void setCallbackBase(const QUrl &base)
    {
        m_payments.setCallbackBase(base);
        m_refunds.setCallbackBase(base);
    }

private:
    std::shared_ptr<Database> m_database;
    const Clock &m_clock;
    AuditLog m_audit;
    OperatorService m_operators;
    Vault m_vault;
    LedgerService m_ledger;
    Settings m_settings;
    MerchantService m_merchants;
    MerchantDocuments m_documents;
    ApplicationService m_applications;
    ChannelAccountService m_channelAccounts;
    FeeService m_fees;
    RoutingService m_routing;
    PaymentService m_payments;
    RefundService m_refunds;
    CallbackService m_callbacks;
    NotificationService m_notifications;
    RefundRequests m_refundRequests;
    RefundAttention m_refundAttention;
    OrderSearch m_orderSearch;
    OrderStories m_orderStories;
    ReconciliationService m_reconciliation;
};

} // namespace paydesk
