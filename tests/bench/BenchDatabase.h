#pragma once

#include "core/storage/Database.h"
#include "core/util/Error.h"

#include <QTextStream>

#include <memory>

namespace paydesk::bench {

// The database a benchmark names with --database (opened and migrated), or nullptr after
// saying why on `out`.
inline std::shared_ptr<Database> openDatabase(const QString &urlText, QTextStream &out)
{
    auto parsed = DatabaseUrl::parse(urlText);
    if (!parsed) {
        out << parsed.error().message() << Qt::endl;
        return nullptr;
    }
    auto database = Database::open(*parsed);
    if (!database) {
        out << database.error().message() << Qt::endl;
        return nullptr;
    }
    return *database;
}

} // namespace paydesk::bench
