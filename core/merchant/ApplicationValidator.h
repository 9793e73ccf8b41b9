#pragma once

#include "core/merchant/Application.h"
#include "core/util/Result.h"

namespace paydesk {

// Application field rules, usable while typing. Failures are ApplicationFieldInvalid with the
// detail "field: reason" (name, methods, notify_url, ip_allowlist).
class ApplicationValidator
{
public:
    static Status name(const QString &value);
    // Known method names (ChannelNames), at least one; returns them in the canonical order.
    static Result<QStringList> methods(const QStringList &values);
    // An absolute URL without user info or fragment. Without development endpoints
    // (Settings::DevelopmentEndpoints): https only, and a host that is neither a private-use name
    // (localhost, *.localhost, *.local, *.internal, *.home.arpa), nor written with a trailing dot,
    // nor a numeric address in an unusual form (127.1, 0177.0.0.1, 0x7f.1), nor a literal address
    // other than a public one (OutboundAddress). With them: plain http and loopback or private
    // hosts too. Link-local, unspecified, multicast and reserved addresses never. This is the
    // early, typed check; the dispatcher checks the address it actually connects to.
    static Status notifyUrl(const QString &value, bool developmentEndpoints);
    // The whole draft, normalized (trimmed, methods ordered, allowlist canonical).
    static Result<ApplicationDraft> normalized(const ApplicationDraft &draft, bool developmentEndpoints);
};

} // namespace paydesk
