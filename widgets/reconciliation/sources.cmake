# Reconciliation (对账): runs and their progress, the run history, the discrepancy pool with its
# maker-checker, the 30-day chart and the run diff.
target_sources(paywidgets PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/ColumnFit.cpp ${CMAKE_CURRENT_LIST_DIR}/ColumnFit.h
    ${CMAKE_CURRENT_LIST_DIR}/DiscrepancyChart.cpp ${CMAKE_CURRENT_LIST_DIR}/DiscrepancyChart.h
    ${CMAKE_CURRENT_LIST_DIR}/DiscrepancyDetailView.cpp ${CMAKE_CURRENT_LIST_DIR}/DiscrepancyDetailView.h
    ${CMAKE_CURRENT_LIST_DIR}/DiscrepancyFilterBar.cpp ${CMAKE_CURRENT_LIST_DIR}/DiscrepancyFilterBar.h
    ${CMAKE_CURRENT_LIST_DIR}/DiscrepancyModel.cpp ${CMAKE_CURRENT_LIST_DIR}/DiscrepancyModel.h
    ${CMAKE_CURRENT_LIST_DIR}/DiscrepancyPoolView.cpp ${CMAKE_CURRENT_LIST_DIR}/DiscrepancyPoolView.h
    ${CMAKE_CURRENT_LIST_DIR}/ProposeResolutionDialog.cpp ${CMAKE_CURRENT_LIST_DIR}/ProposeResolutionDialog.h
    ${CMAKE_CURRENT_LIST_DIR}/ReconciliationPanel.cpp ${CMAKE_CURRENT_LIST_DIR}/ReconciliationPanel.h
    ${CMAKE_CURRENT_LIST_DIR}/ReconciliationText.cpp ${CMAKE_CURRENT_LIST_DIR}/ReconciliationText.h
    ${CMAKE_CURRENT_LIST_DIR}/RunDiffModel.cpp ${CMAKE_CURRENT_LIST_DIR}/RunDiffModel.h
    ${CMAKE_CURRENT_LIST_DIR}/RunDiffView.cpp ${CMAKE_CURRENT_LIST_DIR}/RunDiffView.h
    ${CMAKE_CURRENT_LIST_DIR}/RunItemModel.cpp ${CMAKE_CURRENT_LIST_DIR}/RunItemModel.h
    ${CMAKE_CURRENT_LIST_DIR}/RunModel.cpp ${CMAKE_CURRENT_LIST_DIR}/RunModel.h
    ${CMAKE_CURRENT_LIST_DIR}/RunsView.cpp ${CMAKE_CURRENT_LIST_DIR}/RunsView.h
    ${CMAKE_CURRENT_LIST_DIR}/StartRunBox.cpp ${CMAKE_CURRENT_LIST_DIR}/StartRunBox.h
)
