#pragma once

#include <QMap>
#include <QString>

namespace paydesk::test {

// CPU time (user + system, ms) spent so far by this process's threads, grouped by thread name,
// and by every process of this machine with a given name (PostgreSQL's server processes):
// what each part of a benchmark cost, read from /proc.
struct CpuSample
{
    QMap<QString, double> threadsMs;   // this process's threads by name (pool threads share one)
    QMap<QString, double> processesMs; // other processes by name, summed over all of that name
};

CpuSample sampleCpu(const QStringList &processNames);

// What was spent between two samples, by name.
QMap<QString, double> cpuSpent(const QMap<QString, double> &before, const QMap<QString, double> &after);

// CPU time (user + system, s) of this process, or with children = true of its waited-for children.
double cpuSeconds(bool children = false);
// Peak resident set size of this process so far (VmHWM), in KiB; -1 when unknown.
qint64 peakRssKb();

} // namespace paydesk::test
