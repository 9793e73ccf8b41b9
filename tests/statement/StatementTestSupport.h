#pragma once

#include "core/channel/statement/StatementParser.h"

#include <QBuffer>
#include <QFile>
#include <QStringDecoder>
#include <QStringEncoder>
#include <QTest>

// Shared by the statement tests: parse bytes or files while collecting the lines, build
// fixtures in GBK, compare lines field by field.
namespace paydesk::statementtest {

struct Parsed
{
    Result<StatementSummary> summary = Error();
    QList<StatementLine> lines;
    ErrorCode code() const { return summary ? ErrorCode::None : summary.error().code(); }
    QString message() const { return summary ? QString() : summary.error().message(); }
    QString context() const { return summary ? QString() : summary.error().context(); }
};

inline Parsed parseBytes(const QByteArray &bytes, const QString &name, const StatementParseOptions &options = {})
{
    Parsed parsed;
    QByteArray data = bytes;
    QBuffer buffer(&data);
    buffer.open(QIODevice::ReadOnly);
    parsed.summary = StatementParser::parse(
        buffer, name,
        [&parsed](const StatementLine &line) {
            parsed.lines.append(line);
            return true;
        },
        options);
    return parsed;
}

inline Parsed parseFile(const QString &path, const StatementParseOptions &options = {})
{
    Parsed parsed;
    parsed.summary = StatementParser::parseFile(
        path,
        [&parsed](const StatementLine &line) {
            parsed.lines.append(line);
            return true;
        },
        options);
    return parsed;
}

inline QString vectorsDir()
{
    return QStringLiteral(PAYDESK_VECTORS_DIR);
}

inline QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

inline QByteArray gbk(const QString &text)
{
    QStringEncoder encoder("GBK");
    return encoder.encode(text);
}

inline QByteArray utf8(const char *text)
{
    return QByteArray(text);
}

// A time printed in China Standard Time, as UTC.
inline QDateTime china(int year, int month, int day, int hour, int minute, int second)
{
    return QDateTime(QDate(year, month, day), QTime(hour, minute, second), Qt::UTC).addSecs(-8 * 3600);
}

inline Money fen(qint64 minor)
{
    return Money::fromMinor(minor, Currency::cny());
}

// Every field a parser fills, except where the line came from.
inline QString differences(const StatementLine &a, const StatementLine &b)
{
    QStringList out;
    const auto check = [&out](bool same, const char *what, const QString &left, const QString &right) {
        if (!same)
            out << QStringLiteral("%1: '%2' vs '%3'").arg(QString::fromLatin1(what), left, right);
    };
    check(a.type == b.type, "type", statementLineTypeName(a.type), statementLineTypeName(b.type));
    check(a.channelTransactionId == b.channelTransactionId, "channelTransactionId", a.channelTransactionId,
          b.channelTransactionId);
    check(a.merchantOrderNo == b.merchantOrderNo, "merchantOrderNo", a.merchantOrderNo, b.merchantOrderNo);
    check(a.channelRefundNo == b.channelRefundNo, "channelRefundNo", a.channelRefundNo, b.channelRefundNo);
    check(a.merchantRefundNo == b.merchantRefundNo, "merchantRefundNo", a.merchantRefundNo, b.merchantRefundNo);
    check(a.amount == b.amount, "amount", a.amount.toString(), b.amount.toString());
    check(a.fee == b.fee, "fee", a.fee.toString(), b.fee.toString());
    check(a.status == b.status, "status", statementLineStatusName(a.status), statementLineStatusName(b.status));
    check(a.channelStatus == b.channelStatus, "channelStatus", a.channelStatus, b.channelStatus);
    check(a.merchantId == b.merchantId, "merchantId", a.merchantId, b.merchantId);
    check(a.appId == b.appId, "appId", a.appId, b.appId);
    check(a.tradeType == b.tradeType, "tradeType", a.tradeType, b.tradeType);
    check(a.tradeTime == b.tradeTime, "tradeTime", a.tradeTime.toString(Qt::ISODate),
          b.tradeTime.toString(Qt::ISODate));
    check(a.completeTime == b.completeTime, "completeTime", a.completeTime.toString(Qt::ISODate),
          b.completeTime.toString(Qt::ISODate));
    return out.join(QStringLiteral("; "));
}

} // namespace paydesk::statementtest
