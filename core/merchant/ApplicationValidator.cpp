#include "core/merchant/ApplicationValidator.h"

#include "core/channel/ChannelNames.h"
#include "core/security/OutboundAddress.h"

#include <QHostAddress>
#include <QRegularExpression>
#include <QUrl>

namespace paydesk {

namespace {
Error invalid(const QString &field, const QString &why)
{
    return Error(ErrorCode::ApplicationFieldInvalid, field + QStringLiteral(": ") + why);
}

// The host as written in the URL text, lower case: between "//" and the path, without user
// info and port.
QString hostAsTyped(const QString &url)
{
    const qsizetype start = url.indexOf(QStringLiteral("//"));
    if (start < 0)
        return {};
    QString authority = url.mid(start + 2);
    const qsizetype end = authority.indexOf(QRegularExpression(QStringLiteral("[/?#]")));
    if (end >= 0)
        authority.truncate(end);
    authority = authority.mid(authority.lastIndexOf(QLatin1Char('@')) + 1);
    if (authority.startsWith(QLatin1Char('[')))
        return authority.left(authority.indexOf(QLatin1Char(']')) + 1).toLower();
    const qsizetype colon = authority.lastIndexOf(QLatin1Char(':'));
    return (colon >= 0 ? authority.left(colon) : authority).toLower();
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

Status ApplicationValidator::notifyUrl(const QString &value, bool developmentEndpoints)
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
    const QString scheme = url.scheme().toLower();
    if (scheme != QLatin1String("https") && !(developmentEndpoints && scheme == QLatin1String("http")))
        return invalid(field,
                       developmentEndpoints
                           ? QStringLiteral("must be an http or https URL")
                           : QStringLiteral("must be an https URL (plain http only with development endpoints on)"));
    const QString host = url.host().toLower();
    QString bare = host; // "169.254.169.254." is still that address
    while (bare.endsWith(QLatin1Char('.')))
        bare.chop(1);
    const QHostAddress literal(bare);
    if (!literal.isNull()) {
        const OutboundAddress::Kind kind = OutboundAddress::classify(literal);
        if (!OutboundAddress::allowed(kind, developmentEndpoints))
            return invalid(
                field, OutboundAddress::allowed(kind, true)
                           ? QStringLiteral("loopback, private and carrier-grade NAT addresses are allowed only with "
                                            "development endpoints on")
                           : QStringLiteral("link-local, unspecified, multicast and reserved addresses are refused"));
    }
    if (developmentEndpoints)
        return {};
    // QUrl writes 127.1, 0177.0.0.1, 0x7f.1 and 2130706433 all as 127.0.0.1: a host typed
    // otherwise than QUrl writes it was an unusual numeric form (or a name with a trailing dot).
    const QString typed = hostAsTyped(text);
    if (typed.endsWith(QLatin1Char('.')))
        return invalid(field, QStringLiteral("a host name with a trailing dot is refused"));
    if (literal.protocol() == QAbstractSocket::IPv4Protocol && typed != host)
        return invalid(field, QStringLiteral("write an IPv4 address as four decimal numbers"));
    for (const char *privateName : {"localhost", ".localhost", ".local", ".internal", ".home.arpa"}) {
        const QLatin1String suffix(privateName);
        if (suffix.startsWith(QLatin1Char('.')) ? host.endsWith(suffix) : host == suffix)
            return invalid(field, QStringLiteral("names of private networks (localhost, .local, .internal) are allowed "
                                                 "only with development endpoints on"));
    }
    return {};
}

Result<ApplicationDraft> ApplicationValidator::normalized(const ApplicationDraft &draft, bool developmentEndpoints)
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
    auto url = notifyUrl(result.notifyUrl, developmentEndpoints);
    if (!url)
        return url.error();
    auto allowlist = IpAllowlist::parse(draft.ipAllowlist);
    if (!allowlist)
        return allowlist.error();
    result.ipAllowlist = allowlist->entries();
    return result;
}

} // namespace paydesk
