#pragma once

#include "core/fee/EffectiveRate.h"

#include <QList>
#include <QMap>
#include <QString>

namespace paydesk {

// One subject's effective-dated rates as the rate views show them: every row (newest first),
// the names of the templates they came from, and the business date that decides what is in effect.
struct RateSchedule
{
    QList<EffectiveRate> history;
    QMap<qint64, QString> templateNames;
    QDate today;

    // The row in effect on `today` for `method`, or nullptr.
    const EffectiveRate *inEffect(PayMethod method) const
    {
        const EffectiveRate *best = nullptr;
        for (const EffectiveRate &rate : history) {
            if (rate.method == method && rate.effectiveFrom <= today &&
                (!best || rate.effectiveFrom > best->effectiveFrom))
                best = &rate;
        }
        return best;
    }
    // The earliest change after `today` for `method`, or nullptr.
    const EffectiveRate *nextChange(PayMethod method) const
    {
        const EffectiveRate *next = nullptr;
        for (const EffectiveRate &rate : history) {
            if (rate.method == method && rate.effectiveFrom > today &&
                (!next || rate.effectiveFrom < next->effectiveFrom))
                next = &rate;
        }
        return next;
    }
    QString templateName(qint64 id) const
    {
        if (id <= 0)
            return {};
        return templateNames.value(id, QStringLiteral("#%1").arg(id));
    }
};

} // namespace paydesk
