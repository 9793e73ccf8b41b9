# core/fee: see the headers for what each class is for.
target_sources(paycore PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/EffectiveRate.h
    ${CMAKE_CURRENT_LIST_DIR}/EffectiveRates.cpp ${CMAKE_CURRENT_LIST_DIR}/EffectiveRates.h
    ${CMAKE_CURRENT_LIST_DIR}/FeeQuote.h
    ${CMAKE_CURRENT_LIST_DIR}/FeeService.cpp ${CMAKE_CURRENT_LIST_DIR}/FeeService.h
    ${CMAKE_CURRENT_LIST_DIR}/FeeStore.cpp ${CMAKE_CURRENT_LIST_DIR}/FeeStore.h
    ${CMAKE_CURRENT_LIST_DIR}/FeeTemplate.h
    ${CMAKE_CURRENT_LIST_DIR}/FeeTemplates.cpp ${CMAKE_CURRENT_LIST_DIR}/FeeTemplates.h
)
