#include "core/reconciliation/RecordCodec.h"

#include "core/reconciliation/IdHash.h"

#include <QStringEncoder>

#include <cstddef>
#include <cstring>

namespace paydesk::RecordCodec {

namespace {
static_assert(std::is_trivially_copyable_v<Header>);
static_assert(sizeof(Header) == 56, "Header has padding: its bytes would be written out undefined");
constexpr qsizetype kHeaderBytes = qsizetype(sizeof(Header));

qint64 timeOf(const QDateTime &time)
{
    return time.isValid() ? time.toMSecsSinceEpoch() : kNoTime;
}

QDateTime timeFrom(qint64 msecs)
{
    return msecs == kNoTime ? QDateTime() : QDateTime::fromMSecsSinceEpoch(msecs, Qt::UTC);
}

// Writes the header's room, then the ids as UTF-8 straight into `out` (Qt's encoder: a fast path
// for the ASCII that ids are in practice), then the header with the ids' lengths.
bool append(QByteArray &out, Header header, std::initializer_list<QStringView> ids)
{
    thread_local QStringEncoder toUtf8(QStringEncoder::Utf8, QStringEncoder::Flag::Stateless);
    const qsizetype at = out.size();
    qsizetype room = kHeaderBytes;
    for (const QStringView id : ids)
        room += toUtf8.requiredSpace(id.size());
    out.resize(at + room);
    char *const record = out.data() + at;
    char *const idsStart = record + kHeaderBytes;
    char *to = idsStart;
    int which = 0;
    for (const QStringView id : ids) {
        char *const idStart = to;
        to = toUtf8.appendToBuffer(to, id);
        if (to - idStart > kMaxIdBytes) {
            out.resize(at);
            return false;
        }
        header.idLengths[which++] = quint16(to - idStart);
    }
    header.size = quint32(to - record);
    // The group a record is matched within (View::groupId): a refund's payment transaction, since
    // not every channel's refund line names our order (UnionPay's names the original query id).
    const bool refund = RecordType(header.type) == RecordType::Refund;
    const QByteArrayView group = refund ? QByteArrayView(idsStart + header.idLengths[0], header.idLengths[1])
                                        : QByteArrayView(idsStart, header.idLengths[0]);
    const size_t orderHash = IdHash::of(group);
    header.orderHash = quint32(orderHash ^ (quint64(orderHash) >> 32));
    std::memcpy(record, &header, sizeof(Header));
    out.resize(at + header.size);
    return true;
}

QString text(QByteArrayView bytes)
{
    return QString::fromUtf8(bytes);
}
} // namespace

QByteArrayView View::id(int which) const
{
    qsizetype offset = 0;
    for (int i = 0; i < which; ++i)
        offset += header.idLengths[i];
    return QByteArrayView(ids + offset, header.idLengths[which]);
}

bool appendChannel(QByteArray &out, const ChannelRecord &record, quint32 fileIndex)
{
    Header header;
    header.side = Side::Channel;
    header.type = quint8(record.type);
    header.status = quint8(record.status);
    header.carried = record.carried;
    header.amount = record.amount.minor();
    header.fee = record.fee.minor();
    header.timeMs = timeOf(record.tradeTime);
    header.reference = record.lineNumber;
    header.fileIndex = fileIndex;
    return append(out, header, {record.orderNo, record.channelTransactionId, record.refundNo, record.channelRefundNo});
}

bool appendPlatform(QByteArray &out, const PlatformRecord &record)
{
    Header header;
    header.side = Side::Platform;
    header.type = quint8(record.type);
    header.status = quint8(record.status);
    header.carried = record.carried;
    header.amount = record.amount.minor();
    header.fee = record.channelFee.minor();
    header.timeMs = timeOf(record.time);
    header.reference = record.rowId;
    return append(out, header, {record.orderNo, record.channelTransactionId, record.refundNo, record.channelRefundNo});
}

bool peek(QByteArrayView bytes, quint32 *size, quint32 *orderHash)
{
    if (bytes.size() < kHeaderBytes)
        return false;
    std::memcpy(size, bytes.data() + offsetof(Header, size), sizeof(*size));
    std::memcpy(orderHash, bytes.data() + offsetof(Header, orderHash), sizeof(*orderHash));
    return *size >= kHeaderBytes && *size <= quint64(bytes.size());
}

bool decode(const char *record, View *view)
{
    std::memcpy(&view->header, record, sizeof(Header));
    view->ids = record + kHeaderBytes;
    qsizetype idBytes = 0;
    for (const quint16 length : view->header.idLengths)
        idBytes += length;
    return kHeaderBytes + idBytes == qsizetype(view->header.size);
}

ChannelRecord toChannelRecord(const View &view, const QStringList &files, Currency currency)
{
    const Header &header = view.header;
    ChannelRecord record;
    record.type = view.type();
    record.channelTransactionId = text(view.channelTransactionId());
    record.orderNo = text(view.orderNo());
    record.channelRefundNo = text(view.channelRefundNo());
    record.refundNo = text(view.refundNo());
    record.amount = Money::fromMinor(header.amount, currency);
    record.fee = Money::fromMinor(header.fee, currency);
    record.status = StatementLineStatus(header.status);
    record.tradeTime = timeFrom(header.timeMs);
    record.file = files.value(qsizetype(header.fileIndex));
    record.lineNumber = header.reference;
    record.carried = header.carried != 0;
    return record;
}

PlatformRecord toPlatformRecord(const View &view, Currency currency)
{
    const Header &header = view.header;
    PlatformRecord record;
    record.type = view.type();
    record.rowId = header.reference;
    record.orderNo = text(view.orderNo());
    record.refundNo = text(view.refundNo());
    record.channelTransactionId = text(view.channelTransactionId());
    record.channelRefundNo = text(view.channelRefundNo());
    record.amount = Money::fromMinor(header.amount, currency);
    record.channelFee = Money::fromMinor(header.fee, currency);
    record.status = PlatformStatus(header.status);
    record.time = timeFrom(header.timeMs);
    record.carried = header.carried != 0;
    return record;
}

} // namespace paydesk::RecordCodec
