#include "core/PaydeskCore.h"

#include "core/reconciliation/ReconciliationStory.h"

namespace paydesk {

PaydeskCore::PaydeskCore(std::shared_ptr<Database> database, const Clock &clock)
    : PaydeskCore(std::move(database), clock, Options{})
{
}

PaydeskCore::PaydeskCore(std::shared_ptr<Database> database, const Clock &clock, const Options &options)
    : m_database(std::move(database)), m_clock(clock), m_audit(*m_database, clock),
      m_operators(*m_database, clock, m_audit, options.hasher, options.policy),
      m_vault(*m_database, clock, m_audit, options.vaultKdf), m_ledger(*m_database, clock, m_audit),
      m_settings(*m_database), m_merchants(*m_database, clock, m_audit), m_documents(*m_database, clock, m_audit),
      m_applications(*m_database, clock, m_audit, m_vault),
      m_channelAccounts(*m_database, clock, m_audit, m_vault, options.channelHttp), m_fees(*m_database, clock, m_audit),
      m_routing(*m_database, clock, m_audit),
      m_payments(*m_database, clock, m_audit, m_channelAccounts, m_fees, m_routing),
      m_refunds(*m_database, clock, m_channelAccounts),
      m_callbacks(m_audit, clock, m_channelAccounts, m_payments, m_refunds),
      m_notifications(*m_database, clock, m_audit),
      m_refundRequests(*m_database, clock, m_audit, m_settings, m_refunds, m_applications),
      m_refundAttention(*m_database, clock, m_audit, m_settings), m_orderSearch(*m_database, m_audit),
      m_orderStories(*m_database, clock, m_audit, m_payments, m_notifications),
      m_reconciliation(*m_database, clock, m_audit, m_settings, m_channelAccounts, m_payments)
{
    // The order story shows what reconciliation found for the order and how it was resolved.
    m_orderStories.addSource([this](const PaymentOrder &order) -> Result<QList<StoryItem>> {
        auto db = m_database->connection();
        if (!db)
            return db.error();
        return ReconciliationStory::linesOf(*db, order);
    });
    // Activation needs a routing rule and a fee rate for every routed method.
    m_merchants.addReadinessCheck([this](qint64 merchantId, const QDate &businessDate) {
        return m_routing.readinessProblems(merchantId, businessDate);
    });
}

} // namespace paydesk
