#pragma once

#include "core/merchant/MerchantTypes.h"
#include "core/money/Money.h"

#include <QDateTime>
#include <QList>
#include <QSet>

#include <optional>

namespace paydesk {

// What onboarding staff type in about a merchant: everything that create() and update() take.
// Text fields are stored as given after MerchantValidator::normalized() (trimmed, ID numbers in
// upper case, spaces taken out of account numbers).
struct MerchantProfile
{
    QString legalName;
    QString shortName;
    MerchantType type = MerchantType::Enterprise;
    // Unified social credit code (enterprise) or resident ID number (individual).
    QString registrationNo;
    QString contactName;
    QString contactPhone;
    QString contactEmail;
    QString industry;
    QString bankAccountName;
    QString bankName;
    QString bankBranch;
    QString bankAccountNo;
    Currency currency = Currency::cny();
    SettlementCycle settlementCycle = SettlementCycle::T1;
    int settlementDays = 1; // N of TN; 1 for T1 and manual
    Money minimumPayout = Money::zero(Currency::cny());
    qint64 reservePpm = 0; // share held back in frozen, 0–1,000,000
};

// A merchant as the core hands it out. When `masked` is set, the actor may not see personal
// data and registrationNo, bankAccountNo and contactPhone hold masked text (138****5678).
struct Merchant
{
    qint64 id = 0;
    QString merchantNo; // "M" + (1000 + id): M1001, M1002, …
    MerchantProfile profile;
    MerchantStatus status = MerchantStatus::Draft;
    QString rejectionReason; // the last rejection's reason, cleared on submit
    QString submittedBy;
    QDateTime submittedAt;
    QString reviewedBy;
    QDateTime reviewedAt;
    qint64 freezeEntryId = 0; // while frozen: the freeze's journal entry (0: none)
    QDateTime createdAt;
    QString createdBy;
    QDateTime updatedAt;
    int version = 0; // pass it back with every change
    bool masked = false;
};

// One line of a merchant's story: a status change, an edit or a document change.
struct MerchantHistoryEntry
{
    qint64 id = 0;
    qint64 merchantId = 0;
    QDateTime at;
    QString actor;
    QString action;                           // "create", "edit", "submit", "document.attach", …
    std::optional<MerchantStatus> fromStatus; // set for status changes
    std::optional<MerchantStatus> toStatus;
    QString note; // reason, changed fields, document name
};

// The merchant's three ledger accounts, each on its own side (what we owe is positive).
// All zero in the merchant's currency before approval opens the accounts.
struct MerchantBalances
{
    Money pending;
    Money available;
    Money frozen;
    bool accountsOpen = false;
};

enum class MerchantOrder
{
    NewestFirst,  // id descending; the next page starts after the last id seen
    ByMerchantNo, // merchant number ascending (the same as creation order)
};

struct MerchantFilter
{
    // A substring of the legal or short name in any case, or a whole merchant number ("M1004"
    // or "1004"), registration number or contact phone (spaces ignored). Empty: any.
    QString text;
    QSet<MerchantStatus> statuses; // empty: any
    std::optional<MerchantType> type;
    MerchantOrder order = MerchantOrder::NewestFirst;
};

} // namespace paydesk
