#include "Settings.h"

#include "Database.h"
#include "Sql.h"
#include "UnitOfWork.h"

namespace paydesk {

const QString Settings::Environment = QStringLiteral("environment");
const QString Settings::RefundApprovalThreshold = QStringLiteral("refund.approval_threshold");
const QString Settings::DevelopmentEndpoints = QStringLiteral("network.development_endpoints");

Settings::Settings(Database &database) : m_database(database) {}

Result<QString> Settings::value(const QString &key, const QString &fallback)
{
    auto connection = m_database.connection();
    if (!connection)
        return connection.error();
    auto value = Sql::scalar(*connection, QStringLiteral("SELECT value FROM setting WHERE key = ?"), {key});
    if (!value)
        return value.error();
    return value->isNull() ? fallback : value->toString();
}

Status Settings::setValue(const QString &key, const QString &value)
{
    UnitOfWork work(m_database);
    if (!work.isActive())
        return work.error();
    auto written = Sql::exec(work.connection(),
                             QStringLiteral("INSERT INTO setting (key, value) VALUES (?, ?) "
                                            "ON CONFLICT (key) DO UPDATE SET value = excluded.value"),
                             {key, value});
    if (!written)
        return written;
    return work.commit();
}

Result<bool> Settings::developmentEndpoints()
{
    auto text = value(DevelopmentEndpoints);
    if (!text)
        return text.error();
    return *text == QLatin1String("on");
}

} // namespace paydesk
