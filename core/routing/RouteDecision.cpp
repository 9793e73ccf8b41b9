#include "core/routing/RouteDecision.h"

#include <QStringList>

namespace paydesk {

QString RouteStep::outcomeName(RouteOutcome outcome)
{
    switch (outcome) {
    case RouteOutcome::Chosen:
        return QStringLiteral("chosen");
    case RouteOutcome::Eligible:
        return QStringLiteral("eligible");
    case RouteOutcome::NotDrawn:
        return QStringLiteral("not_drawn");
    case RouteOutcome::LowerPriority:
        return QStringLiteral("lower_priority");
    case RouteOutcome::RuleDisabled:
        return QStringLiteral("rule_disabled");
    case RouteOutcome::AccountDisabled:
        return QStringLiteral("account_disabled");
    case RouteOutcome::Excluded:
        return QStringLiteral("excluded");
    case RouteOutcome::CurrencyMismatch:
        return QStringLiteral("currency_mismatch");
    case RouteOutcome::OverTransactionLimit:
        return QStringLiteral("over_transaction_limit");
    case RouteOutcome::OverDailyLimit:
        return QStringLiteral("over_daily_limit");
    }
    return {};
}

QString RouteStep::shareText(int basisPoints)
{
    const int whole = basisPoints / 100;
    const int fraction = basisPoints % 100;
    if (fraction == 0)
        return QStringLiteral("%1 %").arg(whole);
    if (fraction % 10 == 0)
        return QStringLiteral("%1.%2 %").arg(whole).arg(fraction / 10);
    return QStringLiteral("%1.%2 %").arg(whole).arg(fraction, 2, 10, QLatin1Char('0'));
}

QString RouteDecision::explanation() const
{
    QStringList lines;
    for (const RouteStep &step : steps)
        lines << QStringLiteral("%1 (priority %2, weight %3): %4")
                     .arg(step.accountName)
                     .arg(step.priority)
                     .arg(step.weight)
                     .arg(step.reason);
    return lines.join(QLatin1Char('\n'));
}

} // namespace paydesk
