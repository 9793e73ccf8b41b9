// Statement parsing benchmark (issue: channel statements). Writes a WeChat ALL bill, an Alipay
// detail file (bare, GBK) and the Alipay zip of N lines each with the statement writers, then
// parses every file in a fresh child process (so that each parse's peak RSS is its own) and
// prints lines/s, peak RSS and file sizes. It prints figures and never fails by time.
//
//   bench_statement [--lines 1000000] [--dir DIR] [--keep]
//   bench_statement --parse FILE        (the child: one parse, one result line)
#include "core/channel/statement/StatementParser.h"
#include "sandbox/statement/AlipayBillWriter.h"
#include "sandbox/statement/AlipayBillZipWriter.h"
#include "sandbox/statement/WeChatBillWriter.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTextStream>

#include <optional>

#include <sys/resource.h>

using namespace paydesk;

namespace {
qint64 peakRssKb()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss; // kilobytes on Linux
}

// Line n of a day: about one refund in eight, amounts from 0.01 to 5 000.00, fees at 0.6 %.
StatementLine benchLine(qint64 n, bool alipay)
{
    StatementLine line;
    const bool refund = n % 8 == 7;
    line.type = refund ? StatementLineType::Refund : StatementLineType::Payment;
    const qint64 amount = 1 + (n * 7919) % 500000;
    line.amount = Money::fromMinor(amount, Currency::cny());
    line.fee = Money::fromMinor(amount * 6 / 1000, Currency::cny());
    line.channelTransactionId = QStringLiteral("42000012%1").arg(n, 20, 10, QLatin1Char('0'));
    line.merchantOrderNo = QStringLiteral("PD%1").arg(n / (refund ? 2 : 1), 16, 10, QLatin1Char('0'));
    if (refund) {
        line.channelRefundNo = QStringLiteral("5030001%1").arg(n, 22, 10, QLatin1Char('0'));
        line.merchantRefundNo = QStringLiteral("RF%1").arg(n, 16, 10, QLatin1Char('0'));
    }
    line.status = StatementLineStatus::Succeeded;
    line.channelStatus = refund ? QStringLiteral("REFUND/SUCCESS") : QStringLiteral("SUCCESS");
    line.merchantId = alipay ? QStringLiteral("20880211096256330156") : QStringLiteral("1900000109");
    line.appId = alipay ? QString() : QStringLiteral("wx8888888888888888");
    line.tradeType = n % 3 ? QStringLiteral("JSAPI") : QStringLiteral("NATIVE");
    // Spread over one day (China time 2026-11-02).
    line.tradeTime = QDateTime(QDate(2026, 11, 1), QTime(16, 0), Qt::UTC).addSecs(n % 86400);
    line.completeTime = line.tradeTime.addSecs(3);
    return line;
}

AlipayBillWriter::Options alipayOptions()
{
    AlipayBillWriter::Options options;
    options.account = QStringLiteral("20880211096256330156");
    options.billDate = QDate(2026, 11, 2);
    options.storeId = QStringLiteral("store_01");
    options.storeName = QStringLiteral("一号店");
    options.subject = QStringLiteral("咖啡");
    return options;
}

template <typename Writer> Status writeLines(Writer &writer, qint64 lines, bool alipay)
{
    if (auto begun = writer.begin(); !begun)
        return begun;
    for (qint64 n = 0; n < lines; ++n) {
        if (auto written = writer.write(benchLine(n, alipay)); !written)
            return written;
    }
    return writer.finish();
}

int parseChild(const QString &path)
{
    QTextStream out(stdout);
    qint64 lines = 0;
    qint64 amounts = 0;
    QElapsedTimer timer;
    timer.start();
    auto summary = StatementParser::parseFile(path, [&](const StatementLine &line) {
        ++lines;
        amounts += line.amount.minor();
        return true;
    });
    const qint64 elapsed = timer.nsecsElapsed();
    if (!summary) {
        out << "error " << summary.error().message() << Qt::endl;
        return 1;
    }
    out << "lines " << lines << " ns " << elapsed << " rss_kb " << peakRssKb() << " format "
        << statementFormatName(summary->format) << " amounts " << amounts << Qt::endl;
    return 0;
}
} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addOption(
        {QStringLiteral("lines"), QStringLiteral("Lines per file."), QStringLiteral("n"), QStringLiteral("1000000")});
    parser.addOption({QStringLiteral("dir"), QStringLiteral("Directory for the files (default: a temporary one)."),
                      QStringLiteral("dir")});
    parser.addOption({QStringLiteral("keep"), QStringLiteral("Keep the files.")});
    parser.addOption({QStringLiteral("parse"), QStringLiteral("Child mode: parse one file."), QStringLiteral("file")});
    parser.process(app);
    if (parser.isSet(QStringLiteral("parse")))
        return parseChild(parser.value(QStringLiteral("parse")));

    QTextStream out(stdout);
    const qint64 lines = parser.value(QStringLiteral("lines")).toLongLong();
    std::optional<QTemporaryDir> temporary;
    if (!parser.isSet(QStringLiteral("dir"))) {
        temporary.emplace();
        temporary->setAutoRemove(!parser.isSet(QStringLiteral("keep")));
    }
    const QString dir = temporary ? temporary->path() : parser.value(QStringLiteral("dir"));
    if (!QDir().mkpath(dir)) {
        out << "cannot create " << dir << Qt::endl;
        return 1;
    }

    struct Job
    {
        QString name;
        QString path;
        std::function<Status(QIODevice &)> write;
    };
    const QList<Job> jobs = {
        {QStringLiteral("WeChat ALL bill"), dir + QStringLiteral("/bench.ALL.csv"),
         [lines](QIODevice &device) {
             WeChatBillWriter writer(device, StatementFormat::WeChatAll);
             return writeLines(writer, lines, false);
         }},
        {QStringLiteral("Alipay detail (GBK)"), dir + QStringLiteral("/bench_业务明细.csv"),
         [lines](QIODevice &device) {
             AlipayBillWriter writer(device, alipayOptions());
             return writeLines(writer, lines, true);
         }},
        {QStringLiteral("Alipay zip (detail + summary)"), dir + QStringLiteral("/bench.csv.zip"),
         [lines](QIODevice &device) {
             AlipayBillZipWriter writer(device, alipayOptions(), 1);
             return writeLines(writer, lines, true);
         }},
    };

    out << "bench_statement: " << lines << " lines per file, " << dir << Qt::endl;
    for (const Job &job : jobs) {
        QElapsedTimer timer;
        timer.start();
        {
            QFile file(job.path);
            if (!file.open(QIODevice::WriteOnly)) {
                out << job.name << ": cannot write " << job.path << Qt::endl;
                return 1;
            }
            if (auto written = job.write(file); !written) {
                out << job.name << ": " << written.error().message() << Qt::endl;
                return 1;
            }
        }
        const double writeSeconds = double(timer.nsecsElapsed()) / 1e9;

        QProcess child;
        child.start(QCoreApplication::applicationFilePath(), {QStringLiteral("--parse"), job.path});
        child.waitForFinished(-1);
        const QStringList result =
            QString::fromUtf8(child.readAllStandardOutput()).simplified().split(QLatin1Char(' '));
        if (child.exitCode() != 0 || result.value(0) != QLatin1String("lines")) {
            out << job.name << ": parse failed: " << result.join(QLatin1Char(' ')) << Qt::endl;
            return 1;
        }
        const qint64 parsedLines = result.value(1).toLongLong();
        const double parseSeconds = double(result.value(3).toLongLong()) / 1e9;
        const qint64 rssKb = result.value(5).toLongLong();
        out << QStringLiteral("%1\n  file %2 MB (%3 bytes), written in %4 s\n  parsed %5 lines in %6 s: %7 lines/s, "
                              "%8 MB/s, peak RSS %9 MB (%10)\n")
                   .arg(job.name)
                   .arg(double(QFileInfo(job.path).size()) / 1e6, 0, 'f', 1)
                   .arg(QFileInfo(job.path).size())
                   .arg(writeSeconds, 0, 'f', 2)
                   .arg(parsedLines)
                   .arg(parseSeconds, 0, 'f', 3)
                   .arg(qint64(double(parsedLines) / parseSeconds))
                   .arg(double(QFileInfo(job.path).size()) / 1e6 / parseSeconds, 0, 'f', 0)
                   .arg(double(rssKb) / 1024, 0, 'f', 1)
                   .arg(result.value(7));
        out.flush();
    }
    out << "writer process peak RSS " << QString::number(double(peakRssKb()) / 1024, 'f', 1) << " MB" << Qt::endl;
    return 0;
}
