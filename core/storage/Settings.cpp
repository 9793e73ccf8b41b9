#include "core/storage/Settings.h"

#include "core/storage/Database.h"
#include "core/storage/Sql.h"
#include "core/storage/UnitOfWork.h"

namespace paydesk {

const QString Settings::Environment = QStringLiteral("environment");
const QString Settings::RefundApprovalThreshold = QStringLiteral("refund.approval_threshold");
const QString Settings::DevelopmentEndpoints = QStringLiteral("network.development_endpoints");
const QString Settings::MaxAmount = QStringLiteral("payment.max_amount");
const QString Settings::RefundAttentionHours = QStringLiteral("refund.attention_hours");

Settings::Settings(Database &database) : m_database(database), m_cache(database, 64) {}

Result<QString> Settings::value(const QString &key, const QString &fallback)
{
    auto stored = m_cache.get(key, [&]() -> Result<QString> {
        auto connection = m_database.connection();
        if (!connection)
            return connection.error();
        auto value = Sql::scalar(*connection, QStringLiteral("SELECT value FROM setting WHERE key = ?"), {key});
        if (!value)
            return value.error();
        return value->isNull() ? QString() : value->toString();
    });
    if (!stored)
        return stored.error();
    return stored->isNull() ? fallback : *stored;
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

Result<qint64> Settings::maxAmountMinor()
{
    auto text = value(MaxAmount);
    if (!text)
        return text.error();
    bool ok = false;
    const qint64 minor = text->toLongLong(&ok);
    return ok && minor > 0 ? minor : kDefaultMaxAmountMinor;
}

Result<int> Settings::refundAttentionHours()
{
    auto text = value(RefundAttentionHours);
    if (!text)
        return text.error();
    bool ok = false;
    const int hours = text->toInt(&ok);
    return ok && hours > 0 ? hours : kDefaultRefundAttentionHours;
}

} // namespace paydesk
