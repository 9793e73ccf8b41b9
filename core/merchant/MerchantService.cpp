#include "core/merchant/MerchantService.h"

#include "core/merchant/ApplicationStore.h"
#include "core/merchant/MerchantDocuments.h"
#include "core/merchant/MerchantMasking.h"
#include "core/merchant/MerchantStore.h"
#include "core/merchant/MerchantValidator.h"
#include "core/security/AuditLog.h"
#include "core/security/AuditedChange.h"
#include "core/security/Authorizer.h"
#include "core/storage/Database.h"
#include "core/storage/UnitOfWork.h"

#include <QJsonArray>

#include <array>

namespace paydesk {

namespace {
constexpr int kMaximumReason = 500;

struct Field
{
    const char *name;
    QString (*value)(const MerchantProfile &);
    bool contactOrSettlement; // may change while approved, active or frozen
};

const std::array<Field, 17> kFields{{
    {"legal_name", [](const MerchantProfile &p) { return p.legalName; }, false},
    {"short_name", [](const MerchantProfile &p) { return p.shortName; }, false},
    {"type", [](const MerchantProfile &p) { return MerchantNames::type(p.type); }, false},
    {"registration_no", [](const MerchantProfile &p) { return p.registrationNo; }, false},
    {"contact_name", [](const MerchantProfile &p) { return p.contactName; }, true},
    {"contact_phone", [](const MerchantProfile &p) { return p.contactPhone; }, true},
    {"contact_email", [](const MerchantProfile &p) { return p.contactEmail; }, true},
    {"industry", [](const MerchantProfile &p) { return p.industry; }, false},
    {"bank_account_name", [](const MerchantProfile &p) { return p.bankAccountName; }, false},
    {"bank_name", [](const MerchantProfile &p) { return p.bankName; }, false},
    {"bank_branch", [](const MerchantProfile &p) { return p.bankBranch; }, false},
    {"bank_account_no", [](const MerchantProfile &p) { return p.bankAccountNo; }, false},
    {"currency", [](const MerchantProfile &p) { return p.currency.code(); }, false},
    {"settlement_cycle", [](const MerchantProfile &p) { return MerchantNames::cycle(p.settlementCycle); }, true},
    {"settlement_days", [](const MerchantProfile &p) { return QString::number(p.settlementDays); }, true},
    {"minimum_payout", [](const MerchantProfile &p) { return p.minimumPayout.toString(); }, true},
    {"reserve_ppm", [](const MerchantProfile &p) { return QString::number(p.reservePpm); }, true},
}};

QJsonObject describe(const MerchantProfile &p)
{
    QJsonObject object;
    for (const Field &field : kFields)
        object.insert(QString::fromLatin1(field.name), field.value(p));
    return object;
}

QStringList changedFields(const MerchantProfile &before, const MerchantProfile &after)
{
    QStringList names;
    for (const Field &field : kFields) {
        if (field.value(before) != field.value(after))
            names << QString::fromLatin1(field.name);
    }
    return names;
}

QJsonObject only(const QJsonObject &object, const QStringList &names)
{
    QJsonObject picked;
    for (const QString &name : names)
        picked.insert(name, object.value(name));
    return picked;
}

QJsonObject statusOf(const Merchant &merchant)
{
    return QJsonObject{{QStringLiteral("status"), MerchantNames::status(merchant.status)},
                       {QStringLiteral("version"), merchant.version}};
}

QString objectName(const Merchant &merchant)
{
    return QStringLiteral("merchant:") + merchant.merchantNo;
}

QString objectName(qint64 id)
{
    return QStringLiteral("merchant:%1").arg(id);
}

Status fresh(const Merchant &merchant, int version)
{
    if (merchant.version != version)
        return Error(ErrorCode::MerchantChangedMeanwhile,
                     QStringLiteral("%1 is at version %2, the change was made on version %3")
                         .arg(merchant.merchantNo)
                         .arg(merchant.version)
                         .arg(version));
    return {};
}

// A merchant read outside any unit of work, on this thread's connection.
Result<Merchant> loadMerchant(Database &database, qint64 id)
{
    auto connection = database.connection();
    if (!connection)
        return connection.error();
    return MerchantStore::byId(*connection, id);
}

// Keeps the stored value where an actor who sees masked text sent that text back unchanged.
MerchantProfile unmaskedInput(MerchantProfile input, const MerchantProfile &stored)
{
    if (input.registrationNo.trimmed() == MerchantMasking::registrationNo(stored.registrationNo))
        input.registrationNo = stored.registrationNo;
    if (input.bankAccountNo.trimmed() == MerchantMasking::bankAccountNo(stored.bankAccountNo))
        input.bankAccountNo = stored.bankAccountNo;
    if (input.contactPhone.trimmed() == MerchantMasking::phone(stored.contactPhone))
        input.contactPhone = stored.contactPhone;
    return input;
}
} // namespace

MerchantService::MerchantService(Database &database, const Clock &clock, AuditLog &audit)
    : m_database(database), m_clock(clock), m_audit(audit), m_ledger(database, clock)
{
}

void MerchantService::addReadinessCheck(ReadinessCheck check)
{
    m_checks.push_back(std::move(check));
}

Result<Merchant> MerchantService::present(const Actor &actor, const Merchant &merchant)
{
    auto sensitive = MerchantMasking::canSeeSensitive(m_database, actor);
    if (!sensitive)
        return sensitive.error();
    return *sensitive ? merchant : MerchantMasking::masked(merchant);
}

Result<QList<Merchant>> MerchantService::present(const Actor &actor, const QList<Merchant> &merchants)
{
    auto sensitive = MerchantMasking::canSeeSensitive(m_database, actor);
    if (!sensitive)
        return sensitive.error();
    if (*sensitive)
        return merchants;
    QList<Merchant> masked;
    masked.reserve(merchants.size());
    for (const Merchant &merchant : merchants)
        masked << MerchantMasking::masked(merchant);
    return masked;
}

Result<Merchant> MerchantService::create(const Actor &actor, const MerchantProfile &input)
{
    auto allowed = Authorizer(m_audit).require(actor, Permission::MerchantEdit, QStringLiteral("merchants"));
    if (!allowed)
        return allowed.error();
    const MerchantProfile profile = MerchantValidator::normalized(input);
    auto valid = MerchantValidator::check(profile, false, m_clock.businessDate());
    if (!valid)
        return valid.error();
    const QDateTime now = m_clock.nowUtc();
    Merchant draft;
    draft.profile = profile;
    draft.status = MerchantStatus::Draft;
    draft.createdAt = draft.updatedAt = now;
    draft.createdBy = actor.name();
    UnitOfWork work(m_database);
    if (!work.isActive())
        return work.error();
    auto id = MerchantStore::insert(m_database, work.connection(), draft);
    if (!id)
        return id.error();
    auto created = MerchantStore::byId(work.connection(), *id);
    if (!created)
        return created.error();
    auto history = MerchantStore::addHistory(work.connection(), created->id, now, actor.name(),
                                             QStringLiteral("create"), std::nullopt, MerchantStatus::Draft);
    if (!history)
        return history.error();
    QJsonObject after = describe(profile);
    after.insert(QStringLiteral("status"), MerchantNames::status(MerchantStatus::Draft));
    auto done = auditAndCommit(work, m_audit, actor,
                               {QStringLiteral("merchant.create"), objectName(*created), AuditResult::Ok,
                                QJsonObject{{QStringLiteral("after"), after}}});
    if (!done)
        return done.error();
    return present(actor, *created);
}

Result<Merchant> MerchantService::update(const Actor &actor, qint64 id, int version, const MerchantProfile &input)
{
    QStringList changed; // the fields the write changes, for its history line and audit record
    AuditedChange<Merchant> change;
    change.permission = Permission::MerchantEdit;
    change.refusedObject = objectName(id);
    change.load = [id](const QSqlDatabase &db) { return MerchantStore::byId(db, id, true); };
    change.write = [&](const QSqlDatabase &db, const Merchant &before) -> Result<bool> {
        auto sensitive = MerchantMasking::canSeeSensitive(m_database, actor);
        if (!sensitive)
            return sensitive.error();
        auto current = fresh(before, version);
        if (!current)
            return current.error();
        const MerchantEditScope scope = MerchantWorkflow::editScope(before.status);
        if (scope == MerchantEditScope::None)
            return Error(ErrorCode::MerchantTransitionRefused,
                         QStringLiteral("edit: %1 is %2; nothing can change now")
                             .arg(before.merchantNo, MerchantNames::status(before.status)));
        const MerchantProfile profile =
            MerchantValidator::normalized(*sensitive ? input : unmaskedInput(input, before.profile));
        changed = changedFields(before.profile, profile);
        if (scope == MerchantEditScope::ContactAndSettlement) {
            QStringList refused;
            for (const Field &field : kFields) {
                if (!field.contactOrSettlement && changed.contains(QString::fromLatin1(field.name)))
                    refused << QString::fromLatin1(field.name);
            }
            if (!refused.isEmpty())
                return Error(ErrorCode::MerchantTransitionRefused,
                             QStringLiteral("edit: while %1, only contact and settlement fields may change, not %2")
                                 .arg(MerchantNames::status(before.status), refused.join(QStringLiteral(", "))));
        }
        auto valid = MerchantValidator::check(profile, false, m_clock.businessDate());
        if (!valid)
            return valid.error();
        const bool reopens = before.status == MerchantStatus::Rejected;
        if (changed.isEmpty() && !reopens)
            return false;
        const QDateTime now = m_clock.nowUtc();
        Merchant after = before;
        after.profile = profile;
        after.updatedAt = now;
        if (reopens)
            after.status = MerchantStatus::Draft;
        auto updated = MerchantStore::update(db, after);
        if (!updated)
            return updated.error();
        auto history = MerchantStore::addHistory(
            db, id, now, actor.name(), QStringLiteral("edit"), reopens ? std::optional(before.status) : std::nullopt,
            reopens ? std::optional(MerchantStatus::Draft) : std::nullopt, changed.join(QStringLiteral(", ")));
        if (!history)
            return history.error();
        return true;
    };
    change.audit = [&changed](const Merchant &before, const Merchant &after) {
        QJsonObject beforeJson = only(describe(before.profile), changed);
        QJsonObject afterJson = only(describe(after.profile), changed);
        if (before.status != after.status) { // a rejected merchant returns to draft
            beforeJson.insert(QStringLiteral("status"), MerchantNames::status(before.status));
            afterJson.insert(QStringLiteral("status"), MerchantNames::status(after.status));
        }
        return AuditEvent{QStringLiteral("merchant.edit"), objectName(before), AuditResult::Ok,
                          beforeAndAfter(beforeJson, afterJson)};
    };
    auto edited = applyAudited(m_database, m_audit, actor, change);
    if (!edited)
        return edited.error();
    return present(actor, *edited);
}

Result<Merchant> MerchantService::submit(const Actor &actor, qint64 id, int version)
{
    return transition(actor, MerchantAction::Submit, id, version, QString());
}

Result<Merchant> MerchantService::approve(const Actor &actor, qint64 id, int version, const QString &note)
{
    return transition(actor, MerchantAction::Approve, id, version, note);
}

Result<Merchant> MerchantService::reject(const Actor &actor, qint64 id, int version, const QString &reason)
{
    return transition(actor, MerchantAction::Reject, id, version, reason);
}

Result<Merchant> MerchantService::reopen(const Actor &actor, qint64 id, int version)
{
    return transition(actor, MerchantAction::Reopen, id, version, QString());
}

Result<Merchant> MerchantService::activate(const Actor &actor, qint64 id, int version)
{
    return transition(actor, MerchantAction::Activate, id, version, QString());
}

Result<Merchant> MerchantService::freeze(const Actor &actor, qint64 id, int version, const QString &reason)
{
    return transition(actor, MerchantAction::Freeze, id, version, reason);
}

Result<Merchant> MerchantService::unfreeze(const Actor &actor, qint64 id, int version, const QString &note)
{
    return transition(actor, MerchantAction::Unfreeze, id, version, note);
}

Result<Merchant> MerchantService::close(const Actor &actor, qint64 id, int version, const QString &note)
{
    return transition(actor, MerchantAction::Close, id, version, note);
}

Result<Merchant> MerchantService::perform(const Actor &actor, MerchantAction action, qint64 id, int version,
                                          const QString &text)
{
    return transition(actor, action, id, version, text);
}

Result<QStringList> MerchantService::problems(const Merchant &merchant)
{
    QStringList found;
    auto connection = m_database.connection();
    if (!connection)
        return connection.error();
    auto applications = ApplicationStore::enabledCount(*connection, merchant.id);
    if (!applications)
        return applications.error();
    if (*applications == 0)
        found << QStringLiteral("no enabled application");
    const QDate today = m_clock.businessDate();
    for (const ReadinessCheck &check : m_checks) {
        auto more = check(merchant.id, today);
        if (!more)
            return more.error();
        found << *more;
    }
    return found;
}

Result<Merchant> MerchantService::transition(const Actor &actor, MerchantAction action, qint64 id, int version,
                                             const QString &text)
{
    auto allowed = Authorizer(m_audit).require(actor, MerchantWorkflow::permission(action), objectName(id));
    if (!allowed)
        return allowed.error();
    const QString reason = text.trimmed();
    if ((action == MerchantAction::Reject || action == MerchantAction::Freeze) && reason.isEmpty())
        return MerchantValidator::fieldError(QStringLiteral("reason"), QStringLiteral("required"));
    if (reason.size() > kMaximumReason)
        return MerchantValidator::fieldError(QStringLiteral("reason"),
                                             QStringLiteral("at most %1 characters").arg(kMaximumReason));
    auto seen = loadMerchant(m_database, id);
    if (!seen)
        return seen.error();
    auto current = fresh(*seen, version);
    if (!current)
        return current.error();
    if (!MerchantWorkflow::allows(seen->status, action))
        return MerchantWorkflow::refusal(seen->status, action);
    if (action == MerchantAction::Activate) {
        // Other modules' checks read their own tables: run them before taking the writer lock.
        auto missing = problems(*seen);
        if (!missing)
            return missing.error();
        if (!missing->isEmpty())
            return Error(ErrorCode::MerchantNotReady, missing->join(QStringLiteral("; ")));
    }

    UnitOfWork work(m_database);
    if (!work.isActive())
        return work.error();
    auto before = MerchantStore::byId(work.connection(), id, true);
    if (!before)
        return before.error();
    current = fresh(*before, version);
    if (!current)
        return current.error();
    if (!MerchantWorkflow::allows(before->status, action))
        return MerchantWorkflow::refusal(before->status, action);
    Merchant after = *before;
    after.status = MerchantWorkflow::to(action);
    after.updatedAt = m_clock.nowUtc();
    QJsonObject detail;
    auto applied = applyStep(actor, action, *before, &after, &detail, reason);
    if (!applied)
        return applied.error();
    auto written = MerchantStore::update(work.connection(), after);
    if (!written)
        return written.error();
    auto updated = MerchantStore::byId(work.connection(), id);
    if (!updated)
        return updated.error();
    QString note = reason;
    if (detail.contains(QStringLiteral("moved")))
        note = QStringLiteral("%1 %2 moved%3")
                   .arg(detail.value(QStringLiteral("moved")).toString(), before->profile.currency.code(),
                        reason.isEmpty() ? QString() : QStringLiteral(": ") + reason);
    auto history = MerchantStore::addHistory(work.connection(), id, after.updatedAt, actor.name(),
                                             MerchantWorkflow::actionName(action), before->status, after.status, note);
    if (!history)
        return history.error();
    detail.insert(QStringLiteral("before"), statusOf(*before));
    detail.insert(QStringLiteral("after"), statusOf(*updated));
    if (!reason.isEmpty())
        detail.insert(QStringLiteral("reason"), reason);
    auto done = auditAndCommit(work, m_audit, actor,
                               {QStringLiteral("merchant.") + MerchantWorkflow::actionName(action), objectName(*before),
                                AuditResult::Ok, detail});
    if (!done)
        return done.error();
    return present(actor, *updated);
}

Status MerchantService::applyStep(const Actor &actor, MerchantAction action, const Merchant &before, Merchant *after,
                                  QJsonObject *detail, const QString &text)
{
    const QString &no = before.merchantNo;
    const Currency currency = before.profile.currency;
    switch (action) {
    case MerchantAction::Submit: {
        auto complete = MerchantValidator::check(before.profile, true, m_clock.businessDate());
        if (!complete)
            return complete;
        auto missing = MerchantDocuments::missing(m_database, before.id, before.profile.type);
        if (!missing)
            return missing.error();
        if (!missing->isEmpty()) {
            QStringList kinds;
            for (DocumentKind kind : std::as_const(*missing))
                kinds << DocumentNames::kind(kind);
            return Error(ErrorCode::MerchantDocumentMissing, kinds.join(QStringLiteral(", ")));
        }
        after->submittedBy = actor.name();
        after->submittedAt = after->updatedAt;
        after->rejectionReason.clear();
        after->reviewedBy.clear();
        after->reviewedAt = QDateTime();
        return {};
    }
    case MerchantAction::Approve:
    case MerchantAction::Reject:
        if (before.submittedBy == actor.name())
            return Error(ErrorCode::MerchantSelfReview,
                         QStringLiteral("%1 was submitted by %2").arg(no, before.submittedBy));
        after->reviewedBy = actor.name();
        after->reviewedAt = after->updatedAt;
        if (action == MerchantAction::Reject) {
            after->rejectionReason = text;
            return {};
        }
        detail->insert(QStringLiteral("accounts"), QJsonArray::fromStringList(MerchantLedger::accountNames(no)));
        return m_ledger.open(no, currency);
    case MerchantAction::Reopen:
    case MerchantAction::Activate:
        return {};
    case MerchantAction::Freeze: {
        auto moved = m_ledger.freeze(
            no, currency, QStringLiteral("merchant.freeze:%1:%2").arg(no).arg(before.version + 1), text, actor.name());
        if (!moved)
            return moved.error();
        after->freezeEntryId = moved->entryId;
        detail->insert(QStringLiteral("moved"), moved->amount.toString());
        if (moved->entryId > 0)
            detail->insert(QStringLiteral("entry"), QString::number(moved->entryId));
        return {};
    }
    case MerchantAction::Unfreeze: {
        auto moved = m_ledger.unfreeze(no, currency, before.freezeEntryId, text, actor.name());
        if (!moved)
            return moved.error();
        after->freezeEntryId = 0;
        detail->insert(QStringLiteral("moved"), moved->amount.toString());
        if (moved->entryId > 0)
            detail->insert(QStringLiteral("entry"), QString::number(moved->entryId));
        return {};
    }
    case MerchantAction::Close: {
        auto balances = m_ledger.balances(no, currency, true);
        if (!balances)
            return balances.error();
        QStringList held;
        const std::pair<QString, Money> accounts[] = {{QStringLiteral("pending"), balances->pending},
                                                      {QStringLiteral("available"), balances->available},
                                                      {QStringLiteral("frozen"), balances->frozen}};
        for (const auto &[name, amount] : accounts) {
            if (!amount.isZero())
                held << QStringLiteral("merchant:%1:%2 %3 %4").arg(no, name, amount.toString(), currency.code());
        }
        if (!held.isEmpty())
            return Error(ErrorCode::MerchantBalanceNotZero, held.join(QStringLiteral(", ")));
        if (!balances->accountsOpen)
            return {};
        return m_ledger.close(no, currency);
    }
    }
    return {};
}

Result<Merchant> MerchantService::find(const Actor &actor, qint64 id)
{
    auto allowed = Authorizer(m_audit).require(actor, Permission::MerchantView, objectName(id));
    if (!allowed)
        return allowed.error();
    auto merchant = loadMerchant(m_database, id);
    if (!merchant)
        return merchant.error();
    return present(actor, *merchant);
}

Result<Merchant> MerchantService::findByNo(const Actor &actor, const QString &merchantNo)
{
    auto allowed =
        Authorizer(m_audit).require(actor, Permission::MerchantView, QStringLiteral("merchant:") + merchantNo);
    if (!allowed)
        return allowed.error();
    auto connection = m_database.connection();
    if (!connection)
        return connection.error();
    auto merchant = MerchantStore::byNo(*connection, merchantNo);
    if (!merchant)
        return merchant.error();
    return present(actor, *merchant);
}

Result<QList<Merchant>> MerchantService::list(const Actor &actor, const MerchantFilter &filter, qint64 afterId,
                                              int limit)
{
    auto allowed = Authorizer(m_audit).require(actor, Permission::MerchantView, QStringLiteral("merchants"));
    if (!allowed)
        return allowed.error();
    auto connection = m_database.connection();
    if (!connection)
        return connection.error();
    auto page = MerchantStore::page(*connection, filter, afterId, limit);
    if (!page)
        return page.error();
    return present(actor, *page);
}

Result<QList<Merchant>> MerchantService::reviewQueue(const Actor &actor, qint64 afterId, int limit)
{
    MerchantFilter filter;
    filter.statuses = {MerchantStatus::Submitted};
    filter.order = MerchantOrder::ByMerchantNo;
    return list(actor, filter, afterId, limit);
}

Result<QMap<MerchantStatus, qint64>> MerchantService::countsByStatus(const Actor &actor, const MerchantFilter &filter)
{
    auto allowed = Authorizer(m_audit).require(actor, Permission::MerchantView, QStringLiteral("merchants"));
    if (!allowed)
        return allowed.error();
    auto connection = m_database.connection();
    if (!connection)
        return connection.error();
    return MerchantStore::countsByStatus(*connection, filter);
}

Result<QList<MerchantHistoryEntry>> MerchantService::history(const Actor &actor, qint64 id)
{
    auto allowed = Authorizer(m_audit).require(actor, Permission::MerchantView, objectName(id));
    if (!allowed)
        return allowed.error();
    auto connection = m_database.connection();
    if (!connection)
        return connection.error();
    auto merchant = MerchantStore::byId(*connection, id);
    if (!merchant)
        return merchant.error();
    return MerchantStore::history(*connection, id);
}

Result<MerchantBalances> MerchantService::balances(const Actor &actor, qint64 id)
{
    auto allowed = Authorizer(m_audit).require(actor, Permission::MerchantView, objectName(id));
    if (!allowed)
        return allowed.error();
    auto merchant = loadMerchant(m_database, id);
    if (!merchant)
        return merchant.error();
    return m_ledger.balances(merchant->merchantNo, merchant->profile.currency);
}

Result<QStringList> MerchantService::readinessProblems(const Actor &actor, qint64 id)
{
    auto allowed = Authorizer(m_audit).require(actor, Permission::MerchantView, objectName(id));
    if (!allowed)
        return allowed.error();
    auto merchant = loadMerchant(m_database, id);
    if (!merchant)
        return merchant.error();
    return problems(*merchant);
}

} // namespace paydesk
