#include "sandbox/statement/UnionPayZmWriter.h"

#include "core/channel/statement/ShanghaiTime.h"
#include "core/channel/statement/StatementBytes.h"

#include <QIODevice>

#include <cstring>

namespace paydesk {

namespace {
using L = UnionPayZmLayout;
} // namespace

UnionPayZmWriter::UnionPayZmWriter(QIODevice &out) : m_out(out), m_text(StatementEncoding::Gbk)
{
    m_blank = QByteArray(L::lineLength(), L::kSeparator);
    m_row = QByteArray(L::lineLength(), L::kSeparator);
}

QString UnionPayZmWriter::fileName(const QDate &settlementDate, const QString &merchantId)
{
    return QStringLiteral("INN") + settlementDate.toString(QStringLiteral("yyMMdd")) + QStringLiteral("88ZM_") +
           merchantId;
}

void UnionPayZmWriter::putAscii(QByteArray &line, L::Field field, QByteArrayView bytes)
{
    std::memcpy(line.data() + L::offset(field), bytes.data(), size_t(qMin<qsizetype>(bytes.size(), L::length(field))));
}

Status UnionPayZmWriter::put(QByteArray &line, L::Field field, const QString &text)
{
    QByteArray bytes;
    if (!m_text.append(bytes, text) || bytes.contains('\n') || bytes.contains('\r'))
        return Error(ErrorCode::InvalidArgument,
                     QStringLiteral("%1 '%2' cannot be written in GBK").arg(QString::fromUtf8(L::name(field)), text));
    if (bytes.size() > L::length(field))
        return Error(ErrorCode::InvalidArgument, QStringLiteral("%1 '%2' is longer than %3 bytes")
                                                     .arg(QString::fromUtf8(L::name(field)), text)
                                                     .arg(L::length(field)));
    putAscii(line, field, bytes);
    return {};
}

void UnionPayZmWriter::putSignedAmount(QByteArray &line, L::Field field, qint64 minor)
{
    QByteArray text(1, minor < 0 ? 'D' : 'C');
    StatementBytes::appendNumber(text, quint64(minor < 0 ? -minor : minor), L::length(field) - 1);
    putAscii(line, field, text);
}

Status UnionPayZmWriter::write(const StatementLine &line)
{
    const bool refund = line.type == StatementLineType::Refund;
    if (!line.amount.isValid() || line.amount.isNegative() || !line.fee.isValid() || line.fee.isNegative() ||
        line.amount.currency() != Currency::cny() || line.fee.currency() != Currency::cny())
        return Error(ErrorCode::InvalidArgument, QStringLiteral("amounts must be CNY and not negative"));
    if (line.amount.minor() > 999999999999LL || line.fee.minor() > 999999999999LL)
        return Error(ErrorCode::InvalidArgument, QStringLiteral("amounts must fit 12 digits of fen"));
    if (!line.tradeTime.isValid())
        return Error(ErrorCode::InvalidArgument, QStringLiteral("the line has no trade time"));

    QByteArray &row = m_row;
    std::memcpy(row.data(), m_blank.constData(), size_t(m_blank.size()));
    const QByteArrayView code =
        refund ? (line.tradeType == QLatin1String("S31") ? QByteArrayView("S31") : L::refundCode()) : L::paymentCode();
    putAscii(row, L::TransactionCode, code);
    putAscii(row, L::AcquirerCode, "00000000");
    putAscii(row, L::ForwarderCode, "00000000");
    QByteArray number;
    StatementBytes::appendNumber(number, quint64(++m_sequence % 1000000), 6);
    putAscii(row, L::TraceNo, number);
    const ShanghaiTime::Fields t = ShanghaiTime::toLocal(line.tradeTime);
    number.resize(0);
    for (int value : {t.month, t.day, t.hour, t.minute, t.second})
        StatementBytes::appendNumber(number, quint64(value), 2);
    putAscii(row, L::TransmissionTime, number);
    number.resize(0);
    StatementBytes::appendNumber(number, quint64(line.amount.minor()), L::length(L::Amount));
    putAscii(row, L::Amount, number);
    putAscii(row, L::MerchantCategory, "5999");
    putAscii(row, L::TerminalType, "07");
    putAscii(row, L::CardType, "01");
    putAscii(row, L::OriginalTraceNo, "000000");
    putAscii(row, L::OriginalTime, "0000000000");
    const qint64 amount = line.amount.minor();
    const qint64 fee = line.fee.minor();
    putSignedAmount(row, L::MerchantFee, refund ? fee : -fee);
    putSignedAmount(row, L::SettlementAmount, refund ? -amount : amount);
    putSignedAmount(row, L::NetSettlement, refund ? fee - amount : amount - fee);
    putAscii(row, L::TxnType, code == "S22" ? "01" : code == "S31" ? "31" : "04");
    putAscii(row, L::TxnSubType, code == "S22" ? "01" : "00");
    putAscii(row, L::BizType, "000201");
    putAscii(row, L::AccountType, "01");

    Status status;
    if (refund) {
        status = put(row, L::QueryId, line.channelRefundNo);
        if (status)
            status = put(row, L::OrderId, line.merchantRefundNo);
        if (status)
            status = put(row, L::OriginalQueryId, line.channelTransactionId);
    } else {
        status = put(row, L::QueryId, line.channelTransactionId);
        if (status)
            status = put(row, L::OrderId, line.merchantOrderNo);
    }
    if (status)
        status = put(row, L::MerchantId, line.merchantId);
    if (!status)
        return status;
    QByteArray &out = m_out.buffer();
    out += row;
    out += "\r\n";
    return m_out.lineDone();
}

Status UnionPayZmWriter::finish()
{
    return m_out.flush();
}

} // namespace paydesk
