#include "core/ledger/JournalEntry.h"

#include <array>

namespace paydesk {

namespace {
struct KindName
{
    EntryKind kind;
    const char *name;
};
constexpr std::array<KindName, 12> kKindNames{{
    {EntryKind::Manual, "manual"},
    {EntryKind::Payment, "payment"},
    {EntryKind::Refund, "refund"},
    {EntryKind::Clearing, "clearing"},
    {EntryKind::ChannelSettlement, "channel_settlement"},
    {EntryKind::Payout, "payout"},
    {EntryKind::PayoutConfirmed, "payout_confirmed"},
    {EntryKind::PayoutFailed, "payout_failed"},
    {EntryKind::Freeze, "freeze"},
    {EntryKind::Unfreeze, "unfreeze"},
    {EntryKind::Adjustment, "adjustment"},
    {EntryKind::Reversal, "reversal"},
}};
} // namespace

QString entryKindName(EntryKind kind)
{
    // Shared strings: this runs for every entry posted.
    static const QList<QString> names = []() {
        QList<QString> list(int(kKindNames.size()));
        for (const KindName &entry : kKindNames)
            list[int(entry.kind)] = QString::fromLatin1(entry.name);
        return list;
    }();
    return names.value(int(kind));
}

Result<EntryKind> entryKindFromName(const QString &name)
{
    for (const KindName &entry : kKindNames) {
        if (name == QLatin1StringView(entry.name))
            return entry.kind;
    }
    return Error(ErrorCode::InvalidArgument, QStringLiteral("unknown entry kind ") + name);
}

} // namespace paydesk
