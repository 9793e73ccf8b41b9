#pragma once

#include "core/channel/ChannelTypes.h"
#include "core/security/Crypto.h"
#include "core/util/Result.h"

#include <QMap>

namespace paydesk {

// What a Paydesk operator would type into the channel account forms to talk to the local
// paydesk-sandbox: its address, its CA certificate and, per channel, the merchant ids and the
// credential items, read from the sandbox's state directory (the files `paydesk-sandbox serve`
// makes on first start). The demo uses it so that its channel accounts work against the sandbox.
struct SandboxCredentials
{
    struct Channel
    {
        QString channelMerchantId;
        QString channelAppId; // WeChat Pay only
        QMap<QString, SecretBytes> items;
    };

    QString directory;
    QString baseUrl;  // from the directory's `url` file (the running sandbox), else https://127.0.0.1:9443
    QByteArray caPem; // the sandbox's CA, to trust for its HTTPS
    QMap<ChannelKind, Channel> channels;

    // $PAYDESK_SANDBOX_DIR, else <GenericDataLocation>/paydesk/sandbox (the sandbox's default).
    static QString defaultDirectory();
    // FileUnreadable naming the first file missing.
    static Result<SandboxCredentials> read(const QString &directory);
    // Makes the sandbox's keys in the directory unless they are there (the sandbox makes the
    // same ones on its first start), so that the demo's channel accounts can carry them.
    static Status makeKeys(const QString &directory);
};

} // namespace paydesk
