#include "core/channel/ChannelNames.h"

#include "core/util/NameTable.h"

#include <array>

namespace paydesk::ChannelNames {

namespace {
constexpr NameTable::Table<ChannelKind, 3> kChannels{{
    {ChannelKind::WeChatPay, "wechatpay"},
    {ChannelKind::Alipay, "alipay"},
    {ChannelKind::UnionPay, "unionpay"},
}};

struct MethodInfo
{
    PayMethod method;
    const char *name;
    ChannelKind channel;
};
constexpr std::array<MethodInfo, 4> kMethods{{
    {PayMethod::WeChatNative, "wechat.native", ChannelKind::WeChatPay},
    {PayMethod::WeChatJsapi, "wechat.jsapi", ChannelKind::WeChatPay},
    {PayMethod::AlipayPrecreate, "alipay.precreate", ChannelKind::Alipay},
    {PayMethod::UnionPayFront, "unionpay.front", ChannelKind::UnionPay},
}};
constexpr NameTable::Table<RefundState, 5> kRefundStates{{
    {RefundState::Processing, "processing"},
    {RefundState::Succeeded, "succeeded"},
    {RefundState::Failed, "failed"},
    {RefundState::NotFound, "not_found"},
    {RefundState::Abnormal, "abnormal"},
}};
} // namespace

PAYDESK_NAME_PAIR(channel, channelFromName, ChannelKind, kChannels)

QList<ChannelKind> allChannels()
{
    return NameTable::values(kChannels);
}

QString method(PayMethod method)
{
    for (const MethodInfo &info : kMethods) {
        if (info.method == method)
            return QString::fromLatin1(info.name);
    }
    return {};
}

bool methodFromName(const QString &name, PayMethod *method)
{
    for (const MethodInfo &info : kMethods) {
        if (name == QLatin1String(info.name)) {
            *method = info.method;
            return true;
        }
    }
    return false;
}

QList<PayMethod> allMethods()
{
    QList<PayMethod> list;
    for (const MethodInfo &info : kMethods)
        list << info.method;
    return list;
}

ChannelKind channelOf(PayMethod method)
{
    for (const MethodInfo &info : kMethods) {
        if (info.method == method)
            return info.channel;
    }
    return ChannelKind::WeChatPay;
}

PAYDESK_NAME_PAIR(refundState, refundStateFromName, RefundState, kRefundStates)

} // namespace paydesk::ChannelNames
