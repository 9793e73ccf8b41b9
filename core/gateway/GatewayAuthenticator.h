#pragma once

#include "GatewayHttp.h"
#include "merchant/Application.h"
#include "security/Actor.h"
#include "util/Result.h"

namespace paydesk {

class ApplicationService;
class Clock;
class Database;

// Who is calling the gateway: checks a request's signature headers (GatewaySignature) and
// answers with the application that signed it. Refused: missing or malformed headers
// (GatewayRequestInvalid), an unknown or disabled application or a signature that does not
// verify (both ApplicationSignatureInvalid, so app ids cannot be probed), a signed request from an
// address outside the application's allowlist (PermissionDenied), a timestamp outside the window (GatewayRequestExpired), a nonce
// already used by the application (GatewayRequestReplayed). The nonce is recorded only for a
// request whose signature verified, so a forger cannot burn an application's nonces.
class GatewayAuthenticator
{
public:
    GatewayAuthenticator(Database &database, const Clock &clock, ApplicationService &applications, const Actor &actor);

    Result<Application> authenticate(const GatewayRequest &request);

    // Deletes nonces older than twice the window (for the scheduler: a nonce is needed while its
    // timestamp could still pass, and clocks drift); returns how many.
    Result<int> forgetOldNonces();

private:
    Status remember(const QString &appId, const QString &nonce, const QDateTime &now);

    Database &m_database;
    const Clock &m_clock;
    ApplicationService &m_applications;
    Actor m_actor;
};

} // namespace paydesk
