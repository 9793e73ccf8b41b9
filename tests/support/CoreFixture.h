#pragma once

#include "core/PaydeskCore.h"
#include "tests/support/MockClock.h"
#include "tests/support/TestDatabase.h"

#include <memory>

namespace paydesk::test {

// A test database with the core's services on a mock clock, using cheap KDF parameters
// (the stored hashes say which parameters they used, so production verification is unaffected).
class CoreFixture
{
public:
    static constexpr const char *kAdminPassword = "Chief-Password-1";
    static constexpr const char *kOperatorPassword = "Operator-Pass-9";

    explicit CoreFixture(const QString &backend);

    bool isOpen() const { return m_core != nullptr; }
    QString failure() const { return m_database.failure(); }
    PaydeskCore &core() { return *m_core; }
    MockClock &clock() { return m_clock; }
    TestDatabase &testDatabase() { return m_database; }

    static PaydeskCore::Options fastOptions();

    // Creates the first administrator "admin" and returns its session.
    Actor admin();
    // Creates (as admin) an operator with these roles and returns its session.
    Actor operatorWith(const QString &username, const QSet<Role> &roles);

private:
    TestDatabase m_database;
    MockClock m_clock;
    std::unique_ptr<PaydeskCore> m_core;
    Actor m_admin;
};

} // namespace paydesk::test
