#include "core/channel/account/ChannelAdapterFactory.h"

#include "core/channel/ChannelCredentials.h"

#include <QSslCertificate>

namespace paydesk::ChannelAdapterFactory {

HttpClient::Options httpOptions(const ChannelAccount &account, HttpClient::Options base)
{
    if (!account.caCertificates.trimmed().isEmpty())
        base.extraCaCertificates << QSslCertificate::fromData(account.caCertificates, QSsl::Pem);
    return base;
}

QUrl alipayGateway(const QString &baseUrl)
{
    const QUrl url(baseUrl);
    if (url.path().isEmpty() || url.path() == QLatin1String("/"))
        return url.resolved(QUrl(QStringLiteral("/gateway.do")));
    return url;
}

Result<std::unique_ptr<ChannelAdapter>> create(const ChannelAccount &account, Vault &vault, const Actor &actor,
                                               const Clock &clock, HttpClient::Options http, Permission permission)
{
    const HttpClient client(httpOptions(account, std::move(http)));
    const QString context = QStringLiteral("channel account %1").arg(account.name);
    switch (account.channel) {
    case ChannelKind::WeChatPay: {
        WeChatPayConfig base;
        base.mchid = account.channelMerchantId;
        base.appid = account.channelAppId;
        base.baseUrl = QUrl(account.baseUrl);
        base.notifyUrl = account.notifyUrl;
        auto config = ChannelCredentials::weChatPay(vault, actor, base, permission);
        if (!config)
            return config.error().within(context);
        return std::unique_ptr<ChannelAdapter>(std::make_unique<WeChatPayAdapter>(*config, client, clock));
    }
    case ChannelKind::Alipay: {
        AlipayConfig base;
        base.appId = account.channelMerchantId;
        base.gatewayUrl = alipayGateway(account.baseUrl);
        base.notifyUrl = account.notifyUrl;
        auto config = ChannelCredentials::alipay(vault, actor, base, permission);
        if (!config)
            return config.error().within(context);
        return std::unique_ptr<ChannelAdapter>(std::make_unique<AlipayAdapter>(*config, client, clock));
    }
    case ChannelKind::UnionPay: {
        UnionPayConfig base;
        base.merId = account.channelMerchantId;
        base.gatewayUrl = QUrl(account.baseUrl);
        if (!account.fileUrl.isEmpty())
            base.fileUrl = QUrl(account.fileUrl);
        base.backUrl = account.notifyUrl;
        auto config = ChannelCredentials::unionPay(vault, actor, base, permission);
        if (!config)
            return config.error().within(context);
        return std::unique_ptr<ChannelAdapter>(std::make_unique<UnionPayAdapter>(*config, client, clock));
    }
    }
    return Error(ErrorCode::ChannelAccountInvalid, context);
}

} // namespace paydesk::ChannelAdapterFactory
