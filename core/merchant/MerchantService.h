#pragma once

#include "core/merchant/Merchant.h"
#include "core/merchant/MerchantLedger.h"
#include "core/merchant/MerchantWorkflow.h"
#include "core/security/Actor.h"
#include "core/util/Clock.h"

#include <QMap>

#include <functional>
#include <vector>

namespace paydesk {

class AuditLog;
class Database;

// Merchants and their workflow (DESIGN.md §7): draft → submitted → approved | rejected
// (→ draft); approved → active ⇄ frozen → closed. Every call checks the actor's permission
// first (merchant.view / edit / review / manage); every change writes the merchant row, a
// history line and an audit record (before/after) in one unit of work, and is refused when
// the caller's copy is stale (`version`). Approval opens the merchant's ledger accounts,
// freezing moves its available balance to frozen and back, closing needs them at zero.
// Values handed out are masked for actors without merchant.view_sensitive.
class MerchantService
{
public:
    // A condition another module puts on activation (e.g. "a routing rule and a fee rate for
    // each enabled method"); returns an error describing what is missing.
    // What else a merchant lacks before it can take payments on a date, one problem per item
    // (empty: nothing); an error only when the check itself could not run.
    using ReadinessCheck = std::function<Result<QStringList>(qint64 merchantId, const QDate &businessDate)>;

    MerchantService(Database &database, const Clock &clock, AuditLog &audit);

    // Register at start-up, before the service is used from several threads.
    void addReadinessCheck(ReadinessCheck check);

    Result<Merchant> create(const Actor &actor, const MerchantProfile &profile);
    // Draft and rejected: anything (a rejected merchant returns to draft). Approved, active and
    // frozen: contact fields and settlement parameters only. Masked values sent back unchanged
    // by an actor who cannot see them keep the stored value.
    Result<Merchant> update(const Actor &actor, qint64 id, int version, const MerchantProfile &profile);

    Result<Merchant> submit(const Actor &actor, qint64 id, int version);
    Result<Merchant> approve(const Actor &actor, qint64 id, int version, const QString &note = QString());
    Result<Merchant> reject(const Actor &actor, qint64 id, int version, const QString &reason);
    Result<Merchant> reopen(const Actor &actor, qint64 id, int version);
    Result<Merchant> activate(const Actor &actor, qint64 id, int version);
    Result<Merchant> freeze(const Actor &actor, qint64 id, int version, const QString &reason);
    Result<Merchant> unfreeze(const Actor &actor, qint64 id, int version, const QString &note = QString());
    Result<Merchant> close(const Actor &actor, qint64 id, int version, const QString &note = QString());
    // Any step by value (a cli verb, a console button); `text` is the reason or note.
    Result<Merchant> perform(const Actor &actor, MerchantAction action, qint64 id, int version,
                             const QString &text = QString());

    Result<Merchant> find(const Actor &actor, qint64 id);
    Result<Merchant> findByNo(const Actor &actor, const QString &merchantNo);
    // Pages in keyset order: pass the last id of one page as afterId of the next (0 first).
    Result<QList<Merchant>> list(const Actor &actor, const MerchantFilter &filter, qint64 afterId, int limit);
    // Submitted merchants, oldest first.
    Result<QList<Merchant>> reviewQueue(const Actor &actor, qint64 afterId, int limit);
    Result<QMap<MerchantStatus, qint64>> countsByStatus(const Actor &actor,
                                                        const MerchantFilter &filter = MerchantFilter());
    Result<QList<MerchantHistoryEntry>> history(const Actor &actor, qint64 id);
    Result<MerchantBalances> balances(const Actor &actor, qint64 id);
    // What activation would find missing; empty when the merchant is ready.
    Result<QStringList> readinessProblems(const Actor &actor, qint64 id);

private:
    Result<Merchant> transition(const Actor &actor, MerchantAction action, qint64 id, int version, const QString &text);
    Status applyStep(const Actor &actor, MerchantAction action, const Merchant &before, Merchant *after,
                     QJsonObject *detail, const QString &text);
    Result<QStringList> problems(const Merchant &merchant);
    Result<Merchant> present(const Actor &actor, const Merchant &merchant);
    Result<QList<Merchant>> present(const Actor &actor, const QList<Merchant> &merchants);

    Database &m_database;
    const Clock &m_clock;
    AuditLog &m_audit;
    MerchantLedger m_ledger;
    std::vector<ReadinessCheck> m_checks;
};

} // namespace paydesk
