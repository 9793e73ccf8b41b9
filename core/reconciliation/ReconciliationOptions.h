#pragma once

#include "core/money/Currency.h"
#include "core/util/Clock.h"

#include <QDate>
#include <QString>
#include <QTimeZone>

#include <atomic>
#include <chrono>

namespace paydesk {

// How one match (one channel account, one business date) runs.
struct ReconciliationOptions
{
    QDate businessDate; // required: its midnight is the day cut-off
    // Every amount of both sides is in this currency (a statement is one channel account's).
    Currency currency = Currency::cny();
    // The zone whose midnight ends the business day (Asia/Shanghai unless configured otherwise).
    QTimeZone timeZone = Clock::platformTimeZone();
    // 日切: a success seen by one side only within this long before midnight is carried over to
    // the next day instead of becoming a discrepancy; the other side may book it after midnight.
    std::chrono::seconds cutOffWindow = std::chrono::minutes(10);
    // What the records may take in memory, indexes included. A day that fits is matched in memory;
    // a larger one is spread over temporary files and matched a part at a time within it.
    qint64 memoryBudgetBytes = qint64(256) << 20;
    // Both sides' records together, when the caller knows roughly (a count of our rows plus the
    // statement's size): lets the first spill choose its number of files well. 0: unknown.
    qint64 expectedRecords = 0;
    QString spillDirectory; // empty: the system's temporary directory
    // Partitions of a day that went to the files are matched this many at once, each thread
    // within its share of the budget (discrepancies still reach the caller on its own thread).
    int matchThreads = 2;
    // Set from another thread to stop: the match then fails with Cancelled.
    const std::atomic<bool> *cancel = nullptr;
};

} // namespace paydesk
