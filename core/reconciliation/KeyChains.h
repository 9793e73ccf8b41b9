#pragma once

#include <QHash>

#include <vector>

namespace paydesk {

// Records (by their index in a partition) under the hash of a key. Records whose keys hash alike
// share a chain, so a lookup walks the chain and compares the keys themselves: the table holds
// only 64-bit hashes, never copies of the ids.
class KeyChains
{
public:
    explicit KeyChains(qsizetype records) : m_next(size_t(records), kEnd) { m_heads.reserve(records); }

    static constexpr qint32 kEnd = -1;

    // Puts `record` at the front of its chain: insert in reverse to walk in arrival order.
    void insert(size_t hash, qint32 record)
    {
        qint32 &head = m_heads[hash]; // stored as index + 1: a new slot's 0 means an empty chain
        m_next[size_t(record)] = head - 1;
        head = record + 1;
    }
    qint32 first(size_t hash) const { return m_heads.value(hash) - 1; }
    qint32 next(qint32 record) const { return m_next[size_t(record)]; }

private:
    QHash<size_t, qint32> m_heads;
    std::vector<qint32> m_next;
};

} // namespace paydesk
