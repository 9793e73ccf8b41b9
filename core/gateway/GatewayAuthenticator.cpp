#include "core/gateway/GatewayAuthenticator.h"

#include "core/gateway/GatewaySignature.h"
#include "core/gateway/GatewayStore.h"
#include "core/merchant/ApplicationKeyMaterial.h"
#include "core/merchant/ApplicationService.h"
#include "core/security/Crypto.h"
#include "core/security/PublicKey.h"
#include "core/storage/Database.h"
#include "core/util/Clock.h"
#include "core/util/Error.h"

#include <QRegularExpression>

namespace paydesk {

namespace {
Error malformed(const QString &detail)
{
    return Error(ErrorCode::GatewayRequestInvalid, detail);
}

Error unauthenticated()
{
    return Error(ErrorCode::ApplicationSignatureInvalid,
                 QStringLiteral("unknown application, timestamp outside the window or wrong signature"));
}

// A key that belongs to nobody: an unknown application's request is checked against it.
constexpr char kDecoyRsaPublicKey[] = "-----BEGIN PUBLIC KEY-----\n"
                                      "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAoHXYNDnDnrZLuFAhP3rM\n"
                                      "m/2ylo/NeIZgJVmluLRvZYJUqfq1zFvcE7wRd/3Hf3mSuyZb/fKtnJbMdisOJ54M\n"
                                      "K8u0e/Sj+nQVgIzmncSReiWJfQE6mVxoSaGTUi/Hctj44q6vpcaythqXVoLdIh4q\n"
                                      "KeCL2MvshgrBGckXQqC7aYjF/J7RvSFx6gDfP/pRNliBEHyqENuX9rZWDQV/Ux7y\n"
                                      "6vbszU5Pttc8kYKHqrlvici3nkR9fJtvFWlsCyUCJi0KBt0dRiXBeN5c2/y2tl3/\n"
                                      "vOc1eMrPt96Z4Twx6zZ3r2l9FxBTjxrloV4DYUpfJCbGb5mK9ycW5/ejj5KnUTd2\n"
                                      "CQIDAQAB\n"
                                      "-----END PUBLIC KEY-----\n";

// The work a known application's failed check costs — the signature decoded and checked with a
// key of the same kind — spent on an unknown one, so that the answer's timing does not tell
// an outsider which app ids exist either.
void spendDecoyVerification(SignType type, const QByteArray &signedContent, const QByteArray &signatureBase64)
{
    const auto decoded = QByteArray::fromBase64Encoding(signatureBase64, QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || decoded.decoded.isEmpty())
        return; // a known application answers this one before any key is used
    if (type == SignType::Rsa2) {
        auto key = PublicKey::fromPem(QByteArray(kDecoyRsaPublicKey));
        if (key)
            (void)key->verifySha256(signedContent, decoded.decoded);
        return;
    }
    static const SecretBytes decoySecret = ApplicationKeyMaterial::generateSecret();
    auto expected = ApplicationKeyMaterial::hmacSha256(decoySecret, signedContent);
    if (expected)
        (void)Crypto::equalConstantTime(*expected, decoded.decoded);
}
} // namespace

GatewayAuthenticator::GatewayAuthenticator(Database &database, const Clock &clock, ApplicationService &applications,
                                           const Actor &actor)
    : m_database(database), m_clock(clock), m_applications(applications), m_actor(actor)
{
}

Result<GatewayAuthenticator::Verified> GatewayAuthenticator::verify(const GatewayRequest &request)
{
    using namespace GatewaySignature;
    const QByteArray appId = request.header(kAppIdHeader).trimmed();
    const QByteArray timestamp = request.header(kTimestampHeader).trimmed();
    const QByteArray nonce = request.header(kNonceHeader).trimmed();
    const QByteArray signType = request.header(kSignTypeHeader).trimmed().toUpper();
    const QByteArray signature = request.header(kSignatureHeader).trimmed();
    if (appId.isEmpty() || timestamp.isEmpty() || nonce.isEmpty() || signType.isEmpty() || signature.isEmpty())
        return malformed(QStringLiteral("Paydesk-App-Id, Paydesk-Timestamp, Paydesk-Nonce, Paydesk-Sign-Type and "
                                        "Paydesk-Signature are all required"));
    static const QRegularExpression digits(QStringLiteral("^[0-9]{1,12}$"));
    static const QRegularExpression nonceShape(QStringLiteral("^[A-Za-z0-9_-]{8,64}$"));
    if (!digits.match(QString::fromLatin1(timestamp)).hasMatch())
        return malformed(QStringLiteral("Paydesk-Timestamp: Unix time in seconds"));
    if (!nonceShape.match(QString::fromLatin1(nonce)).hasMatch())
        return malformed(QStringLiteral("Paydesk-Nonce: 8 to 64 letters, digits, '-' or '_'"));
    SignType type = SignType::Rsa2;
    if (signType == "RSA2")
        type = SignType::Rsa2;
    else if (signType == "HMAC-SHA256")
        type = SignType::HmacSha256;
    else
        return malformed(QStringLiteral("Paydesk-Sign-Type: RSA2 or HMAC-SHA256"));

    // Before the signature verifies, every refusal reads the same — unknown or disabled
    // application, timestamp outside the window, wrong signature — so an outsider cannot tell
    // which app ids exist; the window is checked first, before any lookup.
    const QDateTime now = m_clock.nowUtc();
    const qint64 skew = timestamp.toLongLong() - now.toSecsSinceEpoch();
    if (skew > kWindowSeconds || skew < -kWindowSeconds)
        return unauthenticated();

    const QString app = QString::fromLatin1(appId);
    const QByteArray signedContent = content(request.method, request.path, timestamp, nonce, request.body);
    auto application = m_applications.findByAppId(m_actor, app);
    if (!application) {
        if (application.error().code() == ErrorCode::ApplicationUnknown) {
            spendDecoyVerification(type, signedContent, signature);
            return unauthenticated();
        }
        return application.error();
    }
    const Status verified = m_applications.verify(m_actor, *application, type, signedContent, signature, now);
    if (!verified) {
        if (verified.error().code() == ErrorCode::ApplicationSignatureInvalid) // wrong key, disabled application, …
            return unauthenticated();
        return verified.error();
    }
    if (!application->allows(request.peer))
        return Error(ErrorCode::PermissionDenied,
                     QStringLiteral("%1 may not call from %2").arg(app, request.peer.toString()));
    return Verified{*application, QString::fromLatin1(nonce), now};
}

Status GatewayAuthenticator::remember(const QSqlDatabase &db, const Verified &request)
{
    const QString &appId = request.application.appId;
    auto fresh = GatewayStore::rememberNonce(db, appId, request.nonce, request.at);
    if (!fresh)
        return fresh.error();
    if (!*fresh)
        return Error(ErrorCode::GatewayRequestReplayed, QStringLiteral("nonce %1 of %2").arg(request.nonce, appId));
    return {};
}

Status GatewayAuthenticator::remember(const Verified &request)
{
    auto connection = m_database.connection();
    if (!connection)
        return connection.error();
    return remember(*connection, request);
}

Result<int> GatewayAuthenticator::forgetOldNonces()
{
    auto connection = m_database.connection();
    if (!connection)
        return connection.error();
    return GatewayStore::forgetNoncesBefore(*connection,
                                            m_clock.nowUtc().addSecs(-2 * GatewaySignature::kWindowSeconds));
}

} // namespace paydesk
