# Routing: rules per merchant and method, and why a payment goes to an account.
target_sources(paywidgets PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/RouteExplainModel.cpp ${CMAKE_CURRENT_LIST_DIR}/RouteExplainModel.h
    ${CMAKE_CURRENT_LIST_DIR}/RouteExplainView.cpp ${CMAKE_CURRENT_LIST_DIR}/RouteExplainView.h
    ${CMAKE_CURRENT_LIST_DIR}/RouteExplanation.h
    ${CMAKE_CURRENT_LIST_DIR}/RoutingPanel.cpp ${CMAKE_CURRENT_LIST_DIR}/RoutingPanel.h
    ${CMAKE_CURRENT_LIST_DIR}/RoutingRuleDialog.cpp ${CMAKE_CURRENT_LIST_DIR}/RoutingRuleDialog.h
    ${CMAKE_CURRENT_LIST_DIR}/RoutingRuleModel.cpp ${CMAKE_CURRENT_LIST_DIR}/RoutingRuleModel.h
)
