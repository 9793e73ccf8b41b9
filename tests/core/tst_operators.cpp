#include "core/storage/Sql.h"
#include "tests/support/CoreFixture.h"

#include <QTest>

using namespace paydesk;
using namespace paydesk::test;

Q_DECLARE_METATYPE(paydesk::ErrorCode)

class TestOperators : public QObject
{
    Q_OBJECT

private:
    static QStringList actions(PaydeskCore &core)
    {
        QStringList list;
        auto records =
            core.audit().records(Actor::system(QStringLiteral("test"), {Permission::AuditView}, {}), {}, 0, 1000);
        for (const AuditRecord &record : *records)
            list.prepend(record.action + QLatin1Char(' ') + AuditNames::result(record.result));
        return list;
    }

private slots:
    void initTestCase_data() { TestDatabase::addBackendRows(); }

    void firstAdminOnlyOnce()
    {
        QFETCH_GLOBAL(QString, backend);
        CoreFixture f(backend);
        QVERIFY2(f.isOpen(), qPrintable(f.failure()));
        OperatorService &operators = f.core().operators();
        QCOMPARE(operators.hasOperators().value(), false);
        QCOMPARE(operators.createFirstAdmin(QStringLiteral("root"), QStringLiteral("short"), {}).error().code(),
                 ErrorCode::PasswordTooShort);
        QCOMPARE(operators.createFirstAdmin(QStringLiteral("x"), QStringLiteral("Long-Enough-Pass"), {}).error().code(),
                 ErrorCode::OperatorNameInvalid);
        QCOMPARE(
            operators.createFirstAdmin(QStringLiteral("root"), QStringLiteral("my-root-password"), {}).error().code(),
            ErrorCode::PasswordContainsName);
        auto admin = operators.createFirstAdmin(QStringLiteral("root"), QStringLiteral("Long-Enough-Pass"), {});
        QVERIFY2(admin.ok(), qPrintable(admin.error().message()));
        QCOMPARE(admin->roles, QSet<Role>{Role::Admin});
        QVERIFY(!admin->mustChangePassword);
        QCOMPARE(
            operators.createFirstAdmin(QStringLiteral("root2"), QStringLiteral("Long-Enough-Pass"), {}).error().code(),
            ErrorCode::FirstAdminExists);
        QCOMPARE(actions(f.core()), QStringList{QStringLiteral("operator.create ok")});
    }

    void loginLockoutAndExpiry()
    {
        QFETCH_GLOBAL(QString, backend);
        CoreFixture f(backend);
        QVERIFY2(f.isOpen(), qPrintable(f.failure()));
        f.admin();
        OperatorService &operators = f.core().operators();
        const QString right = QString::fromLatin1(CoreFixture::kAdminPassword);
        QCOMPARE(operators.authenticate(QStringLiteral("nobody"), right, {}).error().code(),
                 ErrorCode::AuthenticationFailed);
        for (int i = 1; i < 10; ++i)
            QCOMPARE(operators.authenticate(QStringLiteral("admin"), QStringLiteral("wrong-password-%1").arg(i), {})
                         .error()
                         .code(),
                     ErrorCode::AuthenticationFailed);
        // The tenth failure in a row locks the operator for 30 minutes, right password or not.
        QCOMPARE(operators.authenticate(QStringLiteral("admin"), QStringLiteral("wrong-again"), {}).error().code(),
                 ErrorCode::OperatorLocked);
        QCOMPARE(operators.authenticate(QStringLiteral("admin"), right, {}).error().code(), ErrorCode::OperatorLocked);
        f.clock().advanceSeconds(29 * 60);
        QCOMPARE(operators.authenticate(QStringLiteral("admin"), right, {}).error().code(), ErrorCode::OperatorLocked);
        f.clock().advanceSeconds(61);
        auto login = operators.authenticate(QStringLiteral("admin"), right, QStringLiteral("console@test"));
        QVERIFY2(login.ok(), qPrintable(login.error().message()));
        QCOMPARE(login->actor.name(), QStringLiteral("admin"));
        QCOMPARE(login->actor.source(), QStringLiteral("console@test"));
        const QStringList log = actions(f.core());
        // 1 unknown operator + 10 wrong passwords + 2 attempts while locked.
        QCOMPARE(log.count(QStringLiteral("login.failed failed")), 13);
        QCOMPARE(log.count(QStringLiteral("operator.locked ok")), 1);
        QCOMPARE(log.last(), QStringLiteral("login ok"));
        // A success resets the count: nine more failures do not lock.
        for (int i = 0; i < 9; ++i)
            QVERIFY(!operators.authenticate(QStringLiteral("admin"), QStringLiteral("nope-nope-nope"), {}).ok());
        QVERIFY(operators.authenticate(QStringLiteral("admin"), right, {}).ok());
    }

    void idleLockConfirmationCountsFailures()
    {
        QFETCH_GLOBAL(QString, backend);
        CoreFixture f(backend);
        QVERIFY2(f.isOpen(), qPrintable(f.failure()));
        const Actor admin = f.admin();
        QVERIFY(f.core().operators().confirmPassword(admin, QString::fromLatin1(CoreFixture::kAdminPassword)).ok());
        QCOMPARE(f.core().operators().confirmPassword(admin, QStringLiteral("wrong")).error().code(),
                 ErrorCode::AuthenticationFailed);
        QVERIFY(actions(f.core()).contains(QStringLiteral("session.unlock ok")));
        QCOMPARE(f.core().operators().list(admin)->first().failedLogins, 1);
    }

    // A password typed into the user field must not land in the audit log: a failed sign-in
    // under a name that is no operator is recorded without that name.
    void unknownNamesAreNotRecorded()
    {
        QFETCH_GLOBAL(QString, backend);
        CoreFixture f(backend);
        QVERIFY2(f.isOpen(), qPrintable(f.failure()));
        f.admin();
        const QString typed = QStringLiteral("Typed-Into-The-User-Field-77");
        QCOMPARE(f.core()
                     .operators()
                     .authenticate(typed, QStringLiteral("whatever-else"), QStringLiteral("console@test"))
                     .error()
                     .code(),
                 ErrorCode::AuthenticationFailed);
        auto failed = f.core().audit().records(Actor::system(QStringLiteral("t"), {Permission::AuditView}, {}),
                                               AuditFilter{{}, QStringLiteral("login.failed"), {}, {}}, 0, 10);
        QVERIFY(failed.ok());
        QCOMPARE(failed->size(), 1);
        QCOMPARE(failed->first().object, QStringLiteral("operator:(unknown)"));
        QVERIFY(failed->first().detail.contains(QStringLiteral("unknown operator")));
        const QSqlDatabase db = f.core().database().connection().value();
        auto mentions = Sql::scalar(
            db,
            QStringLiteral("SELECT count(*) FROM audit_log WHERE actor LIKE ? OR source LIKE ? OR object LIKE ? "
                           "OR detail LIKE ?"),
            {QStringLiteral("%Typed-Into%"), QStringLiteral("%Typed-Into%"), QStringLiteral("%Typed-Into%"),
             QStringLiteral("%Typed-Into%")});
        QVERIFY(mentions.ok());
        QCOMPARE(mentions->toLongLong(), qint64(0));
        QVERIFY(f.core().audit().verify().ok());

        // A real operator's failure still names the operator (from the database, as stored).
        QCOMPARE(f.core()
                     .operators()
                     .authenticate(QStringLiteral("admin"), QStringLiteral("not-the-password"), {})
                     .error()
                     .code(),
                 ErrorCode::AuthenticationFailed);
        failed = f.core().audit().records(Actor::system(QStringLiteral("t"), {Permission::AuditView}, {}),
                                          AuditFilter{{}, QStringLiteral("login.failed"), {}, {}}, 0, 10);
        QCOMPARE(failed->first().object, QStringLiteral("operator:admin"));
    }

    // Unknown, locked, disabled, wrong and right: every answer costs exactly one password
    // verification in the hasher's parameters, so the time taken tells nothing (counted rather
    // than timed: a busy machine cannot make this flaky).
    void everySignInAnswerCostsOneVerification()
    {
        QFETCH_GLOBAL(QString, backend);
        CoreFixture f(backend);
        QVERIFY2(f.isOpen(), qPrintable(f.failure()));
        const Actor admin = f.admin();
        const Actor fiona = f.operatorWith(QStringLiteral("fiona"), {Role::Finance});
        const Actor gina = f.operatorWith(QStringLiteral("gina"), {Role::Support});
        QVERIFY(fiona.isValid() && gina.isValid());
        QVERIFY(f.core().operators().setActive(admin, gina.operatorId(), false).ok());
        for (int i = 0; i < 10; ++i)
            QVERIFY(!f.core()
                         .operators()
                         .authenticate(QStringLiteral("fiona"), QStringLiteral("wrong-password-%1").arg(i), {})
                         .ok());

        const PasswordHasher counting(CoreFixture::fastOptions().hasher.parameters());
        QVERIFY(counting.decoy().startsWith(QStringLiteral("$scrypt$ln=%1,").arg(counting.parameters().log2N)));
        OperatorService operators(f.core().database(), f.clock(), f.core().audit(), counting);
        const QString right = QString::fromLatin1(CoreFixture::kOperatorPassword);
        struct Attempt
        {
            const char *name;
            QString password;
            ErrorCode answer;
        };
        const QList<Attempt> attempts{{"nobody-at-all", right, ErrorCode::AuthenticationFailed},
                                      {"admin", QStringLiteral("wrong-password"), ErrorCode::AuthenticationFailed},
                                      {"fiona", right, ErrorCode::OperatorLocked},
                                      {"fiona", QStringLiteral("wrong-password"), ErrorCode::OperatorLocked},
                                      {"gina", right, ErrorCode::OperatorDisabled},
                                      {"gina", QStringLiteral("wrong-password"), ErrorCode::OperatorDisabled},
                                      {"admin", QString::fromLatin1(CoreFixture::kAdminPassword), ErrorCode::None}};
        for (const Attempt &attempt : attempts) {
            const quint64 before = counting.derivations();
            auto login = operators.authenticate(QString::fromLatin1(attempt.name), attempt.password, {});
            QCOMPARE(login.ok() ? ErrorCode::None : login.error().code(), attempt.answer);
            QVERIFY2(counting.derivations() - before == 1, attempt.name);
        }
        // The idle lock's confirmation too, for a locked operator.
        const quint64 before = counting.derivations();
        QCOMPARE(operators.confirmPassword(fiona, right).error().code(), ErrorCode::OperatorLocked);
        QCOMPARE(counting.derivations() - before, quint64(1));
    }

    void administratorsLiftLockouts()
    {
        QFETCH_GLOBAL(QString, backend);
        CoreFixture f(backend);
        QVERIFY2(f.isOpen(), qPrintable(f.failure()));
        const Actor admin = f.admin();
        const Actor fiona = f.operatorWith(QStringLiteral("fiona"), {Role::Finance});
        const Actor sam = f.operatorWith(QStringLiteral("sam"), {Role::Support});
        OperatorService &operators = f.core().operators();
        const QString right = QString::fromLatin1(CoreFixture::kOperatorPassword);
        for (int i = 0; i < 10; ++i)
            QVERIFY(
                !operators.authenticate(QStringLiteral("fiona"), QStringLiteral("wrong-password-%1").arg(i), {}).ok());
        QCOMPARE(operators.authenticate(QStringLiteral("fiona"), right, {}).error().code(), ErrorCode::OperatorLocked);
        QCOMPARE(operators.unlock(sam, fiona.operatorId()).error().code(), ErrorCode::PermissionDenied);
        QCOMPARE(operators.authenticate(QStringLiteral("fiona"), right, {}).error().code(), ErrorCode::OperatorLocked);
        QVERIFY(operators.unlock(admin, fiona.operatorId()).ok());
        QVERIFY(operators.authenticate(QStringLiteral("fiona"), right, {}).ok());
        auto records =
            f.core().audit().records(admin, AuditFilter{{}, QStringLiteral("operator.unlock"), {}, {}}, 0, 10);
        QCOMPARE(records->size(), 1);
        QCOMPARE(records->first().object, QStringLiteral("operator:fiona"));
        QVERIFY(records->first().detail.contains(QStringLiteral("\"was_locked\":true")));
        QCOMPARE(operators.findByName(admin, QStringLiteral("fiona"))->id, fiona.operatorId());
        QCOMPARE(operators.findByName(sam, QStringLiteral("fiona")).error().code(), ErrorCode::PermissionDenied);
        QCOMPARE(operators.findByName(admin, QStringLiteral("nobody")).error().code(), ErrorCode::OperatorUnknown);
    }

    void disabledOperatorsCannotSignIn()
    {
        QFETCH_GLOBAL(QString, backend);
        CoreFixture f(backend);
        QVERIFY2(f.isOpen(), qPrintable(f.failure()));
        const Actor admin = f.admin();
        const Actor finance = f.operatorWith(QStringLiteral("fiona"), {Role::Finance});
        QVERIFY(finance.isValid());
        QVERIFY(f.core().operators().setActive(admin, finance.operatorId(), false).ok());
        QCOMPARE(f.core()
                     .operators()
                     .authenticate(QStringLiteral("fiona"), QString::fromLatin1(CoreFixture::kOperatorPassword), {})
                     .error()
                     .code(),
                 ErrorCode::OperatorDisabled);
        QVERIFY(f.core().operators().setActive(admin, finance.operatorId(), true).ok());
        QVERIFY(f.core()
                    .operators()
                    .authenticate(QStringLiteral("fiona"), QString::fromLatin1(CoreFixture::kOperatorPassword), {})
                    .ok());
    }

    void passwordRules()
    {
        QFETCH_GLOBAL(QString, backend);
        CoreFixture f(backend);
        QVERIFY2(f.isOpen(), qPrintable(f.failure()));
        const Actor admin = f.admin();
        OperatorService &operators = f.core().operators();
        const QString first = QString::fromLatin1(CoreFixture::kAdminPassword);
        QCOMPARE(
            operators.changeOwnPassword(admin, QStringLiteral("not-the-password"), QStringLiteral("Brand-New-Pass-1"))
                .error()
                .code(),
            ErrorCode::AuthenticationFailed);
        QCOMPARE(operators.changeOwnPassword(admin, first, QStringLiteral("short-one")).error().code(),
                 ErrorCode::PasswordTooShort);
        QCOMPARE(operators.changeOwnPassword(admin, first, QStringLiteral("xx-Admin-xx-xx")).error().code(),
                 ErrorCode::PasswordContainsName);
        QCOMPARE(operators.changeOwnPassword(admin, first, first).error().code(), ErrorCode::PasswordReused);
        // Twelve characters are enough, counted as characters, not bytes.
        QVERIFY(operators.changeOwnPassword(admin, first, QStringLiteral("密码密码密码密码密码密码")).ok());
        const QStringList passwords{QStringLiteral("密码密码密码密码密码密码"), QStringLiteral("Second-Pass-22"),
                                    QStringLiteral("Third-Pass-333"), QStringLiteral("Fourth-Pass-44")};
        for (int i = 1; i < passwords.size(); ++i)
            QVERIFY(operators.changeOwnPassword(admin, passwords[i - 1], passwords[i]).ok());
        // The last four are remembered: the first password is now fifth-last and usable again,
        // the second-last is not.
        QCOMPARE(operators.changeOwnPassword(admin, passwords.last(), passwords[1]).error().code(),
                 ErrorCode::PasswordReused);
        QVERIFY(operators.changeOwnPassword(admin, passwords.last(), first).ok());
        QVERIFY(operators.authenticate(QStringLiteral("admin"), first, {}).ok());
    }

    void administratorsManageOperators()
    {
        QFETCH_GLOBAL(QString, backend);
        CoreFixture f(backend);
        QVERIFY2(f.isOpen(), qPrintable(f.failure()));
        const Actor admin = f.admin();
        OperatorService &operators = f.core().operators();
        auto created = operators.create(admin, QStringLiteral("fred"), QStringLiteral("Fred Finance"), {Role::Finance},
                                        QStringLiteral("Temporary-Pass-1"));
        QVERIFY2(created.ok(), qPrintable(created.error().message()));
        QVERIFY(created->mustChangePassword);
        QCOMPARE(
            operators.create(admin, QStringLiteral("fred"), {}, {Role::Finance}, QStringLiteral("Temporary-Pass-1"))
                .error()
                .code(),
            ErrorCode::OperatorExists);
        QCOMPARE(
            operators.create(admin, QStringLiteral("nora"), {}, {}, QStringLiteral("Temporary-Pass-1")).error().code(),
            ErrorCode::RoleUnknown);
        auto login = operators.authenticate(QStringLiteral("fred"), QStringLiteral("Temporary-Pass-1"), {});
        QVERIFY(login->mustChangePassword);
        QVERIFY(operators
                    .changeOwnPassword(login->actor, QStringLiteral("Temporary-Pass-1"),
                                       QStringLiteral("Own-Secret-Pass-1"))
                    .ok());
        QVERIFY(!operators.authenticate(QStringLiteral("fred"), QStringLiteral("Own-Secret-Pass-1"), {})
                     ->mustChangePassword);

        QVERIFY(operators.setRoles(admin, created->id, {Role::Finance, Role::Approver}).ok());
        QCOMPARE(operators.find(admin, created->id)->roles, (QSet<Role>{Role::Finance, Role::Approver}));
        QVERIFY(operators.resetPassword(admin, created->id, QStringLiteral("Reset-By-Admin-1")).ok());
        QVERIFY(
            operators.authenticate(QStringLiteral("fred"), QStringLiteral("Reset-By-Admin-1"), {})->mustChangePassword);

        // Guards: never leave the platform without an active administrator.
        QCOMPARE(operators.setActive(admin, admin.operatorId(), false).error().code(), ErrorCode::SelfChangeRefused);
        QCOMPARE(operators.setRoles(admin, admin.operatorId(), {Role::Finance}).error().code(),
                 ErrorCode::SelfChangeRefused);
        const Actor second = f.operatorWith(QStringLiteral("ada"), {Role::Admin});
        QVERIFY(operators.setRoles(second, admin.operatorId(), {Role::Auditor}).ok());
        QCOMPARE(operators.setActive(admin, second.operatorId(), false).error().code(), ErrorCode::PermissionDenied);

        const QStringList log = actions(f.core());
        for (const char *action : {"operator.create ok", "operator.roles ok", "operator.password_reset ok",
                                   "operator.password_change ok", "permission.denied denied"})
            QVERIFY2(log.contains(QString::fromLatin1(action)), action);
        auto records = f.core().audit().records(Actor::system(QStringLiteral("t"), {Permission::AuditView}, {}),
                                                AuditFilter{{}, QStringLiteral("operator.roles"), {}, {}}, 0, 10);
        QVERIFY(records->last().detail.contains(QStringLiteral("\"before\"")));
        QVERIFY(records->last().detail.contains(QStringLiteral("finance,approver")));
        // Passwords never reach the audit log.
        const auto all =
            f.core().audit().records(Actor::system(QStringLiteral("t"), {Permission::AuditView}, {}), {}, 0, 1000);
        QVERIFY(all->size() > 10);
        for (const AuditRecord &record : *all)
            QVERIFY(!record.detail.contains(QStringLiteral("Pass")));
    }

    void onlyAdministratorsManage()
    {
        QFETCH_GLOBAL(QString, backend);
        CoreFixture f(backend);
        QVERIFY2(f.isOpen(), qPrintable(f.failure()));
        f.admin();
        for (Role role : {Role::Onboarding, Role::Support, Role::Finance, Role::Approver, Role::Auditor}) {
            const Actor someone = f.operatorWith(Permissions::roleName(role) + QStringLiteral("-op"), {role});
            QVERIFY(someone.isValid());
            auto created = f.core().operators().create(someone, QStringLiteral("intruder"), {}, {Role::Admin},
                                                       QStringLiteral("Intruder-Pass-1"));
            QCOMPARE(created.error().code(), ErrorCode::PermissionDenied);
            QCOMPARE(f.core().operators().resetPassword(someone, 1, QStringLiteral("Stolen-Admin-1")).error().code(),
                     ErrorCode::PermissionDenied);
            QCOMPARE(f.core().operators().list(someone).ok(), role == Role::Auditor); // auditors may look
        }
        QCOMPARE(f.core()
                     .operators()
                     .authenticate(QStringLiteral("intruder"), QStringLiteral("Intruder-Pass-1"), {})
                     .error()
                     .code(),
                 ErrorCode::AuthenticationFailed);
    }
};

QTEST_GUILESS_MAIN(TestOperators)
#include "tst_operators.moc"
