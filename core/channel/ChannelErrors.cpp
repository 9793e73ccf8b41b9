#include "core/channel/ChannelErrors.h"

#include <QHash>

namespace paydesk::ChannelErrors {

namespace {
using Table = QHash<QString, ErrorCode>;

const Table &weChatPay()
{
    static const Table table{
        {QStringLiteral("ORDER_NOT_EXIST"), ErrorCode::ChannelNotFound},
        {QStringLiteral("RESOURCE_NOT_EXISTS"), ErrorCode::ChannelNotFound},
        {QStringLiteral("NO_STATEMENT_EXIST"), ErrorCode::ChannelNotFound},
        {QStringLiteral("ORDERPAID"), ErrorCode::ChannelStateConflict},
        {QStringLiteral("ORDER_CLOSED"), ErrorCode::ChannelStateConflict},
        {QStringLiteral("TRADE_STATE_ERROR"), ErrorCode::ChannelStateConflict},
        {QStringLiteral("SIGN_ERROR"), ErrorCode::ChannelAuthRejected},
        {QStringLiteral("APPID_MCHID_NOT_MATCH"), ErrorCode::ChannelAuthRejected},
        {QStringLiteral("MCH_NOT_EXISTS"), ErrorCode::ChannelAuthRejected},
        {QStringLiteral("SYSTEM_ERROR"), ErrorCode::ChannelUnavailable},
        {QStringLiteral("FREQUENCY_LIMITED"), ErrorCode::ChannelUnavailable},
        {QStringLiteral("BANKERROR"), ErrorCode::ChannelUnavailable},
    };
    return table;
}

const Table &alipay()
{
    static const Table table{
        {QStringLiteral("ACQ.TRADE_NOT_EXIST"), ErrorCode::ChannelNotFound},
        {QStringLiteral("isp.bill_not_exist"), ErrorCode::ChannelNotFound},
        {QStringLiteral("ACQ.TRADE_HAS_SUCCESS"), ErrorCode::ChannelStateConflict},
        {QStringLiteral("ACQ.TRADE_HAS_CLOSE"), ErrorCode::ChannelStateConflict},
        {QStringLiteral("ACQ.TRADE_STATUS_ERROR"), ErrorCode::ChannelStateConflict},
        {QStringLiteral("ACQ.CONTEXT_INCONSISTENT"), ErrorCode::ChannelStateConflict},
        {QStringLiteral("isv.invalid-signature"), ErrorCode::ChannelAuthRejected},
        {QStringLiteral("isv.invalid-app-id"), ErrorCode::ChannelAuthRejected},
        {QStringLiteral("isv.invalid-signature-type"), ErrorCode::ChannelAuthRejected},
        {QStringLiteral("ACQ.SYSTEM_ERROR"), ErrorCode::ChannelUnavailable},
        {QStringLiteral("isp.unknow-error"), ErrorCode::ChannelUnavailable},
    };
    return table;
}

const Table &unionPay()
{
    static const Table table{
        {QStringLiteral("34"), ErrorCode::ChannelNotFound},     {QStringLiteral("35"), ErrorCode::ChannelNotFound},
        {QStringLiteral("98"), ErrorCode::ChannelNotFound},     {QStringLiteral("12"), ErrorCode::ChannelStateConflict},
        {QStringLiteral("11"), ErrorCode::ChannelAuthRejected}, {QStringLiteral("31"), ErrorCode::ChannelAuthRejected},
        {QStringLiteral("03"), ErrorCode::ChannelUnavailable},  {QStringLiteral("04"), ErrorCode::ChannelUnavailable},
        {QStringLiteral("06"), ErrorCode::ChannelUnavailable},
    };
    return table;
}
} // namespace

Error fromChannel(ChannelKind channel, const QString &code, const QString &message)
{
    const Table &table = channel == ChannelKind::WeChatPay ? weChatPay()
                         : channel == ChannelKind::Alipay  ? alipay()
                                                           : unionPay();
    return Error(table.value(code, ErrorCode::ChannelRejected), code + QStringLiteral(": ") + message);
}

} // namespace paydesk::ChannelErrors
