#pragma once

#include "core/reconciliation/ChannelRecord.h"
#include "core/reconciliation/PlatformRecord.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QStringList>

#include <limits>

namespace paydesk::RecordCodec {

// The matcher's compact form of a record, in memory and in its temporary files (read back by the
// same process, so in the machine's byte order): the header as it is in memory, then the ids as
// UTF-8 back to back. About a hundred bytes for a payment, against several hundred as QStrings.
enum class Side : quint8
{
    Channel,
    Platform
};

// A record's fields other than its ids. Widest first, so that it has no padding to write out.
struct Header
{
    qint64 amount = 0;
    qint64 fee = 0;
    qint64 timeMs = 0;     // kNoTime when the record has none
    qint64 reference = 0;  // the line number (channel) or our row id (platform)
    quint32 size = 0;      // the whole record, header included
    quint32 orderHash = 0; // IdHash::of(View::groupId()), folded: partitions, buckets and keys start from it
    quint32 fileIndex = 0; // channel: into the matcher's list of statement files
    // orderNo, channelTransactionId, refundNo, channelRefundNo
    quint16 idLengths[4] = {0, 0, 0, 0};
    Side side = Side::Channel;
    quint8 type = 0;    // RecordType
    quint8 status = 0;  // StatementLineStatus (channel) or PlatformStatus (platform)
    quint8 carried = 0; // fed in again from the previous day
};

constexpr qint64 kNoTime = std::numeric_limits<qint64>::min();
// Longer ids are refused: nothing a channel or we issue comes near it.
constexpr qsizetype kMaxIdBytes = 0xFFFF;

// A record read in place: the header decoded, the ids viewed where they lie.
struct View
{
    Header header;
    const char *ids = nullptr;

    RecordType type() const { return RecordType(header.type); }
    QByteArrayView orderNo() const { return id(0); }
    QByteArrayView channelTransactionId() const { return id(1); }
    QByteArrayView refundNo() const { return id(2); }
    QByteArrayView channelRefundNo() const { return id(3); }
    // What two records must share to be matched: a payment's order number; a refund's payment
    // transaction id, which every channel's refund line carries (UnionPay's lacks our order number).
    QByteArrayView groupId() const { return type() == RecordType::Refund ? channelTransactionId() : orderNo(); }
    QByteArrayView id(int which) const;
};

// Appends the record; false when an id is longer than kMaxIdBytes (nothing is appended then).
bool appendChannel(QByteArray &out, const ChannelRecord &record, quint32 fileIndex);
bool appendPlatform(QByteArray &out, const PlatformRecord &record);

// Whether a whole record lies at `bytes`' start, by its size; its size and its order number's hash.
// Enough to skip or route a record without decoding it.
bool peek(QByteArrayView bytes, quint32 *size, quint32 *orderHash);
// The whole record at `record`, which peek() found complete; false when it is malformed.
bool decode(const char *record, View *view);

// Back to what the caller gave (for discrepancies only: these allocate).
ChannelRecord toChannelRecord(const View &view, const QStringList &files, Currency currency);
PlatformRecord toPlatformRecord(const View &view, Currency currency);

} // namespace paydesk::RecordCodec
