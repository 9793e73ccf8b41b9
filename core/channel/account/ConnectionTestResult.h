#pragma once

#include "core/util/ErrorCode.h"

#include <QDateTime>
#include <QString>

namespace paydesk {

// The outcome of asking the channel a harmless question with an account's credentials.
struct ConnectionTestResult
{
    bool ok = false;
    QString message;                   // "credentials accepted", or what went wrong
    ErrorCode error = ErrorCode::None; // why it failed (ChannelAuthRejected, ChannelUnavailable, SecretUnknown, …)
    qint64 elapsedMs = 0;              // the channel call alone
    QDateTime at;                      // when the test ran (UTC)

    // As stored in channel_account.last_test_result: "ok: …" or "failed: …".
    QString summary() const;
};

} // namespace paydesk
