#pragma once

#include "core/channel/ChannelAdapter.h"
#include "core/channel/account/ChannelAccount.h"
#include "core/channel/http/HttpClient.h"
#include "core/security/Permission.h"

#include <memory>

namespace paydesk {

class Actor;
class Clock;
class Vault;

// Builds the adapter for a channel account: its addresses and ids from the account, its keys
// from the vault (read under `permission`, each read audited by the vault), HTTPS trusting the
// account's extra CA certificates on top of the system's.
namespace ChannelAdapterFactory {

Result<std::unique_ptr<ChannelAdapter>> create(const ChannelAccount &account, Vault &vault, const Actor &actor,
                                               const Clock &clock, HttpClient::Options http, Permission permission);

// The account's HTTP options: `base` plus its CA certificates.
HttpClient::Options httpOptions(const ChannelAccount &account, HttpClient::Options base);

// Alipay's gateway: the base URL as given, or <base>/gateway.do when it names only a host.
QUrl alipayGateway(const QString &baseUrl);

} // namespace ChannelAdapterFactory
} // namespace paydesk
