#pragma once

#include "core/channel/http/FormEncoding.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QMap>
#include <QUrl>
#include <QUrlQuery>

namespace paydesk::sandbox {

// One HTTP request as the sandbox's simulators see it (decoupled from QtHttpServer's types so
// the simulators can be driven directly).
struct SandboxRequest
{
    QByteArray method;
    QUrl url;
    QHash<QByteArray, QByteArray> headers; // names in lower case
    QByteArray body;

    QByteArray header(const QByteArray &name) const { return headers.value(name.toLower()); }
    // path plus "?query" exactly as sent: what WeChat Pay signs.
    QByteArray pathAndQuery() const
    {
        QByteArray text = url.path(QUrl::FullyEncoded).toLatin1();
        if (url.hasQuery())
            text += '?' + url.query(QUrl::FullyEncoded).toLatin1();
        return text;
    }
};

struct SandboxReply
{
    int status = 200;
    QList<std::pair<QByteArray, QByteArray>> headers;
    QByteArray body;

    static SandboxReply of(int status, const QByteArray &contentType, const QByteArray &body)
    {
        return SandboxReply{status, {{"Content-Type", contentType}}, body};
    }
};

// Form bodies ("a=1&b=2"), as the channels post them.
inline QMap<QString, QString> decodeForm(const QByteArray &body)
{
    return FormEncoding::decode(body);
}

} // namespace paydesk::sandbox
