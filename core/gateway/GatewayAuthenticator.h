#pragma once

#include "core/gateway/GatewayHttp.h"
#include "core/merchant/Application.h"
#include "core/security/Actor.h"
#include "core/util/Result.h"

#include <QDateTime>

class QSqlDatabase;

namespace paydesk {

class ApplicationService;
class Clock;
class Database;

// Who is calling the gateway: checks a request's signature headers (GatewaySignature) and
// answers with the application that signed it. Refused: missing or malformed headers
// (GatewayRequestInvalid); a timestamp outside the window (checked first, before any lookup), an
// unknown or disabled application or a signature that does not verify — all three the same
// ApplicationSignatureInvalid with the same message, so app ids cannot be probed; then, once the
// signature verified, a request from an address outside the application's allowlist
// (PermissionDenied) or a nonce already used by the application (GatewayRequestReplayed). The nonce is recorded only
// for a request whose signature verified, so a forger cannot burn an application's nonces.
class GatewayAuthenticator
{
public:
    GatewayAuthenticator(Database &database, const Clock &clock, ApplicationService &applications, const Actor &actor);

    // A request whose signature verified, and the nonce it must use up.
    struct Verified
    {
        Application application;
        QString nonce;
        QDateTime at;
    };
    // All the checks but the nonce's: the caller records it with remember(), in the transaction
    // of what the request does when it has one (a new order), or on its own.
    Result<Verified> verify(const GatewayRequest &request);
    // Records the nonce on `db` (which may be inside a transaction); GatewayRequestReplayed when
    // the application used it before.
    Status remember(const QSqlDatabase &db, const Verified &request);
    // The same in a statement of its own.
    Status remember(const Verified &request);

    // Deletes nonces older than twice the window (for the scheduler: a nonce is needed while its
    // timestamp could still pass, and clocks drift); returns how many.
    Result<int> forgetOldNonces();

private:
    Database &m_database;
    const Clock &m_clock;
    ApplicationService &m_applications;
    Actor m_actor;
};

} // namespace paydesk
