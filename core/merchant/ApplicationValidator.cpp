#include "ApplicationValidator.h"

#include "channel/ChannelNames.h"

#include <QHostAddress>
#include <QUrl>

namespace paydesk {

namespace {
Error invalid(const QString &field, const QString &why)
{
    return Error(ErrorCode::ApplicationFieldInvalid, field + QStringLiteral(": ") + why);
}
} // namespace

Status ApplicationValidator::name(const QString &value)
{
    const QString name = value.trimmed();
    if (name.isEmpty())
        return invalid(QStringLiteral("name"), QStringLiteral("required"));
    if (name.size() > 64)
        return invalid(QStringLiteral("name"), QStringLiteral("at most 64 characters"));
    for (QChar c : name) {
        if (c.category() == QChar::Other_Control || c.category() == QChar::Other_Format)
            return invalid(QStringLiteral("name"), QStringLiteral("control characters are not allowed"));
    }
    return {};
}

Result<QStringList> ApplicationValidator::methods(const QStringList &values)
{
    QSet<PayMethod> chosen;
    for (const QString &value : values) {
        const QString name = value.trimmed();
        if (name.isEmpty())
            continue;
        PayMethod method;
        if (!ChannelNames::methodFromName(name, &method))
            return invalid(QStringLiteral("methods"), QStringLiteral("unknown payment method '%1'").arg(name));
        chosen.insert(method);
    }
    if (chosen.isEmpty())
        return invalid(QStringLiteral("methods"), QStringLiteral("enable at least one payment method"));
    QStringList names;
    for (PayMethod method : ChannelNames::allMethods()) {
        if (chosen.contains(method))
            names << ChannelNames::method(method);
    }
    return names;
}

Status ApplicationValidator::notifyUrl(const QString &value)
{
    const QString text = value.trimmed();
    if (text.isEmpty())
        return {};
    const QString field = QStringLiteral("notify_url");
    if (text.size() > 512)
        return invalid(field, QStringLiteral("at most 512 characters"));
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty())
        return invalid(field, QStringLiteral("not an absolute URL"));
    if (!url.userInfo().isEmpty())
        return invalid(field, QStringLiteral("must not carry a user name or password"));
    if (url.hasFragment())
        return invalid(field, QStringLiteral("must not have a fragment"));
    // Cloud metadata services live on link-local addresses: a notification must never reach them.
    const QHostAddress literal(url.host());
    if (!literal.isNull() && (literal.isLinkLocal() || literal == QHostAddress::AnyIPv4 || literal == QHostAddress::AnyIPv6))
        return invalid(field, QStringLiteral("link-local and unspecified addresses are refused"));
    const QString scheme = url.scheme().toLower();
    if (scheme == QLatin1String("https"))
        return {};
    if (scheme != QLatin1String("http"))
        return invalid(field, QStringLiteral("must be an https URL"));
    const QString host = url.host().toLower();
    const QHostAddress address(host);
    if (host == QLatin1String("localhost") || (!address.isNull() && address.isLoopback()))
        return {};
    return invalid(field, QStringLiteral("plain http is allowed only to a loopback host"));
}

Result<ApplicationDraft> ApplicationValidator::normalized(const ApplicationDraft &draft)
{
    ApplicationDraft result;
    result.name = draft.name.trimmed();
    auto named = name(result.name);
    if (!named)
        return named.error();
    auto chosen = methods(draft.methods);
    if (!chosen)
        return chosen.error();
    result.methods = *chosen;
    result.notifyUrl = draft.notifyUrl.trimmed();
    auto url = notifyUrl(result.notifyUrl);
    if (!url)
        return url.error();
    auto allowlist = IpAllowlist::parse(draft.ipAllowlist);
    if (!allowlist)
        return allowlist.error();
    result.ipAllowlist = allowlist->entries();
    return result;
}

} // namespace paydesk
