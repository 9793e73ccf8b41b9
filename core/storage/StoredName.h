#pragma once

#include "core/util/Result.h"

#include <QVariant>

namespace paydesk::StoredName {

// A column that holds this version's name for something it knows none of (a newer version wrote
// it, or the row was edited by hand): QueryFailed naming the column and the text.
Error unknown(const char *column, const QString &text);

// An enum read back by its stored name with the enum's own fromName. An unknown name is an
// error, never a silent default: read<PaymentStatus>(q.value(3), PaymentStates::fromName,
// "payment_order.status").
template <typename Enum>
Result<Enum> read(const QVariant &value, bool (*fromName)(const QString &, Enum *), const char *column)
{
    Enum parsed{};
    const QString text = value.toString();
    if (fromName(text, &parsed))
        return parsed;
    return unknown(column, text);
}

// A two-state column ("enabled"/"disabled", "active"/"disabled", "open"/"closed"): true for
// `yes`, false for `no`, an error for anything else.
Result<bool> flag(const QVariant &value, const char *yes, const char *no, const char *column);

} // namespace paydesk::StoredName
