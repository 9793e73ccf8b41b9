#pragma once

#include "core/reconciliation/ReconciliationService.h"

#include <QHash>
#include <QJsonObject>
#include <QTextStream>

// What `paydesk-cli reconcile` prints: the JSON objects scripts read (their keys are a contract,
// docs/reconciliation.md "Command line") and the text people read. Amounts are decimal strings
// ("12.34"), never JSON numbers.
namespace paydesk::cli::ReconcileOutput {

// Channel account names by id, for runs and discrepancies that hold only the id.
using AccountNames = QHash<qint64, QString>;

// What one run found, per category, payments and refunds together.
struct Tallies
{
    Currency currency = Currency::cny();
    qint64 counts[kDiscrepancyCategoryCount] = {};
    // The money each category's items concern: the channel's amount where the statement lists the
    // item, ours where only we have it (platform_only; carried_over items of ours).
    qint64 amounts[kDiscrepancyCategoryCount] = {};

    // Items of the categories that need a person (all but matched and carried_over, which waits
    // for the next day's run).
    qint64 discrepancies() const;
};

// ArithmeticOverflow when a sum would not fit.
Result<Tallies> talliesOf(const ReconciliationSummary &summary);
// A run's stored summary; zero counts for a run that did not complete.
Result<Tallies> talliesOf(const ReconciliationRun &run);

// {"run_id","channel_account","date","status","counts":{…},"amounts":{…}}
QJsonObject runObject(qint64 runId, const QString &account, const QDate &date, ReconciliationRunStatus status,
                      const Tallies &tallies);
// runObject and what the history adds: who, when, the superseding run, the error.
QJsonObject historyObject(const ReconciliationRun &run, const QString &account, const Tallies &tallies);
QJsonObject itemObject(const ReconciliationItem &item);
QJsonObject discrepancyObject(const PoolDiscrepancy &d, const QString &account);
QJsonObject diffObject(const ReconciliationRunDiff &diff, const QString &account);

// The human forms.
void printTallies(QTextStream &out, const Tallies &tallies);
void printRunLine(QTextStream &out, const ReconciliationRun &run, const QString &account, const Tallies &tallies);
void printItem(QTextStream &out, const ReconciliationItem &item);
void printDiscrepancy(QTextStream &out, const PoolDiscrepancy &d, const QString &account);
void printDiff(QTextStream &out, const ReconciliationRunDiff &diff, const QString &account);

} // namespace paydesk::cli::ReconcileOutput
