#include "sandbox/Sandbox.h"

#include "sandbox/AlipaySimulator.h"
#include "sandbox/SandboxAdmin.h"
#include "sandbox/SandboxFormat.h"
#include "sandbox/UnionPaySimulator.h"
#include "sandbox/WeChatPaySimulator.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTimer>

namespace paydesk::sandbox {

Sandbox::Sandbox(SandboxWorld world) : m_world(std::move(world)), m_statements(m_world)
{
    m_world.events = this;
    m_world.statements = &m_statements;
    m_simulators.push_back(std::make_unique<WeChatPaySimulator>(m_world));
    m_simulators.push_back(std::make_unique<AlipaySimulator>(m_world));
    m_simulators.push_back(std::make_unique<UnionPaySimulator>(m_world));
    m_callbacks = std::make_unique<CallbackSender>(
        m_world, QList<QSslCertificate>{QSslCertificate(m_world.keys.authority.certificate.toPem())});
    m_admin = std::make_unique<SandboxAdmin>(*this);
    m_server = std::make_unique<SandboxServer>([this](const SandboxRequest &request) { return dispatch(request); });
}

Sandbox::~Sandbox() = default;

Result<std::unique_ptr<Sandbox>> Sandbox::start(const Options &options)
{
    auto keys = SandboxKeys::loadOrCreate(options.stateDirectory);
    if (!keys)
        return keys.error();
    SandboxWorld world;
    world.keys = *keys;
    world.merchants = SandboxMerchants(options.stateDirectory);
    world.settings = options.settings;
    std::unique_ptr<Sandbox> sandbox(new Sandbox(std::move(world)));
    auto port = sandbox->m_server->start(sandbox->m_world.keys.server, options.port);
    if (!port)
        return port.error();
    sandbox->m_world.baseUrl = QUrl(QStringLiteral("https://127.0.0.1:%1").arg(*port));
    return sandbox;
}

QString Sandbox::channelName(SandboxChannel channel)
{
    switch (channel) {
    case SandboxChannel::WeChatPay:
        return QStringLiteral("wechatpay");
    case SandboxChannel::Alipay:
        return QStringLiteral("alipay");
    case SandboxChannel::UnionPay:
        return QStringLiteral("unionpay");
    }
    return {};
}

bool Sandbox::channelFromName(const QString &name, SandboxChannel *channel)
{
    for (SandboxChannel candidate : {SandboxChannel::WeChatPay, SandboxChannel::Alipay, SandboxChannel::UnionPay}) {
        if (name.compare(channelName(candidate), Qt::CaseInsensitive) == 0) {
            *channel = candidate;
            return true;
        }
    }
    return false;
}

ChannelSimulator &Sandbox::simulator(SandboxChannel channel)
{
    for (const auto &simulator : m_simulators) {
        if (simulator->channel() == channel)
            return *simulator;
    }
    Q_UNREACHABLE();
}

SandboxAnswer Sandbox::dispatch(const SandboxRequest &request)
{
    if (request.url.path().startsWith(QLatin1String("/__sandbox")))
        return SandboxAnswer{m_admin->handle(request)};
    for (const auto &simulator : m_simulators) {
        if (!simulator->handles(request))
            continue;
        const QString tradeNo = simulator->tradeNoOf(request);
        SandboxAnswer answer;
        // rate-limited: a front limiter refuses before the channel sees the request (its answer
        // is plain text and unsigned); server-error: the channel fails before doing anything;
        // timeout and delay: it does the work, and the answer is late or never comes (so a retry
        // must be idempotent).
        if (m_world.store.take(Fault::RateLimited, tradeNo)) {
            answer.reply = SandboxReply::of(429, "text/plain", "429 Too Many Requests");
            answer.reply.headers.append(std::pair<QByteArray, QByteArray>("Retry-After", "1"));
            return answer;
        }
        if (m_world.store.take(Fault::ServerError, tradeNo)) {
            answer.reply =
                SandboxReply::of(500, "application/json",
                                 QJsonDocument(QJsonObject{{QStringLiteral("code"), QStringLiteral("SYSTEM_ERROR")},
                                                           {QStringLiteral("message"), QStringLiteral("系统错误")}})
                                     .toJson(QJsonDocument::Compact));
            return answer;
        }
        answer.reply = simulator->handle(request);
        qint64 delay = 0;
        if (m_world.store.take(Fault::Timeout, tradeNo))
            answer.withhold = true;
        else if (m_world.store.take(Fault::Delay, tradeNo, &delay))
            answer.delayMs = int(delay > 0 ? delay : 3000);
        return answer;
    }
    return SandboxAnswer{SandboxReply::of(404, "text/plain", "no such endpoint")};
}

Result<SandboxTrade> Sandbox::pay(const QString &outTradeNo, bool success, const QString &channel)
{
    SandboxTrade *trade = nullptr;
    for (SandboxChannel candidate : {SandboxChannel::WeChatPay, SandboxChannel::Alipay, SandboxChannel::UnionPay}) {
        if (!channel.isEmpty() && channelName(candidate) != channel.toLower())
            continue;
        if ((trade = m_world.store.trade(candidate, outTradeNo)))
            break;
    }
    if (!trade)
        return Error(ErrorCode::InvalidArgument, QStringLiteral("no order %1").arg(outTradeNo));
    if (trade->state != QLatin1String("NOTPAY") && trade->state != QLatin1String("PAYERROR"))
        return Error(ErrorCode::InvalidArgument, QStringLiteral("order %1 is %2").arg(outTradeNo, trade->state));
    if (trade->expiresAt.isValid() && trade->expiresAt < m_world.now())
        return Error(ErrorCode::InvalidArgument,
                     QStringLiteral("order %1 expired at %2").arg(outTradeNo, rfc3339(trade->expiresAt)));
    if (success) {
        trade->state = QStringLiteral("SUCCESS");
        trade->paidAt = m_world.now();
        trade->fee = m_world.feeOf(trade->channel, trade->amount);
        if (trade->payer.isEmpty())
            trade->payer = QStringLiteral("o%1").arg(randomDigits(27));
    } else {
        trade->state = QStringLiteral("PAYERROR");
    }
    m_callbacks->send(simulator(trade->channel).paymentCallback(*trade));
    qint64 channelRefund = 0;
    if (success && m_world.store.take(Fault::RefundAtChannelOnly, outTradeNo, &channelRefund))
        refundAtChannel(*trade, channelRefund);
    return *trade;
}

void Sandbox::refundAtChannel(SandboxTrade &trade, qint64 amount)
{
    const qint64 refundable = trade.amount - trade.refunded();
    if (refundable <= 0)
        return;
    SandboxRefund refund;
    refund.outRefundNo = QStringLiteral("CHANNEL%1").arg(m_world.store.nextId({}, 8));
    refund.refundId = compactTime(m_world.now()) + m_world.store.nextId({}, 9);
    refund.amount = amount > 0 ? qMin(amount, refundable) : refundable;
    refund.fee = trade.refundFee(refund.amount);
    refund.state = QStringLiteral("SUCCESS");
    refund.createdAt = m_world.now();
    refund.succeededAt = refund.createdAt;
    refund.channelOnly = true;
    trade.refunds.append(refund);
    trade.state = QStringLiteral("REFUND");
}

void Sandbox::setFault(Fault fault, const QString &tradeNo, qint64 value, int times)
{
    m_world.store.setFault(fault, tradeNo, FaultSetting{value, times});
    // A refund at the channel for a trade that is already paid happens at once.
    if (fault == Fault::RefundAtChannelOnly && !tradeNo.isEmpty()) {
        for (SandboxTrade *trade : m_world.store.trades()) {
            if (trade->outTradeNo == tradeNo && trade->state == QLatin1String("SUCCESS") &&
                m_world.store.take(Fault::RefundAtChannelOnly, tradeNo, &value))
                refundAtChannel(*trade, value);
        }
    }
}

void Sandbox::clearFault(Fault fault, const QString &tradeNo)
{
    m_world.store.clearFault(fault, tradeNo);
}

void Sandbox::tradeCreated(const SandboxTrade &trade)
{
    if (m_world.settings.autoPayDelayMs < 0)
        return;
    const SandboxChannel channel = trade.channel;
    const QString outTradeNo = trade.outTradeNo;
    QTimer::singleShot(m_world.settings.autoPayDelayMs, this, [this, channel, outTradeNo] {
        SandboxTrade *current = m_world.store.trade(channel, outTradeNo);
        if (!current || current->state != QLatin1String("NOTPAY"))
            return;
        const bool success = QRandomGenerator::global()->generateDouble() < m_world.settings.autoPaySuccessRate;
        if (auto paid = pay(outTradeNo, success, channelName(channel)); !paid)
            qWarning("paydesk-sandbox: automatic payment of %s failed: %s", qPrintable(outTradeNo),
                     qPrintable(paid.error().detail()));
    });
}

void Sandbox::refundCreated(const SandboxTrade &trade, const SandboxRefund &refund)
{
    if (refund.state == QLatin1String("SUCCESS")) {
        m_callbacks->send(simulator(trade.channel).refundCallback(trade, refund));
        return;
    }
    const SandboxChannel channel = trade.channel;
    const QString outTradeNo = trade.outTradeNo;
    const QString outRefundNo = refund.outRefundNo;
    QTimer::singleShot(qMax(0, m_world.settings.refundDelayMs), this,
                       [this, channel, outTradeNo, outRefundNo] { completeRefund(channel, outTradeNo, outRefundNo); });
}

void Sandbox::completeRefund(SandboxChannel channel, const QString &outTradeNo, const QString &outRefundNo)
{
    SandboxTrade *trade = m_world.store.trade(channel, outTradeNo);
    SandboxRefund *refund = trade ? trade->refund(outRefundNo) : nullptr;
    if (!refund || refund->state != QLatin1String("PROCESSING"))
        return;
    if (refund->failing) {
        // refund-fails: nothing was refunded, and the amount may be refunded again.
        refund->state = QStringLiteral("CLOSED");
    } else {
        refund->state = QStringLiteral("SUCCESS");
        refund->succeededAt = m_world.now();
        trade->state = QStringLiteral("REFUND");
    }
    m_callbacks->send(simulator(channel).refundCallback(*trade, *refund));
}

} // namespace paydesk::sandbox
