# Channel accounts and their credentials, and what the fee and routing panels take from the
# channel side: the pickers' directory (ChannelDirectory, ChoiceCombos) and the channel words (ChannelText).
target_sources(paywidgets PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/ChannelAccountDialog.cpp ${CMAKE_CURRENT_LIST_DIR}/ChannelAccountDialog.h
    ${CMAKE_CURRENT_LIST_DIR}/ChannelAccountModel.cpp ${CMAKE_CURRENT_LIST_DIR}/ChannelAccountModel.h
    ${CMAKE_CURRENT_LIST_DIR}/ChannelAccountsPanel.cpp ${CMAKE_CURRENT_LIST_DIR}/ChannelAccountsPanel.h
    ${CMAKE_CURRENT_LIST_DIR}/ChannelDirectory.cpp ${CMAKE_CURRENT_LIST_DIR}/ChannelDirectory.h
    ${CMAKE_CURRENT_LIST_DIR}/ChannelText.cpp ${CMAKE_CURRENT_LIST_DIR}/ChannelText.h
    ${CMAKE_CURRENT_LIST_DIR}/ChoiceCombos.cpp ${CMAKE_CURRENT_LIST_DIR}/ChoiceCombos.h
    ${CMAKE_CURRENT_LIST_DIR}/CredentialChangeModel.cpp ${CMAKE_CURRENT_LIST_DIR}/CredentialChangeModel.h
    ${CMAKE_CURRENT_LIST_DIR}/CredentialChangesView.cpp ${CMAKE_CURRENT_LIST_DIR}/CredentialChangesView.h
    ${CMAKE_CURRENT_LIST_DIR}/CredentialStatusModel.cpp ${CMAKE_CURRENT_LIST_DIR}/CredentialStatusModel.h
    ${CMAKE_CURRENT_LIST_DIR}/CredentialsView.cpp ${CMAKE_CURRENT_LIST_DIR}/CredentialsView.h
    ${CMAKE_CURRENT_LIST_DIR}/SetCredentialDialog.cpp ${CMAKE_CURRENT_LIST_DIR}/SetCredentialDialog.h
)
