#include "widgets/channel/ChannelText.h"

#include "widgets/format/DisplayFormat.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QLocale>
#include <QStringList>

namespace paydesk::ChannelText {

QString channel(ChannelKind kind)
{
    switch (kind) {
    case ChannelKind::WeChatPay:
        return QCoreApplication::translate("ChannelText", "WeChat Pay");
    case ChannelKind::Alipay:
        return QCoreApplication::translate("ChannelText", "Alipay");
    case ChannelKind::UnionPay:
        return QCoreApplication::translate("ChannelText", "UnionPay");
    }
    return {};
}

QString mode(ChannelAccountMode mode)
{
    switch (mode) {
    case ChannelAccountMode::Shared:
        return QCoreApplication::translate("ChannelText", "Shared");
    case ChannelAccountMode::Own:
        return QCoreApplication::translate("ChannelText", "Merchant's own");
    }
    return {};
}

QString method(PayMethod method)
{
    switch (method) {
    case PayMethod::WeChatNative:
        return QCoreApplication::translate("ChannelText", "WeChat Pay QR code");
    case PayMethod::WeChatJsapi:
        return QCoreApplication::translate("ChannelText", "WeChat Pay in-app (JSAPI)");
    case PayMethod::AlipayPrecreate:
        return QCoreApplication::translate("ChannelText", "Alipay QR code");
    case PayMethod::UnionPayFront:
        return QCoreApplication::translate("ChannelText", "UnionPay web payment");
    }
    return {};
}

QString outcome(RouteOutcome outcome)
{
    switch (outcome) {
    case RouteOutcome::Chosen:
        return QCoreApplication::translate("ChannelText", "Chosen");
    case RouteOutcome::Eligible:
        return QCoreApplication::translate("ChannelText", "Would be drawn");
    case RouteOutcome::NotDrawn:
        return QCoreApplication::translate("ChannelText", "Not drawn");
    case RouteOutcome::LowerPriority:
        return QCoreApplication::translate("ChannelText", "Skipped: a higher priority comes first");
    case RouteOutcome::RuleDisabled:
        return QCoreApplication::translate("ChannelText", "Skipped: rule disabled");
    case RouteOutcome::AccountDisabled:
        return QCoreApplication::translate("ChannelText", "Skipped: account disabled");
    case RouteOutcome::Excluded:
        return QCoreApplication::translate("ChannelText", "Skipped: excluded");
    case RouteOutcome::CurrencyMismatch:
        return QCoreApplication::translate("ChannelText", "Skipped: other currency");
    case RouteOutcome::OverTransactionLimit:
        return QCoreApplication::translate("ChannelText", "Skipped: over the per-payment limit");
    case RouteOutcome::OverDailyLimit:
        return QCoreApplication::translate("ChannelText", "Skipped: over the daily limit");
    }
    return {};
}

QString merchantIdLabel(ChannelKind kind)
{
    switch (kind) {
    case ChannelKind::WeChatPay:
        return QCoreApplication::translate("ChannelText", "Merchant id (mchid):");
    case ChannelKind::Alipay:
        return QCoreApplication::translate("ChannelText", "Application id (app_id):");
    case ChannelKind::UnionPay:
        return QCoreApplication::translate("ChannelText", "Merchant id (merId):");
    }
    return {};
}

QString credentialItem(const QString &name)
{
    if (name == QLatin1String("merchant_key"))
        return QCoreApplication::translate("ChannelText", "Merchant API private key (apiclient_key.pem)");
    if (name == QLatin1String("merchant_serial"))
        return QCoreApplication::translate("ChannelText", "Serial number of the merchant API certificate");
    if (name == QLatin1String("apiv3_key"))
        return QCoreApplication::translate("ChannelText", "APIv3 key (32 characters)");
    if (name == QLatin1String("platform_certificates"))
        return QCoreApplication::translate("ChannelText", "WeChat Pay platform certificates (PEM)");
    if (name == QLatin1String("platform_public_key"))
        return QCoreApplication::translate("ChannelText", "WeChat Pay platform public key (public-key mode)");
    if (name == QLatin1String("platform_public_key_id"))
        return QCoreApplication::translate("ChannelText", "Platform public key id (PUB_KEY_ID_…)");
    if (name == QLatin1String("app_private_key"))
        return QCoreApplication::translate("ChannelText", "Application private key");
    if (name == QLatin1String("alipay_public_key"))
        return QCoreApplication::translate("ChannelText", "Alipay public key");
    if (name == QLatin1String("signing_pfx"))
        return QCoreApplication::translate("ChannelText", "Merchant signing certificate (.pfx)");
    if (name == QLatin1String("signing_pfx_password"))
        return QCoreApplication::translate("ChannelText", "Password of the .pfx file");
    if (name == QLatin1String("root_certificates"))
        return QCoreApplication::translate("ChannelText", "CFCA root certificates (PEM)");
    if (name == QLatin1String("intermediate_certificates"))
        return QCoreApplication::translate("ChannelText", "CFCA intermediate certificates (PEM)");
    return name;
}

QString credentialKind(CredentialItem::Kind kind)
{
    switch (kind) {
    case CredentialItem::Kind::PrivateKey:
        return QCoreApplication::translate("ChannelText", "Private key (PEM)");
    case CredentialItem::Kind::PublicKey:
        return QCoreApplication::translate("ChannelText", "Public key (PEM)");
    case CredentialItem::Kind::Certificates:
        return QCoreApplication::translate("ChannelText", "Certificates (PEM)");
    case CredentialItem::Kind::Pkcs12:
        return QCoreApplication::translate("ChannelText", "Certificate file (.pfx)");
    case CredentialItem::Kind::Password:
        return QCoreApplication::translate("ChannelText", "Password");
    case CredentialItem::Kind::Text:
        return QCoreApplication::translate("ChannelText", "Text");
    case CredentialItem::Kind::SymmetricKey:
        return QCoreApplication::translate("ChannelText", "Secret key");
    }
    return {};
}

QString rate(Rate rate)
{
    // Exact from the integer ppm: 1 % is 10,000 ppm, so four decimals of a percent hold every rate.
    const QLocale locale;
    const qint64 ppm = rate.ppm();
    QString fraction = QString::number(ppm % 10000).rightJustified(4, QLatin1Char('0'));
    while (fraction.size() > 2 && fraction.endsWith(QLatin1Char('0')))
        fraction.chop(1);
    const QString number = locale.toString(ppm / 10000) + locale.decimalPoint() + fraction;
    return QCoreApplication::translate("ChannelText", "%1 %", "a rate in percent").arg(number);
}

QString ppm(Rate rate)
{
    return QCoreApplication::translate("ChannelText", "%1 ppm", "parts per million")
        .arg(QLocale().toString(rate.ppm()));
}

QString rateAndPpm(Rate value)
{
    return QCoreApplication::translate("ChannelText", "%1 (%2)", "rate in percent (in ppm)")
        .arg(rate(value), ppm(value));
}

QString rates(const QMap<PayMethod, Rate> &rates)
{
    QStringList parts;
    for (auto it = rates.cbegin(); it != rates.cend(); ++it)
        parts << QCoreApplication::translate("ChannelText", "%1 %2", "method rate")
                     .arg(method(it.key()), rate(it.value()));
    return parts.join(QCoreApplication::translate("ChannelText", ", ", "list separator"));
}

QString limit(const Money &limit)
{
    if (!limit.isValid() || limit.isZero())
        return QCoreApplication::translate("ChannelText", "No limit");
    return DisplayFormat::moneyWithCurrency(limit);
}

QString connectionTest(const ConnectionTestResult &result)
{
    const QString elapsed = QLocale().toString(result.elapsedMs);
    if (result.ok) {
        return QCoreApplication::translate("ChannelText",
                                           "Connection OK in %1 ms: the channel accepted the credentials.")
            .arg(elapsed);
    }
    // The core's message already names the error and the channel's answer (SIGN_ERROR, a TLS failure, …).
    return QCoreApplication::translate("ChannelText", "Connection failed after %1 ms: %2").arg(elapsed, result.message);
}

QString lastTest(const ChannelAccount &account)
{
    if (account.lastTestResult.isEmpty())
        return QCoreApplication::translate("ChannelText", "Never tested");
    // Stored as "ok: <message>" or "failed: <message>"; the prefix is ours to translate.
    const qsizetype colon = account.lastTestResult.indexOf(QLatin1Char(':'));
    const QString message = colon < 0 ? QString() : account.lastTestResult.mid(colon + 1).trimmed();
    const QString verdict = account.lastTestOk() ? QCoreApplication::translate("ChannelText", "OK")
                                                 : QCoreApplication::translate("ChannelText", "Failed");
    return message.isEmpty() ? verdict : QCoreApplication::translate("ChannelText", "%1: %2").arg(verdict, message);
}

QString fingerprint(const QJsonValue &value)
{
    if (!value.isObject())
        return QCoreApplication::translate("ChannelText", "none");
    const QJsonObject print = value.toObject();
    auto shortHex = [](const QJsonValue &hex) { return hex.toString().left(16) + QStringLiteral("…"); };
    auto certificate = [&](const QJsonObject &c) {
        return QCoreApplication::translate("ChannelText", "certificate SHA-256 %1, serial %2")
            .arg(shortHex(c.value(QStringLiteral("sha256"))), c.value(QStringLiteral("serial")).toString());
    };
    QStringList parts;
    for (const QJsonValue &c : print.value(QStringLiteral("certificates")).toArray())
        parts << certificate(c.toObject());
    if (print.contains(QStringLiteral("certificate")))
        parts << certificate(print.value(QStringLiteral("certificate")).toObject());
    if (print.contains(QStringLiteral("spki_sha256")))
        parts << QCoreApplication::translate("ChannelText", "key SHA-256 %1")
                     .arg(shortHex(print.value(QStringLiteral("spki_sha256"))));
    if (print.contains(QStringLiteral("hmac_sha256")))
        parts << QCoreApplication::translate("ChannelText", "secret (HMAC) %1")
                     .arg(shortHex(print.value(QStringLiteral("hmac_sha256"))));
    if (print.contains(QStringLiteral("value")))
        parts << print.value(QStringLiteral("value")).toString();
    return parts.join(QStringLiteral("; "));
}

QStringList fingerprintChanges(const QStringList &items, const QJsonObject &fingerprints)
{
    QStringList lines;
    for (const QString &item : items) {
        const QJsonObject pair = fingerprints.value(item).toObject();
        lines << QCoreApplication::translate("ChannelText", "%1: %2 → %3")
                     .arg(credentialItem(item), fingerprint(pair.value(QStringLiteral("old"))),
                          fingerprint(pair.value(QStringLiteral("new"))));
    }
    return lines;
}

QString credentialChangeStatus(CredentialChange::Status status)
{
    switch (status) {
    case CredentialChange::Status::Pending:
        return QCoreApplication::translate("ChannelText", "Waiting for approval");
    case CredentialChange::Status::Approved:
        return QCoreApplication::translate("ChannelText", "Approved");
    case CredentialChange::Status::Rejected:
        return QCoreApplication::translate("ChannelText", "Rejected");
    case CredentialChange::Status::Withdrawn:
        return QCoreApplication::translate("ChannelText", "Withdrawn");
    case CredentialChange::Status::Expired:
        return QCoreApplication::translate("ChannelText", "Expired");
    case CredentialChange::Status::Applied:
        return QCoreApplication::translate("ChannelText", "Stored (no approval needed)");
    }
    return {};
}

} // namespace paydesk::ChannelText
