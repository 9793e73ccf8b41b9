#include "core/ledger/JournalQuery.h"

#include "core/ledger/LedgerQueryStore.h"

namespace paydesk {

JournalQuery::JournalQuery(Database &database) : m_database(database) {}

Result<Currency> JournalQuery::currencyOf(qint64 accountId)
{
    {
        QMutexLocker lock(&m_mutex);
        auto it = m_currencies.constFind(accountId);
        if (it != m_currencies.constEnd())
            return *it;
    }
    // Unknown here: (re)load the whole chart, which is small next to the journal.
    auto loaded = LedgerQueryStore::accountCurrencies(m_database);
    if (!loaded)
        return loaded.error();
    QMutexLocker lock(&m_mutex);
    m_currencies = *loaded;
    if (!m_currencies.contains(accountId))
        return Error(ErrorCode::AccountUnknown, QString::number(accountId));
    return m_currencies.value(accountId);
}

Result<QList<JournalSummary>> JournalQuery::page(const JournalFilter &filter, qint64 beforeId, int limit)
{
    return LedgerQueryStore::journalPage(m_database, filter, beforeId, limit,
                                         [this](qint64 accountId) { return currencyOf(accountId); });
}

} // namespace paydesk
