// The discrepancy pool's maker-checker (docs/reconciliation.md "Resolving"): an operator with
// recon.resolve proposes a resolution that fits the discrepancy; another operator with
// recon.approve approves it, and only then does money move: the resolution's journal entry (or the
// callback path, or a reversal) is posted in the same transaction that marks it resolved, with an
// audit record. Anything the channel must confirm first (a payment we missed, a payment that never
// happened, a refund to the payer) is asked of the channel before that transaction.

#include "core/reconciliation/ReconciliationService.h"

#include "core/channel/account/ChannelAccountService.h"
#include "core/ledger/Ledger.h"
#include "core/merchant/MerchantStore.h"
#include "core/payment/PaymentService.h"
#include "core/reconciliation/ResolutionPostings.h"
#include "core/security/AuditLog.h"
#include "core/security/Authorizer.h"
#include "core/storage/Database.h"
#include "core/storage/UnitOfWork.h"
#include "core/util/Clock.h"

namespace paydesk {

namespace {
constexpr qsizetype kMaxNoteLength = 2000;

QString objectOf(qint64 discrepancyId)
{
    return QStringLiteral("recon_discrepancy:%1").arg(discrepancyId);
}

QJsonObject errorDetail(const Error &error)
{
    return {{QStringLiteral("error"), QString::fromLatin1(errorCodeName(error.code()))},
            {QStringLiteral("reason"), error.message()}};
}

// The operator acted on the version they saw (another change came first otherwise: reload).
Status versionSeen(const PoolDiscrepancy &discrepancy, int expectedVersion)
{
    if (discrepancy.version != expectedVersion) {
        return Error(ErrorCode::DiscrepancyChangedMeanwhile, QStringLiteral("discrepancy %1: version %2 seen, now %3")
                                                                 .arg(discrepancy.id)
                                                                 .arg(expectedVersion)
                                                                 .arg(discrepancy.version));
    }
    return {};
}

Status checkSeen(const PoolDiscrepancy &discrepancy, int expectedVersion, DiscrepancyStatus required)
{
    const Status seen = versionSeen(discrepancy, expectedVersion);
    if (!seen)
        return seen;
    if (discrepancy.status != required) {
        return Error(ErrorCode::DiscrepancyStateConflict,
                     QStringLiteral("discrepancy %1 is %2")
                         .arg(discrepancy.id)
                         .arg(ReconciliationNames::discrepancyStatus(discrepancy.status)));
    }
    return {};
}

QString refundNumberFor(qint64 discrepancyId)
{
    // Our refund numbers start with R; RS marks a refund of parked (suspense) money. 12 characters
    // of [A-Z0-9] suit every channel's refund number rules.
    return QStringLiteral("RS%1").arg(discrepancyId, 10, 10, QLatin1Char('0'));
}
} // namespace

// One approval, start to end.
class ReconciliationService::Approval
{
public:
    Approval(ReconciliationService &service, const Actor &actor, PoolDiscrepancy discrepancy)
        : m_service(service), m_actor(actor), m_discrepancy(std::move(discrepancy))
    {
    }

    // The channel's confirmation, when the resolution needs one, then one transaction: the entry,
    // the discrepancy resolved, the audit record.
    Result<qint64> go()
    {
        const DiscrepancyResolution resolution = *m_discrepancy.resolution;
        auto target = targetOf();
        if (!target)
            return target.error();
        m_target = *target;
        qint64 entryId = 0;
        switch (resolution) {
        case DiscrepancyResolution::ChannelOnlyMarkPaid: {
            auto paid = paymentConfirmedByChannel();
            if (!paid)
                return paid.error();
            entryId = *paid; // posted by the callback path, in its own transaction, exactly once
            break;
        }
        case DiscrepancyResolution::ReversePayment: {
            const Status unpaid = unpaidConfirmedByChannel();
            if (!unpaid)
                return unpaid.error();
            break;
        }
        case DiscrepancyResolution::RefundToPayer: {
            const Status refunded = refundedByChannel();
            if (!refunded)
                return refunded.error();
            break;
        }
        default:
            break;
        }
        UnitOfWork work(m_service.m_database);
        if (!work.isActive())
            return work.error();
        if (!entryId) {
            auto posted = post(resolution);
            if (!posted)
                return posted.error();
            entryId = *posted;
        }
        const Status approved = DiscrepancyStore::approve(work.connection(), m_discrepancy.id, m_discrepancy.version,
                                                          m_actor.name(), m_service.m_clock.nowUtc(), entryId);
        if (!approved)
            return approved.error();
        QJsonObject detail{{QStringLiteral("resolution"), ReconciliationNames::resolution(resolution)},
                           {QStringLiteral("proposed_by"), m_discrepancy.proposedBy},
                           {QStringLiteral("category"), ReconciliationNames::category(m_discrepancy.category)}};
        if (entryId)
            detail.insert(QStringLiteral("entry_id"), QString::number(entryId));
        const Status logged = m_service.m_audit.append(
            m_actor, {QStringLiteral("recon.approve"), objectOf(m_discrepancy.id), AuditResult::Ok, detail});
        if (!logged)
            return logged.error();
        const Status committed = work.commit();
        if (!committed)
            return committed.error();
        return entryId;
    }

private:
    Result<ResolutionTarget> targetOf()
    {
        ResolutionTarget target;
        target.discrepancyId = m_discrepancy.id;
        target.businessDate = m_service.m_clock.businessDate();
        target.createdBy = m_actor.name();
        auto account = m_service.m_channelAccounts.find(m_service.m_actor, m_discrepancy.channelAccountId);
        if (!account)
            return account.error();
        target.channelAccount = account->name;
        m_channelAccountId = account->id;
        auto db = m_service.m_database.connection();
        if (!db)
            return db.error();
        if (!m_discrepancy.assignMerchantNo.isEmpty()) {
            target.merchantNo = m_discrepancy.assignMerchantNo;
        } else if (m_discrepancy.merchantId) {
            auto merchant = MerchantStore::byId(*db, m_discrepancy.merchantId);
            if (!merchant)
                return merchant.error();
            target.merchantNo = merchant->merchantNo;
        }
        return target;
    }

    // The journal entry of a resolution that posts one here.
    Result<qint64> post(DiscrepancyResolution resolution)
    {
        Ledger ledger(m_service.m_database, m_service.m_clock);
        Result<EntryDraft> draft = Error(ErrorCode::InvalidArgument, QString());
        switch (resolution) {
        case DiscrepancyResolution::Acknowledge:
            return qint64(0);
        case DiscrepancyResolution::ChannelOnlyMarkPaid:
            return Error(ErrorCode::InvalidArgument, QStringLiteral("posted by the callback path"));
        case DiscrepancyResolution::ReversePayment: {
            auto order = m_service.m_payments.find(m_discrepancy.orderNo);
            if (!order)
                return order.error();
            if (!order->entryId) {
                return Error(ErrorCode::InvalidArgument,
                             QStringLiteral("order %1 has no payment entry to reverse").arg(order->orderNo));
            }
            return ledger.reverse(order->entryId, m_target.businessDate, memo(resolution), m_target.createdBy);
        }
        case DiscrepancyResolution::RefundToPayer:
            return ledger.reverse(m_discrepancy.parkedEntryId, m_target.businessDate, memo(resolution),
                                  m_target.createdBy);
        case DiscrepancyResolution::ParkInSuspense:
            draft = ResolutionPostings::park(m_discrepancy, m_target);
            break;
        case DiscrepancyResolution::AdjustFee:
            draft = ResolutionPostings::adjustFee(m_discrepancy, m_target);
            break;
        case DiscrepancyResolution::AdjustAmount:
        case DiscrepancyResolution::AssignToMerchant:
            if (m_discrepancy.parkedEntryId) {
                auto parked = parkedSuspense();
                if (!parked)
                    return parked.error();
                draft = ResolutionPostings::placeParked(m_discrepancy, resolution, *parked, m_target);
            } else {
                draft = ResolutionPostings::adjustAmount(m_discrepancy, m_target);
            }
            break;
        }
        if (!draft)
            return draft.error();
        Ledger::PostOptions options;
        options.openMissingAccounts = true; // suspense and a new channel account's receivable
        return ledger.post(*draft, options);
    }

    QString memo(DiscrepancyResolution resolution) const
    {
        return QStringLiteral("reconciliation %1 %2 of %3")
            .arg(ReconciliationNames::resolution(resolution), m_discrepancy.matchKey,
                 m_discrepancy.billDate.toString(Qt::ISODate));
    }

    // What the park entry put in suspense (its suspense line).
    Result<qint64> parkedSuspense()
    {
        Ledger ledger(m_service.m_database, m_service.m_clock);
        auto entry = ledger.entry(m_discrepancy.parkedEntryId);
        if (!entry)
            return entry.error();
        const QString suspense = AccountName::suspense().name();
        for (const Posting &posting : entry->postings) {
            if (posting.account == suspense)
                return posting.amount.minor();
        }
        return Error(ErrorCode::InvalidArgument,
                     QStringLiteral("entry %1 parked nothing in suspense").arg(m_discrepancy.parkedEntryId));
    }

    // channel_only_mark_paid: the channel is asked about our order and what it says is applied as a
    // callback's word would be (posted once, the merchant notified). Approved only when the order
    // then stands paid.
    Result<qint64> paymentConfirmedByChannel()
    {
        auto order = m_service.m_payments.queryChannel(m_discrepancy.orderNo);
        if (!order)
            return order.error();
        if (order->entryId == 0 ||
            (order->status != PaymentStatus::Succeeded && order->status != PaymentStatus::PartiallyRefunded &&
             order->status != PaymentStatus::Refunded)) {
            return Error(ErrorCode::ChannelStateConflict,
                         QStringLiteral("the channel does not confirm that order %1 was paid; it is %2")
                             .arg(order->orderNo, PaymentStates::name(order->status)));
        }
        return order->entryId;
    }

    // reverse_payment: only when the channel says the order was never paid.
    Status unpaidConfirmedByChannel()
    {
        auto order = m_service.m_payments.find(m_discrepancy.orderNo);
        if (!order)
            return order.error();
        auto adapter = m_service.m_channelAccounts.adapterFor(m_service.m_actor, m_channelAccountId);
        if (!adapter)
            return adapter.error();
        auto status = (*adapter)->queryOrder(order->orderNo, order->createdAt);
        if (!status)
            return status.error();
        if (status->state == OrderState::Paid || status->state == OrderState::Refunded) {
            return Error(ErrorCode::ChannelStateConflict,
                         QStringLiteral("the channel says order %1 was paid (%2): nothing to reverse")
                             .arg(order->orderNo, status->channelState));
        }
        return {};
    }

    // refund_to_payer: parked money goes back through the channel, refunding the channel's
    // transaction under its own order number; the park entry is reversed once the channel accepts.
    Status refundedByChannel()
    {
        auto parked = parkedSuspense();
        if (!parked)
            return parked.error();
        const ReconciliationItem &item = m_discrepancy.item;
        auto adapter = m_service.m_channelAccounts.adapterFor(m_service.m_actor, m_channelAccountId);
        if (!adapter)
            return adapter.error();
        RefundRequest request;
        request.outTradeNo = item.orderNo;
        request.channelTransactionId = item.channelTransactionId;
        request.outRefundNo = refundNumberFor(m_discrepancy.id);
        request.refundAmount = Money::fromMinor(-*parked, item.currency);
        request.totalAmount = Money::fromMinor(item.channelAmount.value_or(-*parked), item.currency);
        request.reason = QStringLiteral("reconciliation: unclaimed payment");
        request.requestedAt = m_service.m_clock.nowUtc();
        auto refund = (*adapter)->refund(request);
        if (!refund)
            return refund.error();
        if (refund->state == RefundState::Failed || refund->state == RefundState::NotFound) {
            return Error(ErrorCode::ChannelStateConflict,
                         QStringLiteral("the channel refused the refund %1").arg(request.outRefundNo));
        }
        return {};
    }

    ReconciliationService &m_service;
    const Actor &m_actor;
    PoolDiscrepancy m_discrepancy;
    ResolutionTarget m_target;
    qint64 m_channelAccountId = 0;
};

Status ReconciliationService::auditFailure(const Actor &actor, const QString &action, const QString &object,
                                           const Error &error)
{
    UnitOfWork work(m_database);
    if (!work.isActive())
        return work.error();
    const Status logged = m_audit.append(actor, {action, object, AuditResult::Failed, errorDetail(error)});
    if (!logged)
        return logged;
    return work.commit();
}

Result<PoolDiscrepancy> ReconciliationService::propose(const Actor &actor, const ResolutionProposal &proposal)
{
    const QString action = QStringLiteral("recon.resolve");
    const QString object = objectOf(proposal.discrepancyId);
    const Status allowed = Authorizer(m_audit).require(actor, Permission::ReconcileResolve, object);
    if (!allowed)
        return allowed.error();
    auto refused = [&](const Error &error) -> Error {
        (void)auditFailure(actor, action, object, error);
        return error;
    };
    const QString note = proposal.note.trimmed();
    if (note.isEmpty() || note.size() > kMaxNoteLength) {
        return refused(Error(ErrorCode::InvalidArgument,
                             QStringLiteral("a note of 1 to %1 characters says why").arg(kMaxNoteLength)));
    }
    auto db = m_database.connection();
    if (!db)
        return db.error();
    auto found = DiscrepancyStore::byId(*db, proposal.discrepancyId);
    if (!found)
        return refused(found.error());
    const Status seen = versionSeen(*found, proposal.expectedVersion);
    if (!seen)
        return refused(seen.error());
    if (!resolutionsFor(*found).contains(proposal.resolution)) {
        return refused(
            Error(ErrorCode::InvalidArgument, QStringLiteral("%1 does not fit discrepancy %2 (%3, %4)")
                                                  .arg(ReconciliationNames::resolution(proposal.resolution))
                                                  .arg(found->id)
                                                  .arg(ReconciliationNames::category(found->category),
                                                       ReconciliationNames::discrepancyStatus(found->status))));
    }
    QString merchantNo;
    if (proposal.resolution == DiscrepancyResolution::AssignToMerchant) {
        auto merchant = MerchantStore::byNo(*db, proposal.merchantNo.trimmed());
        if (!merchant)
            return refused(merchant.error());
        merchantNo = merchant->merchantNo;
    }
    UnitOfWork work(m_database);
    if (!work.isActive())
        return work.error();
    const Status changed =
        DiscrepancyStore::propose(work.connection(), found->id, proposal.expectedVersion, proposal.resolution,
                                  actor.name(), m_clock.nowUtc(), note, merchantNo);
    if (!changed) {
        work.rollback();
        return refused(changed.error());
    }
    QJsonObject detail{{QStringLiteral("resolution"), ReconciliationNames::resolution(proposal.resolution)},
                       {QStringLiteral("category"), ReconciliationNames::category(found->category)},
                       {QStringLiteral("note"), note}};
    if (!merchantNo.isEmpty())
        detail.insert(QStringLiteral("merchant"), merchantNo);
    const Status logged = m_audit.append(actor, {action, object, AuditResult::Ok, detail});
    if (!logged)
        return logged.error();
    return work.commitThenRead(
        [&](const QSqlDatabase &connection) { return DiscrepancyStore::byId(connection, found->id); });
}

Result<PoolDiscrepancy> ReconciliationService::approve(const Actor &actor, qint64 discrepancyId, int expectedVersion)
{
    const QString object = objectOf(discrepancyId);
    const Status allowed = Authorizer(m_audit).require(actor, Permission::ReconcileApprove, object);
    if (!allowed)
        return allowed.error();
    auto refused = [&](const Error &error) -> Error {
        (void)auditFailure(actor, QStringLiteral("recon.approve"), object, error);
        return error;
    };
    auto db = m_database.connection();
    if (!db)
        return db.error();
    auto found = DiscrepancyStore::byId(*db, discrepancyId);
    if (!found)
        return refused(found.error());
    const Status seen = checkSeen(*found, expectedVersion, DiscrepancyStatus::Proposed);
    if (!seen)
        return refused(seen.error());
    if (found->proposedBy == actor.name()) {
        return refused(Error(ErrorCode::DiscrepancySelfApproval,
                             QStringLiteral("%1 proposed it; another approver must decide").arg(actor.name())));
    }
    auto entry = Approval(*this, actor, *found).go();
    if (!entry)
        return refused(entry.error());
    auto again = m_database.connection();
    if (!again)
        return again.error();
    return DiscrepancyStore::byId(*again, discrepancyId);
}

Result<PoolDiscrepancy> ReconciliationService::reject(const Actor &actor, qint64 discrepancyId, int expectedVersion,
                                                      const QString &reason)
{
    const QString action = QStringLiteral("recon.reject");
    const QString object = objectOf(discrepancyId);
    const Status allowed = Authorizer(m_audit).require(actor, Permission::ReconcileApprove, object);
    if (!allowed)
        return allowed.error();
    auto refused = [&](const Error &error) -> Error {
        (void)auditFailure(actor, action, object, error);
        return error;
    };
    const QString why = reason.trimmed();
    if (why.isEmpty() || why.size() > kMaxNoteLength) {
        return refused(Error(ErrorCode::InvalidArgument,
                             QStringLiteral("a reason of 1 to %1 characters says why").arg(kMaxNoteLength)));
    }
    UnitOfWork work(m_database);
    if (!work.isActive())
        return work.error();
    const Status changed = DiscrepancyStore::reject(work.connection(), discrepancyId, expectedVersion, actor.name(),
                                                    m_clock.nowUtc(), why);
    if (!changed) {
        work.rollback();
        return refused(changed.error());
    }
    const Status logged =
        m_audit.append(actor, {action, object, AuditResult::Ok, QJsonObject{{QStringLiteral("reason"), why}}});
    if (!logged)
        return logged.error();
    return work.commitThenRead(
        [&](const QSqlDatabase &connection) { return DiscrepancyStore::byId(connection, discrepancyId); });
}

int ReconciliationService::autoResolve(const ReconciliationRun &run, const QString &channelAccount)
{
    auto enabled = m_settings.value(autoResolveKey(channelAccount));
    if (!enabled || enabled->trimmed() != QLatin1String("on"))
        return 0;
    auto db = m_database.connection();
    if (!db)
        return 0;
    DiscrepancyFilter filter;
    filter.status = DiscrepancyStatus::Open;
    filter.category = DiscrepancyCategory::ChannelOnly;
    filter.channelAccountId = run.channelAccountId;
    filter.from = run.billDate;
    filter.to = run.billDate;
    filter.limit = 1000;
    auto open = DiscrepancyStore::list(*db, filter);
    if (!open)
        return 0;
    int resolved = 0;
    for (const PoolDiscrepancy &discrepancy : *open) {
        // Only the missed callback: our order exists, unpaid, and the channel confirms it paid.
        // Money leaving the platform is never resolved without a person.
        if (discrepancy.type != RecordType::Payment || discrepancy.orderNo.isEmpty() ||
            !discrepancy.item.hasPlatformSide())
            continue;
        const QString object = objectOf(discrepancy.id);
        auto order = m_payments.queryChannel(discrepancy.orderNo);
        if (!order || order->entryId == 0)
            continue;
        UnitOfWork work(m_database);
        if (!work.isActive())
            continue;
        const QDateTime now = m_clock.nowUtc();
        const QString note = QStringLiteral("auto-resolved: the channel confirmed the payment");
        if (!DiscrepancyStore::propose(work.connection(), discrepancy.id, discrepancy.version,
                                       DiscrepancyResolution::ChannelOnlyMarkPaid, m_actor.name(), now, note,
                                       QString()))
            continue;
        if (!DiscrepancyStore::approve(work.connection(), discrepancy.id, discrepancy.version + 1, m_actor.name(), now,
                                       order->entryId))
            continue;
        const QJsonObject detail{
            {QStringLiteral("resolution"), ReconciliationNames::resolution(DiscrepancyResolution::ChannelOnlyMarkPaid)},
            {QStringLiteral("entry_id"), QString::number(order->entryId)},
            {QStringLiteral("run_id"), QString::number(run.id)}};
        if (!m_audit.append(m_actor, {QStringLiteral("recon.auto_resolve"), object, AuditResult::Ok, detail}))
            continue;
        if (work.commit())
            ++resolved;
    }
    return resolved;
}

QString ReconciliationService::autoResolveKey(const QString &channelAccount)
{
    return QStringLiteral("recon.auto_resolve:%1").arg(channelAccount);
}

} // namespace paydesk
