# Merchants, review queue, documents and applications panels.
target_sources(paywidgets PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/ApplicationDialog.cpp ${CMAKE_CURRENT_LIST_DIR}/ApplicationDialog.h
    ${CMAKE_CURRENT_LIST_DIR}/ApplicationKeyModel.cpp ${CMAKE_CURRENT_LIST_DIR}/ApplicationKeyModel.h
    ${CMAKE_CURRENT_LIST_DIR}/ApplicationKeysView.cpp ${CMAKE_CURRENT_LIST_DIR}/ApplicationKeysView.h
    ${CMAKE_CURRENT_LIST_DIR}/ApplicationModel.cpp ${CMAKE_CURRENT_LIST_DIR}/ApplicationModel.h
    ${CMAKE_CURRENT_LIST_DIR}/ApplicationsPanel.cpp ${CMAKE_CURRENT_LIST_DIR}/ApplicationsPanel.h
    ${CMAKE_CURRENT_LIST_DIR}/AttachDocumentDialog.cpp ${CMAKE_CURRENT_LIST_DIR}/AttachDocumentDialog.h
    ${CMAKE_CURRENT_LIST_DIR}/DocumentPreview.cpp ${CMAKE_CURRENT_LIST_DIR}/DocumentPreview.h
    ${CMAKE_CURRENT_LIST_DIR}/MerchantActions.cpp ${CMAKE_CURRENT_LIST_DIR}/MerchantActions.h
    ${CMAKE_CURRENT_LIST_DIR}/MerchantBalancesTab.cpp ${CMAKE_CURRENT_LIST_DIR}/MerchantBalancesTab.h
    ${CMAKE_CURRENT_LIST_DIR}/MerchantDetailView.cpp ${CMAKE_CURRENT_LIST_DIR}/MerchantDetailView.h
    ${CMAKE_CURRENT_LIST_DIR}/MerchantDocumentModel.cpp ${CMAKE_CURRENT_LIST_DIR}/MerchantDocumentModel.h
    ${CMAKE_CURRENT_LIST_DIR}/MerchantDocumentsTab.cpp ${CMAKE_CURRENT_LIST_DIR}/MerchantDocumentsTab.h
    ${CMAKE_CURRENT_LIST_DIR}/MerchantFilterBar.cpp ${CMAKE_CURRENT_LIST_DIR}/MerchantFilterBar.h
    ${CMAKE_CURRENT_LIST_DIR}/MerchantHistoryModel.cpp ${CMAKE_CURRENT_LIST_DIR}/MerchantHistoryModel.h
    ${CMAKE_CURRENT_LIST_DIR}/MerchantHistoryTab.cpp ${CMAKE_CURRENT_LIST_DIR}/MerchantHistoryTab.h
    ${CMAKE_CURRENT_LIST_DIR}/MerchantModel.cpp ${CMAKE_CURRENT_LIST_DIR}/MerchantModel.h
    ${CMAKE_CURRENT_LIST_DIR}/MerchantProfileForm.cpp ${CMAKE_CURRENT_LIST_DIR}/MerchantProfileForm.h
    ${CMAKE_CURRENT_LIST_DIR}/MerchantsPanel.cpp ${CMAKE_CURRENT_LIST_DIR}/MerchantsPanel.h
    ${CMAKE_CURRENT_LIST_DIR}/MerchantText.cpp ${CMAKE_CURRENT_LIST_DIR}/MerchantText.h
    ${CMAKE_CURRENT_LIST_DIR}/NewMerchantDialog.cpp ${CMAKE_CURRENT_LIST_DIR}/NewMerchantDialog.h
    ${CMAKE_CURRENT_LIST_DIR}/ReasonDialog.cpp ${CMAKE_CURRENT_LIST_DIR}/ReasonDialog.h
    ${CMAKE_CURRENT_LIST_DIR}/ReviewQueuePanel.cpp ${CMAKE_CURRENT_LIST_DIR}/ReviewQueuePanel.h
    ${CMAKE_CURRENT_LIST_DIR}/RsaKeyDialog.cpp ${CMAKE_CURRENT_LIST_DIR}/RsaKeyDialog.h
    ${CMAKE_CURRENT_LIST_DIR}/SecretShownOnceDialog.cpp ${CMAKE_CURRENT_LIST_DIR}/SecretShownOnceDialog.h
    ${CMAKE_CURRENT_LIST_DIR}/TableColumns.cpp ${CMAKE_CURRENT_LIST_DIR}/TableColumns.h
)
