#include "core/reconciliation/ReconciliationSummaryJson.h"

namespace paydesk::ReconciliationSummaryJson {

namespace {
const RecordType kTypes[] = {RecordType::Payment, RecordType::Refund};

QString key(const char *text)
{
    return QString::fromLatin1(text);
}

qint64 integer(const QJsonObject &object, const char *name)
{
    return qint64(object.value(key(name)).toDouble());
}

QJsonObject side(const ReconciliationSummary::PerType<SideTally> &tallies)
{
    QJsonObject json;
    for (RecordType type : kTypes) {
        const SideTally &t = tallies[ReconciliationSummary::index(type)];
        json.insert(ReconciliationNames::recordType(type),
                    QJsonObject{{key("count"), t.count}, {key("amount"), t.amount}, {key("fee"), t.fee}});
    }
    return json;
}

void readSide(const QJsonObject &json, ReconciliationSummary::PerType<SideTally> &tallies)
{
    for (RecordType type : kTypes) {
        const QJsonObject t = json.value(ReconciliationNames::recordType(type)).toObject();
        SideTally &tally = tallies[ReconciliationSummary::index(type)];
        tally.count = integer(t, "count");
        tally.amount = integer(t, "amount");
        tally.fee = integer(t, "fee");
    }
}

QJsonObject perType(const ReconciliationSummary::PerType<CategoryTally> &tallies)
{
    QJsonObject json;
    for (RecordType type : kTypes) {
        const CategoryTally &t = tallies[ReconciliationSummary::index(type)];
        json.insert(ReconciliationNames::recordType(type), QJsonObject{{key("count"), t.count},
                                                                       {key("channel_amount"), t.channelAmount},
                                                                       {key("platform_amount"), t.platformAmount}});
    }
    return json;
}

void readPerType(const QJsonObject &json, ReconciliationSummary::PerType<CategoryTally> &tallies)
{
    for (RecordType type : kTypes) {
        const QJsonObject t = json.value(ReconciliationNames::recordType(type)).toObject();
        CategoryTally &tally = tallies[ReconciliationSummary::index(type)];
        tally.count = integer(t, "count");
        tally.channelAmount = integer(t, "channel_amount");
        tally.platformAmount = integer(t, "platform_amount");
    }
}
} // namespace

QJsonObject write(const ReconciliationSummary &summary, qint64 durationMs)
{
    QJsonObject categories;
    for (int c = 0; c < kDiscrepancyCategoryCount; ++c) {
        const auto category = DiscrepancyCategory(c);
        categories.insert(ReconciliationNames::category(category), perType(summary.categories[c]));
    }
    return QJsonObject{
        {key("currency"), summary.currency.code()},
        {key("duration_ms"), durationMs},
        {key("partitions"), summary.partitions},
        {key("spilled_bytes"), summary.spilledBytes},
        {key("carried_in"),
         QJsonObject{{key("channel"), summary.channelCarriedIn}, {key("platform"), summary.platformCarriedIn}}},
        {key("channel"), side(summary.channel)},
        {key("platform"), side(summary.platform)},
        {key("categories"), categories},
        {key("agreed_no_money"), perType(summary.agreedNoMoney)},
    };
}

Result<ReconciliationSummary> read(const QJsonObject &json, qint64 *durationMs)
{
    ReconciliationSummary summary;
    if (json.contains(key("currency"))) {
        auto currency = Currency::fromCode(json.value(key("currency")).toString());
        if (!currency)
            return currency.error().within(QStringLiteral("recon_run.summary"));
        summary.currency = *currency;
    }
    if (durationMs)
        *durationMs = integer(json, "duration_ms");
    summary.partitions = int(json.value(key("partitions")).toInt(1));
    summary.spilledBytes = integer(json, "spilled_bytes");
    const QJsonObject carried = json.value(key("carried_in")).toObject();
    summary.channelCarriedIn = integer(carried, "channel");
    summary.platformCarriedIn = integer(carried, "platform");
    readSide(json.value(key("channel")).toObject(), summary.channel);
    readSide(json.value(key("platform")).toObject(), summary.platform);
    const QJsonObject categories = json.value(key("categories")).toObject();
    for (auto it = categories.begin(); it != categories.end(); ++it) {
        DiscrepancyCategory category{};
        if (!ReconciliationNames::categoryFromName(it.key(), &category))
            return Error(ErrorCode::JsonMalformed, QStringLiteral("recon_run.summary: category %1").arg(it.key()));
        readPerType(it.value().toObject(), summary.categories[int(category)]);
    }
    readPerType(json.value(key("agreed_no_money")).toObject(), summary.agreedNoMoney);
    return summary;
}

} // namespace paydesk::ReconciliationSummaryJson
