# core/gateway: the gateway API for applications, independent of the HTTP server that carries it.
target_sources(paycore PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/GatewayAuthenticator.cpp ${CMAKE_CURRENT_LIST_DIR}/GatewayAuthenticator.h
    ${CMAKE_CURRENT_LIST_DIR}/GatewayHttp.h
    ${CMAKE_CURRENT_LIST_DIR}/GatewayService.cpp ${CMAKE_CURRENT_LIST_DIR}/GatewayService.h
    ${CMAKE_CURRENT_LIST_DIR}/GatewaySignature.cpp ${CMAKE_CURRENT_LIST_DIR}/GatewaySignature.h
    ${CMAKE_CURRENT_LIST_DIR}/GatewayStore.cpp ${CMAKE_CURRENT_LIST_DIR}/GatewayStore.h
    ${CMAKE_CURRENT_LIST_DIR}/PlatformKey.cpp ${CMAKE_CURRENT_LIST_DIR}/PlatformKey.h
)
target_sources(paycore PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/GatewayMetrics.cpp ${CMAKE_CURRENT_LIST_DIR}/GatewayMetrics.h
    ${CMAKE_CURRENT_LIST_DIR}/GatewayScheduler.cpp ${CMAKE_CURRENT_LIST_DIR}/GatewayScheduler.h
    ${CMAKE_CURRENT_LIST_DIR}/NotificationDispatcher.cpp ${CMAKE_CURRENT_LIST_DIR}/NotificationDispatcher.h
    ${CMAKE_CURRENT_LIST_DIR}/NotificationDelivery.cpp ${CMAKE_CURRENT_LIST_DIR}/NotificationDelivery.h
)
# nlohmann's JSON parser (header-only) is seen by StrictJson.cpp alone.
find_package(nlohmann_json 3 REQUIRED)
target_sources(paycore PRIVATE ${CMAKE_CURRENT_LIST_DIR}/StrictJson.cpp ${CMAKE_CURRENT_LIST_DIR}/StrictJson.h)
target_link_libraries(paycore PRIVATE nlohmann_json::nlohmann_json)
