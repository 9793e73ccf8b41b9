#pragma once

#include "core/channel/account/ChannelAccount.h"
#include "core/storage/Sql.h"
#include "tests/support/CoreFixture.h"

#include <QTest>

namespace paydesk::test {

inline Money cny(qint64 fen)
{
    return Money::fromMinor(fen, Currency::cny());
}

// A merchant row as the merchant module would leave it (plain SQL: that module is not ours).
inline qint64 insertMerchant(Database &database, const QString &merchantNo,
                             const QString &status = QStringLiteral("active"),
                             const QString &currency = QStringLiteral("CNY"))
{
    const QSqlDatabase db = database.connection().value();
    auto inserted = Sql::exec(
        db,
        QStringLiteral("INSERT INTO merchant (merchant_no, legal_name, short_name, type, status, currency, "
                       "created_at, created_by, updated_at) VALUES (?, ?, ?, 'enterprise', ?, ?, 0, 'test', 0)"),
        {merchantNo, merchantNo + QStringLiteral(" Ltd"), merchantNo, status, currency});
    if (!inserted) {
        qWarning() << inserted.error().message();
        return 0;
    }
    return Sql::scalar(db, QStringLiteral("SELECT id FROM merchant WHERE merchant_no = ?"), {merchantNo})->toLongLong();
}

// A valid shared account of `channel` with production-looking ids (no credentials).
inline ChannelAccount sampleAccount(ChannelKind channel, const QString &name, const QString &channelMerchantId)
{
    ChannelAccount account;
    account.name = name;
    account.channel = channel;
    account.channelMerchantId = channelMerchantId;
    if (channel == ChannelKind::WeChatPay)
        account.channelAppId = QStringLiteral("wx8888888888888888");
    account.baseUrl = ChannelAccount::defaultBaseUrl(channel);
    account.fileUrl = ChannelAccount::defaultFileUrl(channel);
    account.notifyUrl = QStringLiteral("https://pay.example.com/notify/") + name;
    return account;
}

} // namespace paydesk::test
