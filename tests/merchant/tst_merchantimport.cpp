#include "core/merchant/MerchantCsvImport.h"
#include "tests/merchant/OnboardingFixture.h"

#include <QStringEncoder>

using namespace paydesk;
using namespace paydesk::test;

// Bulk onboarding from CSV (paydesk-cli merchant import): all or nothing, every problem named
// with its line, English or Chinese headers, UTF-8 or GB18030, on SQLite and PostgreSQL.
class TestMerchantImport : public QObject
{
    Q_OBJECT

private:
    static constexpr const char *kHeader = "legal_name,short_name,type,registration_no,contact_name,contact_phone,"
                                           "settlement_cycle,minimum_payout,reserve_percent\n";

    static qint64 merchantCount(CoreFixture &f)
    {
        return Sql::scalar(f.core().database().connection().value(), QStringLiteral("SELECT count(*) FROM merchant"))
            .value()
            .toLongLong();
    }

    // Runs the import and, on failure, returns the problems one per line.
    static QStringList problems(CoreFixture &f, OnboardingFixture &o, const QByteArray &csv)
    {
        MerchantCsvImport importer(f.core().database(), f.core().audit(), o.merchants);
        auto result = importer.import(o.maker, csv);
        if (result)
            return {};
        if (result.error().code() != ErrorCode::ImportFailed)
            return {QStringLiteral("unexpected error: ") + result.error().message()};
        return result.error().detail().split(QLatin1Char('\n'));
    }

private slots:
    void initTestCase_data() { TestDatabase::addBackendRows(); }

    void importsEveryRowAsDrafts()
    {
        QFETCH_GLOBAL(QString, backend);
        CoreFixture f(backend);
        QVERIFY2(f.isOpen(), qPrintable(f.failure()));
        OnboardingFixture o(f);
        const QByteArray csv =
            QByteArray(kHeader) +
            "深圳市腾讯计算机系统有限公司,腾讯,企业,91440300708461136T,马先生,13800138000,T1,100.00,5\n"
            "\"Acme, Trading Ltd\",\"Acme \"\"Shop\"\"\",enterprise,9144030071526726XG,Li Lei,0755-86013388,T+3,,\n"
            "\r\n"
            "王小明便利店,小明便利,个人,,王小明,,manual,0,0.5%\n";
        MerchantCsvImport importer(f.core().database(), f.core().audit(), o.merchants);
        auto created = importer.import(o.maker, csv);
        QVERIFY2(created.ok(), qPrintable(created ? QString() : created.error().detail()));
        QCOMPARE(created->size(), 3);
        QCOMPARE(merchantCount(f), 3);
        const Merchant &acme = created->at(1);
        QCOMPARE(acme.status, MerchantStatus::Draft);
        QCOMPARE(acme.profile.legalName, QStringLiteral("Acme, Trading Ltd"));
        QCOMPARE(acme.profile.shortName, QStringLiteral("Acme \"Shop\""));
        QCOMPARE(acme.profile.settlementCycle, SettlementCycle::TN);
        QCOMPARE(acme.profile.settlementDays, 3);
        QCOMPARE(created->at(0).profile.minimumPayout.minor(), qint64(10000));
        QCOMPARE(created->at(0).profile.reservePpm, qint64(50000));
        QCOMPARE(created->at(2).profile.type, MerchantType::Individual);
        QCOMPARE(created->at(2).profile.settlementCycle, SettlementCycle::Manual);
        QCOMPARE(created->at(2).profile.reservePpm, qint64(5000));
        QCOMPARE(created->at(0).createdBy, QStringLiteral("olivia"));
    }

    void chineseHeadersInGb18030()
    {
        QFETCH_GLOBAL(QString, backend);
        CoreFixture f(backend);
        QVERIFY2(f.isOpen(), qPrintable(f.failure()));
        OnboardingFixture o(f);
        const QString text = QStringLiteral("商户全称,商户简称,商户类型,证件号码,结算周期\n"
                                            "杭州示例贸易有限公司,示例贸易,企业,91330100799655058B,手动\n");
        QStringEncoder gb18030("GB18030");
        const QByteArray bytes = gb18030(text);
        QVERIFY(bytes != text.toUtf8());
        MerchantCsvImport importer(f.core().database(), f.core().audit(), o.merchants);
        auto created = importer.import(o.maker, bytes);
        QVERIFY2(created.ok(), qPrintable(created ? QString() : created.error().detail()));
        QCOMPARE(created->first().profile.legalName, QStringLiteral("杭州示例贸易有限公司"));
        QCOMPARE(created->first().profile.settlementCycle, SettlementCycle::Manual);
    }

    void everyProblemNamedWithItsLineAndNothingCreated()
    {
        QFETCH_GLOBAL(QString, backend);
        CoreFixture f(backend);
        QVERIFY2(f.isOpen(), qPrintable(f.failure()));
        OnboardingFixture o(f);
        QVERIFY(o.merchants.create(o.maker, OnboardingFixture::enterprise()).ok()); // 91440300708461136T is taken
        const QByteArray csv =
            QByteArray(kHeader) +
            "Good One Ltd,Good,enterprise,91330100799655058B,A,13800138000,T1,1.00,1\n" // line 2: fine
            "Bad Type Ltd,BadType,company,,A,,T1,,\n"                                   // line 3
            "Bad Code Ltd,BadCode,enterprise,91440300708461136X,A,,T1,,\n"              // line 4
            "Taken Ltd,Taken,enterprise,91440300708461136T,A,,T1,,\n"                   // line 5
            "Twice Ltd,Twice,enterprise,91330100799655058B,A,,T1,,\n"                   // line 6
            "Money Ltd,Money,enterprise,,A,12345,weekly,1.001,150\n"                    // line 7
            ",NoName,enterprise,,A,,T1,,\n"                                             // line 8
            "Wide Ltd,Wide,enterprise,,A,,T1,,,extra\n";                                // line 9
        const QStringList found = problems(f, o, csv);
        const QStringList expected{
            QStringLiteral("line 3: type:"),
            QStringLiteral("line 4: registration_no:"),
            QStringLiteral("line 5: registration_no: already registered as M1001"),
            QStringLiteral("line 6: registration_no: also on line 2"),
            QStringLiteral("line 7: contact_phone:"),
            QStringLiteral("line 7: settlement_cycle:"),
            QStringLiteral("line 7: minimum_payout:"),
            QStringLiteral("line 7: reserve_percent:"),
            QStringLiteral("line 8: legal_name:"),
            QStringLiteral("line 9: row: 10 fields, the header has 9"),
        };
        for (const QString &start : expected) {
            const bool seen =
                std::any_of(found.cbegin(), found.cend(), [&](const QString &p) { return p.startsWith(start); });
            QVERIFY2(seen, qPrintable(start + QStringLiteral(" not in:\n") + found.join(QLatin1Char('\n'))));
        }
        QVERIFY2(!std::any_of(found.cbegin(), found.cend(),
                              [](const QString &p) { return p.startsWith(QLatin1String("line 2:")); }),
                 qPrintable(found.join(QLatin1Char('\n'))));
        QCOMPARE(merchantCount(f), 1); // all or nothing: not even line 2
    }

    void headerProblems_data()
    {
        QTest::addColumn<QByteArray>("csv");
        QTest::addColumn<QString>("expected");
        QTest::newRow("empty") << QByteArray("") << QStringLiteral("line 1: the file is empty");
        QTest::newRow("unknown column") << QByteArray("legal_name,short_name,type,colour\nA,B,enterprise,red\n")
                                        << QStringLiteral("line 1: unknown column \"colour\"");
        QTest::newRow("missing column") << QByteArray("legal_name,type\nA,enterprise\n")
                                        << QStringLiteral("line 1: the column short_name");
        QTest::newRow("twice") << QByteArray("legal_name,short_name,type,商户简称\nA,B,enterprise,C\n")
                               << QStringLiteral("line 1: column short_name appears twice");
        QTest::newRow("header only") << QByteArray("legal_name,short_name,type\n")
                                     << QStringLiteral("line 2: no merchant rows");
        QTest::newRow("open quote") << QByteArray("legal_name,short_name,type\nA,B,enterprise\n\"C,D,enterprise\n")
                                    << QStringLiteral("line 3");
    }

    void headerProblems()
    {
        QFETCH_GLOBAL(QString, backend);
        QFETCH(QByteArray, csv);
        QFETCH(QString, expected);
        CoreFixture f(backend);
        QVERIFY2(f.isOpen(), qPrintable(f.failure()));
        OnboardingFixture o(f);
        const QStringList found = problems(f, o, csv);
        QVERIFY2(!found.isEmpty() && found.first().startsWith(expected), qPrintable(found.join(QLatin1Char('\n'))));
        QCOMPARE(merchantCount(f), 0);
    }

    void needsMerchantEdit()
    {
        QFETCH_GLOBAL(QString, backend);
        CoreFixture f(backend);
        QVERIFY2(f.isOpen(), qPrintable(f.failure()));
        OnboardingFixture o(f);
        MerchantCsvImport importer(f.core().database(), f.core().audit(), o.merchants);
        auto refused = importer.import(o.support, QByteArray("legal_name,short_name,type\nA Ltd,A,enterprise\n"));
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().code(), ErrorCode::PermissionDenied);
        QCOMPARE(merchantCount(f), 0);
    }
};

QTEST_GUILESS_MAIN(TestMerchantImport)
#include "tst_merchantimport.moc"
