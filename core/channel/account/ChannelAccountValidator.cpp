#include "core/channel/account/ChannelAccountValidator.h"

#include <QRegularExpression>
#include <QSslCertificate>
#include <QUrl>

namespace paydesk::ChannelAccountValidator {

namespace {
Error invalid(const QString &field, const QString &why)
{
    return Error(ErrorCode::ChannelAccountInvalid, field + QStringLiteral(": ") + why);
}

bool matches(const QString &pattern, const QString &text)
{
    return QRegularExpression(QStringLiteral("^") + pattern + QStringLiteral("$")).match(text).hasMatch();
}

Status validateUrl(const QString &field, const QString &text, bool httpAllowed)
{
    const QUrl url(text, QUrl::StrictMode);
    const QString scheme = url.scheme();
    if (!url.isValid() || url.host().isEmpty() ||
        (scheme != QLatin1String("https") && !(httpAllowed && scheme == QLatin1String("http"))))
        return invalid(field, httpAllowed ? QStringLiteral("an http(s) address is required")
                                          : QStringLiteral("an https address is required"));
    if (!url.userInfo().isEmpty() || url.hasFragment())
        return invalid(field, QStringLiteral("no user name, password or fragment in the address"));
    return {};
}

Status validateLimit(const QString &field, const Money &limit, Currency currency)
{
    // Zero (or unset) is "no limit" in any currency: changing the account's currency then needs no second edit.
    if (!limit.isValid() || limit.isZero())
        return {};
    if (limit.currency() != currency)
        return invalid(field, QStringLiteral("must be in the account's currency %1").arg(currency.code()));
    if (limit.isNegative())
        return invalid(field, QStringLiteral("must not be negative (0 means no limit)"));
    return {};
}
} // namespace

bool isValidName(const QString &name)
{
    return matches(QStringLiteral("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}"), name);
}

Status validateCaCertificates(const QByteArray &pem, const QDateTime &now)
{
    if (pem.trimmed().isEmpty())
        return {};
    if (pem.contains("PRIVATE KEY"))
        return invalid(QStringLiteral("ca_certificates"),
                       QStringLiteral("holds a private key; only CA certificates belong here"));
    const QList<QSslCertificate> certificates = QSslCertificate::fromData(pem, QSsl::Pem);
    const qsizetype blocks = pem.count("-----BEGIN ");
    if (certificates.isEmpty() || certificates.size() != blocks || blocks != pem.count("-----BEGIN CERTIFICATE-----"))
        return invalid(QStringLiteral("ca_certificates"), QStringLiteral("not a PEM list of certificates"));
    for (const QSslCertificate &certificate : certificates) {
        if (certificate.isNull())
            return invalid(QStringLiteral("ca_certificates"), QStringLiteral("a certificate does not parse"));
        if (certificate.expiryDate() < now || certificate.effectiveDate() > now) {
            return invalid(QStringLiteral("ca_certificates"),
                           QStringLiteral("%1 is not valid now (%2 to %3)")
                               .arg(certificate.subjectDisplayName(), certificate.effectiveDate().toString(Qt::ISODate),
                                    certificate.expiryDate().toString(Qt::ISODate)));
        }
    }
    return {};
}

Status validate(const ChannelAccount &account, const QDateTime &now)
{
    if (!isValidName(account.name))
        return invalid(QStringLiteral("name"),
                       QStringLiteral("1–64 of A–Z a–z 0–9 _ . -, starting with a letter or digit"));

    if (account.mode == ChannelAccountMode::Own && account.ownerMerchantId <= 0)
        return invalid(QStringLiteral("owner"), QStringLiteral("an own account needs its owner merchant"));
    if (account.mode == ChannelAccountMode::Shared && account.ownerMerchantId != 0)
        return invalid(QStringLiteral("owner"), QStringLiteral("a shared account has no owner merchant"));

    // Ids end up in vault secret names (channel/<channel>/<id>/<item>): never a '/'.
    const QString &mid = account.channelMerchantId;
    switch (account.channel) {
    case ChannelKind::WeChatPay:
        if (!matches(QStringLiteral("[0-9]{1,32}"), mid))
            return invalid(QStringLiteral("channel_merchant_id"), QStringLiteral("the WeChat Pay mchid is digits"));
        if (!matches(QStringLiteral("[A-Za-z0-9_]{1,64}"), account.channelAppId))
            return invalid(QStringLiteral("channel_app_id"), QStringLiteral("WeChat Pay needs the appid (wx…)"));
        break;
    case ChannelKind::Alipay:
        if (!matches(QStringLiteral("[0-9]{1,32}"), mid))
            return invalid(QStringLiteral("channel_merchant_id"), QStringLiteral("the Alipay app_id is digits"));
        break;
    case ChannelKind::UnionPay:
        if (!matches(QStringLiteral("[A-Za-z0-9]{1,32}"), mid))
            return invalid(QStringLiteral("channel_merchant_id"),
                           QStringLiteral("the UnionPay merId is letters and digits"));
        break;
    }
    if (account.channel != ChannelKind::WeChatPay && !account.channelAppId.isEmpty())
        return invalid(QStringLiteral("channel_app_id"), QStringLiteral("only WeChat Pay accounts have an appid"));
    if (!account.subMerchantId.isEmpty() && !matches(QStringLiteral("[A-Za-z0-9_-]{1,64}"), account.subMerchantId))
        return invalid(QStringLiteral("sub_merchant_id"), QStringLiteral("1–64 of A–Z a–z 0–9 _ -"));

    auto base = validateUrl(QStringLiteral("base_url"), account.baseUrl, false);
    if (!base)
        return base;
    if (!account.fileUrl.isEmpty()) {
        if (account.channel != ChannelKind::UnionPay)
            return invalid(QStringLiteral("file_url"), QStringLiteral("only UnionPay accounts have a file address"));
        auto file = validateUrl(QStringLiteral("file_url"), account.fileUrl, false);
        if (!file)
            return file;
    }
    if (!account.notifyUrl.isEmpty()) {
        auto notify = validateUrl(QStringLiteral("notify_url"), account.notifyUrl, true);
        if (!notify)
            return notify;
    }
    auto ca = validateCaCertificates(account.caCertificates, now);
    if (!ca)
        return ca;

    if (!account.currency.isValid())
        return invalid(QStringLiteral("currency"), QStringLiteral("unknown currency"));
    auto perTransaction =
        validateLimit(QStringLiteral("per_transaction_limit"), account.perTransactionLimit, account.currency);
    if (!perTransaction)
        return perTransaction;
    return validateLimit(QStringLiteral("daily_limit"), account.dailyLimit, account.currency);
}

} // namespace paydesk::ChannelAccountValidator
