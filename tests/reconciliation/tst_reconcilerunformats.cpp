#include "sandbox/statement/AlipayBillZipWriter.h"
#include "sandbox/statement/UnionPayFileContentWriter.h"
#include "tests/reconciliation/ReconcileRunSupport.h"

#include <QBuffer>
#include <QTest>

using namespace paydesk;
using namespace paydesk::test;
using namespace paydesk::test::ReconcileRun;

// The run service with the other channels' statements, written by the sandbox's writers as the
// sandbox serves them: an Alipay bill zip (GBK) and a UnionPay fileContent (Base64 of a deflated
// zip of ZM files). A clean line, a line we lack, an order the bill lacks and a wrong amount each.
class TestReconcileRunFormats : public QObject
{
    Q_OBJECT

    static Order order(const QString &prefix, int n, qint64 amount = 1000)
    {
        return Order{QStringLiteral("%1%2").arg(prefix).arg(n, 8, 10, QLatin1Char('0')),
                     QStringLiteral("20261103100000%1").arg(n, 7, 10, QLatin1Char('0')), amount, amount * 6 / 1000,
                     shanghai(10, n)};
    }

    static StatementLine line(const Order &o, const QString &merchantId, const QString &tradeType)
    {
        StatementLine l = RunFixture::line(o, merchantId);
        l.appId.clear();
        l.tradeType = tradeType;
        l.completeTime = l.tradeTime;
        return l;
    }

    // Orders 1-3 ours (3 for 10.00), the bill lists 1, 3 (for 10.01) and 4.
    static QList<StatementLine> plant(RunFixture &f, qint64 accountId, const QString &prefix, const QString &merchantId,
                                      const QString &tradeType)
    {
        for (int n = 1; n <= 3; ++n)
            f.addOrder(order(prefix, n), QStringLiteral("succeeded"), accountId);
        return {line(order(prefix, 1), merchantId, tradeType), line(order(prefix, 3, 1001), merchantId, tradeType),
                line(order(prefix, 4), merchantId, tradeType)};
    }

    static void expectPlanted(const Result<ReconciliationRunOutcome> &outcome)
    {
        QVERIFY2(outcome, qPrintable(outcome.error().message()));
        const auto count = [&](DiscrepancyCategory category) {
            return outcome->summary.of(category, RecordType::Payment).count;
        };
        QCOMPARE(count(DiscrepancyCategory::Matched), qint64(1));
        QCOMPARE(count(DiscrepancyCategory::PlatformOnly), qint64(1));
        QCOMPARE(count(DiscrepancyCategory::AmountMismatch), qint64(1));
        QCOMPARE(count(DiscrepancyCategory::ChannelOnly), qint64(1));
    }

    static ReconciliationRunRequest request(const QString &account, const QString &file)
    {
        ReconciliationRunRequest r = RunFixture::request(file);
        r.channelAccount = account;
        return r;
    }

    QTemporaryDir m_dir;

    QString write(const QString &name, const QByteArray &bytes)
    {
        const QString path = m_dir.filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
            qWarning("writing %s failed", qPrintable(path));
        return path;
    }

private slots:
    void initTestCase_data() { TestDatabase::addBackendRows(); }

    void alipayBill()
    {
        QFETCH_GLOBAL(QString, backend);
        RunFixture f(backend);
        QVERIFY2(f.isOpen(), qPrintable(f.failure()));
        const qint64 account =
            f.addChannelAccount(QStringLiteral("alipay"), QStringLiteral("ali_a"), QStringLiteral("2021000000000001"));
        const QString pid = QStringLiteral("2088000000000001");
        const QList<StatementLine> lines =
            plant(f, account, QStringLiteral("AL"), pid + QStringLiteral("0156"), QStringLiteral("交易"));
        QBuffer zip;
        zip.open(QIODevice::WriteOnly);
        AlipayBillWriter::Options options;
        options.account = pid + QStringLiteral("0156");
        options.billDate = kDay;
        QVERIFY(AlipayBillZipWriter::writeAll(zip, options, lines));
        const QString path = write(QStringLiteral("alipay.zip"), zip.data());
        expectPlanted(f.service().run(f.finance(), request(QStringLiteral("ali_a"), path)));
    }

    void unionPayFileContent()
    {
        QFETCH_GLOBAL(QString, backend);
        RunFixture f(backend);
        QVERIFY2(f.isOpen(), qPrintable(f.failure()));
        const QString merId = QStringLiteral("777290058000001");
        const qint64 account = f.addChannelAccount(QStringLiteral("unionpay"), QStringLiteral("up_a"), merId);
        const QList<StatementLine> lines = plant(f, account, QStringLiteral("UP"), merId, QStringLiteral("FRONT"));
        auto payload = UnionPayFileContentWriter::payload(kDay, merId, lines);
        QVERIFY(payload);
        const QString path = write(QStringLiteral("unionpay.txt"), *payload);
        expectPlanted(f.service().run(f.finance(), request(QStringLiteral("up_a"), path)));

        // The same file for another UnionPay merchant is refused at its first line.
        f.addChannelAccount(QStringLiteral("unionpay"), QStringLiteral("up_b"), QStringLiteral("777290058000002"));
        auto refused = f.service().run(f.finance(), request(QStringLiteral("up_b"), path));
        QVERIFY(!refused);
        QCOMPARE(refused.error().code(), ErrorCode::StatementWrongAccount);
        QVERIFY2(refused.error().message().contains(QStringLiteral(": line")), qPrintable(refused.error().message()));
        QVERIFY(refused.error().message().contains(merId));
    }
};

QTEST_GUILESS_MAIN(TestReconcileRunFormats)
#include "tst_reconcilerunformats.moc"
