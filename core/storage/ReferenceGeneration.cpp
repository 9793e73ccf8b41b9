#include "core/storage/ReferenceGeneration.h"

#include "core/storage/Database.h"
#include "core/storage/Sql.h"
#include "core/util/Error.h"

namespace paydesk::ReferenceGeneration {

namespace {
struct ThreadReading
{
    const Database *database = nullptr;
    bool read = false; // the scope reads lazily: a request refused before any cache use costs nothing
    qint64 value = 0;
};
thread_local ThreadReading t_reading;

Result<qint64> readCounter(Database &database)
{
    auto connection = database.connection();
    if (!connection)
        return connection.error();
    auto value = Sql::scalar(*connection, QStringLiteral("SELECT value FROM reference_generation WHERE id = 1"));
    if (!value)
        return value.error();
    if (!value->isValid())
        return Error(ErrorCode::QueryFailed, QStringLiteral("reference_generation has no row"));
    return value->toLongLong();
}
} // namespace

Result<qint64> current(Database &database)
{
    if (t_reading.database != &database)
        return readCounter(database);
    if (!t_reading.read) {
        auto value = readCounter(database);
        if (!value)
            return value.error();
        t_reading.value = *value;
        t_reading.read = true;
    }
    return t_reading.value;
}

Scope::Scope(Database &database) : m_database(database)
{
    if (t_reading.database == nullptr) {
        t_reading = ThreadReading{&database, false, 0};
        m_outermost = true;
    }
}

Scope::~Scope()
{
    if (m_outermost)
        t_reading = ThreadReading{};
}

} // namespace paydesk::ReferenceGeneration
