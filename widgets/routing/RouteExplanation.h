#pragma once

#include "core/routing/RouteDecision.h"
#include "core/routing/RouteRequest.h"

#include <QSet>

namespace paydesk {

// What the "why this account" view shows: the question, the router's judgement of every rule
// (RoutingService::explain, no draw), and which accounts lack credentials — the router does not
// look at the vault, so an account can be eligible and still fail at the channel.
struct RouteExplanation
{
    RouteRequest request;
    RouteDecision decision;
    QSet<qint64> incompleteCredentials; // account ids

    // The steps that would share the payment (outcome Eligible), in the router's order.
    QList<RouteStep> eligible() const
    {
        QList<RouteStep> steps;
        for (const RouteStep &step : decision.steps) {
            if (step.outcome == RouteOutcome::Eligible || step.outcome == RouteOutcome::Chosen)
                steps << step;
        }
        return steps;
    }
};

} // namespace paydesk
