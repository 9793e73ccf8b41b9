#pragma once

#include "core/money/Money.h"

#include <QList>
#include <QString>

namespace paydesk {

// Why a rule's account was or was not taken.
enum class RouteOutcome
{
    Chosen,        // drawn from the first group with an eligible account
    Eligible,      // explain(): in that group, would be drawn with its share
    NotDrawn,      // in that group, another was drawn
    LowerPriority, // eligible, but a group with a smaller priority number had an eligible account
    RuleDisabled,
    AccountDisabled,
    Excluded,             // failed this payment already (fallback)
    CurrencyMismatch,     // the account takes another currency
    OverTransactionLimit, // amount > the account's per-transaction limit
    OverDailyLimit,       // used today + amount > the account's daily limit
};

// One routing rule's line in the "why this account" view.
struct RouteStep
{
    qint64 ruleId = 0;
    qint64 accountId = 0;
    QString accountName;
    int priority = 0;
    int weight = 0;
    RouteOutcome outcome = RouteOutcome::NotDrawn;
    int shareBasisPoints = 0; // Chosen/Eligible/NotDrawn: weight / group weight, 10000 = 100 %
    Money limit;              // OverTransactionLimit / OverDailyLimit: the limit
    Money usedToday;          // OverDailyLimit: the day's usage before this payment
    QString reason;           // English, for the cli and logs; the console builds its own text from the fields

    static QString outcomeName(RouteOutcome outcome); // "chosen", "over_daily_limit", …
    // "70 %", "33.33 %"
    static QString shareText(int basisPoints);
};

// The router's answer: the account to use (0 when none, or from explain()), and a line for
// every rule of the merchant and method.
struct RouteDecision
{
    qint64 accountId = 0;
    QString accountName;
    int priority = 0;       // of the group the account came from; 0 when none
    QList<RouteStep> steps; // by priority, then weight (largest first), then rule id

    // Every step's reason, one per line: "<account> (priority P, weight W): <reason>".
    QString explanation() const;
};

} // namespace paydesk
