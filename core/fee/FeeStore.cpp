#include "core/fee/FeeStore.h"

#include "core/channel/ChannelNames.h"
#include "core/storage/Sql.h"

namespace paydesk::FeeStore {

namespace {
// A null QString would be bound as NULL; description is NOT NULL with '' for "none".
QString text(const QString &value)
{
    return value.isNull() ? QStringLiteral("") : value;
}

QDateTime instant(const QVariant &value)
{
    return QDateTime::fromMSecsSinceEpoch(value.toLongLong(), Qt::UTC);
}

QString iso(const QDate &date)
{
    return date.toString(Qt::ISODate);
}

Result<QList<FeeTemplate>> selectTemplates(const QSqlDatabase &db, const QString &where, const QVariantList &values)
{
    auto query = Sql::run(db,
                          QStringLiteral("SELECT id, name, description, created_at, created_by, updated_at, "
                                         "(SELECT count(*) FROM merchant_rate r WHERE r.template_id = fee_template.id) "
                                         "FROM fee_template ") +
                              where,
                          values);
    if (!query)
        return query.error();
    QList<FeeTemplate> templates;
    while (query->next()) {
        FeeTemplate feeTemplate;
        feeTemplate.id = query->value(0).toLongLong();
        feeTemplate.name = query->value(1).toString();
        feeTemplate.description = query->value(2).toString();
        feeTemplate.createdAt = instant(query->value(3));
        feeTemplate.createdBy = query->value(4).toString();
        feeTemplate.updatedAt = instant(query->value(5));
        feeTemplate.applied = query->value(6).toLongLong() > 0;
        templates << feeTemplate;
    }
    query->finish();
    for (FeeTemplate &feeTemplate : templates) {
        auto rates =
            Sql::run(db, QStringLiteral("SELECT method, rate_ppm FROM fee_template_rate WHERE template_id = ?"),
                     {feeTemplate.id});
        if (!rates)
            return rates.error();
        while (rates->next()) {
            PayMethod method;
            if (!ChannelNames::methodFromName(rates->value(0).toString(), &method))
                return Error(ErrorCode::PaymentMethodUnknown, rates->value(0).toString()).within(feeTemplate.name);
            auto rate = Rate::fromPpm(rates->value(1).toLongLong());
            if (!rate)
                return rate.error().within(feeTemplate.name);
            feeTemplate.rates.insert(method, *rate);
        }
    }
    return templates;
}

Result<FeeTemplate> oneTemplate(const QSqlDatabase &db, const QString &where, const QVariant &value)
{
    auto found = selectTemplates(db, where, {value});
    if (!found)
        return found.error();
    if (found->isEmpty())
        return Error(ErrorCode::FeeTemplateUnknown, value.toString());
    return found->first();
}

Status writeTemplateRates(const QSqlDatabase &db, qint64 id, const QMap<PayMethod, Rate> &rates)
{
    auto cleared = Sql::exec(db, QStringLiteral("DELETE FROM fee_template_rate WHERE template_id = ?"), {id});
    if (!cleared)
        return cleared;
    for (auto it = rates.cbegin(); it != rates.cend(); ++it) {
        auto written = Sql::exec(
            db, QStringLiteral("INSERT INTO fee_template_rate (template_id, method, rate_ppm) VALUES (?, ?, ?)"),
            {id, ChannelNames::method(it.key()), it.value().ppm()});
        if (!written)
            return written;
    }
    return {};
}

QString rateTable(RateSubject subject)
{
    return subject == RateSubject::ChannelCost ? QStringLiteral("channel_cost_rate") : QStringLiteral("merchant_rate");
}

QString subjectColumn(RateSubject subject)
{
    return subject == RateSubject::ChannelCost ? QStringLiteral("channel_account_id") : QStringLiteral("merchant_id");
}

QString rateColumns(RateSubject subject)
{
    // channel_cost_rate has no template: 0 in its place keeps one row layout.
    return QStringLiteral("id, %1, method, rate_ppm, effective_from, %2, created_at, created_by")
        .arg(subjectColumn(subject),
             subject == RateSubject::Merchant ? QStringLiteral("template_id") : QStringLiteral("0"));
}

Result<QList<EffectiveRate>> selectRates(const QSqlDatabase &db, RateSubject subject, const QString &where,
                                         const QVariantList &values)
{
    const QString table = rateTable(subject);
    auto query = Sql::run(db,
                          QStringLiteral("SELECT ") + rateColumns(subject) + QStringLiteral(" FROM ") + table +
                              QLatin1Char(' ') + where,
                          values);
    if (!query)
        return query.error();
    QList<EffectiveRate> rows;
    while (query->next()) {
        EffectiveRate row;
        row.id = query->value(0).toLongLong();
        row.subject = subject;
        row.subjectId = query->value(1).toLongLong();
        if (!ChannelNames::methodFromName(query->value(2).toString(), &row.method))
            return Error(ErrorCode::PaymentMethodUnknown, query->value(2).toString()).within(table);
        auto rate = Rate::fromPpm(query->value(3).toLongLong());
        if (!rate)
            return rate.error().within(table);
        row.rate = *rate;
        row.effectiveFrom = query->value(4).toDate();
        row.templateId = query->value(5).isNull() ? 0 : query->value(5).toLongLong();
        row.createdAt = QDateTime::fromMSecsSinceEpoch(query->value(6).toLongLong(), Qt::UTC);
        row.createdBy = query->value(7).toString();
        rows << row;
    }
    return rows;
}

Result<std::optional<EffectiveRate>> firstRate(Result<QList<EffectiveRate>> rows)
{
    if (!rows)
        return rows.error();
    if (rows->isEmpty())
        return std::optional<EffectiveRate>();
    return std::optional<EffectiveRate>(rows->first());
}

QVariant templateOrNull(qint64 templateId)
{
    return templateId > 0 ? QVariant(templateId) : QVariant(QMetaType::fromType<qint64>());
}
} // namespace

Result<FeeTemplate> templateById(const QSqlDatabase &db, qint64 id)
{
    return oneTemplate(db, QStringLiteral("WHERE id = ?"), id);
}

Result<FeeTemplate> templateByName(const QSqlDatabase &db, const QString &name)
{
    return oneTemplate(db, QStringLiteral("WHERE name = ?"), name);
}

Result<QList<FeeTemplate>> templates(const QSqlDatabase &db)
{
    return selectTemplates(db, QStringLiteral("ORDER BY name"), {});
}

Result<FeeTemplate> insertTemplate(const QSqlDatabase &db, const FeeTemplate &feeTemplate, const QDateTime &now,
                                   const QString &by)
{
    const qint64 at = now.toMSecsSinceEpoch();
    auto inserted =
        Sql::exec(db,
                  QStringLiteral("INSERT INTO fee_template (name, description, created_at, created_by, updated_at) "
                                 "VALUES (?, ?, ?, ?, ?)"),
                  {feeTemplate.name, text(feeTemplate.description), at, by, at});
    if (!inserted)
        return inserted.error();
    auto created = templateByName(db, feeTemplate.name);
    if (!created)
        return created.error();
    auto rates = writeTemplateRates(db, created->id, feeTemplate.rates);
    if (!rates)
        return rates.error();
    return templateById(db, created->id);
}

Status updateTemplate(const QSqlDatabase &db, const FeeTemplate &feeTemplate, const QDateTime &now)
{
    auto updated =
        Sql::exec(db, QStringLiteral("UPDATE fee_template SET name = ?, description = ?, updated_at = ? WHERE id = ?"),
                  {feeTemplate.name, text(feeTemplate.description), now.toMSecsSinceEpoch(), feeTemplate.id});
    if (!updated)
        return updated;
    return writeTemplateRates(db, feeTemplate.id, feeTemplate.rates);
}

Status removeTemplate(const QSqlDatabase &db, qint64 id)
{
    auto rates = Sql::exec(db, QStringLiteral("DELETE FROM fee_template_rate WHERE template_id = ?"), {id});
    if (!rates)
        return rates;
    return Sql::exec(db, QStringLiteral("DELETE FROM fee_template WHERE id = ?"), {id});
}

Result<std::optional<EffectiveRate>> rateOn(const QSqlDatabase &db, RateSubject subject, qint64 subjectId,
                                            PayMethod method, const QDate &date)
{
    return firstRate(selectRates(
        db, subject,
        QStringLiteral("WHERE %1 = ? AND method = ? AND effective_from <= ? ORDER BY effective_from DESC LIMIT 1")
            .arg(subjectColumn(subject)),
        {subjectId, ChannelNames::method(method), iso(date)}));
}

Result<std::optional<EffectiveRate>> rateFrom(const QSqlDatabase &db, RateSubject subject, qint64 subjectId,
                                              PayMethod method, const QDate &from)
{
    return firstRate(selectRates(
        db, subject, QStringLiteral("WHERE %1 = ? AND method = ? AND effective_from = ?").arg(subjectColumn(subject)),
        {subjectId, ChannelNames::method(method), iso(from)}));
}

Result<QList<EffectiveRate>> rateHistory(const QSqlDatabase &db, RateSubject subject, qint64 subjectId)
{
    return selectRates(
        db, subject,
        QStringLiteral("WHERE %1 = ? ORDER BY effective_from DESC, method, id").arg(subjectColumn(subject)),
        {subjectId});
}

Status insertRate(const QSqlDatabase &db, RateSubject subject, qint64 subjectId, PayMethod method, Rate rate,
                  const QDate &from, qint64 templateId, const QDateTime &now, const QString &by)
{
    const QString methodName = ChannelNames::method(method);
    if (subject == RateSubject::Merchant)
        return Sql::exec(
            db,
            QStringLiteral("INSERT INTO merchant_rate (merchant_id, method, rate_ppm, effective_from, template_id, "
                           "created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)"),
            {subjectId, methodName, rate.ppm(), iso(from), templateOrNull(templateId), now.toMSecsSinceEpoch(), by});
    return Sql::exec(
        db,
        QStringLiteral("INSERT INTO channel_cost_rate (channel_account_id, method, rate_ppm, effective_from, "
                       "created_at, created_by) VALUES (?, ?, ?, ?, ?, ?)"),
        {subjectId, methodName, rate.ppm(), iso(from), now.toMSecsSinceEpoch(), by});
}

Status replaceRate(const QSqlDatabase &db, RateSubject subject, qint64 rowId, Rate rate, qint64 templateId,
                   const QDateTime &now, const QString &by)
{
    if (subject == RateSubject::Merchant)
        return Sql::exec(db,
                         QStringLiteral("UPDATE merchant_rate SET rate_ppm = ?, template_id = ?, created_at = ?, "
                                        "created_by = ? WHERE id = ?"),
                         {rate.ppm(), templateOrNull(templateId), now.toMSecsSinceEpoch(), by, rowId});
    return Sql::exec(
        db, QStringLiteral("UPDATE channel_cost_rate SET rate_ppm = ?, created_at = ?, created_by = ? WHERE id = ?"),
        {rate.ppm(), now.toMSecsSinceEpoch(), by, rowId});
}

Status removeRate(const QSqlDatabase &db, RateSubject subject, qint64 rowId)
{
    return Sql::exec(db, QStringLiteral("DELETE FROM ") + rateTable(subject) + QStringLiteral(" WHERE id = ?"),
                     {rowId});
}

} // namespace paydesk::FeeStore
