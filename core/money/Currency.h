#pragma once

#include "core/util/Result.h"

#include <QString>

namespace paydesk {

// An ISO 4217 currency the platform handles, with the number of minor-unit decimals.
// Small and trivially copyable: an index into a fixed table.
class Currency
{
public:
    Currency() = default; // invalid until assigned

    static Result<Currency> fromCode(QStringView code);
    static Currency cny();

    bool isValid() const { return m_index >= 0; }
    QString code() const;
    int decimals() const;
    // 10^decimals: the number of minor units in one major unit.
    qint64 minorPerMajor() const;

    friend bool operator==(Currency a, Currency b) { return a.m_index == b.m_index; }
    friend bool operator!=(Currency a, Currency b) { return a.m_index != b.m_index; }
    friend bool operator<(Currency a, Currency b) { return a.m_index < b.m_index; }

private:
    explicit Currency(int index) : m_index(index) {}
    int m_index = -1;
};

} // namespace paydesk
