#pragma once

#include "core/storage/Database.h"
#include "core/storage/ReferenceGeneration.h"
#include "core/util/Result.h"

#include <QHash>
#include <QMutex>
#include <QMutexLocker>

namespace paydesk {

// Values derived from reference data only (see ReferenceGeneration), kept until the
// generation counter moves. Inside a write transaction it neither answers nor keeps anything:
// that transaction may have changed reference data it has not committed (and may yet roll
// back). Failed loads are not kept. Safe to share between threads.
template <typename Key, typename Value> class ReferenceCache
{
public:
    explicit ReferenceCache(Database &database, int capacity = 4096) : m_database(database), m_capacity(capacity) {}

    // The value for key, from the cache or from load() (called with no lock held).
    template <typename Load> Result<Value> get(const Key &key, Load load)
    {
        if (m_database.transactionState().depth > 0)
            return load();
        auto generation = ReferenceGeneration::current(m_database);
        if (!generation)
            return generation.error();
        {
            QMutexLocker lock(&m_mutex);
            if (m_generation != *generation) {
                m_values.clear();
                m_generation = *generation;
            }
            const auto found = m_values.constFind(key);
            if (found != m_values.constEnd())
                return *found;
        }
        Result<Value> loaded = load();
        if (!loaded)
            return loaded;
        QMutexLocker lock(&m_mutex);
        if (m_generation == *generation) {
            if (m_values.size() >= m_capacity)
                m_values.clear();
            m_values.insert(key, *loaded);
        }
        return loaded;
    }

private:
    Database &m_database;
    const int m_capacity;
    QMutex m_mutex;
    qint64 m_generation = -1;
    QHash<Key, Value> m_values;
};

} // namespace paydesk
