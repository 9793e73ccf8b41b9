# core/payment: orders and refunds (states, ledger postings); see the headers.
target_sources(paycore PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/PaymentPostings.cpp ${CMAKE_CURRENT_LIST_DIR}/PaymentPostings.h
    ${CMAKE_CURRENT_LIST_DIR}/PaymentStates.cpp ${CMAKE_CURRENT_LIST_DIR}/PaymentStates.h
    ${CMAKE_CURRENT_LIST_DIR}/ReconciliationSourceStore.cpp ${CMAKE_CURRENT_LIST_DIR}/ReconciliationSourceStore.h
)
target_sources(paycore PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/PaymentOrder.h
    ${CMAKE_CURRENT_LIST_DIR}/PaymentEventKind.cpp ${CMAKE_CURRENT_LIST_DIR}/PaymentEventKind.h
    ${CMAKE_CURRENT_LIST_DIR}/PaymentOrderStore.cpp ${CMAKE_CURRENT_LIST_DIR}/PaymentOrderStore.h
    ${CMAKE_CURRENT_LIST_DIR}/PaymentStoreBulk.cpp
    ${CMAKE_CURRENT_LIST_DIR}/PaymentService.cpp ${CMAKE_CURRENT_LIST_DIR}/PaymentService.h
)
target_sources(paycore PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/PaymentRecords.cpp ${CMAKE_CURRENT_LIST_DIR}/PaymentRecords.h
    ${CMAKE_CURRENT_LIST_DIR}/PaymentRefundStore.cpp ${CMAKE_CURRENT_LIST_DIR}/PaymentRefundStore.h
    ${CMAKE_CURRENT_LIST_DIR}/RefundService.cpp ${CMAKE_CURRENT_LIST_DIR}/RefundService.h
)
target_sources(paycore PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/CallbackService.cpp ${CMAKE_CURRENT_LIST_DIR}/CallbackService.h
    ${CMAKE_CURRENT_LIST_DIR}/CallbackConfirmation.cpp ${CMAKE_CURRENT_LIST_DIR}/CallbackConfirmation.h
    ${CMAKE_CURRENT_LIST_DIR}/CallbackThrottle.cpp ${CMAKE_CURRENT_LIST_DIR}/CallbackThrottle.h
)
target_sources(paycore PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/NotificationService.cpp ${CMAKE_CURRENT_LIST_DIR}/NotificationService.h
    ${CMAKE_CURRENT_LIST_DIR}/NotificationStore.cpp ${CMAKE_CURRENT_LIST_DIR}/NotificationStore.h
    ${CMAKE_CURRENT_LIST_DIR}/PaymentJson.cpp ${CMAKE_CURRENT_LIST_DIR}/PaymentJson.h
    ${CMAKE_CURRENT_LIST_DIR}/PaymentNotification.cpp ${CMAKE_CURRENT_LIST_DIR}/PaymentNotification.h
)
target_sources(paycore PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/OrderImport.cpp ${CMAKE_CURRENT_LIST_DIR}/OrderImport.h
)
target_sources(paycore PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/OperatorRefundRequest.cpp ${CMAKE_CURRENT_LIST_DIR}/OperatorRefundRequest.h
    ${CMAKE_CURRENT_LIST_DIR}/RefundRequests.cpp ${CMAKE_CURRENT_LIST_DIR}/RefundRequests.h
    ${CMAKE_CURRENT_LIST_DIR}/RefundRequestStore.cpp ${CMAKE_CURRENT_LIST_DIR}/RefundRequestStore.h
    ${CMAKE_CURRENT_LIST_DIR}/RefundAttention.cpp ${CMAKE_CURRENT_LIST_DIR}/RefundAttention.h
)
target_sources(paycore PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/search/OrderQuery.h
    ${CMAKE_CURRENT_LIST_DIR}/search/OrderSearch.cpp ${CMAKE_CURRENT_LIST_DIR}/search/OrderSearch.h
    ${CMAKE_CURRENT_LIST_DIR}/search/OrderSearchStore.cpp ${CMAKE_CURRENT_LIST_DIR}/search/OrderSearchStore.h
    ${CMAKE_CURRENT_LIST_DIR}/search/OrderStory.cpp ${CMAKE_CURRENT_LIST_DIR}/search/OrderStory.h
)
