#pragma once

#include "core/ledger/JournalEntry.h"

namespace paydesk::test {

// Money in CNY from a decimal string known to be valid.
Money cny(const char *amount);

// The payment-succeeded entry of DESIGN.md §6: A paid, channel fee c, merchant fee m.
EntryDraft paymentEntry(const QString &orderNo, const QString &merchant, const QString &channelAccount,
                        const char *amount, const char *channelFee, const char *merchantFee,
                        QDate date = QDate(2026, 11, 26));

// A two-posting entry: debit one account, credit the other.
EntryDraft transfer(const QString &debit, const QString &credit, const char *amount, QDate date = QDate(2026, 11, 26),
                    const QString &reference = QString());

} // namespace paydesk::test
