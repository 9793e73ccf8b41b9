# Fees: rates per merchant and account, fee templates, quotes.
target_sources(paywidgets PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/ApplyTemplateDialog.cpp ${CMAKE_CURRENT_LIST_DIR}/ApplyTemplateDialog.h
    ${CMAKE_CURRENT_LIST_DIR}/CurrentRateModel.cpp ${CMAKE_CURRENT_LIST_DIR}/CurrentRateModel.h
    ${CMAKE_CURRENT_LIST_DIR}/FeeQuoteView.cpp ${CMAKE_CURRENT_LIST_DIR}/FeeQuoteView.h
    ${CMAKE_CURRENT_LIST_DIR}/FeeTemplateDialog.cpp ${CMAKE_CURRENT_LIST_DIR}/FeeTemplateDialog.h
    ${CMAKE_CURRENT_LIST_DIR}/FeeTemplateModel.cpp ${CMAKE_CURRENT_LIST_DIR}/FeeTemplateModel.h
    ${CMAKE_CURRENT_LIST_DIR}/FeeTemplatesView.cpp ${CMAKE_CURRENT_LIST_DIR}/FeeTemplatesView.h
    ${CMAKE_CURRENT_LIST_DIR}/FeesPanel.cpp ${CMAKE_CURRENT_LIST_DIR}/FeesPanel.h
    ${CMAKE_CURRENT_LIST_DIR}/MerchantRatesView.cpp ${CMAKE_CURRENT_LIST_DIR}/MerchantRatesView.h
    ${CMAKE_CURRENT_LIST_DIR}/RateHistoryModel.cpp ${CMAKE_CURRENT_LIST_DIR}/RateHistoryModel.h
    ${CMAKE_CURRENT_LIST_DIR}/RateSchedule.h
    ${CMAKE_CURRENT_LIST_DIR}/RateScheduleView.cpp ${CMAKE_CURRENT_LIST_DIR}/RateScheduleView.h
    ${CMAKE_CURRENT_LIST_DIR}/SetRateDialog.cpp ${CMAKE_CURRENT_LIST_DIR}/SetRateDialog.h
)
