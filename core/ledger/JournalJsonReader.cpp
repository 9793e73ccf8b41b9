#include "core/ledger/JournalJsonReader.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace paydesk::JournalJsonReader {

namespace {
Result<PostingDraft> readPosting(const QJsonValue &value)
{
    if (!value.isObject())
        return Error(ErrorCode::JsonMalformed, QStringLiteral("a posting must be an object"));
    const QJsonObject object = value.toObject();
    const QJsonValue account = object.value(QLatin1String("account"));
    const QJsonValue amount = object.value(QLatin1String("amount"));
    const QJsonValue currencyCode = object.value(QLatin1String("currency"));
    if (!account.isString())
        return Error(ErrorCode::JsonMalformed, QStringLiteral("\"account\" must be a string"));
    if (!amount.isString())
        return Error(ErrorCode::JsonMalformed, QStringLiteral("\"amount\" must be a decimal string such as \"99.40\""));
    if (!currencyCode.isString())
        return Error(ErrorCode::JsonMalformed, QStringLiteral("\"currency\" must be a string such as \"CNY\""));
    auto currency = Currency::fromCode(currencyCode.toString());
    if (!currency)
        return currency.error();
    auto money = Money::parse(amount.toString(), *currency);
    if (!money)
        return money.error();
    return PostingDraft{account.toString(), *money};
}

Result<EntryDraft> readEntry(const QJsonValue &value, const QString &createdBy)
{
    if (!value.isObject())
        return Error(ErrorCode::JsonMalformed, QStringLiteral("an entry must be an object"));
    const QJsonObject object = value.toObject();
    EntryDraft draft;
    draft.createdBy = createdBy;
    draft.reference = object.value(QLatin1String("reference")).toString();
    draft.memo = object.value(QLatin1String("memo")).toString();
    draft.eventKey = object.value(QLatin1String("event_key")).toString();
    const QString date = object.value(QLatin1String("date")).toString();
    draft.businessDate = QDate::fromString(date, Qt::ISODate);
    if (!draft.businessDate.isValid() || date.size() != 10)
        return Error(ErrorCode::EntryDateInvalid, date);
    if (object.contains(QLatin1String("kind"))) {
        auto kind = entryKindFromName(object.value(QLatin1String("kind")).toString());
        if (!kind)
            return kind.error();
        if (*kind == EntryKind::Reversal)
            return Error(ErrorCode::InvalidArgument, QStringLiteral("reversals are made with `ledger reverse`"));
        draft.kind = *kind;
    }
    const QJsonValue postings = object.value(QLatin1String("postings"));
    if (!postings.isArray())
        return Error(ErrorCode::JsonMalformed, QStringLiteral("\"postings\" must be an array"));
    const QJsonArray array = postings.toArray();
    for (qsizetype i = 0; i < array.size(); ++i) {
        auto posting = readPosting(array.at(i));
        if (!posting)
            return posting.error().within(QStringLiteral("posting %1").arg(i + 1));
        draft.postings.append(*posting);
    }
    return draft;
}
} // namespace

Result<QList<EntryDraft>> read(const QByteArray &json, const QString &createdBy)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        return Error(ErrorCode::JsonMalformed,
                     QStringLiteral("%1 at offset %2").arg(parseError.errorString()).arg(parseError.offset));
    }
    if (!document.isArray())
        return Error(ErrorCode::JsonMalformed, QStringLiteral("the file must hold an array of entries"));
    const QJsonArray entries = document.array();
    QList<EntryDraft> drafts;
    drafts.reserve(entries.size());
    for (qsizetype i = 0; i < entries.size(); ++i) {
        auto entry = readEntry(entries.at(i), createdBy);
        if (!entry) {
            QString label = QStringLiteral("entry %1").arg(i + 1);
            const QString reference = entries.at(i).toObject().value(QLatin1String("reference")).toString();
            if (!reference.isEmpty())
                label += QStringLiteral(" (%1)").arg(reference);
            return entry.error().within(label);
        }
        drafts.append(*entry);
    }
    return drafts;
}

} // namespace paydesk::JournalJsonReader
