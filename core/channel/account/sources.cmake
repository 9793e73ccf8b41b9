# core/channel/account: see the headers for what each class is for.
target_sources(paycore PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/ChannelAccount.cpp ${CMAKE_CURRENT_LIST_DIR}/ChannelAccount.h
    ${CMAKE_CURRENT_LIST_DIR}/ChannelAccountService.cpp ${CMAKE_CURRENT_LIST_DIR}/ChannelAccountService.h
    ${CMAKE_CURRENT_LIST_DIR}/ChannelAccountStore.cpp ${CMAKE_CURRENT_LIST_DIR}/ChannelAccountStore.h
    ${CMAKE_CURRENT_LIST_DIR}/ChannelAccountUsage.cpp ${CMAKE_CURRENT_LIST_DIR}/ChannelAccountUsage.h
    ${CMAKE_CURRENT_LIST_DIR}/ChannelAccountUsageStore.cpp ${CMAKE_CURRENT_LIST_DIR}/ChannelAccountUsageStore.h
    ${CMAKE_CURRENT_LIST_DIR}/ChannelAccountValidator.cpp ${CMAKE_CURRENT_LIST_DIR}/ChannelAccountValidator.h
    ${CMAKE_CURRENT_LIST_DIR}/ChannelAdapterFactory.cpp ${CMAKE_CURRENT_LIST_DIR}/ChannelAdapterFactory.h
    ${CMAKE_CURRENT_LIST_DIR}/ChannelConnectionTest.cpp ${CMAKE_CURRENT_LIST_DIR}/ChannelConnectionTest.h
    ${CMAKE_CURRENT_LIST_DIR}/ChannelCredentialItems.cpp ${CMAKE_CURRENT_LIST_DIR}/ChannelCredentialItems.h
    ${CMAKE_CURRENT_LIST_DIR}/ConnectionTestResult.h
    ${CMAKE_CURRENT_LIST_DIR}/CredentialChange.cpp ${CMAKE_CURRENT_LIST_DIR}/CredentialChange.h
    ${CMAKE_CURRENT_LIST_DIR}/CredentialChanges.cpp ${CMAKE_CURRENT_LIST_DIR}/CredentialChanges.h
    ${CMAKE_CURRENT_LIST_DIR}/CredentialChangeStore.cpp ${CMAKE_CURRENT_LIST_DIR}/CredentialChangeStore.h
    ${CMAKE_CURRENT_LIST_DIR}/CredentialFingerprints.cpp ${CMAKE_CURRENT_LIST_DIR}/CredentialFingerprints.h
)
