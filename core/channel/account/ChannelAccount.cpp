#include "core/channel/account/ChannelAccount.h"

namespace paydesk {

QString ChannelAccount::modeName(ChannelAccountMode mode)
{
    return mode == ChannelAccountMode::Own ? QStringLiteral("own") : QStringLiteral("shared");
}

bool ChannelAccount::modeFromName(const QString &name, ChannelAccountMode *mode)
{
    if (name == QLatin1String("shared")) {
        *mode = ChannelAccountMode::Shared;
        return true;
    }
    if (name == QLatin1String("own")) {
        *mode = ChannelAccountMode::Own;
        return true;
    }
    return false;
}

QString ChannelAccount::defaultBaseUrl(ChannelKind channel)
{
    switch (channel) {
    case ChannelKind::WeChatPay:
        return QStringLiteral("https://api.mch.weixin.qq.com");
    case ChannelKind::Alipay:
        return QStringLiteral("https://openapi.alipay.com/gateway.do");
    case ChannelKind::UnionPay:
        return QStringLiteral("https://gateway.95516.com");
    }
    return {};
}

QString ChannelAccount::defaultFileUrl(ChannelKind channel)
{
    return channel == ChannelKind::UnionPay ? QStringLiteral("https://filedownload.95516.com") : QString();
}

} // namespace paydesk
