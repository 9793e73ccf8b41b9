#pragma once

#include "sandbox/ChannelSimulator.h"

#include <QNetworkAccessManager>
#include <QObject>
#include <QSslCertificate>

namespace paydesk::sandbox {

struct CallbackAttempt
{
    QDateTime at;
    int status = 0;  // HTTP status; 0: no answer (connection failed)
    QString problem; // transport error or unexpected answer
};

// One notification and what became of it.
struct CallbackDelivery
{
    int id = 0;
    SandboxChannel channel = SandboxChannel::WeChatPay;
    QString tradeNo;
    QString description;
    QUrl url;
    bool dropped = false;   // the drop-callback fault: never sent
    bool delivered = false; // the merchant acknowledged it
    bool gaveUp = false;    // every retry of the channel's schedule failed
    QList<CallbackAttempt> attempts;
};

// Posts notifications to the merchant and retries them on the channel's schedule until the
// merchant acknowledges (WeChat: HTTP 200/204; Alipay: the body "success"; UnionPay: HTTP 200).
// Fault switches: drop-callback sends nothing, duplicate-callback sends every notification twice.
class CallbackSender : public QObject
{
    Q_OBJECT
public:
    CallbackSender(SandboxWorld &world, QList<QSslCertificate> extraCaCertificates, QObject *parent = nullptr);

    void send(const OutgoingCallback &callback);
    QList<CallbackDelivery> deliveries() const { return m_deliveries; }

    // Seconds between a failed attempt and the next, as each channel documents them.
    static QList<int> retryScheduleSeconds(SandboxChannel channel);

signals:
    void attempted(int deliveryId);

private:
    void attempt(int index, const OutgoingCallback &callback, int attemptNumber);
    void finished(int index, const OutgoingCallback &callback, int attemptNumber, int status, const QByteArray &body,
                  const QString &transportError);

    SandboxWorld &m_world;
    QList<QSslCertificate> m_extraCa;
    QNetworkAccessManager m_network;
    QList<CallbackDelivery> m_deliveries;
};

} // namespace paydesk::sandbox
