#include "tests/statement/StatementTestSupport.h"

#include "core/channel/statement/UnionPayFileContent.h"

#include <QFile>
#include <QTest>

#include <zip.h>
#include <zlib.h>

using namespace paydesk;
using namespace paydesk::statementtest;

// The UnionPay ZM_ reader and the fileContent unpacking. No real ZM sample exists, so the
// fixtures are built here from the field table alone (lengths, one space between fields).
class TestUnionPayZm : public QObject
{
    Q_OBJECT

private:
    static constexpr int kLengths[42] = {3,  11, 11, 6,  10, 19, 12, 4,  2,  21, 2,  32, 2,  6,
                                         10, 13, 13, 4,  15, 2,  2,  6,  2,  4,  32, 1,  21, 15,
                                         1,  15, 32, 13, 13, 8,  32, 13, 13, 12, 2,  1,  32, 98};
    enum
    {
        Code = 0,
        TraceNo = 3,
        Time = 4,
        Amount = 6,
        QueryId = 9,
        OrderId = 11,
        Fee = 15,
        Settlement = 16,
        TxnType = 19,
        OrigQueryId = 26,
        MerId = 27,
        SubMerId = 29,
        SubMerName = 30,
        NetAmount = 32
    };

    // One line: every field left-aligned and space-padded to its length.
    static QByteArray zmLine(const QMap<int, QByteArray> &values)
    {
        QByteArray line;
        for (int i = 0; i < 42; ++i) {
            if (i > 0)
                line += ' ';
            QByteArray value = values.value(i);
            line += value.leftJustified(kLengths[i], ' ', true);
        }
        return line;
    }
    static QByteArray payment()
    {
        return zmLine({{Code, "S22"},
                       {TraceNo, "000001"},
                       {Time, "0916105516"},
                       {Amount, "000000010000"},
                       {QueryId, "201909161055160000001"},
                       {OrderId, "ORDER-1"},
                       {Fee, "D000000000060"},
                       {Settlement, "C000000010000"},
                       {TxnType, "01"},
                       {MerId, "777290058110048"},
                       {NetAmount, "C000000009940"}});
    }
    static QByteArray refund()
    {
        return zmLine({{Code, "S30"},
                       {TraceNo, "000002"},
                       {Time, "0916120000"},
                       {Amount, "000000003000"},
                       {QueryId, "201909161200000000002"},
                       {OrderId, "REFUND-1"},
                       {Fee, "C000000000018"},
                       {TxnType, "04"},
                       {OrigQueryId, "201909161055160000001"},
                       {MerId, "777290058110048"},
                       {SubMerId, "SUB0001"},
                       {SubMerName, gbk(QStringLiteral("二级商户"))}});
    }
    static QByteArray voided()
    {
        return zmLine({{Code, "S31"},
                       {Time, "0916235959"},
                       {Amount, "000000000001"},
                       {QueryId, "201909162359590000003"},
                       {OrderId, "VOID-1"},
                       {Fee, "0000000000000"},
                       {OrigQueryId, "201909160000000000009"},
                       {MerId, "777290058110048"}});
    }
    static QByteArray file(const QList<QByteArray> &lines) { return lines.join("\r\n") + "\r\n"; }
    static QString zmName() { return QStringLiteral("INN19091688ZM_777290058110048"); }

    static QByteArray zipBytes(const QList<std::pair<QByteArray, QByteArray>> &members)
    {
        zip_error_t error;
        zip_error_init(&error);
        zip_source_t *buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
        zip_t *archive = zip_open_from_source(buffer, ZIP_TRUNCATE, &error);
        zip_source_keep(buffer);
        for (const auto &[name, content] : members) {
            zip_source_t *source = zip_source_buffer(archive, content.constData(), zip_uint64_t(content.size()), 0);
            zip_file_add(archive, name.constData(), source, ZIP_FL_ENC_CP437);
        }
        zip_close(archive);
        QByteArray out;
        zip_stat_t stat;
        if (zip_source_stat(buffer, &stat) == 0 && zip_source_open(buffer) == 0) {
            out.resize(qsizetype(stat.size));
            zip_source_read(buffer, out.data(), stat.size);
            zip_source_close(buffer);
        }
        zip_source_free(buffer);
        zip_error_fini(&error);
        return out;
    }
    // A hostile fileContent's zlib stream: the zlib header, then `mebibytes` copies of one
    // full-flushed deflate block of 1 MiB of zeros (each copy stands alone, so the stream stays
    // valid however often it repeats). 2048 copies make the case: some 2.7 MB of Base64
    // that would inflate to 2 GiB. No trailer: the parser must stop long before the end.
    static QByteArray zlibBomb(int mebibytes)
    {
        z_stream stream{};
        if (deflateInit2(&stream, 9, Z_DEFLATED, -15, 9, Z_DEFAULT_STRATEGY) != Z_OK)
            return {};
        QByteArray zeros(1 << 20, '\0');
        QByteArray block(qsizetype(deflateBound(&stream, uLong(zeros.size())) + 64), Qt::Uninitialized);
        stream.next_in = reinterpret_cast<Bytef *>(zeros.data());
        stream.avail_in = uInt(zeros.size());
        stream.next_out = reinterpret_cast<Bytef *>(block.data());
        stream.avail_out = uInt(block.size());
        const int flushed = deflate(&stream, Z_FULL_FLUSH);
        block.resize(qsizetype(stream.total_out));
        deflateEnd(&stream);
        if (flushed != Z_OK)
            return {};
        QByteArray bomb("\x78\xda", 2);
        bomb.reserve(2 + block.size() * mebibytes);
        for (int i = 0; i < mebibytes; ++i)
            bomb += block;
        return bomb;
    }
    // Peak resident memory of this process in bytes since the last reset (VmHWM), or -1.
    static qint64 residentPeak()
    {
        QFile status(QStringLiteral("/proc/self/status"));
        if (!status.open(QIODevice::ReadOnly))
            return -1;
        for (const QByteArray &line : status.readAll().split('\n')) {
            if (line.startsWith("VmHWM:"))
                return line.mid(6).trimmed().split(' ').first().toLongLong() * 1024;
        }
        return -1;
    }
    // Lets VmHWM start again from the current resident size (Linux: "5" to clear_refs).
    static bool resetResidentPeak()
    {
        QFile clear(QStringLiteral("/proc/self/clear_refs"));
        return clear.open(QIODevice::WriteOnly) && clear.write("5") == 1;
    }
    // Base64(zlib(zip)), built with zlib's compress2 directly.
    static QByteArray fileContent(const QByteArray &zip)
    {
        uLongf size = compressBound(uLong(zip.size()));
        QByteArray compressed(qsizetype(size), Qt::Uninitialized);
        compress2(reinterpret_cast<Bytef *>(compressed.data()), &size, reinterpret_cast<const Bytef *>(zip.constData()),
                  uLong(zip.size()), 9);
        compressed.resize(qsizetype(size));
        return compressed.toBase64();
    }

private slots:
    void fixtureHasTheTableLength() { QCOMPARE(payment().size(), 607); }

    void parsesLines()
    {
        const Parsed parsed = parseBytes(file({payment(), refund(), voided()}), zmName());
        QVERIFY2(parsed.summary, qPrintable(parsed.message()));
        QCOMPARE(parsed.summary->format, StatementFormat::UnionPayZm);
        QCOMPARE(parsed.lines.size(), 3);
        QCOMPARE(parsed.summary->payments.count, 1);
        QCOMPARE(parsed.summary->payments.amount(), fen(10000));
        QCOMPARE(parsed.summary->payments.fee(), fen(60));
        QCOMPARE(parsed.summary->refunds.count, 2);
        QCOMPARE(parsed.summary->refunds.amount(), fen(3001));
        QCOMPARE(parsed.summary->refunds.fee(), fen(18));

        const StatementLine &pay = parsed.lines[0];
        QCOMPARE(pay.type, StatementLineType::Payment);
        QCOMPARE(pay.lineNumber, 1);
        QCOMPARE(pay.file, zmName());
        QCOMPARE(pay.channelTransactionId, QStringLiteral("201909161055160000001"));
        QCOMPARE(pay.merchantOrderNo, QStringLiteral("ORDER-1"));
        QVERIFY(pay.channelRefundNo.isEmpty());
        QCOMPARE(pay.amount, fen(10000));
        QCOMPARE(pay.fee, fen(60));
        QCOMPARE(pay.merchantId, QStringLiteral("777290058110048"));
        QCOMPARE(pay.tradeType, QStringLiteral("S22"));
        QCOMPARE(pay.tradeTime, china(2019, 9, 16, 10, 55, 16)); // the year from INN190916

        const StatementLine &back = parsed.lines[1];
        QCOMPARE(back.type, StatementLineType::Refund);
        QCOMPARE(back.channelTransactionId, QStringLiteral("201909161055160000001")); // the payment refunded
        QCOMPARE(back.channelRefundNo, QStringLiteral("201909161200000000002"));
        QCOMPARE(back.merchantRefundNo, QStringLiteral("REFUND-1"));
        QVERIFY(back.merchantOrderNo.isEmpty());
        QCOMPARE(back.merchantId, QStringLiteral("SUB0001"));
        QCOMPARE(back.amount, fen(3000));
        QCOMPARE(back.fee, fen(18));
        QCOMPARE(parsed.lines[2].tradeType, QStringLiteral("S31"));
        QCOMPARE(parsed.lines[2].type, StatementLineType::Refund);
        QCOMPARE(parsed.lines[2].fee, fen(0));
    }

    void yearComesFromTheSettlementDate()
    {
        // Without INN<date> in the name, the option gives the year; without either, the line fails.
        StatementParseOptions options;
        options.settlementDate = QDate(2020, 1, 1);
        QByteArray newYearsEve = payment();
        newYearsEve.replace(3 + 1 + 11 + 1 + 11 + 1 + 6 + 1, 10, "1231235959");
        Parsed parsed = parseBytes(file({newYearsEve}), QStringLiteral("zm.txt"), options);
        QVERIFY2(parsed.summary, qPrintable(parsed.message()));
        QCOMPARE(parsed.lines[0].tradeTime, china(2019, 12, 31, 23, 59, 59));

        parsed = parseBytes(file({payment()}), QStringLiteral("zm.txt"));
        QCOMPARE(parsed.code(), ErrorCode::StatementMalformed);
        QCOMPARE(parsed.context(), QStringLiteral("zm.txt: line 1"));
    }

    void malformedLines_data()
    {
        QTest::addColumn<int>("field");
        QTest::addColumn<QByteArray>("value");
        QTest::newRow("unknown code") << int(Code) << QByteArray("S99");
        QTest::newRow("amount with a letter") << int(Amount) << QByteArray("00000001000A");
        QTest::newRow("amount blank") << int(Amount) << QByteArray("");
        QTest::newRow("fee sign") << int(Fee) << QByteArray("X000000000060");
        QTest::newRow("fee blank") << int(Fee) << QByteArray("");
        QTest::newRow("net amount") << int(NetAmount) << QByteArray("C00000000994.");
        QTest::newRow("month 13") << int(Time) << QByteArray("1316105516");
        QTest::newRow("hour 24") << int(Time) << QByteArray("0916245516");
        QTest::newRow("time letters") << int(Time) << QByteArray("09161055xx");
        QTest::newRow("bad GBK") << int(SubMerName) << QByteArray("\x81\x20");
    }
    void malformedLines()
    {
        QFETCH(int, field);
        QFETCH(QByteArray, value);
        QMap<int, QByteArray> values = {{Code, "S22"},   {Time, "0916105516"},   {Amount, "000000010000"},
                                        {QueryId, "Q1"}, {Fee, "D000000000060"}, {MerId, "777290058110048"}};
        values[field] = value;
        const Parsed parsed = parseBytes(file({payment(), zmLine(values)}), zmName());
        QCOMPARE(parsed.code(), ErrorCode::StatementMalformed);
        QCOMPARE(parsed.context(), zmName() + QStringLiteral(": line 2"));
        QCOMPARE(parsed.lines.size(), 1);
    }

    void wrongWidths()
    {
        QByteArray shifted = payment();
        shifted.insert(10, 'X'); // one byte too many: a separator lands inside a field
        shifted.chop(1);
        Parsed parsed = parseBytes(file({payment(), shifted}), zmName());
        QCOMPARE(parsed.code(), ErrorCode::StatementMalformed);
        QCOMPARE(parsed.context(), zmName() + QStringLiteral(": line 2"));

        parsed = parseBytes(file({payment(), payment() + "  "}), zmName());
        QCOMPARE(parsed.code(), ErrorCode::StatementMalformed);
        // The right length, but a separator that is not a space (before the first reserved field).
        int reservedOffset = 0;
        for (int i = 0; i < 40; ++i)
            reservedOffset += kLengths[i] + 1;
        QByteArray badSeparator = payment();
        QCOMPARE(badSeparator[reservedOffset - 1], ' ');
        badSeparator[reservedOffset - 1] = '|';
        parsed = parseBytes(file({payment(), badSeparator}), zmName());
        QCOMPARE(parsed.code(), ErrorCode::StatementMalformed);
        QVERIFY2(parsed.message().contains(QStringLiteral("separator")), qPrintable(parsed.message()));
        // The reserved field's trailing spaces may be trimmed; anything shorter may not.
        QByteArray trimmed = payment();
        while (trimmed.endsWith(' '))
            trimmed.chop(1);
        parsed = parseBytes(file({payment(), trimmed}), zmName());
        QVERIFY2(parsed.summary, qPrintable(parsed.message()));
        // A cut-off last line is a truncated file.
        parsed = parseBytes(payment() + "\r\n" + payment().left(200), zmName());
        QCOMPARE(parsed.code(), ErrorCode::StatementTruncated);
    }

    void fileContentPayload()
    {
        const QByteArray zip = zipBytes({{zmName().toLatin1(), file({payment(), refund()})},
                                         {"INN19091688ZME_777290058110048", "error file: not a statement\r\n"}});
        QVERIFY(zip.startsWith("PK"));
        const QByteArray payload = fileContent(zip);
        QVERIFY(payload.startsWith("eN")); // level 9 (0x78 0xDA), not the default level's "eJ"
        auto unpacked = UnionPayFileContent::unpack(payload);
        QVERIFY(unpacked);
        QCOMPARE(*unpacked, zip);

        Parsed parsed;
        auto summary = StatementParser::parseUnionPayFileContent(payload, QStringLiteral("fileContent"),
                                                                 [&parsed](const StatementLine &line) {
                                                                     parsed.lines.append(line);
                                                                     return true;
                                                                 });
        QVERIFY2(summary, qPrintable(summary.error().message()));
        QCOMPARE(summary->format, StatementFormat::UnionPayZm);
        QCOMPARE(summary->files.size(), 1);
        QCOMPARE(summary->files[0].name, zmName());
        QCOMPARE(parsed.lines.size(), 2);
        QCOMPARE(parsed.lines[1].channelRefundNo, QStringLiteral("201909161200000000002"));

        // Saved to a file (with line breaks, as some clients store it), it is recognised by content.
        QByteArray wrapped;
        for (qsizetype at = 0; at < payload.size(); at += 76)
            wrapped += payload.mid(at, 76) + "\n";
        parsed = parseBytes(wrapped, QStringLiteral("response.txt"));
        QVERIFY2(parsed.summary, qPrintable(parsed.message()));
        QCOMPARE(parsed.lines.size(), 2);
        // The raw zip too.
        parsed = parseBytes(zip, QStringLiteral("reconciliation.zip"));
        QVERIFY2(parsed.summary, qPrintable(parsed.message()));
        QCOMPARE(parsed.lines.size(), 2);
    }

    // The case: 2.7 MB of fileContent that inflates to 2 GiB drove `statement parse` to
    // 2.06 GB resident. Refused at the limit, naming the file and the limit, with the memory of
    // the compressed bytes only and nothing left on disk.
    void fileContentBombIsRefusedInBoundedMemory()
    {
        const QByteArray payload = zlibBomb(2048).toBase64();
        QVERIFY(payload.size() > 2'000'000 && payload.size() < 3'000'000);
        QVERIFY(resetResidentPeak());
        const qint64 before = residentPeak();
        QVERIFY(before > 0);
        Parsed parsed = parseBytes(payload, QStringLiteral("ZM-bomb.txt"));
        const qint64 grown = residentPeak() - before;
        QCOMPARE(parsed.code(), ErrorCode::StatementTooLarge);
        const QString message = parsed.message();
        QVERIFY2(message.contains(QStringLiteral("ZM-bomb.txt")) && message.contains(QStringLiteral("268435456")),
                 qPrintable(message));
        qInfo("peak resident memory grew by %lld KiB", grown / 1024);
        QVERIFY2(grown < 64 * 1024 * 1024, qPrintable(QString::number(grown)));

        // The in-memory form refuses it the same way.
        auto unpacked = UnionPayFileContent::unpack(payload);
        QCOMPARE(unpacked.error().code(), ErrorCode::StatementTooLarge);
        // A limit of its own: 4 MiB of zeros fit in 8 MiB (then the zip inside is not a zip), not in 2.
        unpacked = UnionPayFileContent::unpack(zlibBomb(4).toBase64(), 2 << 20);
        QCOMPARE(unpacked.error().code(), ErrorCode::StatementTooLarge);
        StatementParseOptions roomy;
        roomy.maxUnpackedBytes = 8 << 20;
        QCOMPARE(parseBytes(zlibBomb(4).toBase64(), QStringLiteral("zeros.txt"), roomy).code(),
                 ErrorCode::StatementMalformed);
    }

    // A zip whose members unpack beyond the limit (the raw zip, and inside a fileContent).
    void zipMembersAreHeldToTheLimit()
    {
        QByteArray lines;
        for (int i = 0; i < 4000; ++i)
            lines += payment() + "\r\n";
        const QByteArray zip = zipBytes({{zmName().toLatin1(), lines}});
        StatementParseOptions small;
        small.maxUnpackedBytes = 1 << 20;
        QVERIFY(lines.size() > small.maxUnpackedBytes && zip.size() < small.maxUnpackedBytes);
        Parsed parsed = parseBytes(zip, QStringLiteral("big.zip"), small);
        QCOMPARE(parsed.code(), ErrorCode::StatementTooLarge);
        QVERIFY2(parsed.message().contains(QStringLiteral("big.zip")), qPrintable(parsed.message()));
        parsed = parseBytes(fileContent(zip), QStringLiteral("big.txt"), small);
        QCOMPARE(parsed.code(), ErrorCode::StatementTooLarge);
        // Within the default limit it is read (and its totals are the file's own).
        parsed = parseBytes(fileContent(zip), QStringLiteral("big.txt"));
        QVERIFY2(parsed.code() != ErrorCode::StatementTooLarge, qPrintable(parsed.message()));
    }

    void emptyDayAndBrokenPayloads()
    {
        auto summary = StatementParser::parseUnionPayFileContent(
            fileContent(zipBytes({{zmName().toLatin1(), QByteArray()}})), QStringLiteral("fileContent"), {});
        QVERIFY2(summary, qPrintable(summary.error().message()));
        QCOMPARE(summary->lineCount(), 0);
        QCOMPARE(summary->files.size(), 1);

        summary = StatementParser::parseUnionPayFileContent("eJ***", QStringLiteral("fileContent"), {});
        QCOMPARE(summary.error().code(), ErrorCode::StatementMalformed);
        summary = StatementParser::parseUnionPayFileContent(QByteArray("not zlib").toBase64(),
                                                            QStringLiteral("fileContent"), {});
        QCOMPARE(summary.error().code(), ErrorCode::StatementMalformed);
        const QByteArray payload = fileContent(zipBytes({{zmName().toLatin1(), file({payment()})}}));
        QByteArray cut = QByteArray::fromBase64(payload);
        cut.chop(10);
        summary = StatementParser::parseUnionPayFileContent(cut.toBase64(), QStringLiteral("fileContent"), {});
        QCOMPARE(summary.error().code(), ErrorCode::StatementMalformed);
        // A zip without any statement in it.
        summary = StatementParser::parseUnionPayFileContent(fileContent(zipBytes({{"readme.txt", "hello"}})),
                                                            QStringLiteral("fileContent"), {});
        QCOMPARE(summary.error().code(), ErrorCode::StatementFormatUnknown);
    }
};

QTEST_GUILESS_MAIN(TestUnionPayZm)
#include "tst_unionpayzm.moc"
