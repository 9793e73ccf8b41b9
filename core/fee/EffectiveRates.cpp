#include "core/fee/EffectiveRates.h"

#include "core/channel/ChannelNames.h"
#include "core/storage/Sql.h"

namespace paydesk {

namespace {
QString iso(const QDate &date)
{
    return date.toString(Qt::ISODate);
}
} // namespace

QString EffectiveRates::table() const
{
    return m_subject == RateSubject::ChannelCost ? QStringLiteral("channel_cost_rate")
                                                 : QStringLiteral("merchant_rate");
}

QString EffectiveRates::subjectColumn() const
{
    return m_subject == RateSubject::ChannelCost ? QStringLiteral("channel_account_id") : QStringLiteral("merchant_id");
}

QString EffectiveRates::columns() const
{
    // channel_cost_rate has no template: 0 in its place keeps one row layout.
    return QStringLiteral("id, %1, method, rate_ppm, effective_from, %2, created_at, created_by")
        .arg(subjectColumn(), m_subject == RateSubject::Merchant ? QStringLiteral("template_id") : QStringLiteral("0"));
}

Result<QList<EffectiveRate>> EffectiveRates::select(const QSqlDatabase &db, const QString &where,
                                                    const QVariantList &values) const
{
    auto query = Sql::run(
        db, QStringLiteral("SELECT ") + columns() + QStringLiteral(" FROM ") + table() + QLatin1Char(' ') + where,
        values);
    if (!query)
        return query.error();
    QList<EffectiveRate> rows;
    while (query->next()) {
        EffectiveRate row;
        row.id = query->value(0).toLongLong();
        row.subject = m_subject;
        row.subjectId = query->value(1).toLongLong();
        if (!ChannelNames::methodFromName(query->value(2).toString(), &row.method))
            return Error(ErrorCode::PaymentMethodUnknown, query->value(2).toString()).within(table());
        auto rate = Rate::fromPpm(query->value(3).toLongLong());
        if (!rate)
            return rate.error().within(table());
        row.rate = *rate;
        row.effectiveFrom = query->value(4).toDate();
        row.templateId = query->value(5).isNull() ? 0 : query->value(5).toLongLong();
        row.createdAt = QDateTime::fromMSecsSinceEpoch(query->value(6).toLongLong(), Qt::UTC);
        row.createdBy = query->value(7).toString();
        rows << row;
    }
    return rows;
}

Result<std::optional<EffectiveRate>> EffectiveRates::on(const QSqlDatabase &db, qint64 subjectId, PayMethod method,
                                                        const QDate &date) const
{
    if (!date.isValid())
        return Error(ErrorCode::InvalidArgument, QStringLiteral("a rate is looked up for a business date"));
    auto rows = select(
        db,
        QStringLiteral("WHERE %1 = ? AND method = ? AND effective_from <= ? ORDER BY effective_from DESC LIMIT 1")
            .arg(subjectColumn()),
        {subjectId, ChannelNames::method(method), iso(date)});
    if (!rows)
        return rows.error();
    if (rows->isEmpty())
        return std::optional<EffectiveRate>();
    return std::optional<EffectiveRate>(rows->first());
}

Result<QList<EffectiveRate>> EffectiveRates::history(const QSqlDatabase &db, qint64 subjectId) const
{
    return select(db, QStringLiteral("WHERE %1 = ? ORDER BY effective_from DESC, method, id").arg(subjectColumn()),
                  {subjectId});
}

Result<RateChange> EffectiveRates::put(const QSqlDatabase &db, qint64 subjectId, PayMethod method, Rate rate,
                                       const QDate &from, const QDate &today, qint64 templateId, const QDateTime &now,
                                       const QString &by) const
{
    if (!from.isValid())
        return Error(ErrorCode::FeeRateInvalid, QStringLiteral("a rate needs the date it takes effect"));
    if (from < today)
        return Error(ErrorCode::FeeRateInvalid,
                     QStringLiteral("no backdating: %1 is before today (%2)").arg(iso(from), iso(today)));
    const QString methodName = ChannelNames::method(method);
    auto same = select(db, QStringLiteral("WHERE %1 = ? AND method = ? AND effective_from = ?").arg(subjectColumn()),
                       {subjectId, methodName, iso(from)});
    if (!same)
        return same.error();
    RateChange change;
    const QVariant templateValue = templateId > 0 ? QVariant(templateId) : QVariant(QMetaType::fromType<qint64>());
    if (!same->isEmpty()) {
        change.replaced = same->first();
        if (change.replaced->inEffectOn(today))
            return Error(
                ErrorCode::FeeRateInvalid,
                QStringLiteral("the %1 rate of %2 is in effect and cannot change; set a new rate from a later date")
                    .arg(methodName, iso(from)));
        auto replaced =
            m_subject == RateSubject::Merchant
                ? Sql::exec(db,
                            QStringLiteral("UPDATE merchant_rate SET rate_ppm = ?, template_id = ?, created_at = ?, "
                                           "created_by = ? WHERE id = ?"),
                            {rate.ppm(), templateValue, now.toMSecsSinceEpoch(), by, change.replaced->id})
                : Sql::exec(
                      db,
                      QStringLiteral(
                          "UPDATE channel_cost_rate SET rate_ppm = ?, created_at = ?, created_by = ? WHERE id = ?"),
                      {rate.ppm(), now.toMSecsSinceEpoch(), by, change.replaced->id});
        if (!replaced)
            return replaced.error();
    } else {
        auto inserted =
            m_subject == RateSubject::Merchant
                ? Sql::exec(
                      db,
                      QStringLiteral(
                          "INSERT INTO merchant_rate (merchant_id, method, rate_ppm, effective_from, template_id, "
                          "created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)"),
                      {subjectId, methodName, rate.ppm(), iso(from), templateValue, now.toMSecsSinceEpoch(), by})
                : Sql::exec(db,
                            QStringLiteral(
                                "INSERT INTO channel_cost_rate (channel_account_id, method, rate_ppm, effective_from, "
                                "created_at, created_by) VALUES (?, ?, ?, ?, ?, ?)"),
                            {subjectId, methodName, rate.ppm(), iso(from), now.toMSecsSinceEpoch(), by});
        if (!inserted)
            return inserted.error();
    }
    auto written = select(db, QStringLiteral("WHERE %1 = ? AND method = ? AND effective_from = ?").arg(subjectColumn()),
                          {subjectId, methodName, iso(from)});
    if (!written)
        return written.error();
    if (written->isEmpty())
        return Error(ErrorCode::QueryFailed, QStringLiteral("the rate just written is gone"));
    change.rate = written->first();
    return change;
}

Result<EffectiveRate> EffectiveRates::withdraw(const QSqlDatabase &db, qint64 subjectId, PayMethod method,
                                               const QDate &from, const QDate &today) const
{
    const QString methodName = ChannelNames::method(method);
    auto same = select(db, QStringLiteral("WHERE %1 = ? AND method = ? AND effective_from = ?").arg(subjectColumn()),
                       {subjectId, methodName, iso(from)});
    if (!same)
        return same.error();
    if (same->isEmpty())
        return Error(ErrorCode::FeeRateMissing,
                     QStringLiteral("no %1 rate from %2 to withdraw").arg(methodName, iso(from)));
    const EffectiveRate row = same->first();
    if (row.inEffectOn(today))
        return Error(
            ErrorCode::FeeRateInvalid,
            QStringLiteral("the %1 rate of %2 is in effect and cannot be withdrawn").arg(methodName, iso(from)));
    auto removed = Sql::exec(db, QStringLiteral("DELETE FROM ") + table() + QStringLiteral(" WHERE id = ?"), {row.id});
    if (!removed)
        return removed.error();
    return row;
}

} // namespace paydesk
