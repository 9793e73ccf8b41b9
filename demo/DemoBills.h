#pragma once

#include "core/channel/account/ChannelAccount.h"
#include "core/channel/statement/StatementLine.h"
#include "core/util/Result.h"

#include <QDate>
#include <QList>
#include <QMap>

namespace paydesk {

class Database;

// The statements (对账单) a channel would send the demo platform: a channel account's day as the
// platform's own records have it, written in the channel's file format with the sandbox's bill
// writers. What the demo reconciles; no sandbox needs to run.
namespace DemoBills {

// The account's payments paid and refunds succeeded on each day of [firstDay, lastDay] (platform
// time), as the channel lists them (its merchant and app ids, the fee the platform posted), in
// time order. One read of the account's orders and one of its refunds for all the days.
Result<QMap<QDate, QList<StatementLine>>> linesByDay(Database &database, const ChannelAccount &account,
                                                     const QDate &firstDay, const QDate &lastDay);

// The merchant id the channel's statement names for the account (Alipay: the seller's pid).
QString statementMerchantId(const ChannelAccount &account);

// Writes `lines` to `path` as the account's channel serves its bill: a WeChat Pay ALL trade bill,
// the Alipay bill zip, or UnionPay's fileContent.
Status write(const QString &path, const ChannelAccount &account, const QDate &date, const QList<StatementLine> &lines);

} // namespace DemoBills
} // namespace paydesk
