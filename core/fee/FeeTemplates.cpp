#include "core/fee/FeeTemplates.h"

#include "core/channel/ChannelNames.h"
#include "core/storage/Sql.h"

namespace paydesk::FeeTemplates {

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

Result<QList<FeeTemplate>> select(const QSqlDatabase &db, const QString &where, const QVariantList &values)
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

Result<FeeTemplate> one(const QSqlDatabase &db, const QString &where, const QVariant &value)
{
    auto found = select(db, where, {value});
    if (!found)
        return found.error();
    if (found->isEmpty())
        return Error(ErrorCode::FeeTemplateUnknown, value.toString());
    return found->first();
}

Status writeRates(const QSqlDatabase &db, qint64 id, const QMap<PayMethod, Rate> &rates)
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
} // namespace

Result<FeeTemplate> load(const QSqlDatabase &db, qint64 id)
{
    return one(db, QStringLiteral("WHERE id = ?"), id);
}

Result<FeeTemplate> loadByName(const QSqlDatabase &db, const QString &name)
{
    return one(db, QStringLiteral("WHERE name = ?"), name);
}

Result<QList<FeeTemplate>> list(const QSqlDatabase &db)
{
    return select(db, QStringLiteral("ORDER BY name"), {});
}

Status validate(const FeeTemplate &feeTemplate)
{
    const QString name = feeTemplate.name;
    if (name.trimmed().isEmpty() || name != name.trimmed() || name.size() > 64)
        return Error(ErrorCode::FeeRateInvalid,
                     QStringLiteral("a template needs a name of 1–64 characters without outer spaces"));
    if (feeTemplate.description.size() > 1000)
        return Error(ErrorCode::FeeRateInvalid, QStringLiteral("the description is longer than 1000 characters"));
    if (feeTemplate.rates.isEmpty())
        return Error(ErrorCode::FeeRateInvalid, QStringLiteral("a template needs at least one method's rate"));
    for (auto it = feeTemplate.rates.cbegin(); it != feeTemplate.rates.cend(); ++it) {
        if (ChannelNames::method(it.key()).isEmpty())
            return Error(ErrorCode::PaymentMethodUnknown, QString::number(int(it.key())));
        if (!Rate::fromPpm(it.value().ppm()))
            return Error(ErrorCode::FeeRateInvalid, ChannelNames::method(it.key()));
    }
    return {};
}

Result<FeeTemplate> insert(const QSqlDatabase &db, const FeeTemplate &feeTemplate, const QDateTime &now,
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
    auto created = loadByName(db, feeTemplate.name);
    if (!created)
        return created.error();
    auto rates = writeRates(db, created->id, feeTemplate.rates);
    if (!rates)
        return rates.error();
    return load(db, created->id);
}

Status update(const QSqlDatabase &db, const FeeTemplate &feeTemplate, const QDateTime &now)
{
    auto updated =
        Sql::exec(db, QStringLiteral("UPDATE fee_template SET name = ?, description = ?, updated_at = ? WHERE id = ?"),
                  {feeTemplate.name, text(feeTemplate.description), now.toMSecsSinceEpoch(), feeTemplate.id});
    if (!updated)
        return updated;
    return writeRates(db, feeTemplate.id, feeTemplate.rates);
}

Status remove(const QSqlDatabase &db, qint64 id)
{
    auto rates = Sql::exec(db, QStringLiteral("DELETE FROM fee_template_rate WHERE template_id = ?"), {id});
    if (!rates)
        return rates;
    return Sql::exec(db, QStringLiteral("DELETE FROM fee_template WHERE id = ?"), {id});
}

} // namespace paydesk::FeeTemplates
