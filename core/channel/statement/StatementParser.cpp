#include "core/channel/statement/StatementParser.h"

#include "core/channel/statement/AlipayDetailReader.h"
#include "core/channel/statement/AlipaySummaryReader.h"
#include "core/channel/statement/StatementDetector.h"
#include "core/channel/statement/UnionPayFileContent.h"
#include "core/channel/statement/UnionPayZmReader.h"
#include "core/channel/statement/WeChatBillReader.h"
#include "core/channel/statement/ZipArchiveReader.h"

#include <QBuffer>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryFile>

#include <memory>

namespace paydesk {

namespace {
using Kind = StatementDetector::Kind;

// What a parse reports as its format: the Alipay detail when one was read (the summary file
// only vouches for it), else the format of the files read.
StatementFormat formatOf(const StatementSummary &summary)
{
    StatementFormat format = StatementFormat::Unknown;
    for (const StatementFileInfo &file : summary.files) {
        if (file.format == StatementFormat::AlipayDetail)
            return file.format;
        if (format == StatementFormat::Unknown || format == StatementFormat::AlipaySummary)
            format = file.format;
    }
    return format;
}
} // namespace

Result<StatementSummary> StatementParser::parseFile(const QString &path, const StatementLineHandler &onLine,
                                                    const StatementParseOptions &options)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error(ErrorCode::FileUnreadable, file.errorString()).within(path);
    return parse(file, QFileInfo(path).fileName(), onLine, options);
}

Result<StatementSummary> StatementParser::parse(QIODevice &device, const QString &name,
                                                const StatementLineHandler &onLine,
                                                const StatementParseOptions &options)
{
    StatementSummary summary;
    if (device.isSequential() && device.bytesAvailable() == 0)
        device.waitForReadyRead(-1); // a pipe whose writer has not written yet
    const QByteArray head = device.peek(StatementDetector::kHeadSize);
    const StatementDetector::Detection detection = StatementDetector::detect(head);
    StatementReadContext context(name, onLine, summary, options);
    Status status;
    switch (detection.kind) {
    case Kind::WeChatBill:
        status = WeChatBillReader(context).read(device);
        break;
    case Kind::AlipayDetail:
        status = AlipayDetailReader(context, detection.encoding).read(device);
        break;
    case Kind::AlipaySummary:
        status = AlipaySummaryReader(context, detection.encoding).read(device);
        break;
    case Kind::UnionPayZm:
        status = UnionPayZmReader(context).read(device);
        break;
    case Kind::UnionPayFileContent:
        return parseFileContent(device, name, onLine, options);
    case Kind::Zip: {
        // libzip needs random access; a pipe is spooled to a temporary file first.
        QTemporaryFile spool;
        QIODevice *archive = &device;
        if (device.isSequential()) {
            if (!spool.open())
                return Error(ErrorCode::FileUnwritable, spool.errorString()).within(name);
            for (;;) {
                const QByteArray chunk = device.read(1 << 20);
                if (chunk.isEmpty()) {
                    if (device.atEnd() || !device.waitForReadyRead(-1))
                        break;
                    continue;
                }
                if (spool.write(chunk) != chunk.size())
                    return Error(ErrorCode::FileUnwritable, spool.errorString()).within(name);
                if (spool.size() > options.maxUnpackedBytes)
                    return Error(ErrorCode::StatementTooLarge,
                                 QStringLiteral("the zip is larger than %1 bytes").arg(options.maxUnpackedBytes))
                        .within(name);
            }
            archive = &spool;
        }
        auto zip = ZipArchiveReader::open(*archive);
        if (!zip)
            return zip.error().within(name);
        status = parseZip(**zip, name, onLine, options, summary);
        break;
    }
    case Kind::Unknown:
        return Error(ErrorCode::StatementFormatUnknown, QStringLiteral("not a WeChat, Alipay or UnionPay statement"))
            .within(name);
    }
    if (!status)
        return status.error();
    summary.format = formatOf(summary);
    return summary;
}

Result<StatementSummary> StatementParser::parseUnionPayFileContent(QByteArrayView fileContent, const QString &name,
                                                                   const StatementLineHandler &onLine,
                                                                   const StatementParseOptions &options)
{
    QByteArray bytes = fileContent.toByteArray();
    QBuffer device(&bytes);
    device.open(QIODevice::ReadOnly);
    return parseFileContent(device, name, onLine, options);
}

Result<StatementSummary> StatementParser::parseFileContent(QIODevice &device, const QString &name,
                                                           const StatementLineHandler &onLine,
                                                           const StatementParseOptions &options)
{
    // The zip goes to a temporary file (private to this user, removed at the end), never into
    // memory, and only once its size is known to be within the limit.
    QTemporaryFile zipFile;
    if (!zipFile.open())
        return Error(ErrorCode::FileUnwritable, zipFile.errorString()).within(name);
    if (auto unpacked = UnionPayFileContent::unpack(device, zipFile, options.maxUnpackedBytes); !unpacked)
        return unpacked.error().within(name);
    if (!zipFile.flush())
        return Error(ErrorCode::FileUnwritable, zipFile.errorString()).within(name);
    auto zip = ZipArchiveReader::open(zipFile);
    if (!zip)
        return zip.error().within(name);
    StatementSummary summary;
    if (auto status = parseZip(**zip, name, onLine, options, summary); !status)
        return status.error();
    summary.format = formatOf(summary);
    return summary;
}

Status StatementParser::parseZip(ZipArchiveReader &zip, const QString &name, const StatementLineHandler &onLine,
                                 const StatementParseOptions &options, StatementSummary &summary)
{
    // The Alipay detail and summary are kept to check one against the other at the end.
    std::unique_ptr<StatementReadContext> detailContext;
    std::unique_ptr<AlipayDetailReader> detail;
    std::unique_ptr<StatementReadContext> summaryContext;
    std::unique_ptr<AlipaySummaryReader> alipaySummary;
    bool recognised = false;
    // Every member counts against one limit: what the zip declares first, then what its members
    // really unpack to (a declared size can lie).
    ZipArchiveReader::UnpackBudget budget{options.maxUnpackedBytes};
    const auto tooLarge = [&]() {
        return Error(ErrorCode::StatementTooLarge,
                     QStringLiteral(
                         "the zip's files unpack to more than %1 bytes (%2 MiB), the limit for a day's statement")
                         .arg(budget.limit)
                         .arg(budget.limit >> 20))
            .within(name);
    };
    qint64 declared = 0;
    for (qint64 index = 0; index < zip.memberCount(); ++index) {
        declared += qMax<qint64>(0, zip.size(index));
        if (declared > budget.limit)
            return tooLarge();
    }
    for (qint64 index = 0; index < zip.memberCount(); ++index) {
        if (zip.isDirectory(index))
            continue;
        const QString memberName = zip.name(index);
        auto member = zip.openMember(index, &budget);
        if (!member)
            return member.error().within(name);
        QIODevice &device = **member;
        StatementDetector::Detection detection = StatementDetector::detect(device.peek(StatementDetector::kHeadSize));
        // An empty day's ZM file is empty: then only its name can say what it is.
        if (detection.kind == Kind::Unknown && zip.size(index) == 0 && memberName.contains(QLatin1String("ZM_")))
            detection.kind = Kind::UnionPayZm;

        auto context = std::make_unique<StatementReadContext>(memberName, onLine, summary, options);
        Status status;
        switch (detection.kind) {
        case Kind::WeChatBill:
            status = WeChatBillReader(*context).read(device);
            break;
        case Kind::UnionPayZm:
            status = UnionPayZmReader(*context).read(device);
            break;
        case Kind::AlipayDetail:
            if (detail)
                return Error(ErrorCode::StatementMalformed, QStringLiteral("a second detail file"))
                    .within(memberName)
                    .within(name);
            detail = std::make_unique<AlipayDetailReader>(*context, detection.encoding);
            status = detail->read(device);
            detailContext = std::move(context);
            break;
        case Kind::AlipaySummary:
            if (alipaySummary)
                return Error(ErrorCode::StatementMalformed, QStringLiteral("a second summary file"))
                    .within(memberName)
                    .within(name);
            alipaySummary = std::make_unique<AlipaySummaryReader>(*context, detection.encoding);
            status = alipaySummary->read(device);
            summaryContext = std::move(context);
            break;
        case Kind::Zip:
        case Kind::UnionPayFileContent:
        case Kind::Unknown:
            continue; // not a statement (a readme, a ZME_ error file, …)
        }
        if (!status)
            return budget.exceeded() ? tooLarge() : status.error().within(name);
        recognised = true;
    }
    if (!recognised)
        return Error(ErrorCode::StatementFormatUnknown, QStringLiteral("the zip holds no statement")).within(name);
    if (detail && alipaySummary) {
        if (auto checked = alipaySummary->checkAgainst(*detail); !checked)
            return checked.error().within(name);
    }
    return {};
}

} // namespace paydesk
