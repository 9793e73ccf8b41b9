#include "tests/support/CoreFixture.h"

namespace paydesk::test {

CoreFixture::CoreFixture(const QString &backend) : m_database(backend)
{
    if (m_database.isOpen())
        m_core = std::make_unique<PaydeskCore>(m_database.shared(), m_clock, fastOptions());
}

PaydeskCore::Options CoreFixture::fastOptions()
{
    PaydeskCore::Options options;
    options.hasher = PasswordHasher(Crypto::ScryptParameters{10, 8, 1});
    options.vaultKdf = Crypto::ScryptParameters{10, 8, 1};
    return options;
}

Actor CoreFixture::admin()
{
    if (m_admin.isValid())
        return m_admin;
    const QString password = QString::fromLatin1(kAdminPassword);
    if (!m_core->operators().createFirstAdmin(QStringLiteral("admin"), password, QStringLiteral("test")))
        return {};
    auto login = m_core->operators().authenticate(QStringLiteral("admin"), password, QStringLiteral("test"));
    if (login)
        m_admin = login->actor;
    return m_admin;
}

Actor CoreFixture::operatorWith(const QString &username, const QSet<Role> &roles)
{
    const QString password = QString::fromLatin1(kOperatorPassword);
    auto created = m_core->operators().create(admin(), username, username, roles, password, false);
    if (!created)
        return {};
    auto login = m_core->operators().authenticate(username, password, QStringLiteral("test"));
    return login ? login->actor : Actor();
}

} // namespace paydesk::test
