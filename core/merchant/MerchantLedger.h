#pragma once

#include "core/ledger/Ledger.h"
#include "core/merchant/Merchant.h"

namespace paydesk {

// A merchant's three ledger accounts (merchant:<no>:pending / :available / :frozen) and the
// entries the workflow posts on them: opened at approval, the available balance moved to frozen
// and back when the merchant is frozen and unfrozen, closed at zero. Joins the caller's unit of
// work; no permission checks and no audit (MerchantService does both).
class MerchantLedger
{
public:
    MerchantLedger(Database &database, const Clock &clock);

    struct Move
    {
        qint64 entryId = 0; // 0: nothing to move
        Money amount;
    };

    static QStringList accountNames(const QString &merchantNo);

    // Opens the three accounts; an account of the same name that is already open (posted to by
    // an import or the demo before the merchant was registered) is taken over.
    Status open(const QString &merchantNo, Currency currency);
    // Moves the whole available balance to frozen (EntryKind::Freeze).
    Result<Move> freeze(const QString &merchantNo, Currency currency, const QString &eventKey, const QString &memo,
                        const QString &actor);
    // Moves back exactly what the freeze entry moved (EntryKind::Unfreeze).
    Result<Move> unfreeze(const QString &merchantNo, Currency currency, qint64 freezeEntryId, const QString &memo,
                          const QString &actor);
    // forUpdate: inside a unit of work, locks the accounts (PostgreSQL) so the balances hold.
    Result<MerchantBalances> balances(const QString &merchantNo, Currency currency, bool forUpdate = false);
    Status close(const QString &merchantNo, Currency currency);

private:
    Result<qint64> post(const QString &merchantNo, EntryKind kind, const QString &debit, const QString &credit,
                        const Money &amount, const QString &eventKey, const QString &memo, const QString &actor);

    Database &m_database;
    const Clock &m_clock;
    Ledger m_ledger;
};

} // namespace paydesk
