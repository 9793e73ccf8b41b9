#include "core/payment/RefundRequests.h"

#include "core/merchant/ApplicationService.h"
#include "core/payment/PaymentOrderStore.h"
#include "core/payment/PaymentRecords.h"
#include "core/payment/PaymentRefundStore.h"
#include "core/payment/PaymentStates.h"
#include "core/payment/RefundRequestStore.h"
#include "core/payment/RefundService.h"
#include "core/security/AuditLog.h"
#include "core/security/Authorizer.h"
#include "core/storage/Database.h"
#include "core/storage/Settings.h"
#include "core/storage/UnitOfWork.h"
#include "core/util/Clock.h"
#include "core/util/Error.h"

#include <QHostInfo>
#include <QJsonObject>
#include <QRandomGenerator>

namespace paydesk {

namespace {
using PaymentRecords::instant;

QJsonObject detailOf(const OperatorRefundRequest &r)
{
    return QJsonObject{{QStringLiteral("order"), r.orderNo},
                       {QStringLiteral("amount"), r.amount.toString()},
                       {QStringLiteral("reason"), r.reason},
                       {QStringLiteral("requested_by"), r.requestedBy},
                       {QStringLiteral("status"), RefundRequestNames::status(r.status)},
                       {QStringLiteral("refund"), r.refundNo},
                       {QStringLiteral("note"), r.decisionNote}};
}
} // namespace

RefundRequests::RefundRequests(Database &database, const Clock &clock, AuditLog &audit, Settings &settings,
                               RefundService &refunds, ApplicationService &applications)
    : m_database(database), m_clock(clock), m_audit(audit), m_settings(settings), m_refunds(refunds),
      m_applications(applications), m_actor(Actor::system(QStringLiteral("refund-requests"), {Permission::MerchantView},
                                                          QStringLiteral("core@") + QHostInfo::localHostName()))
{
}

Result<Money> RefundRequests::threshold()
{
    auto text = m_settings.value(Settings::RefundApprovalThreshold, QString::number(kDefaultThresholdMinor));
    if (!text)
        return text.error();
    bool ok = false;
    const qint64 minor = text->toLongLong(&ok);
    return Money::fromMinor(ok && minor >= 0 ? minor : kDefaultThresholdMinor, Currency::cny());
}

Status RefundRequests::setThreshold(const Actor &actor, const Money &threshold)
{
    const Status allowed = Authorizer(m_audit).require(actor, Permission::RefundApprove,
                                                       QStringLiteral("setting:refund.approval_threshold"));
    if (!allowed)
        return allowed;
    if (threshold.isNegative())
        return Error(ErrorCode::InvalidArgument, QStringLiteral("the threshold is not negative"));
    auto before = this->threshold();
    if (!before)
        return before.error();
    UnitOfWork work(m_database);
    if (!work.isActive())
        return work.error();
    Status step = m_settings.setValue(Settings::RefundApprovalThreshold, QString::number(threshold.minor()));
    if (!step)
        return step;
    step = m_audit.append(
        actor,
        {QStringLiteral("setting.change"), QStringLiteral("setting:refund.approval_threshold"), AuditResult::Ok,
         QJsonObject{{QStringLiteral("before"), before->toString()}, {QStringLiteral("after"), threshold.toString()}}});
    if (!step)
        return step;
    return work.commit();
}

Result<OperatorRefundRequest> RefundRequests::load(qint64 id)
{
    auto connection = m_database.connection();
    if (!connection)
        return connection.error();
    return RefundRequestStore::byId(*connection, id);
}

Result<OperatorRefundRequest> RefundRequests::request(const Actor &actor, const QString &orderNo, const Money &amount,
                                                      const QString &reason)
{
    const QString object = QStringLiteral("order:") + orderNo;
    const Status allowed = Authorizer(m_audit).require(actor, Permission::RefundRequest, object);
    if (!allowed)
        return allowed.error();
    if (!amount.isPositive())
        return Error(ErrorCode::InvalidArgument, QStringLiteral("amount: must be positive"));
    auto maxAmount = m_settings.maxAmountMinor();
    if (!maxAmount)
        return maxAmount.error();
    if (amount.minor() > *maxAmount)
        return Error(ErrorCode::AmountOutOfRange,
                     QStringLiteral("amount: at most %1 (%2)")
                         .arg(Money::fromMinor(*maxAmount, amount.currency()).toString(), Settings::MaxAmount));
    if (reason.trimmed().isEmpty() || reason.size() > 256)
        return Error(ErrorCode::InvalidArgument, QStringLiteral("reason: 1–256 characters"));
    auto limit = threshold();
    if (!limit)
        return limit.error();
    qint64 id = 0;
    bool needsApproval = false;
    {
        UnitOfWork work(m_database);
        if (!work.isActive())
            return work.error();
        auto order = PaymentOrderStore::loadByNo(work.connection(), orderNo, true);
        if (!order)
            return order.error();
        if (!PaymentStates::isRefundable(order->status))
            return Error(ErrorCode::PaymentTransitionRefused,
                         QStringLiteral("order %1 is %2: only a paid order is refunded")
                             .arg(orderNo, PaymentStates::name(order->status)));
        if (amount.currency() != order->amount.currency())
            return Error(ErrorCode::CurrencyMismatch, order->amount.currency().code());
        // Refunds made or under way, and requests still waiting, all count against the paid amount.
        auto committed = PaymentRefundStore::committedAmount(work.connection(), order->id);
        if (!committed)
            return committed.error();
        auto waiting = RefundRequestStore::waitingAmount(work.connection(), order->id);
        if (!waiting)
            return waiting.error();
        // Compared with what is left, never by adding the new amount to the sum: a sum can
        // overflow (and pass), a difference of two whole numbers of fen from 0 up cannot.
        qint64 already = 0;
        if (addOverflows(*committed, *waiting, &already) || amount.minor() > order->amount.minor() - already)
            return Error(ErrorCode::RefundExceedsPaid,
                         QStringLiteral("%1: %2 refunded, under way or waiting + %3 > %4 paid")
                             .arg(orderNo, Money::fromMinor(already, amount.currency()).toString(), amount.toString(),
                                  order->amount.toString()));
        needsApproval = amount.minor() > limit->minor();
        auto inserted =
            RefundRequestStore::insert(work.connection(), order->id, amount, reason.trimmed(),
                                       needsApproval ? RefundRequestStatus::Pending : RefundRequestStatus::Approved,
                                       actor.name(), m_clock.nowUtc());
        if (!inserted)
            return inserted.error();
        id = *inserted;
        Status step =
            PaymentOrderStore::addEvent(work.connection(), order->id, PaymentEventKind::RefundRequest,
                                        needsApproval ? QStringLiteral("pending") : QStringLiteral("accepted"),
                                        QJsonObject{{QStringLiteral("request"), QString::number(id)},
                                                    {QStringLiteral("amount"), amount.toString()},
                                                    {QStringLiteral("by"), actor.name()},
                                                    {QStringLiteral("reason"), reason.trimmed()},
                                                    {QStringLiteral("threshold"), limit->toString()}},
                                        m_clock.nowUtc());
        if (!step)
            return step.error();
        // One waiting for an approver is audited now (it was asked for, and waits); one made at
        // once when the channel has answered, with what it said (execute).
        if (needsApproval) {
            step = m_audit.append(actor, {QStringLiteral("refund.request"), object, AuditResult::Ok,
                                          QJsonObject{{QStringLiteral("request"), QString::number(id)},
                                                      {QStringLiteral("amount"), amount.toString()},
                                                      {QStringLiteral("needs_approval"), true}}});
            if (!step)
                return step.error();
        }
        step = work.commit();
        if (!step)
            return step.error();
    }
    auto made = load(id);
    if (!made || needsApproval)
        return made;
    return execute(actor, *made, RefundRequestStatus::Executed, QStringLiteral("refund.request"));
}

Result<OperatorRefundRequest> RefundRequests::execute(const Actor &actor, const OperatorRefundRequest &request,
                                                      RefundRequestStatus doneStatus, const QString &auditAction)
{
    auto connection = m_database.connection();
    if (!connection)
        return connection.error();
    auto order = PaymentOrderStore::load(*connection, request.orderId);
    if (!order)
        return order.error();
    auto application = m_applications.find(m_actor, order->applicationId);
    if (!application)
        return application.error();
    CreateRefundRequest refund;
    refund.merchantRefundNo = QStringLiteral("OPS-%1").arg(request.id);
    refund.amount = request.amount;
    refund.reason = request.reason;
    auto made = m_refunds.refund(*application, order->merchantOrderNo, refund, *QRandomGenerator::global());
    // A call that failed may still have recorded the refund (the channel refused it, or its answer
    // never came): it stays requested and is asked again under the same number, so the request
    // keeps it. Only a refund that could not be recorded at all fails the request.
    std::optional<PaymentRefund> recorded;
    if (made) {
        recorded = *made;
    } else {
        auto found = PaymentRefundStore::loadByMerchantRefundNo(*connection, application->id, refund.merchantRefundNo);
        if (!found)
            return found.error();
        recorded = *found;
    }
    const bool taken = recorded && (recorded->status == PaymentRefundStatus::Processing ||
                                    recorded->status == PaymentRefundStatus::Succeeded);
    QJsonObject detail{{QStringLiteral("request"), QString::number(request.id)},
                       {QStringLiteral("order"), request.orderNo},
                       {QStringLiteral("amount"), request.amount.toString()},
                       {QStringLiteral("requested_by"), request.requestedBy}};
    if (recorded) {
        detail.insert(QStringLiteral("refund"), recorded->refundNo);
        detail.insert(QStringLiteral("refund_status"), PaymentStates::name(recorded->status));
        if (!made)
            detail.insert(QStringLiteral("asked_again"),
                          QStringLiteral("under the same refund number until the channel settles it"));
    }
    if (!made) {
        detail.insert(QStringLiteral("error"), QString::fromLatin1(errorCodeName(made.error().code())));
        detail.insert(QStringLiteral("channel_text"), made.error().detail());
    } else if (!taken) {
        detail.insert(QStringLiteral("channel_answer"), made->channelAnswer);
        detail.insert(QStringLiteral("channel_text"), made->channelText);
    }

    UnitOfWork work(m_database);
    if (!work.isActive())
        return work.error();
    Status step = recorded ? RefundRequestStore::recordRefund(work.connection(), request.id, recorded->id, doneStatus)
                           : RefundRequestStore::recordFailure(work.connection(), request.id, made.error().message(),
                                                               m_clock.nowUtc());
    if (!step)
        return step.error();
    // Made at once, the refund is audited against the order it was asked for; after an approval,
    // against the request.
    const QString object = doneStatus == RefundRequestStatus::Executed
                               ? QStringLiteral("order:") + request.orderNo
                               : QStringLiteral("refund_request:%1").arg(request.id);
    step = m_audit.append(actor, {auditAction, object, AuditNames::outcome(taken), detail});
    if (!step)
        return step.error();
    step = work.commit();
    if (!step)
        return step.error();
    if (!recorded)
        return made.error();
    return load(request.id);
}

Result<QList<OperatorRefundRequest>> RefundRequests::list(const Actor &actor, std::optional<RefundRequestStatus> status,
                                                          int limit)
{
    const Status allowed =
        Authorizer(m_audit).require(actor, Permission::PaymentView, QStringLiteral("refund_request"));
    if (!allowed)
        return allowed.error();
    auto connection = m_database.connection();
    if (!connection)
        return connection.error();
    return RefundRequestStore::list(*connection, status, limit);
}

Result<QList<OperatorRefundRequest>> RefundRequests::forOrder(const Actor &actor, const QString &orderNo)
{
    const Status allowed =
        Authorizer(m_audit).require(actor, Permission::PaymentView, QStringLiteral("order:") + orderNo);
    if (!allowed)
        return allowed.error();
    auto connection = m_database.connection();
    if (!connection)
        return connection.error();
    return RefundRequestStore::forOrder(*connection, orderNo);
}

Result<OperatorRefundRequest> RefundRequests::approve(const Actor &actor, qint64 id, const QString &note)
{
    auto approved = decide(actor, id, true, note);
    if (!approved)
        return approved.error();
    return execute(actor, *approved, RefundRequestStatus::Approved, QStringLiteral("refund.execute"));
}

Result<OperatorRefundRequest> RefundRequests::reject(const Actor &actor, qint64 id, const QString &note)
{
    if (note.trimmed().isEmpty())
        return Error(ErrorCode::InvalidArgument, QStringLiteral("a rejection needs a reason"));
    return decide(actor, id, false, note);
}

Result<OperatorRefundRequest> RefundRequests::decide(const Actor &actor, qint64 id, bool approve, const QString &note)
{
    const QString object = QStringLiteral("refund_request:%1").arg(id);
    const Status allowed = Authorizer(m_audit).require(actor, Permission::RefundApprove, object);
    if (!allowed)
        return allowed.error();
    auto request = load(id);
    if (!request)
        return request.error();
    if (request->requestedBy == actor.name())
        return Error(ErrorCode::RefundSelfApproval,
                     QStringLiteral("%1 asked for refund request %2").arg(actor.name()).arg(id));
    const RefundRequestStatus status = approve ? RefundRequestStatus::Approved : RefundRequestStatus::Rejected;
    UnitOfWork work(m_database);
    if (!work.isActive())
        return work.error();
    // One conditional update: of two approvers deciding at once, exactly one changes the row.
    auto decided =
        RefundRequestStore::decide(work.connection(), id, status, actor.name(), m_clock.nowUtc(), note.trimmed());
    if (!decided)
        return decided.error();
    if (!*decided)
        return Error(
            ErrorCode::RefundRequestDecided,
            QStringLiteral("refund request %1 is %2").arg(id).arg(RefundRequestNames::status(request->status)));
    Status step = PaymentOrderStore::addEvent(work.connection(), request->orderId, PaymentEventKind::RefundRequest,
                                              RefundRequestNames::status(status),
                                              QJsonObject{{QStringLiteral("request"), QString::number(id)},
                                                          {QStringLiteral("by"), actor.name()},
                                                          {QStringLiteral("note"), note.trimmed()}},
                                              m_clock.nowUtc());
    if (!step)
        return step.error();
    step = m_audit.append(actor, {approve ? QStringLiteral("refund.approve") : QStringLiteral("refund.reject"), object,
                                  AuditResult::Ok, detailOf(*request)});
    if (!step)
        return step.error();
    step = work.commit();
    if (!step)
        return step.error();
    return load(id);
}

} // namespace paydesk
