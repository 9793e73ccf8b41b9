#pragma once

#include "core/channel/ChannelTypes.h"
#include "core/channel/statement/StatementLine.h"

#include <QDate>
#include <QList>
#include <QStringList>

namespace paydesk {

// Faults planted in one channel merchant's statement (对账单) of one day: what the sandbox's admin
// API switches on for a merchant and date, and what the demo plants into the bills it imports.
// Each shows up as one discrepancy when the platform reconciles the bill (the category in brackets).
enum class BillFault
{
    MissingLine,       // a payment the channel handled is left out (platform_only)
    ExtraLine,         // a success for an order nobody placed (channel_only with no order of ours)
    WrongAmount,       // a payment listed `value` fen (default 1) off (amount_mismatch)
    WrongFee,          // a payment's fee `value` fen (default 1) off (fee_mismatch)
    RefundedAtChannel, // a refund line of `value` fen (default: all) for a payment the day lists
                       // unrefunded: the channel refunded what the platform holds as paid
    DuplicateLine      // a payment listed twice (duplicate_in_statement)
};

// "bill-missing-line", "bill-extra-line", "bill-wrong-amount", "bill-wrong-fee",
// "bill-refunded-at-channel", "bill-duplicate-line".
QString billFaultName(BillFault fault);
bool billFaultFromName(const QString &name, BillFault *fault);
QList<BillFault> allBillFaults();

struct PlantedBillFault
{
    BillFault fault = BillFault::MissingLine;
    // The payment it changes; empty: the first of the day no earlier fault took (one that has no
    // refund on the day, when there is such). ExtraLine: the made-up order's number (empty: GHOST…).
    QString orderNo;
    qint64 value = 0; // fen, as the fault says; 0: its default
};

namespace BillFaults {

// What the lines a fault makes up carry.
struct Context
{
    ChannelKind channel = ChannelKind::WeChatPay;
    QDate date;               // the bill's day (Asia/Shanghai)
    QString merchantId;       // as the bill names it
    QString appId;            // WeChat Pay
    qint64 feeRatePpm = 6000; // an extra line's fee
};

// Plants the faults, in turn, into a day's lines (in time order). Made-up numbers depend only on
// the day and the fault's position, so the same faults give the same bill again. Returns, per
// fault, the order number it changed or made up; empty when no line fitted (the day has no
// payment left, the named order is not on it, an amount or fee would fall below zero).
QStringList plant(QList<StatementLine> &lines, const QList<PlantedBillFault> &faults, const Context &context);

} // namespace BillFaults
} // namespace paydesk
