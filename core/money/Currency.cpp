#include "core/money/Currency.h"

#include <array>

namespace paydesk {

namespace {
struct CurrencyInfo
{
    const char *code;
    int decimals;
};

// Decimals per ISO 4217. CNY first: the platform currency.
constexpr std::array<CurrencyInfo, 15> kCurrencies{{
    {"CNY", 2},
    {"USD", 2},
    {"EUR", 2},
    {"GBP", 2},
    {"HKD", 2},
    {"MOP", 2},
    {"TWD", 2},
    {"SGD", 2},
    {"AUD", 2},
    {"CAD", 2},
    {"CHF", 2},
    {"JPY", 0},
    {"KRW", 0},
    {"KWD", 3},
    {"BHD", 3},
}};
} // namespace

Result<Currency> Currency::fromCode(QStringView code)
{
    for (int i = 0; i < int(kCurrencies.size()); ++i) {
        if (code == QLatin1StringView(kCurrencies[i].code))
            return Currency(i);
    }
    return Error(ErrorCode::CurrencyUnknown, code.toString());
}

Currency Currency::cny()
{
    return Currency(0);
}

QString Currency::code() const
{
    return isValid() ? QString::fromLatin1(kCurrencies[m_index].code) : QString();
}

int Currency::decimals() const
{
    return isValid() ? kCurrencies[m_index].decimals : 0;
}

qint64 Currency::minorPerMajor() const
{
    qint64 factor = 1;
    for (int i = 0; i < decimals(); ++i)
        factor *= 10;
    return factor;
}

} // namespace paydesk
