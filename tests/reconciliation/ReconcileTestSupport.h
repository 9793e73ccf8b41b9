#pragma once

#include "core/reconciliation/ReconciliationMatcher.h"

#include <QAnyStringView>
#include <QStringList>
#include <QTimeZone>

// Shared by the matcher's tests: records built from a few fields, a whole match run into a list
// of discrepancies, and a discrepancy as one line of text to compare runs by.
namespace paydesk::reconciletest {

inline QDate businessDay()
{
    return QDate(2026, 11, 2);
}

inline QDateTime shanghai(QDate date, QTime time)
{
    return QDateTime(date, time, QTimeZone("Asia/Shanghai")).toUTC();
}

inline Money cny(qint64 minor)
{
    return Money::fromMinor(minor, Currency::cny());
}

inline ChannelRecord paymentLine(QAnyStringView orderNo, QAnyStringView transactionId, qint64 amount, qint64 fee = 0)
{
    ChannelRecord record;
    record.type = RecordType::Payment;
    record.orderNo = orderNo.toString();
    record.channelTransactionId = transactionId.toString();
    record.amount = cny(amount);
    record.fee = cny(fee);
    record.tradeTime = shanghai(businessDay(), QTime(12, 0));
    record.file = QStringLiteral("bill.csv");
    return record;
}

inline ChannelRecord refundLine(QAnyStringView orderNo, QAnyStringView refundNo, QAnyStringView channelRefundNo,
                                qint64 amount, qint64 fee = 0)
{
    ChannelRecord record = paymentLine(orderNo, QStringLiteral("T-") + orderNo.toString(), amount, fee);
    record.type = RecordType::Refund;
    record.refundNo = refundNo.toString();
    record.channelRefundNo = channelRefundNo.toString();
    return record;
}

inline PlatformRecord paidRecord(qint64 rowId, QAnyStringView orderNo, QAnyStringView transactionId, qint64 amount,
                                 qint64 fee = 0)
{
    PlatformRecord record;
    record.type = RecordType::Payment;
    record.rowId = rowId;
    record.orderNo = orderNo.toString();
    record.channelTransactionId = transactionId.toString();
    record.amount = cny(amount);
    record.channelFee = cny(fee);
    record.status = PlatformStatus::Succeeded;
    record.time = shanghai(businessDay(), QTime(12, 0));
    return record;
}

inline PlatformRecord refundRecord(qint64 rowId, QAnyStringView orderNo, QAnyStringView refundNo,
                                   QAnyStringView channelRefundNo, qint64 amount, qint64 fee = 0)
{
    PlatformRecord record = paidRecord(rowId, orderNo, QStringLiteral("T-") + orderNo.toString(), amount, fee);
    record.type = RecordType::Refund;
    record.refundNo = refundNo.toString();
    record.channelRefundNo = channelRefundNo.toString();
    return record;
}

inline ReconciliationOptions dayOptions(QDate day = businessDay())
{
    ReconciliationOptions options;
    options.businessDate = day;
    options.timeZone = QTimeZone("Asia/Shanghai");
    return options;
}

struct Run
{
    Result<ReconciliationSummary> summary = Error();
    QList<Discrepancy> discrepancies;

    QList<Discrepancy> of(DiscrepancyCategory category) const
    {
        QList<Discrepancy> found;
        for (const Discrepancy &discrepancy : discrepancies) {
            if (discrepancy.category == category)
                found << discrepancy;
        }
        return found;
    }
    qint64 count(DiscrepancyCategory category, RecordType type = RecordType::Payment) const
    {
        return summary ? summary->of(category, type).count : -1;
    }
};

// Feeds every line, then every record (lines without a line number get their place in the list).
inline Run reconcile(const QList<ChannelRecord> &lines, const QList<PlatformRecord> &records,
                     const ReconciliationOptions &options = dayOptions())
{
    Run run;
    ReconciliationMatcher matcher(options);
    for (qsizetype i = 0; i < lines.size(); ++i) {
        ChannelRecord line = lines[i];
        line.lineNumber = line.lineNumber ? line.lineNumber : i + 2;
        if (auto added = matcher.addChannel(line); !added) {
            run.summary = added.error();
            return run;
        }
    }
    for (const PlatformRecord &record : records) {
        if (auto added = matcher.addPlatform(record); !added) {
            run.summary = added.error();
            return run;
        }
    }
    run.summary = matcher.finish([&run](const Discrepancy &discrepancy) {
        run.discrepancies << discrepancy;
        return true;
    });
    return run;
}

inline QString describe(const ChannelRecord &line)
{
    return QStringList{ReconciliationNames::recordType(line.type),
                       line.orderNo,
                       line.channelTransactionId,
                       line.refundNo,
                       line.channelRefundNo,
                       line.amount.toString(),
                       line.fee.toString(),
                       statementLineStatusName(line.status),
                       line.tradeTime.toString(Qt::ISODateWithMs),
                       line.file,
                       QString::number(line.lineNumber),
                       QString::number(line.carried)}
        .join(QLatin1Char('|'));
}

inline QString describe(const PlatformRecord &record)
{
    return QStringList{ReconciliationNames::recordType(record.type),
                       QString::number(record.rowId),
                       record.orderNo,
                       record.channelTransactionId,
                       record.refundNo,
                       record.channelRefundNo,
                       record.amount.toString(),
                       record.channelFee.toString(),
                       ReconciliationNames::platformStatus(record.status),
                       record.time.toString(Qt::ISODateWithMs),
                       QString::number(record.carried)}
        .join(QLatin1Char('|'));
}

// Everything a discrepancy says, as one line: equal lines, equal discrepancies.
inline QString describe(const Discrepancy &discrepancy)
{
    QString text = ReconciliationNames::category(discrepancy.category) + QLatin1Char(' ') +
                   ReconciliationNames::recordType(discrepancy.type);
    text += QStringLiteral(" channel=") + (discrepancy.channel ? describe(*discrepancy.channel) : QStringLiteral("-"));
    text += QStringLiteral(" ours=") + (discrepancy.platform ? describe(*discrepancy.platform) : QStringLiteral("-"));
    if (discrepancy.firstListedAt) {
        text += QStringLiteral(" first=%1:%2")
                    .arg(discrepancy.firstListedAt->file)
                    .arg(discrepancy.firstListedAt->lineNumber);
    }
    return text;
}

} // namespace paydesk::reconciletest
