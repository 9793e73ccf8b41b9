#include "core/payment/RefundAttention.h"

#include "core/security/Authorizer.h"
#include "core/storage/Database.h"
#include "core/storage/Settings.h"
#include "core/util/Clock.h"
#include "core/util/Error.h"

namespace paydesk {

RefundAttention::RefundAttention(Database &database, const Clock &clock, AuditLog &audit, Settings &settings)
    : m_database(database), m_clock(clock), m_audit(audit), m_settings(settings)
{
}

Result<RefundAttention::List> RefundAttention::list(const Actor &actor, int limit)
{
    const Status allowed =
        Authorizer(m_audit).require(actor, Permission::PaymentView, QStringLiteral("refund_attention"));
    if (!allowed)
        return allowed.error();
    auto hours = m_settings.refundAttentionHours();
    if (!hours)
        return hours.error();
    auto connection = m_database.connection();
    if (!connection)
        return connection.error();
    const QDateTime before = m_clock.nowUtc().addSecs(-qint64(*hours) * 3600);
    List result;
    result.limitHours = *hours;
    auto total = PaymentRefundStore::countUnsettledSince(*connection, before);
    if (!total)
        return total.error();
    result.total = *total;
    auto refunds = PaymentRefundStore::unsettledSince(*connection, before, limit);
    if (!refunds)
        return refunds.error();
    result.refunds = *refunds;
    return result;
}

Result<qint64> RefundAttention::count(Database &database, const QDateTime &now)
{
    auto hours = Settings(database).refundAttentionHours();
    if (!hours)
        return hours.error();
    auto connection = database.connection();
    if (!connection)
        return connection.error();
    return PaymentRefundStore::countUnsettledSince(*connection, now.addSecs(-qint64(*hours) * 3600));
}

} // namespace paydesk
