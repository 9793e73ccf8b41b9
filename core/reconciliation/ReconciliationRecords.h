#pragma once

#include "core/reconciliation/Discrepancy.h"
#include "core/reconciliation/ReconciliationStates.h"

#include <QDate>
#include <QDateTime>
#include <QJsonObject>

#include <optional>

namespace paydesk {

// A statement file as kept (StatementArchive): its bytes are in the chunks, not here.
struct KeptStatementFile
{
    qint64 id = 0;
    qint64 channelAccountId = 0;
    QDate billDate;
    QString sha256; // lowercase hex
    qint64 byteSize = 0;
    int chunkCount = 0;
    QString format; // statementFormatName
    QString fileName;
    StatementOrigin origin = StatementOrigin::Import;
    QDateTime keptAt;
    QString keptBy;
};

// One run of one channel account and bill date (recon_run).
struct ReconciliationRun
{
    qint64 id = 0;
    qint64 channelAccountId = 0;
    QDate billDate;
    qint64 statementFileId = 0; // 0: none yet
    ReconciliationRunStatus status = ReconciliationRunStatus::Running;
    qint64 supersededByRunId = 0; // 0: the current run of its account and date (when completed)
    QDateTime startedAt;
    QDateTime heartbeatAt;
    QDateTime finishedAt; // invalid while running
    QString startedBy;
    QJsonObject summary;
    QJsonObject settings;
    QString error;
};

// One item a run did not match (recon_item): a discrepancy or a carried_over item, with what each
// side said. A side the item lacks has no amounts and empty ids.
struct ReconciliationItem
{
    qint64 id = 0;
    qint64 runId = 0;
    DiscrepancyCategory category = DiscrepancyCategory::ChannelOnly;
    RecordType type = RecordType::Payment;
    QString matchKey; // the pool's key (recon_discrepancy): see matchKeyOf
    QString orderNo;
    QString refundNo;
    QString channelTransactionId;
    QString channelRefundNo;
    std::optional<qint64> channelAmount; // minor units of `currency`
    std::optional<qint64> platformAmount;
    std::optional<qint64> channelFee;
    std::optional<qint64> platformFee;
    Currency currency = Currency::cny();
    std::optional<StatementLineStatus> channelStatus;
    std::optional<PlatformStatus> platformStatus;
    QDateTime tradeTime;    // the channel's
    QDateTime platformTime; // ours: paid at / refund succeeded at
    QString statementFile;
    qint64 lineNumber = 0;
    qint64 platformRowId = 0;   // the order's or refund's id, 0 without our side
    qint64 firstListedLine = 0; // duplicate_in_statement: the line that listed it first
    bool carried = false;       // fed in again from the previous day

    bool hasChannelSide() const { return channelAmount.has_value(); }
    bool hasPlatformSide() const { return platformAmount.has_value(); }

    // What the matcher handed over, ready to store.
    static ReconciliationItem fromDiscrepancy(const Discrepancy &discrepancy);
    // The sides again, for the next day's match of a carried_over item (only the side it has).
    std::optional<ChannelRecord> channelRecord() const;
    std::optional<PlatformRecord> platformRecord() const;
};

// The pool's key of an item: our number (order_no for payments, refund_no for refunds) when the
// item has it, else the channel's (transaction id, refund number); a duplicate line's key has
// "#duplicate" appended. Our number is on both sides whatever happened, so reruns of the day find
// the same discrepancy again whichever side they saw.
QString matchKeyOf(const ReconciliationItem &item);

// One discrepancy of the pool (recon_discrepancy), with the item of the latest run that found it.
struct PoolDiscrepancy
{
    qint64 id = 0;
    qint64 channelAccountId = 0;
    QDate billDate;
    RecordType type = RecordType::Payment;
    DiscrepancyCategory category = DiscrepancyCategory::ChannelOnly;
    QString matchKey;
    QString orderNo;
    QString refundNo;
    QString channelTransactionId;
    qint64 firstRunId = 0;
    qint64 latestRunId = 0;
    qint64 merchantId = 0; // 0: unknown (a channel_only item with no order of ours)
    DiscrepancyStatus status = DiscrepancyStatus::Open;
    std::optional<DiscrepancyResolution> resolution;
    QString proposedBy;
    QDateTime proposedAt;
    QString note;
    QString decidedBy;
    QDateTime decidedAt;
    QString rejectReason;
    qint64 ledgerEntryId = 0;
    // The entry that parked its money in suspense (0: none): kept while a follow-up places it.
    qint64 parkedEntryId = 0;
    QString assignMerchantNo; // an assign_to_merchant proposal's merchant
    QDateTime foundAt;
    int version = 0;
    ReconciliationItem item; // the latest run's
};

} // namespace paydesk
