#include "core/merchant/Application.h"

namespace paydesk::ApplicationNames {

QString signType(SignType type)
{
    return type == SignType::Rsa2 ? QStringLiteral("rsa2") : QStringLiteral("hmac_sha256");
}

bool signTypeFromName(const QString &name, SignType *type)
{
    if (name == QLatin1String("rsa2")) {
        *type = SignType::Rsa2;
        return true;
    }
    if (name == QLatin1String("hmac_sha256")) {
        *type = SignType::HmacSha256;
        return true;
    }
    return false;
}

} // namespace paydesk::ApplicationNames
