#include "tests/bench/RunFloors.h"

#include "core/channel/statement/StatementParser.h"
#include "core/storage/DatabaseUrl.h"
#include "tests/bench/ProcessCpu.h"
#include "tests/bench/SqliteJoinYardstick.h"
#include "tests/bench/SyntheticReconciliationDay.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTimeZone>

#include <openssl/evp.h>
#include <zstd.h>

#include <memory>

namespace paydesk::bench {

using test::cpuSeconds;

namespace {
// CPU seconds of hashing and compressing the file 1 MiB at a time; -1 when it cannot be read.
double keepSeconds(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return -1;
    const std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> hash(EVP_MD_CTX_new(), EVP_MD_CTX_free);
    const std::unique_ptr<ZSTD_CCtx, decltype(&ZSTD_freeCCtx)> zstd(ZSTD_createCCtx(), ZSTD_freeCCtx);
    EVP_DigestInit_ex(hash.get(), EVP_sha256(), nullptr);
    QByteArray piece(1 << 20, Qt::Uninitialized);
    QByteArray out(qsizetype(ZSTD_compressBound(size_t(piece.size()))), Qt::Uninitialized);
    const double before = cpuSeconds();
    size_t compressed = 0;
    for (qint64 got; (got = file.read(piece.data(), piece.size())) > 0;) {
        EVP_DigestUpdate(hash.get(), piece.constData(), size_t(got));
        compressed += ZSTD_compressCCtx(zstd.get(), out.data(), size_t(out.size()), piece.constData(), size_t(got), 1);
    }
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    EVP_DigestFinal_ex(hash.get(), digest, &length);
    return compressed > 0 ? cpuSeconds() - before : -1;
}

// The run's query of our paid orders, as the shell of the database runs it; elapsed seconds, and
// the rows it counted.
std::pair<double, qint64> ourSideSeconds(const QString &databaseUrl, qint64 channelAccountId, QString *error)
{
    const QDate day = SyntheticReconciliationDay::businessDate();
    const QTimeZone shanghai("Asia/Shanghai");
    const qint64 from = QDateTime(day, QTime(0, 0), shanghai).toMSecsSinceEpoch();
    const qint64 to = QDateTime(day.addDays(1), QTime(0, 0), shanghai).toMSecsSinceEpoch();
    // Every column the run reads, so that the shell cannot skip the rows.
    const QString sql =
        QStringLiteral("SELECT count(*), sum(length(order_no) + length(channel_transaction_id) + length(currency) + "
                       "length(status)), sum(amount), sum(channel_fee), sum(paid_at / 1000) FROM payment_order WHERE "
                       "channel_account_id = %1 AND paid_at >= %2 AND paid_at < %3 AND status IN ('succeeded', "
                       "'partially_refunded', 'refunded')")
            .arg(channelAccountId)
            .arg(from)
            .arg(to);
    auto url = DatabaseUrl::parse(databaseUrl);
    if (!url) {
        *error = url.error().message();
        return {};
    }
    const bool sqlite = url->dialect() == SqlDialect::Sqlite;
    const QString shell = QStandardPaths::findExecutable(sqlite ? QStringLiteral("sqlite3") : QStringLiteral("psql"));
    if (shell.isEmpty()) {
        *error = QStringLiteral("no database shell (sqlite3 / psql) for the our-side floor");
        return {};
    }
    const QStringList arguments =
        sqlite ? QStringList{url->sqlitePath(), sql} : QStringList{databaseUrl, QStringLiteral("-tAc"), sql};
    QProcess process;
    QElapsedTimer timer;
    timer.start();
    process.start(shell, arguments);
    if (!process.waitForFinished(-1) || process.exitCode() != 0) {
        *error = QStringLiteral("the our-side query failed: ") + QString::fromUtf8(process.readAllStandardError());
        return {};
    }
    const double elapsed = double(timer.nsecsElapsed()) / 1e9;
    const QByteArray first = process.readAllStandardOutput().trimmed().split('|').value(0);
    return {elapsed, first.toLongLong()};
}
} // namespace

RunFloors RunFloors::measure(const QString &bill, const QString &databaseUrl, qint64 channelAccountId)
{
    RunFloors floors;
    floors.keep = keepSeconds(bill);
    if (floors.keep < 0) {
        floors.error = QStringLiteral("cannot read ") + bill;
        return floors;
    }
    const double before = cpuSeconds();
    auto parsed = StatementParser::parseFile(bill, [&floors](const StatementLine &) {
        ++floors.parsedLines;
        return true;
    });
    floors.parse = cpuSeconds() - before;
    if (!parsed) {
        floors.error = parsed.error().message();
        return floors;
    }
    const auto [seconds, rows] = ourSideSeconds(databaseUrl, channelAccountId, &floors.error);
    floors.ourSide = seconds;
    floors.ourRows = rows;
    return floors;
}

} // namespace paydesk::bench
