#pragma once

#include "Application.h"
#include "util/Result.h"

namespace paydesk {

// Application field rules, usable while typing. Failures are ApplicationFieldInvalid with the
// detail "field: reason" (name, methods, notify_url, ip_allowlist).
class ApplicationValidator
{
public:
    static Status name(const QString &value);
    // Known method names (ChannelNames), at least one; returns them in the canonical order.
    static Result<QStringList> methods(const QStringList &values);
    // https, or http to localhost / a loopback address; no user info, no fragment.
    static Status notifyUrl(const QString &value);
    // The whole draft, normalized (trimmed, methods ordered, allowlist canonical).
    static Result<ApplicationDraft> normalized(const ApplicationDraft &draft);
};

} // namespace paydesk
