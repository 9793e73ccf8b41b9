#include "sandbox/CallbackSender.h"

#include <QNetworkReply>
#include <QSslConfiguration>
#include <QTimer>

namespace paydesk::sandbox {

CallbackSender::CallbackSender(SandboxWorld &world, QList<QSslCertificate> extraCaCertificates, QObject *parent)
    : QObject(parent), m_world(world), m_extraCa(std::move(extraCaCertificates))
{
}

QList<int> CallbackSender::retryScheduleSeconds(SandboxChannel channel)
{
    switch (channel) {
    case SandboxChannel::WeChatPay:
        // 15s/15s/30s/3m/10m/20m/30m/30m/30m/60m/3h/3h/3h/6h/6h (WeChat Pay v3 notification rules)
        return {15, 15, 30, 180, 600, 1200, 1800, 1800, 1800, 3600, 10800, 10800, 10800, 21600, 21600};
    case SandboxChannel::Alipay:
        // 4m/10m/10m/1h/2h/6h/15h: eight notifications within 25 hours
        return {240, 600, 600, 3600, 7200, 21600, 54000};
    case SandboxChannel::UnionPay:
        // UnionPay re-sends back notifications at growing intervals (1, 2, 4, 8, 16 minutes).
        return {60, 120, 240, 480, 960};
    }
    return {};
}

void CallbackSender::send(const OutgoingCallback &callback)
{
    if (callback.url.isEmpty() || !callback.build)
        return;
    const int copies = m_world.store.take(Fault::DuplicateCallback, callback.tradeNo) ? 2 : 1;
    const bool drop = m_world.store.take(Fault::DropCallback, callback.tradeNo);
    for (int copy = 0; copy < copies; ++copy) {
        CallbackDelivery delivery;
        delivery.id = int(m_deliveries.size()) + 1;
        delivery.channel = callback.channel;
        delivery.tradeNo = callback.tradeNo;
        delivery.description = callback.description;
        delivery.url = callback.url;
        delivery.dropped = drop;
        m_deliveries.append(delivery);
        if (drop) {
            emit attempted(delivery.id);
            continue;
        }
        attempt(int(m_deliveries.size()) - 1, callback, 1);
    }
}

void CallbackSender::attempt(int index, const OutgoingCallback &callback, int attemptNumber)
{
    auto built = callback.build();
    if (!built) {
        finished(index, callback, attemptNumber, 0, {}, built.error().detail());
        return;
    }
    QNetworkRequest request(built->url);
    for (auto it = built->headers.cbegin(); it != built->headers.cend(); ++it)
        request.setRawHeader(it.key(), it.value());
    request.setTransferTimeout(5000);
    if (!m_extraCa.isEmpty()) {
        QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
        ssl.addCaCertificates(m_extraCa);
        request.setSslConfiguration(ssl);
    }
    QNetworkReply *reply = m_network.post(request, built->body);
    connect(reply, &QNetworkReply::finished, this, [this, reply, index, callback, attemptNumber] {
        reply->deleteLater();
        const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
        finished(index, callback, attemptNumber, status.isValid() ? status.toInt() : 0, reply->readAll(),
                 status.isValid() ? QString() : reply->errorString());
    });
}

void CallbackSender::finished(int index, const OutgoingCallback &callback, int attemptNumber, int status,
                              const QByteArray &body, const QString &transportError)
{
    CallbackDelivery &delivery = m_deliveries[index];
    CallbackAttempt record{m_world.now(), status, transportError};
    switch (callback.channel) {
    case SandboxChannel::WeChatPay:
        delivery.delivered = status == 200 || status == 204;
        break;
    case SandboxChannel::Alipay:
        delivery.delivered = status == 200 && body.trimmed() == "success";
        if (status == 200 && !delivery.delivered)
            record.problem = QStringLiteral("answer was not \"success\"");
        break;
    case SandboxChannel::UnionPay:
        delivery.delivered = status == 200;
        break;
    }
    if (!delivery.delivered && record.problem.isEmpty() && status != 0)
        record.problem = QStringLiteral("HTTP %1").arg(status);
    delivery.attempts.append(record);
    const QList<int> schedule = retryScheduleSeconds(callback.channel);
    if (!delivery.delivered) {
        if (attemptNumber > schedule.size()) {
            delivery.gaveUp = true;
        } else {
            const qint64 delayMs = qint64(schedule.at(attemptNumber - 1) * 1000.0 * m_world.settings.callbackTimeScale);
            QTimer::singleShot(std::chrono::milliseconds(delayMs), this,
                               [this, index, callback, attemptNumber] { attempt(index, callback, attemptNumber + 1); });
        }
    }
    emit attempted(delivery.id);
}

} // namespace paydesk::sandbox
