#include "app/cli/CliCommand.h"

#include "core/channel/statement/StatementParser.h"
#include "core/util/Error.h"

#include <QCoreApplication>
#include <QDate>
#include <QFile>

namespace paydesk::cli {

namespace {
// JSON by hand: one object per line for a million lines, with a fixed key order.
void appendJsonString(QByteArray &out, const QString &text)
{
    out += '"';
    const QByteArray utf8 = text.toUtf8();
    for (char c : utf8) {
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            if (uchar(c) < 0x20)
                out += "\\u00" + QByteArray::number(uchar(c), 16).rightJustified(2, '0');
            else
                out += c;
        }
    }
    out += '"';
}

void appendField(QByteArray &out, const char *key, const QString &value)
{
    out += ",\"";
    out += key;
    out += "\":";
    appendJsonString(out, value);
}

void appendTime(QByteArray &out, const char *key, const QDateTime &time)
{
    if (time.isValid()) {
        appendField(out, key, time.toUTC().toString(Qt::ISODate));
    } else {
        out += ",\"";
        out += key;
        out += "\":null";
    }
}

// Amounts are decimal strings ("0.01"), never JSON numbers: no reader turns them into doubles.
void appendLine(QByteArray &out, const StatementLine &line)
{
    out += "{\"format\":";
    appendJsonString(out, statementFormatName(line.format));
    appendField(out, "file", line.file);
    out += ",\"line\":" + QByteArray::number(line.lineNumber);
    appendField(out, "type", statementLineTypeName(line.type));
    appendField(out, "channel_transaction_id", line.channelTransactionId);
    appendField(out, "merchant_order_no", line.merchantOrderNo);
    appendField(out, "channel_refund_no", line.channelRefundNo);
    appendField(out, "merchant_refund_no", line.merchantRefundNo);
    appendField(out, "amount", line.amount.toString());
    appendField(out, "fee", line.fee.toString());
    appendField(out, "currency", line.amount.currency().code());
    appendField(out, "status", statementLineStatusName(line.status));
    appendField(out, "channel_status", line.channelStatus);
    appendField(out, "merchant_id", line.merchantId);
    appendField(out, "app_id", line.appId);
    appendField(out, "trade_type", line.tradeType);
    appendTime(out, "trade_time", line.tradeTime);
    appendTime(out, "complete_time", line.completeTime);
    out += "}\n";
}

int parse(CliContext &context)
{
    QCommandLineParser parser;
    parser.addOption(
        {QStringLiteral("file"),
         Cli::tr("The statement: a WeChat Pay bill, an Alipay bill (the zip or its detail file), a UnionPay "
                 "ZM file, zip or fileContent."),
         QStringLiteral("path")});
    parser.addOption(
        {QStringLiteral("json"),
         Cli::tr("Print every line as one JSON object per line (amounts as decimal strings) and nothing else.")});
    parser.addOption(
        {QStringLiteral("date"),
         Cli::tr("Settlement date of a UnionPay ZM file, whose times carry no year, when its name does not "
                 "tell it (INN<yyMMdd>…)."),
         QStringLiteral("yyyy-mm-dd")});
    parser.addOption(
        {QStringLiteral("max-unpacked"),
         Cli::tr("Refuse a compressed statement (a zip, a UnionPay fileContent) that unpacks to more than this many "
                 "MiB (default %1).")
             .arg(StatementLimits::kDefaultMaxUnpackedBytes >> 20),
         QStringLiteral("MiB")});
    if (!context.parse(parser,
                       Cli::tr("Parse a channel statement, recognising its format from the content, and check it "
                               "against the totals it prints. Prints the format, the files read, the number of lines "
                               "and the payments' and refunds' counts, amounts and fees. Exit status 0 when every "
                               "line parsed and every total matched, 1 otherwise (the error names file and line); "
                               "with --json the lines printed before an error are not to be used.")))
        return context.exitCode();
    if (!parser.isSet(QStringLiteral("file")))
        return context.fail(Cli::tr("--file is required"), Usage);
    if (!parser.positionalArguments().isEmpty())
        return context.fail(Cli::tr("unexpected argument '%1'").arg(parser.positionalArguments().first()), Usage);
    StatementParseOptions options;
    if (parser.isSet(QStringLiteral("date"))) {
        options.settlementDate = QDate::fromString(parser.value(QStringLiteral("date")), Qt::ISODate);
        if (!options.settlementDate.isValid())
            return context.fail(Cli::tr("--date wants yyyy-mm-dd, not '%1'").arg(parser.value(QStringLiteral("date"))),
                                Usage);
    }
    if (parser.isSet(QStringLiteral("max-unpacked"))) {
        bool ok = false;
        const qint64 mib = parser.value(QStringLiteral("max-unpacked")).toLongLong(&ok);
        if (!ok || mib < 1 || mib > 64 * 1024)
            return context.fail(Cli::tr("--max-unpacked takes 1 to 65536 (MiB)"), Usage);
        options.maxUnpackedBytes = mib << 20;
    }

    const bool json = parser.isSet(QStringLiteral("json"));
    QFile stdoutFile;
    if (json && !stdoutFile.open(stdout, QIODevice::WriteOnly))
        return context.fail(Error(ErrorCode::FileUnwritable, QStringLiteral("stdout")));
    QByteArray buffer;
    bool writeFailed = false;
    const auto flush = [&] {
        if (!buffer.isEmpty() && stdoutFile.write(buffer) != buffer.size())
            writeFailed = true;
        buffer.clear();
    };
    StatementLineHandler onLine;
    if (json) {
        onLine = [&](const StatementLine &line) {
            appendLine(buffer, line);
            if (buffer.size() > 256 * 1024)
                flush();
            return !writeFailed;
        };
    }
    auto summary = StatementParser::parseFile(parser.value(QStringLiteral("file")), onLine, options);
    if (json) {
        flush();
        stdoutFile.flush();
    }
    if (!summary)
        return context.fail(summary.error());
    if (writeFailed)
        return context.fail(Error(ErrorCode::FileUnwritable, QStringLiteral("stdout")));
    if (json)
        return Success;

    context.out << Cli::tr("Format: %1").arg(statementFormatName(summary->format)) << '\n';
    for (const StatementFileInfo &file : std::as_const(summary->files)) {
        context.out
            << Cli::tr("File: %1 (%2, %3 lines)").arg(file.name, statementFormatName(file.format)).arg(file.lines)
            << '\n';
    }
    context.out << Cli::tr("Lines: %1").arg(summary->lineCount()) << '\n';
    context.out << Cli::tr("Payments: %1, amount %2, fee %3")
                       .arg(summary->payments.count)
                       .arg(summary->payments.amount().toString(), summary->payments.fee().toString())
                << '\n';
    context.out << Cli::tr("Refunds: %1, amount %2, fee %3")
                       .arg(summary->refunds.count)
                       .arg(summary->refunds.amount().toString(), summary->refunds.fee().toString())
                << Qt::endl;
    return Success;
}

QString statementHelp()
{
    return Cli::tr("Usage: paydesk-cli statement SUBCOMMAND [options]\n"
                   "\n"
                   "Subcommands:\n"
                   "  parse --file F [--json] [--date D] [--max-unpacked MiB]\n"
                   "                            Parse a channel statement (WeChat Pay, Alipay, UnionPay), check its\n"
                   "                            totals, print a summary or every line as JSON.\n"
                   "\n"
                   "'paydesk-cli statement SUBCOMMAND --help' shows the options of each.\n");
}
} // namespace

int runStatement(CliContext &context)
{
    return dispatch(context, statementHelp(), {{QStringLiteral("parse"), parse}});
}

} // namespace paydesk::cli
