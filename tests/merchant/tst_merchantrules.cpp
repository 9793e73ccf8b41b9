#include "core/merchant/MerchantMasking.h"
#include "core/merchant/MerchantValidator.h"
#include "core/merchant/RegistrationNumber.h"
#include "tests/merchant/OnboardingFixture.h"

using namespace paydesk;
using namespace paydesk::test;

// The merchant's fields and who sees them, on SQLite and PostgreSQL: registration numbers and
// validators, validation on create and edit, stale versions, masking by actor, audited
// permission denials, and the listing's filters, pages and counts.
class TestMerchantRules : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase_data() { TestDatabase::addBackendRows(); }

    void registrationNumbersAndFieldValidators()
    {
        QFETCH_GLOBAL(QString, backend);
        Q_UNUSED(backend);
        const QDate today(2026, 11, 26);
        // Real unified social credit codes (Tencent, Alibaba, a Fuzhou sample) and one character off.
        for (const char *code :
             {"91440300708461136T", "9144030071526726XG", "91330100799655058B", "91350100M000100Y43"}) {
            QVERIFY2(RegistrationNumber::creditCodeProblem(QLatin1String(code)).isEmpty(), code);
            QVERIFY(MerchantValidator::registrationNo(MerchantType::Enterprise, QLatin1String(code)).ok());
        }
        QVERIFY(RegistrationNumber::creditCodeProblem(QStringLiteral("91440300708461136X"))
                    .contains(QStringLiteral("check character is T")));
        QVERIFY(!RegistrationNumber::creditCodeProblem(QStringLiteral("91440300708461137T")).isEmpty());
        QVERIFY(!RegistrationNumber::creditCodeProblem(QStringLiteral("91440300708461136")).isEmpty()); // 17 characters
        QVERIFY(
            !RegistrationNumber::creditCodeProblem(QStringLiteral("9144030070846113IT")).isEmpty()); // I is not used
        QVERIFY(!RegistrationNumber::creditCodeProblem(QStringLiteral("914403A0708461136T"))
                     .isEmpty()); // division code letters
        // Resident ID numbers: the examples of GB 11643 and one character off.
        QVERIFY(RegistrationNumber::residentIdProblem(QStringLiteral("11010519491231002X"), today).isEmpty());
        QVERIFY(RegistrationNumber::residentIdProblem(QStringLiteral("440524188001010014"), today).isEmpty());
        QVERIFY(RegistrationNumber::residentIdProblem(QStringLiteral("110105194912310021"), today)
                    .contains(QStringLiteral("check character is X")));
        QVERIFY(!RegistrationNumber::residentIdProblem(QStringLiteral("11010519491231102X"), today).isEmpty());
        // A birth date that does not exist or lies ahead, with a correct check character.
        const QString february30 =
            QStringLiteral("11010519900230123") + RegistrationNumber::residentIdCheckCharacter(u"11010519900230123");
        QVERIFY(RegistrationNumber::residentIdProblem(february30, today).contains(QStringLiteral("birth date")));
        const QString future =
            QStringLiteral("11010520301231123") + RegistrationNumber::residentIdCheckCharacter(u"11010520301231123");
        QVERIFY(RegistrationNumber::residentIdProblem(future, today).contains(QStringLiteral("future")));
        QVERIFY(RegistrationNumber::residentIdProblem(future).isEmpty()); // no date to compare with
        // The type decides which rule applies; lower-case x is normalized.
        QCOMPARE(MerchantValidator::registrationNo(MerchantType::Individual, QStringLiteral("91440300708461136T"))
                     .error()
                     .code(),
                 ErrorCode::MerchantFieldInvalid);
        MerchantProfile lower = OnboardingFixture::individual();
        lower.registrationNo = QStringLiteral(" 11010519491231002x ");
        QCOMPARE(MerchantValidator::normalized(lower).registrationNo, QStringLiteral("11010519491231002X"));
        QVERIFY(MerchantValidator::check(MerchantValidator::normalized(lower), true, today).ok());

        QVERIFY(MerchantValidator::contactPhone(QStringLiteral("13812345678")).ok());
        QVERIFY(MerchantValidator::contactPhone(QStringLiteral("010-62345678")).ok());
        QVERIFY(!MerchantValidator::contactPhone(QStringLiteral("12812345678")).ok());
        QVERIFY(!MerchantValidator::contactPhone(QStringLiteral("1381234567")).ok());
        QVERIFY(MerchantValidator::contactEmail(QStringLiteral("a.b@example.com.cn")).ok());
        QVERIFY(!MerchantValidator::contactEmail(QStringLiteral("a.b@example")).ok());
        QVERIFY(MerchantValidator::bankAccountNo(QStringLiteral("12345678")).ok());
        QVERIFY(!MerchantValidator::bankAccountNo(QStringLiteral("1234567")).ok());
        QVERIFY(!MerchantValidator::bankAccountNo(QString(31, QLatin1Char('1'))).ok());
        QVERIFY(!MerchantValidator::bankAccountNo(QStringLiteral("6222A21234567891234")).ok());
        QVERIFY(MerchantValidator::settlement(SettlementCycle::TN, 2).ok());
        QVERIFY(MerchantValidator::settlement(SettlementCycle::TN, 30).ok());
        QVERIFY(!MerchantValidator::settlement(SettlementCycle::TN, 1).ok());
        QVERIFY(!MerchantValidator::settlement(SettlementCycle::TN, 31).ok());
        QVERIFY(MerchantValidator::reservePpm(1000000).ok());
        QVERIFY(!MerchantValidator::reservePpm(1000001).ok());
        QVERIFY(!MerchantValidator::reservePpm(-1).ok());
        QVERIFY(!MerchantValidator::minimumPayout(cny("-0.01"), Currency::cny()).ok());

        // Several problems at once, each placed at its field.
        MerchantProfile bad = OnboardingFixture::enterprise();
        bad.registrationNo = QStringLiteral("91440300708461136X");
        bad.bankAccountNo = QStringLiteral("12");
        bad.settlementCycle = SettlementCycle::TN;
        bad.settlementDays = 40;
        const auto problems = MerchantValidator::problemsOf(MerchantValidator::check(bad, false, today).error());
        QStringList fields;
        for (const FieldProblem &problem : problems)
            fields << problem.field;
        QCOMPARE(fields, (QStringList{QStringLiteral("registration_no"), QStringLiteral("bank_account_no"),
                                      QStringLiteral("settlement_days")}));
    }

    void validationOnCreateAndEdit()
    {
        QFETCH_GLOBAL(QString, backend);
        CoreFixture f(backend);
        QVERIFY2(f.isOpen(), qPrintable(f.failure()));
        OnboardingFixture o(f);
        MerchantProfile bad = OnboardingFixture::enterprise();
        bad.registrationNo = QStringLiteral("91440300708461137T");
        auto refused = o.merchants.create(o.maker, bad);
        QCOMPARE(refused.error().code(), ErrorCode::MerchantFieldInvalid);
        QVERIFY(refused.error().detail().startsWith(QStringLiteral("registration_no: ")));
        QCOMPARE(o.count(QStringLiteral("SELECT count(*) FROM merchant")), qint64(0));
        // A draft may be incomplete; names are always needed.
        MerchantProfile sparse;
        sparse.legalName = QStringLiteral("Sparse Trading Co");
        sparse.shortName = QStringLiteral("Sparse");
        QVERIFY(o.merchants.create(o.maker, sparse).ok());
        sparse.shortName.clear();
        QCOMPARE(o.merchants.create(o.maker, sparse).error().code(), ErrorCode::MerchantFieldInvalid);

        // Active: contact and settlement may change, identity and bank account may not.
        const Merchant active = o.merchantIn(MerchantStatus::Active);
        MerchantProfile contact = active.profile;
        contact.contactPhone = QStringLiteral("13700001234");
        contact.settlementCycle = SettlementCycle::TN;
        contact.settlementDays = 3;
        contact.minimumPayout = cny("100.00");
        contact.reservePpm = 50000;
        auto changed = o.merchants.update(o.maker, active.id, active.version, contact);
        QVERIFY2(changed.ok(), qPrintable(changed.error().message()));
        QCOMPARE(changed->status, MerchantStatus::Active);
        QCOMPARE(changed->profile.settlementDays, 3);
        QCOMPARE(changed->profile.minimumPayout, cny("100.00"));
        MerchantProfile bank = changed->profile;
        bank.bankAccountNo = QStringLiteral("6222029999999999999");
        bank.legalName = QStringLiteral("Someone Else Ltd");
        auto identity = o.merchants.update(o.maker, active.id, changed->version, bank);
        QCOMPARE(identity.error().code(), ErrorCode::MerchantTransitionRefused);
        QVERIFY(identity.error().detail().contains(QStringLiteral("legal_name")));
        QVERIFY(identity.error().detail().contains(QStringLiteral("bank_account_no")));
        QCOMPARE(o.fresh(active.id).profile.bankAccountNo, active.profile.bankAccountNo);
    }

    void staleVersionsAreRefused()
    {
        QFETCH_GLOBAL(QString, backend);
        CoreFixture f(backend);
        QVERIFY2(f.isOpen(), qPrintable(f.failure()));
        OnboardingFixture o(f);
        const Merchant m = o.merchantIn(MerchantStatus::Draft);
        MerchantProfile first = m.profile;
        first.contactName = QStringLiteral("First Editor");
        QVERIFY(o.merchants.update(o.maker, m.id, m.version, first).ok());
        MerchantProfile second = m.profile;
        second.contactName = QStringLiteral("Second Editor");
        auto stale = o.merchants.update(o.checker, m.id, m.version, second);
        QCOMPARE(stale.error().code(), ErrorCode::MerchantChangedMeanwhile);
        const Merchant now = o.fresh(m.id);
        QCOMPARE(now.profile.contactName, QStringLiteral("First Editor"));
        QCOMPARE(now.version, m.version + 1);
        QCOMPARE(o.merchants.submit(o.maker, m.id, m.version).error().code(), ErrorCode::MerchantChangedMeanwhile);
        QCOMPARE(o.merchants.update(o.maker, 9999, 1, second).error().code(), ErrorCode::MerchantUnknown);
    }

    void maskingDependsOnTheActor()
    {
        QFETCH_GLOBAL(QString, backend);
        CoreFixture f(backend);
        QVERIFY2(f.isOpen(), qPrintable(f.failure()));
        OnboardingFixture o(f);
        const Merchant enterprise = o.merchantIn(MerchantStatus::Draft);
        const Merchant person = o.merchantIn(MerchantStatus::Draft, OnboardingFixture::individual());

        auto seen = o.merchants.find(o.support, person.id);
        QVERIFY(seen->masked);
        QCOMPARE(seen->profile.registrationNo, QStringLiteral("110105********002X"));
        QCOMPARE(seen->profile.bankAccountNo, QStringLiteral("6212 **** **** 4567"));
        QCOMPARE(seen->profile.contactPhone, QStringLiteral("139****1111"));
        QCOMPARE(seen->profile.legalName, QStringLiteral("张三"));
        auto full = o.merchants.find(o.maker, person.id);
        QVERIFY(!full->masked);
        QCOMPARE(full->profile.registrationNo, QStringLiteral("11010519491231002X"));
        QCOMPARE(full->profile.bankAccountNo, QStringLiteral("6212260200001234567"));
        QCOMPARE(full->profile.contactPhone, QStringLiteral("13900001111"));
        QCOMPARE(MerchantMasking::registrationNo(QStringLiteral("91440300708461136T")),
                 QStringLiteral("914403********136T"));
        QCOMPARE(MerchantMasking::bankAccountNo(QStringLiteral("6222021234561234")),
                 QStringLiteral("6222 **** **** 1234"));
        QCOMPARE(MerchantMasking::phone(QStringLiteral("13812345678")), QStringLiteral("138****5678"));

        // Lists are masked too, and support can still find a merchant by the phone a caller reads out.
        MerchantFilter byPhone;
        byPhone.text = QStringLiteral("138 1234 5678");
        auto found = o.merchants.list(o.support, byPhone, 0, 10);
        QCOMPARE(found->size(), 1);
        QCOMPARE(found->first().id, enterprise.id);
        QCOMPARE(found->first().profile.contactPhone, QStringLiteral("138****5678"));
        QVERIFY(!o.merchants.findByNo(o.support, enterprise.merchantNo)
                     ->profile.bankAccountNo.contains(QStringLiteral("78912")));

        // Taking merchant.view_sensitive away masks at once, even in a session that had it.
        const Actor finance = f.operatorWith(QStringLiteral("fay"), {Role::Finance});
        QVERIFY(!o.merchants.find(finance, person.id)->masked);
        QVERIFY(f.core().operators().setRoles(f.admin(), finance.operatorId(), {Role::Support}).ok());
        QVERIFY(o.merchants.find(finance, person.id)->masked);

        // An editor who sees masked values and sends them back keeps the stored ones.
        const Actor clerk =
            Actor::system(QStringLiteral("clerk"), {Permission::MerchantView, Permission::MerchantEdit}, {});
        Merchant masked = o.merchants.find(clerk, person.id).value();
        QVERIFY(masked.masked);
        masked.profile.contactName = QStringLiteral("张三丰");
        auto kept = o.merchants.update(clerk, person.id, masked.version, masked.profile);
        QVERIFY2(kept.ok(), qPrintable(kept.error().message()));
        const Merchant stored = o.fresh(person.id);
        QCOMPARE(stored.profile.contactName, QStringLiteral("张三丰"));
        QCOMPARE(stored.profile.registrationNo, QStringLiteral("11010519491231002X"));
        QCOMPARE(stored.profile.bankAccountNo, QStringLiteral("6212260200001234567"));
        QCOMPARE(stored.profile.contactPhone, QStringLiteral("13900001111"));
    }

    void permissionDenialsAreAudited()
    {
        QFETCH_GLOBAL(QString, backend);
        CoreFixture f(backend);
        QVERIFY2(f.isOpen(), qPrintable(f.failure()));
        OnboardingFixture o(f);
        const Merchant m = o.merchantIn(MerchantStatus::Active);
        const Actor approver = f.operatorWith(QStringLiteral("alex"), {Role::Approver});
        QCOMPARE(o.merchants.create(o.support, OnboardingFixture::enterprise()).error().code(),
                 ErrorCode::PermissionDenied);
        QCOMPARE(o.merchants.freeze(o.support, m.id, m.version, QStringLiteral("x")).error().code(),
                 ErrorCode::PermissionDenied);
        QCOMPARE(o.merchants.update(approver, m.id, m.version, m.profile).error().code(), ErrorCode::PermissionDenied);
        QVERIFY(o.merchants.find(approver, m.id).ok());
        const Actor nobody = Actor::system(QStringLiteral("nobody"), {}, {});
        QCOMPARE(o.merchants.list(nobody, {}, 0, 10).error().code(), ErrorCode::PermissionDenied);
        QCOMPARE(o.merchants.history(nobody, m.id).error().code(), ErrorCode::PermissionDenied);
        QCOMPARE(o.fresh(m.id).status, MerchantStatus::Active);

        const Actor reader = Actor::system(QStringLiteral("reader"), {Permission::AuditView}, {});
        auto denials =
            f.core().audit().records(reader, AuditFilter{{}, QStringLiteral("permission.denied"), {}, {}}, 0, 100);
        QCOMPARE(denials->size(), 5);
        QStringList lines;
        for (const AuditRecord &record : *denials)
            lines << record.actor + QLatin1Char(' ') + record.object + QLatin1Char(' ') + record.detail;
        const QString all = lines.join(QLatin1Char('\n'));
        QVERIFY(all.contains(QStringLiteral("sam merchants {\"permission\":\"merchant.edit\"}")));
        QVERIFY(all.contains(QStringLiteral("sam merchant:%1 {\"permission\":\"merchant.manage\"}").arg(m.id)));
        QVERIFY(all.contains(QStringLiteral("alex merchant:%1 {\"permission\":\"merchant.edit\"}").arg(m.id)));
        QVERIFY(all.contains(QStringLiteral("system:nobody merchants {\"permission\":\"merchant.view\"}")));
    }

    void listingFiltersPagesAndCounts()
    {
        QFETCH_GLOBAL(QString, backend);
        CoreFixture f(backend);
        QVERIFY2(f.isOpen(), qPrintable(f.failure()));
        OnboardingFixture o(f);
        QList<qint64> ids;
        for (int i = 0; i < 7; ++i) {
            MerchantProfile p = OnboardingFixture::enterprise(QStringLiteral("Acme Trading %1 Ltd").arg(i));
            p.shortName = i % 2 ? QStringLiteral("Acme_%1").arg(i) : QStringLiteral("Other%1").arg(i);
            ids << o.merchants.create(o.maker, p)->id;
        }
        const Merchant person = o.merchantIn(MerchantStatus::Submitted, OnboardingFixture::individual());
        ids << person.id;

        MerchantFilter all;
        auto first = o.merchants.list(o.support, all, 0, 3);
        QCOMPARE(first->size(), 3);
        QCOMPARE(first->at(0).id, ids.last());
        auto second = o.merchants.list(o.support, all, first->last().id, 3);
        QCOMPARE(second->at(0).id, ids.at(4));
        QCOMPARE(o.merchants.list(o.support, all, ids.first(), 3)->size(), 0);
        MerchantFilter ascending;
        ascending.order = MerchantOrder::ByMerchantNo;
        auto byNo = o.merchants.list(o.support, ascending, ids.at(1), 2);
        QCOMPARE(byNo->at(0).merchantNo, QStringLiteral("M%1").arg(1000 + ids.at(2)));

        MerchantFilter text;
        text.text = QStringLiteral("acme trading");
        QCOMPARE(o.merchants.list(o.support, text, 0, 100)->size(), 7);
        text.text = QStringLiteral("_"); // a literal underscore, not a wildcard
        QCOMPARE(o.merchants.list(o.support, text, 0, 100)->size(), 3);
        text.text = QStringLiteral("ACME_3");
        QCOMPARE(o.merchants.list(o.support, text, 0, 100)->first().id, ids.at(3));
        text.text = QStringLiteral("m%1").arg(1000 + ids.at(3));
        QCOMPARE(o.merchants.list(o.support, text, 0, 100)->first().id, ids.at(3));
        text.text = QString::number(1000 + ids.at(4));
        QCOMPARE(o.merchants.list(o.support, text, 0, 100)->first().id, ids.at(4));
        text.text = QStringLiteral("11010519491231002x");
        QCOMPARE(o.merchants.list(o.support, text, 0, 100)->first().id, person.id);
        text.text = QStringLiteral("19491231"); // numbers match whole, names in part
        QCOMPARE(o.merchants.list(o.support, text, 0, 100)->size(), 0);
        text.text = QStringLiteral("张三");
        QCOMPARE(o.merchants.list(o.support, text, 0, 100)->size(), 1);
        MerchantFilter typed;
        typed.type = MerchantType::Individual;
        QCOMPARE(o.merchants.list(o.support, typed, 0, 100)->size(), 1);
        MerchantFilter statuses;
        statuses.statuses = {MerchantStatus::Submitted, MerchantStatus::Active};
        QCOMPARE(o.merchants.list(o.support, statuses, 0, 100)->size(), 1);

        auto counts = o.merchants.countsByStatus(o.support);
        QCOMPARE(counts->value(MerchantStatus::Draft), qint64(7));
        QCOMPARE(counts->value(MerchantStatus::Submitted), qint64(1));
        QCOMPARE(counts->value(MerchantStatus::Closed), qint64(0));
        MerchantFilter onlyOthers;
        onlyOthers.text = QStringLiteral("other");
        QCOMPARE(o.merchants.countsByStatus(o.support, onlyOthers)->value(MerchantStatus::Draft), qint64(4));
    }
};

QTEST_GUILESS_MAIN(TestMerchantRules)
#include "tst_merchantrules.moc"
