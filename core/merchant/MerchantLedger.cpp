#include "core/merchant/MerchantLedger.h"

#include "core/ledger/AccountName.h"
#include "core/storage/Database.h"

namespace paydesk {

MerchantLedger::MerchantLedger(Database &database, const Clock &clock)
    : m_database(database), m_clock(clock), m_ledger(database, clock)
{
}

QStringList MerchantLedger::accountNames(const QString &merchantNo)
{
    return {AccountName::merchantPending(merchantNo).name(), AccountName::merchantAvailable(merchantNo).name(),
            AccountName::merchantFrozen(merchantNo).name()};
}

Status MerchantLedger::open(const QString &merchantNo, Currency currency)
{
    for (const QString &name : accountNames(merchantNo)) {
        auto existing = m_ledger.accounts().find(name, currency);
        if (existing) {
            if (!existing->open)
                return Error(ErrorCode::AccountClosed, LedgerAccounts::key(name, currency));
            continue;
        }
        if (existing.error().code() != ErrorCode::AccountUnknown)
            return existing.error();
        auto opened = m_ledger.accounts().open(name, currency);
        if (!opened)
            return opened.error();
    }
    return {};
}

Result<MerchantBalances> MerchantLedger::balances(const QString &merchantNo, Currency currency, bool forUpdate)
{
    const QStringList names = accountNames(merchantNo);
    MerchantBalances balances;
    balances.pending = balances.available = balances.frozen = Money::zero(currency);
    QHash<QString, LedgerAccount> found;
    if (forUpdate) {
        auto locked = m_ledger.accounts().findManyForUpdate(names);
        if (!locked)
            return locked.error();
        found = *locked;
    } else {
        for (const QString &name : names) {
            auto account = m_ledger.accounts().find(name, currency);
            if (account)
                found.insert(LedgerAccounts::key(name, currency), *account);
            else if (account.error().code() != ErrorCode::AccountUnknown)
                return account.error();
        }
    }
    Money *targets[] = {&balances.pending, &balances.available, &balances.frozen};
    int open = 0;
    for (int i = 0; i < 3; ++i) {
        const auto account = found.constFind(LedgerAccounts::key(names.at(i), currency));
        if (account == found.constEnd())
            continue;
        *targets[i] = account->naturalBalance();
        open += account->open ? 1 : 0;
    }
    balances.accountsOpen = open == 3;
    return balances;
}

Result<qint64> MerchantLedger::post(const QString &merchantNo, EntryKind kind, const QString &debit,
                                    const QString &credit, const Money &amount, const QString &eventKey,
                                    const QString &memo, const QString &actor)
{
    auto negated = amount.negated();
    if (!negated)
        return negated.error();
    EntryDraft draft;
    draft.businessDate = m_clock.businessDate();
    draft.kind = kind;
    draft.reference = merchantNo;
    draft.memo = memo;
    draft.eventKey = eventKey;
    draft.createdBy = actor;
    draft.postings = {{debit, amount}, {credit, *negated}};
    return m_ledger.post(draft);
}

Result<MerchantLedger::Move> MerchantLedger::freeze(const QString &merchantNo, Currency currency,
                                                    const QString &eventKey, const QString &memo, const QString &actor)
{
    auto current = balances(merchantNo, currency, true);
    if (!current)
        return current.error();
    Move move{0, current->available};
    if (!current->available.isPositive())
        return move;
    auto entry = post(merchantNo, EntryKind::Freeze, AccountName::merchantAvailable(merchantNo).name(),
                      AccountName::merchantFrozen(merchantNo).name(), current->available, eventKey, memo, actor);
    if (!entry)
        return entry.error();
    move.entryId = *entry;
    return move;
}

Result<MerchantLedger::Move> MerchantLedger::unfreeze(const QString &merchantNo, Currency currency,
                                                      qint64 freezeEntryId, const QString &memo, const QString &actor)
{
    Move move{0, Money::zero(currency)};
    if (freezeEntryId <= 0)
        return move;
    auto freeze = m_ledger.entry(freezeEntryId);
    if (!freeze)
        return freeze.error();
    const QString frozen = AccountName::merchantFrozen(merchantNo).name();
    for (const Posting &posting : std::as_const(freeze->postings)) {
        if (posting.account == frozen && posting.amount.isNegative())
            move.amount = posting.amount.negated().value();
    }
    if (freeze->kind != EntryKind::Freeze || !move.amount.isPositive())
        return Error(ErrorCode::EntryNotFound,
                     QStringLiteral("entry %1 is not a freeze of %2").arg(freezeEntryId).arg(merchantNo));
    auto entry = post(merchantNo, EntryKind::Unfreeze, frozen, AccountName::merchantAvailable(merchantNo).name(),
                      move.amount, QStringLiteral("merchant.unfreeze:%1").arg(freezeEntryId), memo, actor);
    if (!entry)
        return entry.error();
    move.entryId = *entry;
    return move;
}

Status MerchantLedger::close(const QString &merchantNo, Currency currency)
{
    for (const QString &name : accountNames(merchantNo)) {
        auto closed = m_ledger.accounts().close(name, currency);
        if (!closed)
            return closed;
    }
    return {};
}

} // namespace paydesk
