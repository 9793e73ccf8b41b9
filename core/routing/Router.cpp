#include "core/routing/Router.h"

#include "core/channel/ChannelNames.h"

#include <QRandomGenerator>

#include <algorithm>

namespace paydesk::Router {

namespace {
QString money(const Money &amount)
{
    return amount.toString() + QLatin1Char(' ') + amount.currency().code();
}

// Judges every rule on its own; eligible ones are left as NotDrawn for the draw to settle.
RouteDecision judge(const RouteRequest &request, const QList<RouteCandidate> &candidates)
{
    QList<RouteCandidate> ordered = candidates;
    std::sort(ordered.begin(), ordered.end(), [](const RouteCandidate &a, const RouteCandidate &b) {
        if (a.rule.priority != b.rule.priority)
            return a.rule.priority < b.rule.priority;
        if (a.rule.weight != b.rule.weight)
            return a.rule.weight > b.rule.weight;
        return a.rule.id < b.rule.id;
    });
    RouteDecision decision;
    for (const RouteCandidate &candidate : std::as_const(ordered)) {
        RouteStep step;
        step.ruleId = candidate.rule.id;
        step.accountId = candidate.account.id;
        step.accountName = candidate.account.name;
        step.priority = candidate.rule.priority;
        step.weight = candidate.rule.weight;
        const ChannelAccount &account = candidate.account;
        qint64 after = 0;
        if (!candidate.rule.enabled) {
            step.outcome = RouteOutcome::RuleDisabled;
            step.reason = QStringLiteral("skipped: the rule is disabled");
        } else if (!account.enabled) {
            step.outcome = RouteOutcome::AccountDisabled;
            step.reason = QStringLiteral("skipped: the channel account is disabled");
        } else if (request.excludedAccountIds.contains(account.id)) {
            step.outcome = RouteOutcome::Excluded;
            step.reason = QStringLiteral("skipped: excluded (already failed for this payment)");
        } else if (account.currency != request.amount.currency()) {
            step.outcome = RouteOutcome::CurrencyMismatch;
            step.reason = QStringLiteral("skipped: the account takes %1, the payment is in %2")
                              .arg(account.currency.code(), request.amount.currency().code());
        } else if (account.hasPerTransactionLimit() && request.amount.minor() > account.perTransactionLimit.minor()) {
            step.outcome = RouteOutcome::OverTransactionLimit;
            step.limit = account.perTransactionLimit;
            step.reason = QStringLiteral("skipped: %1 is over the per-transaction limit of %2")
                              .arg(money(request.amount), money(account.perTransactionLimit));
        } else if (account.hasDailyLimit() &&
                   (addOverflows(candidate.usedToday.minor(), request.amount.minor(), &after) ||
                    after > account.dailyLimit.minor())) {
            step.outcome = RouteOutcome::OverDailyLimit;
            step.limit = account.dailyLimit;
            step.usedToday = candidate.usedToday;
            step.reason = QStringLiteral("skipped: over the daily limit: %1 used on %2 + %3 > %4")
                              .arg(money(candidate.usedToday), request.businessDate.toString(Qt::ISODate),
                                   money(request.amount), money(account.dailyLimit));
        } else {
            step.outcome = RouteOutcome::NotDrawn; // eligible; settled below
        }
        decision.steps << step;
    }
    int group = 0;
    for (const RouteStep &step : std::as_const(decision.steps)) {
        if (step.outcome == RouteOutcome::NotDrawn) {
            group = step.priority;
            break;
        }
    }
    decision.priority = group;
    qint64 total = 0;
    for (const RouteStep &step : std::as_const(decision.steps)) {
        if (step.outcome == RouteOutcome::NotDrawn && step.priority == group)
            total += step.weight;
    }
    for (RouteStep &step : decision.steps) {
        if (step.outcome != RouteOutcome::NotDrawn)
            continue;
        if (step.priority != group) {
            step.outcome = RouteOutcome::LowerPriority;
            step.reason = QStringLiteral("eligible, but priority %1 comes first").arg(group);
            continue;
        }
        // Half-up basis points of the group's weight.
        step.shareBasisPoints = int((qint64(step.weight) * 20000 + total) / (2 * total));
    }
    return decision;
}

QString shareReason(const RouteStep &step, qint64 total)
{
    return QStringLiteral("weight %1 of %2 (%3)")
        .arg(step.weight)
        .arg(total)
        .arg(RouteStep::shareText(step.shareBasisPoints));
}

qint64 groupWeight(const RouteDecision &decision)
{
    qint64 total = 0;
    for (const RouteStep &step : decision.steps) {
        if (step.outcome == RouteOutcome::NotDrawn && step.priority == decision.priority)
            total += step.weight;
    }
    return total;
}

Error noRoute(const RouteRequest &request, const RouteDecision &decision)
{
    QStringList reasons;
    for (const RouteStep &step : decision.steps)
        reasons << step.accountName + QStringLiteral(": ") + step.reason;
    if (reasons.isEmpty())
        reasons << QStringLiteral("no routing rule");
    return Error(ErrorCode::NoRoute, QStringLiteral("merchant %1, %2 of %3: %4")
                                         .arg(request.merchantId)
                                         .arg(ChannelNames::method(request.method), money(request.amount),
                                              reasons.join(QStringLiteral("; "))));
}
} // namespace

Result<RouteDecision> route(const RouteRequest &request, const QList<RouteCandidate> &candidates,
                            QRandomGenerator &random)
{
    RouteDecision decision = judge(request, candidates);
    const qint64 total = groupWeight(decision);
    if (total == 0)
        return noRoute(request, decision);
    // Weights are at most 10000 each, so the group's total fits a 32-bit draw.
    qint64 draw = random.bounded(quint32(total));
    bool drawn = false;
    for (RouteStep &step : decision.steps) {
        if (step.outcome != RouteOutcome::NotDrawn || step.priority != decision.priority)
            continue;
        if (!drawn && draw < step.weight) {
            drawn = true;
            step.outcome = RouteOutcome::Chosen;
            step.reason = QStringLiteral("chosen: ") + shareReason(step, total);
            decision.accountId = step.accountId;
            decision.accountName = step.accountName;
        } else {
            step.reason = QStringLiteral("not drawn: ") + shareReason(step, total);
        }
        draw -= step.weight;
    }
    return decision;
}

RouteDecision explain(const RouteRequest &request, const QList<RouteCandidate> &candidates)
{
    RouteDecision decision = judge(request, candidates);
    const qint64 total = groupWeight(decision);
    for (RouteStep &step : decision.steps) {
        if (step.outcome != RouteOutcome::NotDrawn || step.priority != decision.priority)
            continue;
        step.outcome = RouteOutcome::Eligible;
        step.reason = QStringLiteral("eligible: drawn with ") + shareReason(step, total);
    }
    return decision;
}

} // namespace paydesk::Router
