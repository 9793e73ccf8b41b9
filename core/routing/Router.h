#pragma once

#include "core/channel/account/ChannelAccount.h"
#include "core/routing/RouteDecision.h"
#include "core/routing/RouteRequest.h"
#include "core/routing/RoutingRule.h"
#include "core/util/Result.h"

class QRandomGenerator;

namespace paydesk {

// A rule with what the router needs to judge it: its account and the account's usage on the
// request's business date.
struct RouteCandidate
{
    RoutingRule rule;
    ChannelAccount account;
    Money usedToday;
};

// The routing decision itself, on data already loaded (no database, no clock): which rules are
// eligible, the first priority group that has any, and a weighted draw within it. The random
// source is the caller's, so a seeded generator repeats its choices.
namespace Router {

// NoRoute (with every rule's reason in the detail) when no rule is eligible.
Result<RouteDecision> route(const RouteRequest &request, const QList<RouteCandidate> &candidates,
                            QRandomGenerator &random);
// The same judgement without a draw: the winning group's rules are Eligible with their shares.
RouteDecision explain(const RouteRequest &request, const QList<RouteCandidate> &candidates);

} // namespace Router
} // namespace paydesk
