#pragma once

#include "util/Result.h"

#include <QString>

namespace paydesk {

class Database;

// Platform-wide settings kept in the database (key → text), shared by every console and
// daemon on it. Known keys are named here.
class Settings
{
public:
    static const QString Environment; // "demo", "test" or "production": shown in every console
    // Refunds asked for by operators above this amount (in fen) need an approver; default 100000.
    static const QString RefundApprovalThreshold;
    // "on": development endpoints are allowed — plain http and loopback/private addresses for
    // merchant notify URLs and paydeskd's --public-url. Real channels and a production platform
    // need neither; the demo database turns it on. Anything else (or unset) is off.
    static const QString DevelopmentEndpoints;

    explicit Settings(Database &database);

    Result<QString> value(const QString &key, const QString &fallback = QString());
    Status setValue(const QString &key, const QString &value);
    // DevelopmentEndpoints read as a flag (off when unset).
    Result<bool> developmentEndpoints();

private:
    Database &m_database;
};

} // namespace paydesk
