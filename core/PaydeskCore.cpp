#include "PaydeskCore.h"

namespace paydesk {

PaydeskCore::PaydeskCore(std::shared_ptr<Database> database, const Clock &clock)
    : PaydeskCore(std::move(database), clock, Options{})
{
}

PaydeskCore::PaydeskCore(std::shared_ptr<Database> database, const Clock &clock, const Options &options)
    : m_database(std::move(database)),
      m_clock(clock),
      m_audit(*m_database, clock),
      m_operators(*m_database, clock, m_audit, options.hasher, options.policy),
      m_vault(*m_database, clock, m_audit, options.vaultKdf),
      m_ledger(*m_database, clock, m_audit),
      m_settings(*m_database)
{
}

} // namespace paydesk
