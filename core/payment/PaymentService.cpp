#include "core/payment/PaymentService.h"

#include "core/channel/ChannelAdapter.h"
#include "core/channel/ChannelNames.h"
#include "core/channel/account/ChannelAccountService.h"
#include "core/fee/FeeService.h"
#include "core/ledger/Ledger.h"
#include "core/merchant/Application.h"
#include "core/merchant/ApplicationValidator.h"
#include "core/merchant/MerchantMasking.h"
#include "core/merchant/MerchantReference.h"
#include "core/payment/NotificationService.h"
#include "core/payment/PaymentOrderStore.h"
#include "core/payment/PaymentPostings.h"
#include "core/payment/PaymentRecords.h"
#include "core/routing/RoutingService.h"
#include "core/security/AuditLog.h"
#include "core/security/Authorizer.h"
#include "core/security/Crypto.h"
#include "core/storage/Database.h"
#include "core/storage/Settings.h"
#include "core/storage/UnitOfWork.h"
#include "core/util/Clock.h"
#include "core/util/Error.h"

#include <QElapsedTimer>
#include <QHostAddress>
#include <QHostInfo>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QThread>

#include <algorithm>
#include <optional>

namespace paydesk {

namespace {
Error invalid(const QString &why)
{
    return Error(ErrorCode::OrderInvalid, why);
}

// What the platform's settings allow every order (read once per request, from a cache).
struct OrderLimits
{
    qint64 maxAmountMinor = 0;
    bool developmentEndpoints = false;
};

Status validate(const Application &application, const CreateOrderRequest &r, const OrderLimits &limits)
{
    static const QRegularExpression number(QStringLiteral("^[A-Za-z0-9_-]{1,64}$"));
    if (!application.enabled)
        return invalid(QStringLiteral("application %1 is disabled").arg(application.appId));
    if (application.isPlatform())
        return invalid(QStringLiteral("application %1 belongs to no merchant").arg(application.appId));
    if (!number.match(r.merchantOrderNo).hasMatch())
        return invalid(QStringLiteral("merchant_order_no: 1–64 of A–Z a–z 0–9 _ -"));
    if (!r.amount.isValid() || !r.amount.isPositive())
        return invalid(QStringLiteral("amount: must be positive"));
    if (r.amount.minor() > limits.maxAmountMinor)
        return Error(
            ErrorCode::AmountOutOfRange,
            QStringLiteral("amount: at most %1 (%2)")
                .arg(Money::fromMinor(limits.maxAmountMinor, r.amount.currency()).toString(), Settings::MaxAmount));
    if (!application.methods.contains(ChannelNames::method(r.method)))
        return invalid(QStringLiteral("method: %1 is not enabled for application %2")
                           .arg(ChannelNames::method(r.method), application.appId));
    const QString subject = r.subject.trimmed();
    if (subject.isEmpty() || subject.size() > 128)
        return invalid(QStringLiteral("subject: 1–128 characters"));
    if (r.expireMinutes < 1 || r.expireMinutes > 1440)
        return invalid(QStringLiteral("expire_minutes: 1–1440"));
    if (r.method == PayMethod::WeChatJsapi && r.payerId.isEmpty())
        return invalid(QStringLiteral("payer_id: WeChat JSAPI needs the payer's openid"));
    // An order's own notify URL is held to the application's rules (https to a public host;
    // plain http and private addresses only with development endpoints on).
    const Status url = ApplicationValidator::notifyUrl(r.notifyUrl, limits.developmentEndpoints);
    if (!url)
        return invalid(url.error().detail());
    return {};
}

// What makes two create requests "the same": every field the application sent.
QString requestHash(const CreateOrderRequest &r)
{
    QStringList fields{r.merchantOrderNo,
                       QString::number(r.amount.minor()),
                       r.amount.currency().code(),
                       ChannelNames::method(r.method),
                       r.subject.trimmed(),
                       r.notifyUrl,
                       QString::number(r.expireMinutes),
                       r.payerId};
    if (!r.returnUrl.isEmpty())
        fields << r.returnUrl; // only when given: orders made before return_url keep their hash
    return QString::fromLatin1(Crypto::sha256(fields.join(QChar(0x1f)).toUtf8()).toHex());
}

QJsonObject prepayJson(const PrepayResult &p)
{
    QJsonObject o;
    if (!p.codeUrl.isEmpty())
        o.insert(QStringLiteral("code_url"), p.codeUrl);
    if (!p.prepayId.isEmpty())
        o.insert(QStringLiteral("prepay_id"), p.prepayId);
    if (p.formAction.isValid()) {
        o.insert(QStringLiteral("form_action"), p.formAction.toString());
        QJsonObject fields;
        for (auto it = p.formFields.cbegin(); it != p.formFields.cend(); ++it)
            fields.insert(it.key(), it.value());
        o.insert(QStringLiteral("form_fields"), fields);
    }
    return o;
}

QString stateName(OrderState state)
{
    switch (state) {
    case OrderState::NotPaid:
        return QStringLiteral("not_paid");
    case OrderState::Paying:
        return QStringLiteral("paying");
    case OrderState::Paid:
        return QStringLiteral("paid");
    case OrderState::Refunded:
        return QStringLiteral("refunded");
    case OrderState::Closed:
        return QStringLiteral("closed");
    case OrderState::Failed:
        return QStringLiteral("failed");
    }
    return {};
}
} // namespace

PaymentService::PaymentService(Database &database, const Clock &clock, AuditLog &audit,
                               ChannelAccountService &channelAccounts, FeeService &fees, RoutingService &routing)
    : m_database(database), m_clock(clock), m_audit(audit), m_channelAccounts(channelAccounts), m_fees(fees),
      m_routing(routing),
      m_actor(Actor::system(QStringLiteral("payment"), {Permission::ChannelView, Permission::ChannelManage},
                            QStringLiteral("payment@") + QHostInfo::localHostName())),
      m_merchants(database), m_settings(database)
{
}

Result<PaymentOrder> PaymentService::create(const Application &application, const CreateOrderRequest &request,
                                            QRandomGenerator &random, Admission *admission)
{
    auto maxAmount = m_settings.maxAmountMinor();
    if (!maxAmount)
        return maxAmount.error();
    auto development = m_settings.developmentEndpoints();
    if (!development)
        return development.error();
    const Status valid = validate(application, request, OrderLimits{*maxAmount, *development});
    if (!valid)
        return valid.error();
    const Status returnUrl = checkReturnUrl(request.returnUrl);
    if (!returnUrl)
        return returnUrl.error();
    const QString hash = requestHash(request);
    auto connection = m_database.connection();
    if (!connection)
        return connection.error();
    auto sameKey = [&]() -> Result<std::optional<PaymentOrder>> {
        auto existing = PaymentOrderStore::loadByMerchantOrderNo(*connection, application.id, request.merchantOrderNo);
        if (!existing || !*existing)
            return existing;
        if ((*existing)->requestHash != hash)
            return Error(ErrorCode::IdempotencyConflict,
                         QStringLiteral("merchant_order_no %1 was used for another order (%2)")
                             .arg(request.merchantOrderNo, (*existing)->orderNo));
        return existing;
    };
    auto existing = sameKey();
    if (!existing)
        return existing.error();
    if (*existing)
        return repeated(**existing, request.returnUrl);

    auto merchant = m_merchants.get(application.merchantId,
                                    [&] { return MerchantReference::load(*connection, application.merchantId); });
    if (!merchant)
        return merchant.error();
    if (merchant->status != MerchantStatus::Active)
        return invalid(QStringLiteral("merchant %1 is %2, not active")
                           .arg(merchant->merchantNo, MerchantNames::status(merchant->status)));
    if (request.amount.currency() != merchant->currency)
        return invalid(QStringLiteral("amount: the merchant takes %1").arg(merchant->currency.code()));
    const QDate today = m_clock.businessDate();
    RouteRequest route;
    route.merchantId = application.merchantId;
    route.method = request.method;
    route.amount = request.amount;
    route.businessDate = today;
    auto decision = m_routing.route(route, random);
    if (!decision)
        return decision.error();
    auto quote = m_fees.quote(application.merchantId, decision->accountId, request.method, request.amount, today);
    if (!quote)
        return quote.error();
    auto account = m_channelAccounts.find(m_actor, decision->accountId);
    if (!account)
        return account.error();

    const QDateTime now = m_clock.nowUtc();
    PaymentOrder order;
    order.applicationId = application.id;
    order.merchantId = application.merchantId;
    order.merchantNo = merchant->merchantNo;
    order.merchantOrderNo = request.merchantOrderNo;
    order.requestHash = hash;
    order.method = request.method;
    order.amount = request.amount;
    order.subject = request.subject.trimmed();
    order.notifyUrl = request.notifyUrl.isEmpty() ? application.notifyUrl : request.notifyUrl;
    order.expiresAt = now.addSecs(qint64(request.expireMinutes) * 60);
    order.channelAccountId = decision->accountId;
    order.channelAccount = account->name;
    order.payerId = request.payerId;
    order.merchantRatePpm = quote->merchantRate.ppm();
    order.merchantFee = quote->merchantFee;
    order.channelRatePpm = quote->channelRate.ppm();
    order.channelFee = quote->channelCost;
    order.refundedAmount = Money::zero(request.amount.currency());
    order.businessDate = today;
    order.createdAt = now;
    order.updatedAt = now;
    order.version = 1;
    for (int attempt = 1;; ++attempt) {
        order.orderNo = PaymentRecords::newNumber(QLatin1Char('P'), now, random);
        UnitOfWork work(m_database);
        if (!work.isActive())
            return work.error();
        if (admission && admission->record) {
            const Status admitted = admission->record(work.connection());
            if (!admitted)
                return admitted.error();
        }
        QJsonObject created{{QStringLiteral("application"), application.appId},
                            {QStringLiteral("merchant_order_no"), order.merchantOrderNo},
                            {QStringLiteral("amount"), order.amount.toString()},
                            {QStringLiteral("method"), ChannelNames::method(order.method)},
                            {QStringLiteral("subject"), order.subject},
                            {QStringLiteral("channel_account"), order.channelAccount},
                            {QStringLiteral("route"), decision->explanation()},
                            {QStringLiteral("merchant_fee"), order.merchantFee.toString()},
                            {QStringLiteral("channel_fee"), order.channelFee.toString()}};
        if (!request.returnUrl.isEmpty())
            created.insert(QStringLiteral("return_url"), request.returnUrl);
        auto inserted = PaymentOrderStore::insertWithEvent(work.connection(), order, PaymentEventKind::Create,
                                                           QStringLiteral("ok"), created);
        if (!inserted) {
            work.rollback();
            // Two identical requests at once: the other one made the order.
            auto raced = sameKey();
            if (!raced)
                return raced.error();
            if (*raced)
                return repeated(**raced, request.returnUrl);
            if (attempt < 3)
                continue; // our number was taken: draw another
            return inserted.error();
        }
        order.id = *inserted;
        auto used = m_channelAccounts.recordUsage(*account, today, order.amount);
        if (!used)
            return used.error();
        const Status committed = work.commit();
        if (!committed)
            return committed.error();
        if (admission)
            admission->committed = true;
        break;
    }
    return prepay(order, request.returnUrl);
}

Status PaymentService::checkReturnUrl(const QString &text)
{
    if (text.isEmpty())
        return {};
    // UnionPay's frontUrl holds 256 characters; the payer's browser goes there, so it is held to
    // the notify URL's rules: https, plain http only to a loopback host on a development platform.
    if (text.size() > 256)
        return invalid(QStringLiteral("return_url: at most 256 characters"));
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid() || url.isRelative() || url.host().isEmpty())
        return invalid(QStringLiteral("return_url: not an absolute URL"));
    if (!url.userInfo().isEmpty() || url.hasFragment())
        return invalid(QStringLiteral("return_url: no user name, password or fragment"));
    const QHostAddress literal(url.host());
    if (!literal.isNull() &&
        (literal.isLinkLocal() || literal == QHostAddress::AnyIPv4 || literal == QHostAddress::AnyIPv6))
        return invalid(QStringLiteral("return_url: link-local and unspecified addresses are refused"));
    const QString scheme = url.scheme().toLower();
    if (scheme == QLatin1String("https"))
        return {};
    const bool loopback =
        url.host().compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0 || literal.isLoopback();
    if (scheme != QLatin1String("http") || !loopback)
        return invalid(QStringLiteral("return_url: must be an https URL"));
    auto development = Settings(m_database).developmentEndpoints();
    if (!development)
        return development.error();
    if (!*development)
        return invalid(QStringLiteral("return_url: plain http to a loopback host needs %1 on")
                           .arg(Settings::DevelopmentEndpoints));
    return {};
}

Result<PaymentOrder> PaymentService::repeated(PaymentOrder order, const QString &returnUrl)
{
    // The first request may be asking the channel for the prepay right now: wait for its answer
    // rather than ask twice (concurrent duplicates execute once). Its failure is in the story,
    // and then this request asks again; so does one that finds the first gone quiet for 10 s
    // (its process died mid-call).
    QElapsedTimer waited;
    waited.start();
    while (order.status == PaymentStatus::Created) {
        auto story = events(order.id);
        if (!story)
            return story.error();
        const bool prepayFailed = std::any_of(story->cbegin(), story->cend(), [](const PaymentEvent &e) {
            return e.kind == PaymentEventKind::Prepay && e.failed();
        });
        if (prepayFailed || waited.elapsed() >= kPrepayWaitMs)
            return prepay(order, returnUrl);
        QThread::msleep(10);
        auto again = find(order.orderNo);
        if (!again)
            return again.error();
        order = *again;
    }
    return order;
}

Result<PaymentOrder> PaymentService::prepay(PaymentOrder order, const QString &returnUrl)
{
    ChannelAccount account;
    auto adapter = m_channelAccounts.sharedAdapterFor(m_actor, order.channelAccountId, &account);
    if (!adapter)
        return adapter.error();
    PrepayRequest request;
    request.method = order.method;
    request.outTradeNo = order.orderNo;
    request.amount = order.amount;
    request.description = order.subject;
    request.notifyUrl = account.callbackUrl(m_callbackBase);
    request.expiresAt = order.expiresAt;
    request.payerId = order.payerId;
    request.returnUrl = returnUrl;
    request.createdAt = order.createdAt;
    auto answer = (*adapter)->prepay(request);
    if (!answer) {
        // The order stays created: the same request again asks the channel again, and the
        // scheduled query finds out whether the channel made it after all.
        const Status logged =
            record(order, PaymentEventKind::Prepay, QStringLiteral("failed"), PaymentRecords::snapshot(answer.error()));
        if (!logged)
            return logged.error();
        return answer.error();
    }
    // Usually nothing has touched the order since it was written, and one UPDATE guarded by its
    // version records the prepay. If something has (a callback already, or a repeated request),
    // the order is read again and the prepay recorded on what it has become.
    const QJsonObject prepayAnswer = prepayJson(*answer);
    for (bool reread = false;; reread = true) {
        auto connection = m_database.connection();
        if (!connection)
            return connection.error();
        // PostgreSQL writes the order and its event in one statement; elsewhere, and to read the
        // order again under a lock, a unit of work holds them together. That unit need not wait
        // for the disk: should the machine crash before the next commit flushes the prepay, the
        // order is found created, and what recovers a lost prepay answer recovers it (the sweep
        // asks the channel, a callback may move a created order, a repeated request asks again
        // with the same out_trade_no). On SQLite this halves the flushes the one writer waits for.
        std::optional<UnitOfWork> work;
        if (reread || !PaymentOrderStore::changesAtomically(*connection)) {
            work.emplace(m_database, UnitOfWork::Flush::WithNextDurableCommit);
            if (!work->isActive())
                return work->error();
        }
        const QSqlDatabase db = work ? work->connection() : *connection;
        if (reread) {
            auto current = PaymentOrderStore::load(db, order.id, true);
            if (!current)
                return current.error();
            order = *current;
        }
        PaymentOrder changed = order;
        changed.prepay = prepayAnswer;
        if (changed.status == PaymentStatus::Created)
            changed.status = PaymentStatus::Paying;
        const QDateTime now = m_clock.nowUtc();
        Status step = PaymentOrderStore::updateWithEvent(db, changed, now, PaymentEventKind::Prepay,
                                                         QStringLiteral("ok"), prepayAnswer);
        if (!step && step.error().code() == ErrorCode::OrderChangedMeanwhile && !reread)
            continue;
        if (!step)
            return step.error();
        if (work) {
            step = work->commit();
            if (!step)
                return step.error();
        }
        changed.version += 1;
        changed.updatedAt = now;
        return changed;
    }
}

Status PaymentService::record(const PaymentOrder &order, PaymentEventKind kind, const QString &result,
                              const QJsonObject &detail)
{
    auto connection = m_database.connection();
    if (!connection)
        return connection.error();
    return PaymentOrderStore::addEvent(*connection, order.id, kind, result, detail, m_clock.nowUtc());
}

Result<PaymentOrder> PaymentService::find(const QString &orderNo)
{
    auto connection = m_database.connection();
    if (!connection)
        return connection.error();
    return PaymentOrderStore::loadByNo(*connection, orderNo);
}

Result<PaymentOrder> PaymentService::view(const Actor &actor, const QString &orderNo)
{
    const Status allowed =
        Authorizer(m_audit).require(actor, Permission::PaymentView, QStringLiteral("order:") + orderNo);
    if (!allowed)
        return allowed.error();
    auto order = find(orderNo.trimmed());
    if (!order)
        return order.error();
    auto sensitive = MerchantMasking::canSeeSensitive(m_database, actor);
    if (!sensitive)
        return sensitive.error();
    if (!*sensitive)
        order->payerId = MerchantMasking::payerId(order->payerId);
    return order;
}

Result<PaymentOrder> PaymentService::closeFor(const Actor &actor, const QString &orderNo)
{
    return operatorAction(actor, orderNo.trimmed(), QStringLiteral("order.close"),
                          [this](const QString &no) { return close(no); });
}

Result<PaymentOrder> PaymentService::queryChannelFor(const Actor &actor, const QString &orderNo)
{
    return operatorAction(actor, orderNo.trimmed(), QStringLiteral("order.query"),
                          [this](const QString &no) { return queryChannel(no); });
}

Result<PaymentOrder> PaymentService::operatorAction(const Actor &actor, const QString &orderNo, const QString &action,
                                                    const std::function<Result<PaymentOrder>(const QString &)> &work)
{
    const QString object = QStringLiteral("order:") + orderNo;
    const Status allowed = Authorizer(m_audit).require(actor, Permission::PaymentOperate, object);
    if (!allowed)
        return allowed.error();
    auto done = work(orderNo);
    {
        // The outcome is audited either way: a refused close is as much the operator's act.
        UnitOfWork audited(m_database);
        if (!audited.isActive())
            return audited.error();
        const QJsonObject detail = done ? QJsonObject{{QStringLiteral("status"), PaymentStates::name(done->status)}}
                                        : QJsonObject{{QStringLiteral("error"), done.error().message()}};
        Status step = m_audit.append(actor, {action, object, AuditNames::outcome(done.ok()), detail});
        if (!step)
            return step.error();
        step = audited.commit();
        if (!step)
            return step.error();
    }
    if (!done)
        return done.error();
    return view(actor, orderNo);
}

Result<PaymentOrder> PaymentService::findByMerchantOrderNo(qint64 applicationId, const QString &merchantOrderNo)
{
    auto connection = m_database.connection();
    if (!connection)
        return connection.error();
    auto found = PaymentOrderStore::loadByMerchantOrderNo(*connection, applicationId, merchantOrderNo);
    if (!found)
        return found.error();
    if (!*found)
        return Error(ErrorCode::OrderUnknown, merchantOrderNo);
    return **found;
}

Result<QList<PaymentEvent>> PaymentService::events(qint64 orderId)
{
    auto connection = m_database.connection();
    if (!connection)
        return connection.error();
    return PaymentOrderStore::events(*connection, orderId);
}

Result<PaymentOrder> PaymentService::applyChannelStatus(const QString &orderNo, const OrderStatus &status,
                                                        PaymentEventKind source)
{
    UnitOfWork work(m_database);
    if (!work.isActive())
        return work.error();
    auto loaded = PaymentOrderStore::loadByNo(work.connection(), orderNo, true);
    if (!loaded)
        return loaded.error();
    PaymentOrder order = *loaded;
    const QDateTime now = m_clock.nowUtc();
    QJsonObject detail{{QStringLiteral("channel_state"), status.channelState},
                       {QStringLiteral("state"), stateName(status.state)},
                       {QStringLiteral("channel_transaction_id"), status.channelTransactionId}};
    if (status.amount.isValid())
        detail.insert(QStringLiteral("amount"), status.amount.toString());
    auto finish = [&](const QString &result) -> Result<PaymentOrder> {
        Status step = PaymentOrderStore::addEvent(work.connection(), order.id, source, result, detail, now);
        if (!step)
            return step.error();
        return work.commitThenRead([&](const QSqlDatabase &db) { return PaymentOrderStore::load(db, order.id); });
    };
    const bool paid = status.state == OrderState::Paid || status.state == OrderState::Refunded;
    if (paid && status.amount.isValid() && !status.amount.isZero() && status.amount != order.amount) {
        detail.insert(QStringLiteral("expected_amount"), order.amount.toString());
        auto kept = finish(QStringLiteral("amount_mismatch"));
        if (!kept)
            return kept.error();
        return Error(ErrorCode::ChannelStateConflict,
                     QStringLiteral("%1: the channel says %2 was paid, the order is for %3")
                         .arg(orderNo, status.amount.toString(), order.amount.toString()));
    }
    PaymentStatus next = order.status;
    if (paid)
        next = PaymentStatus::Succeeded;
    else if (status.state == OrderState::Closed)
        next = PaymentStatus::Closed;
    else if (status.state == OrderState::Failed)
        next = PaymentStatus::Failed;
    if (next == order.status || !PaymentStates::allows(order.status, next)) {
        // Nothing new (a duplicate callback, a query of a still unpaid order), or a word that
        // contradicts what is already final: kept in the story, nothing moves.
        const bool alreadyPaid =
            paid && (PaymentStates::isRefundable(order.status) || order.status == PaymentStatus::Refunded);
        if (alreadyPaid)
            return finish(QStringLiteral("duplicate"));
        return finish(next == order.status ? QStringLiteral("unchanged") : QStringLiteral("ignored"));
    }
    order.status = next;
    if (paid) {
        order.channelTransactionId = status.channelTransactionId;
        if (!status.payerId.isEmpty())
            order.payerId = status.payerId;
        order.paidAt = status.paidAt.isValid() ? status.paidAt.toUTC() : now;
        const QDate businessDate = order.paidAt.toTimeZone(Clock::platformTimeZone()).date();
        auto entry = PaymentPostings::paymentSucceeded(PaidOrder{order.orderNo, order.merchantNo, order.channelAccount,
                                                                 order.amount, order.merchantFee, order.channelFee},
                                                       businessDate);
        if (!entry)
            return entry.error();
        // The chart's patterns name the accounts; a channel account's receivable opens with its first payment.
        auto posted = Ledger(m_database, m_clock).post(*entry, Ledger::PostOptions{true});
        if (!posted)
            return posted.error();
        order.entryId = *posted;
        detail.insert(QStringLiteral("entry_id"), QString::number(*posted));
    }
    const Status updated = PaymentOrderStore::update(work.connection(), order, now);
    if (!updated)
        return updated.error();
    if (paid) {
        const Status owed =
            NotificationService::enqueue(work.connection(), order, nullptr, QStringLiteral("payment.succeeded"), now);
        if (!owed)
            return owed.error();
    }
    return finish(PaymentStates::name(order.status));
}

Result<PaymentOrder> PaymentService::queryChannel(const QString &orderNo)
{
    auto order = find(orderNo);
    if (!order)
        return order.error();
    auto adapter = m_channelAccounts.sharedAdapterFor(m_actor, order->channelAccountId);
    if (!adapter)
        return adapter.error();
    auto status = (*adapter)->queryOrder(order->orderNo, order->createdAt);
    if (!status) {
        const Status logged =
            record(*order, PaymentEventKind::Query, QStringLiteral("failed"), PaymentRecords::snapshot(status.error()));
        if (!logged)
            return logged.error();
        return status.error();
    }
    return applyChannelStatus(orderNo, *status, PaymentEventKind::Query);
}

Result<PaymentOrder> PaymentService::close(const QString &orderNo)
{
    auto order = find(orderNo);
    if (!order)
        return order.error();
    if (order->status == PaymentStatus::Closed)
        return order; // closing twice (a retry after a lost answer) is no error
    const Status allowed = PaymentStates::check(order->status, PaymentStatus::Closed);
    if (!allowed)
        return allowed.error();
    if (ChannelNames::channelOf(order->method) == ChannelKind::UnionPay)
        return Error(
            ErrorCode::PaymentTransitionRefused,
            QStringLiteral("%1: UnionPay has no close; an unpaid order lapses at its expiry (%2) and is closed then")
                .arg(order->orderNo, order->expiresAt.toString(Qt::ISODate)));
    auto adapter = m_channelAccounts.sharedAdapterFor(m_actor, order->channelAccountId);
    if (!adapter)
        return adapter.error();
    const Status closed = (*adapter)->closeOrder(order->orderNo, order->createdAt);
    if (!closed) {
        const Status logged =
            record(*order, PaymentEventKind::Close, QStringLiteral("failed"), PaymentRecords::snapshot(closed.error()));
        if (!logged)
            return logged.error();
        return closed.error();
    }
    OrderStatus status;
    status.outTradeNo = order->orderNo;
    status.state = OrderState::Closed;
    status.channelState = QStringLiteral("CLOSED");
    return applyChannelStatus(orderNo, status, PaymentEventKind::Close);
}

Result<PaymentService::SweepSummary> PaymentService::sweep(const QDateTime &now, int limit, int settleSeconds)
{
    auto connection = m_database.connection();
    if (!connection)
        return connection.error();
    auto numbers = PaymentOrderStore::pending(*connection, now.addSecs(-settleSeconds), limit);
    if (!numbers)
        return numbers.error();
    SweepSummary summary;
    for (const QString &orderNo : std::as_const(*numbers)) {
        ++summary.queried;
        auto order = queryChannel(orderNo);
        if (!order) {
            ++summary.failed; // kept in the order's story by queryChannel
            continue;
        }
        if (order->status == PaymentStatus::Succeeded) {
            ++summary.succeeded;
            continue;
        }
        if (PaymentStates::isFinal(order->status) || now < order->expiresAt)
            continue;
        Result<PaymentOrder> closed = Error(ErrorCode::InvalidArgument, QString());
        if (ChannelNames::channelOf(order->method) == ChannelKind::UnionPay) {
            OrderStatus lapsed;
            lapsed.outTradeNo = orderNo;
            lapsed.state = OrderState::Closed;
            lapsed.channelState = QStringLiteral("LAPSED");
            closed = applyChannelStatus(orderNo, lapsed, PaymentEventKind::Expire);
        } else {
            closed = close(orderNo);
        }
        if (closed && closed->status == PaymentStatus::Closed)
            ++summary.closed;
        else
            ++summary.failed;
    }
    return summary;
}

} // namespace paydesk
