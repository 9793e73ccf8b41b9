#pragma once

#include "core/channel/alipay/AlipayAdapter.h"
#include "core/channel/unionpay/UnionPayAdapter.h"
#include "core/channel/wechatpay/WeChatPayAdapter.h"
#include "core/security/Permission.h"

namespace paydesk {

class Vault;
class Actor;

// A channel account's keys and certificates, as the adapters need them, read from the secret
// vault. Each item is one secret named "channel/<channel>/<account>/<item>" (store one with
// `paydesk-cli vault set NAME < file`):
//
//   wechatpay/<mchid>/   merchant_key (PEM), merchant_serial (text), apiv3_key (32 bytes),
//                        platform_certificates (PEM, one or more; chosen by serial) and/or
//                        platform_public_key (PEM or Base64) with platform_public_key_id (PUB_KEY_ID_…)
//   alipay/<app_id>/     app_private_key (PEM or bare Base64), alipay_public_key (PEM or bare Base64)
//   unionpay/<merId>/    signing_pfx (PKCS#12 bytes), signing_pfx_password,
//                        root_certificates (PEM), intermediate_certificates (PEM)
//
// Addresses and notification URLs are not secrets: they come in the `base` config, whose
// secret fields are filled in here. Reading is permission-checked and audited by the vault.
namespace ChannelCredentials {

QString secretName(const QString &channel, const QString &account, const QString &item);

// `permission` guards the reads: vault.read by default; the channel account service passes
// channel.manage.
Result<WeChatPayConfig> weChatPay(Vault &vault, const Actor &actor, WeChatPayConfig base,
                                  Permission permission = Permission::VaultRead);
Result<AlipayConfig> alipay(Vault &vault, const Actor &actor, AlipayConfig base,
                            Permission permission = Permission::VaultRead);
Result<UnionPayConfig> unionPay(Vault &vault, const Actor &actor, UnionPayConfig base,
                                Permission permission = Permission::VaultRead);

} // namespace ChannelCredentials
} // namespace paydesk
