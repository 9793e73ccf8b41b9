#include "tests/bench/ProcessCpu.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>

#include <sys/resource.h>
#include <unistd.h>

namespace paydesk::test {

namespace {
// /proc/<pid>/stat: "pid (comm) state ..." — utime and stime are fields 14 and 15, counted
// after the name, which may hold spaces and parentheses.
bool readStat(const QString &path, QString *name, double *ms)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return false;
    const QByteArray stat = file.readAll();
    const int open = stat.indexOf('(');
    const int close = stat.lastIndexOf(')');
    if (open < 0 || close < open)
        return false;
    *name = QString::fromUtf8(stat.mid(open + 1, close - open - 1));
    const QList<QByteArray> fields = stat.mid(close + 2).split(' ');
    if (fields.size() < 13)
        return false;
    static const double msPerTick = 1000.0 / double(sysconf(_SC_CLK_TCK));
    *ms = (fields.at(11).toDouble() + fields.at(12).toDouble()) * msPerTick;
    return true;
}
} // namespace

CpuSample sampleCpu(const QStringList &processNames)
{
    CpuSample sample;
    const QString self = QStringLiteral("/proc/%1/task").arg(QCoreApplication::applicationPid());
    for (const QString &task : QDir(self).entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        QString name;
        double ms = 0;
        if (readStat(self + QLatin1Char('/') + task + QStringLiteral("/stat"), &name, &ms))
            sample.threadsMs[name] += ms;
    }
    for (const QString &pid : QDir(QStringLiteral("/proc")).entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        bool numeric = false;
        pid.toLongLong(&numeric);
        QString name;
        double ms = 0;
        if (numeric && readStat(QStringLiteral("/proc/%1/stat").arg(pid), &name, &ms) && processNames.contains(name))
            sample.processesMs[name] += ms;
    }
    return sample;
}

QMap<QString, double> cpuSpent(const QMap<QString, double> &before, const QMap<QString, double> &after)
{
    QMap<QString, double> spent;
    for (auto it = after.cbegin(); it != after.cend(); ++it)
        spent[it.key()] = it.value() - before.value(it.key());
    return spent;
}

double cpuSeconds(bool children)
{
    rusage usage{};
    getrusage(children ? RUSAGE_CHILDREN : RUSAGE_SELF, &usage);
    return double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
           double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

qint64 peakRssKb()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

} // namespace paydesk::test
