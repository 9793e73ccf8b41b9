#include "widgets/channel/ChannelDirectory.h"

#include "core/PaydeskCore.h"

#include <algorithm>

namespace paydesk {

namespace {
constexpr int kPageSize = 200;
}

Result<ChannelDirectory> ChannelDirectory::load(PaydeskCore &core, const Actor &actor)
{
    ChannelDirectory directory;
    if (actor.can(Permission::MerchantView)) {
        MerchantFilter filter;
        filter.order = MerchantOrder::ByMerchantNo;
        qint64 after = 0;
        for (;;) {
            auto page = core.merchants().list(actor, filter, after, kPageSize);
            if (!page)
                return page.error();
            for (const Merchant &merchant : std::as_const(*page)) {
                MerchantChoice choice;
                choice.id = merchant.id;
                choice.merchantNo = merchant.merchantNo;
                choice.name =
                    merchant.profile.shortName.isEmpty() ? merchant.profile.legalName : merchant.profile.shortName;
                choice.status = merchant.status;
                choice.currency = merchant.profile.currency;
                directory.merchants << choice;
                after = merchant.id;
            }
            if (page->size() < kPageSize)
                break;
        }
        // Closed merchants take no rates or rules: keep them out of the way, at the end.
        std::stable_partition(directory.merchants.begin(), directory.merchants.end(),
                              [](const MerchantChoice &m) { return m.status != MerchantStatus::Closed; });
    }
    if (actor.can(Permission::ChannelView)) {
        auto accounts = core.channelAccounts().list(actor);
        if (!accounts)
            return accounts.error();
        directory.accounts = *accounts;
    }
    return directory;
}

const MerchantChoice *ChannelDirectory::merchant(qint64 id) const
{
    for (const MerchantChoice &choice : merchants) {
        if (choice.id == id)
            return &choice;
    }
    return nullptr;
}

const ChannelAccount *ChannelDirectory::account(qint64 id) const
{
    for (const ChannelAccount &account : accounts) {
        if (account.id == id)
            return &account;
    }
    return nullptr;
}

QString ChannelDirectory::merchantLabel(qint64 id) const
{
    const MerchantChoice *choice = merchant(id);
    return choice ? choice->label() : QStringLiteral("#%1").arg(id);
}

QString ChannelDirectory::accountLabel(qint64 id) const
{
    const ChannelAccount *found = account(id);
    return found ? found->name : QStringLiteral("#%1").arg(id);
}

} // namespace paydesk
