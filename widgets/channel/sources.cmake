# Channel accounts, fee rates and templates, routing rules panels.
target_sources(paywidgets PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/ApplyTemplateDialog.cpp ${CMAKE_CURRENT_LIST_DIR}/ApplyTemplateDialog.h
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
    ${CMAKE_CURRENT_LIST_DIR}/RouteExplainModel.cpp ${CMAKE_CURRENT_LIST_DIR}/RouteExplainModel.h
    ${CMAKE_CURRENT_LIST_DIR}/RouteExplainView.cpp ${CMAKE_CURRENT_LIST_DIR}/RouteExplainView.h
    ${CMAKE_CURRENT_LIST_DIR}/RouteExplanation.h
    ${CMAKE_CURRENT_LIST_DIR}/RoutingPanel.cpp ${CMAKE_CURRENT_LIST_DIR}/RoutingPanel.h
    ${CMAKE_CURRENT_LIST_DIR}/RoutingRuleDialog.cpp ${CMAKE_CURRENT_LIST_DIR}/RoutingRuleDialog.h
    ${CMAKE_CURRENT_LIST_DIR}/RoutingRuleModel.cpp ${CMAKE_CURRENT_LIST_DIR}/RoutingRuleModel.h
    ${CMAKE_CURRENT_LIST_DIR}/SetCredentialDialog.cpp ${CMAKE_CURRENT_LIST_DIR}/SetCredentialDialog.h
    ${CMAKE_CURRENT_LIST_DIR}/SetRateDialog.cpp ${CMAKE_CURRENT_LIST_DIR}/SetRateDialog.h
)
