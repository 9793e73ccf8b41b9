#pragma once

#include "core/ledger/JournalEntry.h"

#include <QByteArray>

namespace paydesk {

// Reads journal entries from the JSON interchange format of `paydesk-cli ledger post`:
//   [{"date":"2026-11-26","reference":"ORD-1","memo":"…","kind":"payment","event_key":"…",
//     "postings":[{"account":"channel_receivable:wx01","amount":"99.40","currency":"CNY"}, …]}, …]
// Amounts are decimal strings (a JSON number is refused: it would pass through binary floating point);
// positive is a debit, negative a credit. kind (default "manual") and event_key are optional.
namespace JournalJsonReader {

Result<QList<EntryDraft>> read(const QByteArray &json, const QString &createdBy);

} // namespace JournalJsonReader
} // namespace paydesk
