# core/reconciliation: the matcher (对账) — see ReconciliationMatcher.h for how the parts fit — and
# the stores of statement files, runs, items and the discrepancy pool (docs/reconciliation.md).
target_sources(paycore PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/BothSidesAtOnce.cpp ${CMAKE_CURRENT_LIST_DIR}/BothSidesAtOnce.h
    ${CMAKE_CURRENT_LIST_DIR}/ChannelRecord.cpp ${CMAKE_CURRENT_LIST_DIR}/ChannelRecord.h
    ${CMAKE_CURRENT_LIST_DIR}/DayCutOff.cpp ${CMAKE_CURRENT_LIST_DIR}/DayCutOff.h
    ${CMAKE_CURRENT_LIST_DIR}/DiscrepancyStore.cpp ${CMAKE_CURRENT_LIST_DIR}/DiscrepancyStore.h
    ${CMAKE_CURRENT_LIST_DIR}/Discrepancy.h
    ${CMAKE_CURRENT_LIST_DIR}/IdHash.h
    ${CMAKE_CURRENT_LIST_DIR}/KeyChains.h
    ${CMAKE_CURRENT_LIST_DIR}/MatchOutcome.cpp ${CMAKE_CURRENT_LIST_DIR}/MatchOutcome.h
    ${CMAKE_CURRENT_LIST_DIR}/PartitionMatcher.cpp ${CMAKE_CURRENT_LIST_DIR}/PartitionMatcher.h
    ${CMAKE_CURRENT_LIST_DIR}/PartitionSpill.cpp ${CMAKE_CURRENT_LIST_DIR}/PartitionSpill.h
    ${CMAKE_CURRENT_LIST_DIR}/PlatformSide.cpp ${CMAKE_CURRENT_LIST_DIR}/PlatformSide.h
    ${CMAKE_CURRENT_LIST_DIR}/PlatformRecord.cpp ${CMAKE_CURRENT_LIST_DIR}/PlatformRecord.h
    ${CMAKE_CURRENT_LIST_DIR}/ReconciliationKinds.cpp ${CMAKE_CURRENT_LIST_DIR}/ReconciliationKinds.h
    ${CMAKE_CURRENT_LIST_DIR}/ReconciliationItem.cpp ${CMAKE_CURRENT_LIST_DIR}/ReconciliationRecords.h
    ${CMAKE_CURRENT_LIST_DIR}/ReconciliationMatcher.cpp ${CMAKE_CURRENT_LIST_DIR}/ReconciliationMatcher.h
    ${CMAKE_CURRENT_LIST_DIR}/ReconciliationMetrics.cpp ${CMAKE_CURRENT_LIST_DIR}/ReconciliationMetrics.h
    ${CMAKE_CURRENT_LIST_DIR}/ReconciliationSchedule.cpp ${CMAKE_CURRENT_LIST_DIR}/ReconciliationSchedule.h
    ${CMAKE_CURRENT_LIST_DIR}/ReconciliationScheduler.cpp ${CMAKE_CURRENT_LIST_DIR}/ReconciliationScheduler.h
    ${CMAKE_CURRENT_LIST_DIR}/ReconciliationRunStore.cpp ${CMAKE_CURRENT_LIST_DIR}/ReconciliationRunStore.h
    ${CMAKE_CURRENT_LIST_DIR}/ReconciliationStates.cpp ${CMAKE_CURRENT_LIST_DIR}/ReconciliationStates.h
    ${CMAKE_CURRENT_LIST_DIR}/ReconciliationOptions.h
    ${CMAKE_CURRENT_LIST_DIR}/ReconciliationReads.cpp
    ${CMAKE_CURRENT_LIST_DIR}/ReconciliationService.cpp ${CMAKE_CURRENT_LIST_DIR}/ReconciliationService.h
    ${CMAKE_CURRENT_LIST_DIR}/ReconciliationSummary.cpp ${CMAKE_CURRENT_LIST_DIR}/ReconciliationSummary.h
    ${CMAKE_CURRENT_LIST_DIR}/ReconciliationSummaryJson.cpp ${CMAKE_CURRENT_LIST_DIR}/ReconciliationSummaryJson.h
    ${CMAKE_CURRENT_LIST_DIR}/SpilledMatch.cpp ${CMAKE_CURRENT_LIST_DIR}/SpilledMatch.h
    ${CMAKE_CURRENT_LIST_DIR}/SpillPlan.cpp ${CMAKE_CURRENT_LIST_DIR}/SpillPlan.h
    ${CMAKE_CURRENT_LIST_DIR}/StatementArchive.cpp ${CMAKE_CURRENT_LIST_DIR}/StatementArchive.h
    ${CMAKE_CURRENT_LIST_DIR}/StatementIntake.cpp ${CMAKE_CURRENT_LIST_DIR}/StatementIntake.h
    ${CMAKE_CURRENT_LIST_DIR}/StatementFileStore.cpp ${CMAKE_CURRENT_LIST_DIR}/StatementFileStore.h
    ${CMAKE_CURRENT_LIST_DIR}/RecordChecks.cpp ${CMAKE_CURRENT_LIST_DIR}/RecordChecks.h
    ${CMAKE_CURRENT_LIST_DIR}/ResolutionPostings.cpp ${CMAKE_CURRENT_LIST_DIR}/ResolutionPostings.h
    ${CMAKE_CURRENT_LIST_DIR}/ResolutionProposal.h ${CMAKE_CURRENT_LIST_DIR}/ResolutionRules.cpp
    ${CMAKE_CURRENT_LIST_DIR}/ResolutionWorkflow.cpp ${CMAKE_CURRENT_LIST_DIR}/RunDiff.h
    ${CMAKE_CURRENT_LIST_DIR}/ReconciliationStory.cpp ${CMAKE_CURRENT_LIST_DIR}/ReconciliationStory.h
    ${CMAKE_CURRENT_LIST_DIR}/RecordCodec.cpp ${CMAKE_CURRENT_LIST_DIR}/RecordCodec.h
    ${CMAKE_CURRENT_LIST_DIR}/RunDiff.cpp ${CMAKE_CURRENT_LIST_DIR}/RunDiff.h
)
