#include "tests/bench/SqliteJoinYardstick.h"

#include "tests/bench/ProcessCpu.h"
#include "tests/bench/SyntheticReconciliationDay.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>

#include <functional>

namespace paydesk::bench {

using test::cpuSeconds;

namespace {
double elapsedSeconds(const QElapsedTimer &timer)
{
    return double(timer.nsecsElapsed()) / 1e9;
}

using RowSink = std::function<void(const QByteArray &)>;

// Writes the rows `each` produces, a megabyte at a time.
bool writeCsv(const QString &path, const std::function<void(const RowSink &)> &each)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    QByteArray buffer;
    bool ok = true;
    each([&](const QByteArray &row) {
        buffer += row;
        if (buffer.size() > (1 << 20)) {
            ok = ok && file.write(buffer) == buffer.size();
            buffer.clear();
        }
    });
    return ok && file.write(buffer) == buffer.size();
}

// type,key,amount,fee,status: payments keyed by our order number, refunds by our refund number.
QByteArray csvRow(RecordType type, const QString &orderNo, const QString &refundNo, const Money &amount,
                  const Money &fee, int status)
{
    QByteArray row = type == RecordType::Refund ? "1," + refundNo.toLatin1() : "0," + orderNo.toLatin1();
    row += ',' + QByteArray::number(amount.minor()) + ',' + QByteArray::number(fee.minor()) + ',' +
           QByteArray::number(status) + '\n';
    return row;
}

bool writeBothCsv(qint64 transactions, const QString &channelPath, const QString &platformPath)
{
    SyntheticReconciliationDay day(transactions);
    const bool channel = writeCsv(channelPath, [&](const RowSink &write) {
        day.forEachLine([&](const ChannelRecord &line) {
            write(csvRow(line.type, line.orderNo, line.refundNo, line.amount, line.fee,
                         line.status == StatementLineStatus::Succeeded ? 0 : 1));
            return true;
        });
    });
    const bool platform = writeCsv(platformPath, [&](const RowSink &write) {
        day.forEachRecord([&](const PlatformRecord &record) {
            write(csvRow(record.type, record.orderNo, record.refundNo, record.amount, record.channelFee, 0));
            return true;
        });
    });
    return channel && platform;
}

QString sqliteScript(const QString &channelCsv, const QString &platformCsv, qint64 cacheKib)
{
    return QStringLiteral(
               ".output /dev/null\nPRAGMA journal_mode=OFF;\n.output stdout\nPRAGMA synchronous=OFF;\nPRAGMA "
               "cache_size=-%3;\n"
               "CREATE TABLE c(type INTEGER, key TEXT, amount INTEGER, fee INTEGER, status INTEGER);\n"
               "CREATE TABLE p(type INTEGER, key TEXT, amount INTEGER, fee INTEGER, status INTEGER);\n"
               ".mode csv\n.import '%1' c\n.import '%2' p\n"
               "CREATE INDEX c_key ON c(type, key);\nCREATE INDEX p_key ON p(type, key);\n"
               ".mode list\n"
               "SELECT category, count(*) FROM (\n"
               "  SELECT CASE WHEN p.key IS NULL THEN 'channel_only' WHEN c.status <> 0 THEN 'status_mismatch'\n"
               "              WHEN c.amount <> p.amount THEN 'amount_mismatch'\n"
               "              WHEN c.fee <> p.fee THEN 'fee_mismatch' ELSE 'matched' END AS category\n"
               "  FROM c LEFT JOIN p ON p.type = c.type AND p.key = c.key\n"
               "  UNION ALL\n"
               "  SELECT 'platform_only' FROM p LEFT JOIN c ON c.type = p.type AND c.key = p.key WHERE c.key IS NULL\n"
               ") GROUP BY category ORDER BY category;\n")
        .arg(channelCsv, platformCsv)
        .arg(cacheKib);
}
} // namespace

SqliteJoinYardstick SqliteJoinYardstick::measure(qint64 transactions, const QString &directory, qint64 cacheKib)
{
    SqliteJoinYardstick result;
    const QString sqlite3 = QStandardPaths::findExecutable(QStringLiteral("sqlite3"));
    if (sqlite3.isEmpty()) {
        result.error = QStringLiteral("sqlite3 not found: no yardstick (scripts/install-deps.sh installs it)");
        return result;
    }
    const QString channelCsv = QDir(directory).filePath(QStringLiteral("channel.csv"));
    const QString platformCsv = QDir(directory).filePath(QStringLiteral("platform.csv"));
    const QString database = QDir(directory).filePath(QStringLiteral("yardstick.db"));
    QFile::remove(database);
    QElapsedTimer timer;
    timer.start();
    if (!writeBothCsv(transactions, channelCsv, platformCsv)) {
        result.error = QStringLiteral("cannot write the CSV files in ") + directory;
        return result;
    }
    result.csvSeconds = elapsedSeconds(timer);
    QProcess sqlite;
    const double childCpuBefore = cpuSeconds(true);
    timer.restart();
    sqlite.start(sqlite3, {database});
    sqlite.write(sqliteScript(channelCsv, platformCsv, cacheKib).toUtf8());
    sqlite.closeWriteChannel();
    if (!sqlite.waitForFinished(-1) || sqlite.exitCode() != 0) {
        result.error = QStringLiteral("sqlite3 failed: ") + QString::fromUtf8(sqlite.readAllStandardError());
        return result;
    }
    result.seconds = elapsedSeconds(timer);
    result.cpu = cpuSeconds(true) - childCpuBefore;
    result.counts = QString::fromUtf8(sqlite.readAllStandardOutput()).simplified();
    QFile::remove(database);
    QFile::remove(channelCsv);
    QFile::remove(platformCsv);
    return result;
}

} // namespace paydesk::bench
