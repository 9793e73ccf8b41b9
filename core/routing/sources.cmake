# core/routing: see the headers for what each class is for.
target_sources(paycore PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/RouteDecision.cpp ${CMAKE_CURRENT_LIST_DIR}/RouteDecision.h
    ${CMAKE_CURRENT_LIST_DIR}/RouteRequest.h
    ${CMAKE_CURRENT_LIST_DIR}/Router.cpp ${CMAKE_CURRENT_LIST_DIR}/Router.h
    ${CMAKE_CURRENT_LIST_DIR}/RoutingRule.h
    ${CMAKE_CURRENT_LIST_DIR}/RoutingRules.cpp ${CMAKE_CURRENT_LIST_DIR}/RoutingRules.h
    ${CMAKE_CURRENT_LIST_DIR}/RoutingRuleStore.cpp ${CMAKE_CURRENT_LIST_DIR}/RoutingRuleStore.h
    ${CMAKE_CURRENT_LIST_DIR}/RoutingService.cpp ${CMAKE_CURRENT_LIST_DIR}/RoutingService.h
)
