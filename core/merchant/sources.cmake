# core/merchant: see the headers for what each class is for.
target_sources(paycore PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/MerchantReference.cpp ${CMAKE_CURRENT_LIST_DIR}/MerchantReference.h
    ${CMAKE_CURRENT_LIST_DIR}/MerchantCsvImport.cpp ${CMAKE_CURRENT_LIST_DIR}/MerchantCsvImport.h
    ${CMAKE_CURRENT_LIST_DIR}/Application.cpp ${CMAKE_CURRENT_LIST_DIR}/Application.h
    ${CMAKE_CURRENT_LIST_DIR}/ApplicationKeyMaterial.cpp ${CMAKE_CURRENT_LIST_DIR}/ApplicationKeyMaterial.h
    ${CMAKE_CURRENT_LIST_DIR}/ApplicationService.cpp ${CMAKE_CURRENT_LIST_DIR}/ApplicationService.h
    ${CMAKE_CURRENT_LIST_DIR}/ApplicationStore.cpp ${CMAKE_CURRENT_LIST_DIR}/ApplicationStore.h
    ${CMAKE_CURRENT_LIST_DIR}/ApplicationValidator.cpp ${CMAKE_CURRENT_LIST_DIR}/ApplicationValidator.h
    ${CMAKE_CURRENT_LIST_DIR}/DocumentInspector.cpp ${CMAKE_CURRENT_LIST_DIR}/DocumentInspector.h
    ${CMAKE_CURRENT_LIST_DIR}/IpAllowlist.cpp ${CMAKE_CURRENT_LIST_DIR}/IpAllowlist.h
    ${CMAKE_CURRENT_LIST_DIR}/Merchant.h
    ${CMAKE_CURRENT_LIST_DIR}/MerchantDocument.cpp ${CMAKE_CURRENT_LIST_DIR}/MerchantDocument.h
    ${CMAKE_CURRENT_LIST_DIR}/MerchantDocumentStore.cpp ${CMAKE_CURRENT_LIST_DIR}/MerchantDocumentStore.h
    ${CMAKE_CURRENT_LIST_DIR}/MerchantDocuments.cpp ${CMAKE_CURRENT_LIST_DIR}/MerchantDocuments.h
    ${CMAKE_CURRENT_LIST_DIR}/MerchantLedger.cpp ${CMAKE_CURRENT_LIST_DIR}/MerchantLedger.h
    ${CMAKE_CURRENT_LIST_DIR}/MerchantMasking.cpp ${CMAKE_CURRENT_LIST_DIR}/MerchantMasking.h
    ${CMAKE_CURRENT_LIST_DIR}/MerchantService.cpp ${CMAKE_CURRENT_LIST_DIR}/MerchantService.h
    ${CMAKE_CURRENT_LIST_DIR}/MerchantStore.cpp ${CMAKE_CURRENT_LIST_DIR}/MerchantStore.h
    ${CMAKE_CURRENT_LIST_DIR}/MerchantTypes.cpp ${CMAKE_CURRENT_LIST_DIR}/MerchantTypes.h
    ${CMAKE_CURRENT_LIST_DIR}/MerchantValidator.cpp ${CMAKE_CURRENT_LIST_DIR}/MerchantValidator.h
    ${CMAKE_CURRENT_LIST_DIR}/MerchantWorkflow.cpp ${CMAKE_CURRENT_LIST_DIR}/MerchantWorkflow.h
    ${CMAKE_CURRENT_LIST_DIR}/RegistrationNumber.cpp ${CMAKE_CURRENT_LIST_DIR}/RegistrationNumber.h)
