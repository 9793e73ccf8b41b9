#include "core/channel/statement/UnionPayZmReader.h"

#include "core/channel/statement/LineReader.h"
#include "core/channel/statement/ShanghaiTime.h"
#include "core/channel/statement/StatementBytes.h"

#include <QIODevice>
#include <QRegularExpression>

#include <cstdlib>

namespace paydesk {

namespace {
using L = UnionPayZmLayout;

QString name(L::Field field)
{
    return QString::fromUtf8(L::name(field));
}

// "C000000000012" / "D000000000012" / "0000000000012"; blanks when `blankIsZero`.
bool parseSignedAmount(QByteArrayView text, bool blankIsZero, qint64 *minor)
{
    if (blankIsZero && StatementBytes::trimSpaces(text).isEmpty()) {
        *minor = 0;
        return true;
    }
    qint64 sign = 1;
    if (!text.isEmpty() && (text.front() == 'C' || text.front() == 'D')) {
        sign = text.front() == 'D' ? -1 : 1;
        text = text.sliced(1);
    }
    if (!StatementBytes::isDigits(text))
        return false;
    qint64 value = 0;
    for (char c : text)
        value = value * 10 + (c - '0'); // at most 13 digits: no overflow
    *minor = sign * value;
    return true;
}

int twoDigits(QByteArrayView text, qsizetype at)
{
    return (text[at] - '0') * 10 + (text[at + 1] - '0');
}
} // namespace

UnionPayZmReader::UnionPayZmReader(StatementReadContext &context) : m_context(context), m_text(StatementEncoding::Gbk)
{
    m_line.format = StatementFormat::UnionPayZm;
    m_line.file = context.fileName();
    m_reference = context.options().settlementDate.isValid() ? context.options().settlementDate
                                                             : settlementDateFromName(context.fileName());
}

QDate UnionPayZmReader::settlementDateFromName(const QString &name)
{
    static const QRegularExpression pattern(QStringLiteral("INN(\\d{2})(\\d{2})(\\d{2})"));
    const QRegularExpressionMatch match = pattern.match(name);
    if (!match.hasMatch())
        return {};
    return QDate(2000 + match.captured(1).toInt(), match.captured(2).toInt(), match.captured(3).toInt());
}

QDate UnionPayZmReader::dateNear(int month, int day, const QDate &reference)
{
    QDate best;
    for (int year = reference.year() - 1; year <= reference.year() + 1; ++year) {
        const QDate candidate(year, month, day);
        if (candidate.isValid() &&
            (!best.isValid() || std::llabs(candidate.daysTo(reference)) < std::llabs(best.daysTo(reference))))
            best = candidate;
    }
    return best;
}

QByteArrayView UnionPayZmReader::field(L::Field field) const
{
    const qsizetype at = L::offset(field);
    if (at >= m_current.size())
        return {};
    return m_current.sliced(at, qMin<qsizetype>(L::length(field), m_current.size() - at));
}

Status UnionPayZmReader::read(QIODevice &device)
{
    if (!m_text.isAvailable())
        return m_context.fileError(ErrorCode::StatementEncoding, QStringLiteral("this Qt cannot decode GBK"));
    m_context.beginFile(StatementFormat::UnionPayZm);
    LineReader reader(device);
    QByteArrayView text;
    while (reader.next(&text)) {
        if (text.isEmpty())
            continue;
        if (auto line = readLine(text, reader.lineNumber()); !line) {
            if (!reader.lastLineTerminated() && line.error().code() == ErrorCode::StatementMalformed)
                return m_context.lineError(reader.lineNumber(), line.error().detail(), ErrorCode::StatementTruncated);
            return line;
        }
    }
    if (reader.failed())
        return m_context.fileError(ErrorCode::FileUnreadable, reader.errorString());
    return {};
}

Status UnionPayZmReader::readLine(QByteArrayView text, qint64 lineNumber)
{
    const auto fail = [&](const QString &reason) { return m_context.lineError(lineNumber, reason); };
    if (text.size() < L::minimumLineLength() || text.size() > L::lineLength())
        return fail(QStringLiteral("%1 bytes; ZM lines have %2").arg(text.size()).arg(L::lineLength()));
    for (int i = 1; i < L::FieldCount; ++i) {
        const int separator = L::offset(L::Field(i)) - 1;
        if (separator < text.size() && text[separator] != L::kSeparator)
            return fail(QStringLiteral("no separator before %1 (byte %2)").arg(name(L::Field(i))).arg(separator + 1));
    }
    if (!m_text.isValid(text))
        return fail(QStringLiteral("not valid GBK"));
    m_current = text;

    const QByteArrayView code = field(L::TransactionCode);
    const auto type = L::typeOfCode(code);
    if (!type)
        return fail(QStringLiteral("unknown 交易代码 '%1'").arg(QString::fromLatin1(code)));
    const bool refund = *type == StatementLineType::Refund;

    const QByteArrayView amountText = field(L::Amount);
    if (!StatementBytes::isDigits(amountText) || amountText.size() != L::length(L::Amount))
        return fail(QStringLiteral("交易金额 '%1' is not %2 digits of fen")
                        .arg(m_text.decode(amountText))
                        .arg(L::length(L::Amount)));
    qint64 amount = 0;
    for (char c : amountText)
        amount = amount * 10 + (c - '0');

    qint64 fee = 0;
    for (int i = 0; i < L::FieldCount; ++i) {
        const auto f = L::Field(i);
        if (!L::isSignedAmount(f))
            continue;
        qint64 value = 0;
        if (!parseSignedAmount(field(f), f != L::MerchantFee, &value))
            return fail(
                QStringLiteral("%1 '%2' is not C/D and 12 digits of fen").arg(name(f), m_text.decode(field(f))));
        if (f == L::MerchantFee)
            fee = value < 0 ? -value : value;
    }
    const QByteArrayView installmentFee = field(L::InstallmentFee);
    if (!StatementBytes::trimSpaces(installmentFee).isEmpty() && !StatementBytes::isDigits(installmentFee))
        return fail(QStringLiteral("分期付款附加手续费 '%1' is not digits").arg(m_text.decode(installmentFee)));

    const QByteArrayView time = field(L::TransmissionTime);
    if (!StatementBytes::isDigits(time) || time.size() != 10)
        return fail(QStringLiteral("交易传输时间 '%1' is not MMDDhhmmss").arg(m_text.decode(time)));
    if (!m_reference.isValid())
        return fail(QStringLiteral("交易传输时间 has no year: name the file INN<yyMMdd>… or give the settlement date"));
    const QDate date = dateNear(twoDigits(time, 0), twoDigits(time, 2), m_reference);
    m_line.tradeTime = date.isValid() ? ShanghaiTime::toUtc(date.year(), date.month(), date.day(), twoDigits(time, 4),
                                                            twoDigits(time, 6), twoDigits(time, 8))
                                      : QDateTime();
    if (!m_line.tradeTime.isValid())
        return fail(QStringLiteral("交易传输时间 '%1' is not a valid MMDDhhmmss").arg(QString::fromLatin1(time)));

    const Currency cny = Currency::cny();
    m_line.lineNumber = lineNumber;
    m_line.type = *type;
    m_line.amount = Money::fromMinor(amount, cny);
    m_line.fee = Money::fromMinor(fee, cny);
    const QByteArrayView queryId = StatementBytes::trimSpaces(field(L::QueryId));
    const QByteArrayView orderId = StatementBytes::trimSpaces(field(L::OrderId));
    bool decoded = true;
    if (refund) {
        decoded = m_text.assign(m_line.channelTransactionId, StatementBytes::trimSpaces(field(L::OriginalQueryId))) &&
                  m_text.assign(m_line.channelRefundNo, queryId) && m_text.assign(m_line.merchantRefundNo, orderId);
        m_line.merchantOrderNo.resize(0);
    } else {
        decoded = m_text.assign(m_line.channelTransactionId, queryId) && m_text.assign(m_line.merchantOrderNo, orderId);
        m_line.channelRefundNo.resize(0);
        m_line.merchantRefundNo.resize(0);
    }
    if (StatementBytes::trimSpaces(field(L::MerchantId)).isEmpty())
        return fail(QStringLiteral("商户代码 is blank"));
    const QByteArrayView subMerchant = StatementBytes::trimSpaces(field(L::SubMerchantId));
    const QByteArrayView merchant =
        subMerchant.isEmpty() ? StatementBytes::trimSpaces(field(L::MerchantId)) : subMerchant;
    if (!StatementBytes::equalsAscii(m_line.merchantId, merchant))
        decoded = decoded && m_text.assign(m_line.merchantId, merchant);
    if (!StatementBytes::equalsAscii(m_line.tradeType, code)) {
        StatementBytes::assignAscii(m_line.tradeType, code);
        m_line.channelStatus = m_line.tradeType; // 交易代码: every line of the file is a settled one
    }
    if (!decoded)
        return fail(QStringLiteral("an id cannot be decoded"));
    return m_context.deliver(m_line);
}

} // namespace paydesk
