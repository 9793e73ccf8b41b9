#include "core/channel/account/ChannelConnectionTest.h"

#include "core/channel/ChannelAdapter.h"
#include "core/security/Crypto.h"
#include "core/util/Clock.h"

#include <QCoreApplication>
#include <QElapsedTimer>

namespace paydesk {

QString ConnectionTestResult::summary() const
{
    return (ok ? QStringLiteral("ok: ") : QStringLiteral("failed: ")) + message;
}

namespace ChannelConnectionTest {

QString probeOrderNumber(const Clock &clock)
{
    return QStringLiteral("PDTEST") + clock.nowUtc().toString(QStringLiteral("yyyyMMddHHmmss")) +
           QString::fromLatin1(Crypto::randomBytes(5).toHex());
}

ConnectionTestResult run(ChannelAdapter &adapter, const Clock &clock)
{
    ConnectionTestResult result;
    result.at = clock.nowUtc();
    const QString orderNo = probeOrderNumber(clock);
    QElapsedTimer timer;
    timer.start();
    auto answer = adapter.queryOrder(orderNo, clock.nowUtc());
    result.elapsedMs = timer.elapsed();
    if (answer) {
        // UnionPay answers respCode 34 for an order it has no record of; the adapter reads it as unpaid.
        if (adapter.kind() == ChannelKind::UnionPay && answer->state == OrderState::NotPaid &&
            answer->channelState == QLatin1String("34")) {
            result.ok = true;
            result.message = QStringLiteral("credentials accepted");
        } else {
            result.error = ErrorCode::ChannelResponseMalformed;
            result.message = QStringLiteral("unexpected answer: the channel reports order %1 as %2")
                                 .arg(orderNo, answer->channelState);
        }
        return result;
    }
    const Error &error = answer.error();
    if (error.code() == ErrorCode::ChannelNotFound && adapter.kind() != ChannelKind::UnionPay) {
        result.ok = true;
        result.message = QStringLiteral("credentials accepted");
        return result;
    }
    result.error = error.code();
    result.message = error.message();
    return result;
}

} // namespace ChannelConnectionTest
} // namespace paydesk
