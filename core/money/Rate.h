#pragma once

#include "core/util/Result.h"

#include <QString>

namespace paydesk {

// A fee rate in parts per million (0.6 % = 6000 ppm), between 0 and 100 %.
class Rate
{
public:
    static constexpr qint64 kPartsPerMillion = 1000000;

    Rate() = default;
    static Result<Rate> fromPpm(qint64 ppm);
    // "0.60%", "0.6%", "0.6" (all percent) → 6000 ppm; at most four decimals of a percent.
    static Result<Rate> parsePercent(QStringView text);

    qint64 ppm() const { return m_ppm; }
    // "0.6%" style, shortest exact form.
    QString toPercentString() const;

    friend bool operator==(Rate a, Rate b) { return a.m_ppm == b.m_ppm; }
    friend bool operator!=(Rate a, Rate b) { return a.m_ppm != b.m_ppm; }

private:
    explicit Rate(qint64 ppm) : m_ppm(ppm) {}
    qint64 m_ppm = 0;
};

} // namespace paydesk
