#pragma once

#include "core/money/Money.h"

#include <QDate>
#include <QDateTime>
#include <QList>
#include <QString>

namespace paydesk {

// What a journal entry records. Stored as its name; a payment or refund event is posted
// once per event key.
enum class EntryKind
{
    Manual,
    Payment,
    Refund,
    Clearing,
    ChannelSettlement,
    Payout,
    PayoutConfirmed,
    PayoutFailed,
    Freeze,
    Unfreeze,
    Adjustment,
    Reversal,
};

QString entryKindName(EntryKind kind);
Result<EntryKind> entryKindFromName(const QString &name);

struct PostingDraft
{
    QString account; // a chart-of-accounts name, see AccountName
    Money amount;    // positive = debit, negative = credit
};

// A journal entry before it is committed. The ledger checks it whole and refuses it whole.
struct EntryDraft
{
    QDate businessDate;
    EntryKind kind = EntryKind::Manual;
    QString reference;
    QString memo;
    // Set for events that must be posted at most once (e.g. "payment:P2026…"); the ledger
    // refuses a second entry with the same key.
    QString eventKey;
    QString createdBy;
    QList<PostingDraft> postings;
};

struct Posting
{
    int line = 0;
    qint64 accountId = 0;
    QString account;
    Money amount;
};

// A committed, immutable journal entry.
struct JournalEntry
{
    qint64 id = 0;
    QDate businessDate;
    EntryKind kind = EntryKind::Manual;
    QString reference;
    QString memo;
    QString eventKey;
    qint64 reversesEntryId = 0; // 0 when this entry reverses nothing
    qint64 reversedByEntryId = 0;
    QDateTime createdAt;
    QString createdBy;
    QList<Posting> postings;
};

} // namespace paydesk
