#pragma once

#include <QList>
#include <QString>

#include <array>
#include <utility>

namespace paydesk::NameTable {

// An enum's stable names (stored in the database, written into JSON and audit details) in one
// table, read both ways by the enum's own name()/fromName() pair.
template <typename Enum, std::size_t N> using Table = std::array<std::pair<Enum, const char *>, N>;

template <typename Enum, std::size_t N> QString name(const Table<Enum, N> &table, Enum value)
{
    for (const auto &[known, text] : table) {
        if (known == value)
            return QString::fromLatin1(text);
    }
    return {};
}

// False (and nothing set) for a name that is not in the table.
template <typename Enum, std::size_t N> bool fromName(const Table<Enum, N> &table, const QString &name, Enum *value)
{
    for (const auto &[known, text] : table) {
        if (name == QLatin1String(text)) {
            *value = known;
            return true;
        }
    }
    return false;
}

template <typename Enum, std::size_t N> QList<Enum> values(const Table<Enum, N> &table)
{
    QList<Enum> all;
    for (const auto &entry : table)
        all << entry.first;
    return all;
}

} // namespace paydesk::NameTable

// Defines an enum's name/fromName pair over its table, so that every enum reads its stable names
// both ways alike: PAYDESK_NAME_PAIR(category, categoryFromName, DiscrepancyCategory, kCategories).
#define PAYDESK_NAME_PAIR(nameFunction, fromNameFunction, Enum, table)                                                 \
    QString nameFunction(Enum value)                                                                                   \
    {                                                                                                                  \
        return ::paydesk::NameTable::name(table, value);                                                               \
    }                                                                                                                  \
    bool fromNameFunction(const QString &text, Enum *value)                                                            \
    {                                                                                                                  \
        return ::paydesk::NameTable::fromName(table, text, value);                                                     \
    }
