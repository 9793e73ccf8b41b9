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
// zip of ZM files). Each has every category these formats can show: a clean line, a line we lack,
// an order the bill lacks, a wrong amount, a wrong fee, a line listed twice, a partial refund that
// matches and a refund the channel made that we lack. (These two formats list completed
// transactions only, so status_mismatch, which needs a channel state such as WeChat Pay's REVOKED,
// cannot arise from them.) A file in an encoding no channel uses is refused.
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

    // Orders 1-3 and 5-6 ours (3 for 10.00), the bill lists 1, 3 (for 10.01), 4, 5 (with another
    // fee) and 6 twice; order 1 has a partial refund on both sides, order 5 a refund only the
    // channel made.
    static QList<StatementLine> plant(RunFixture &f, qint64 accountId, const QString &prefix, const QString &merchantId,
                                      const QString &tradeType)
    {
        for (int n : {1, 2, 3, 5, 6})
            f.addOrder(order(prefix, n), QStringLiteral("succeeded"), accountId);
        const QDateTime refundedAt = shanghai(15);
        const QString refundNo = prefix + QStringLiteral("R1");
        f.addRefund(order(prefix, 1), refundNo, QStringLiteral("50000000000000000001"), 300, 2, refundedAt);
        StatementLine otherFee = line(order(prefix, 5), merchantId, tradeType);
        otherFee.fee = Money::fromMinor(otherFee.fee.minor() + 1, Currency::cny());
        StatementLine refund = RunFixture::refundLine(order(prefix, 1), refundNo,
                                                      QStringLiteral("50000000000000000001"), 300, 2, refundedAt);
        refund.merchantId = merchantId;
        refund.appId.clear();
        refund.tradeType = tradeType;
        StatementLine theirRefund = RunFixture::refundLine(order(prefix, 5), prefix + QStringLiteral("R5"),
                                                           QStringLiteral("50000000000000000005"), 200, 1, refundedAt);
        theirRefund.merchantId = merchantId;
        theirRefund.appId.clear();
        theirRefund.tradeType = tradeType;
        return {line(order(prefix, 1), merchantId, tradeType),
                line(order(prefix, 3, 1001), merchantId, tradeType),
                line(order(prefix, 4), merchantId, tradeType),
                otherFee,
                line(order(prefix, 6), merchantId, tradeType),
                line(order(prefix, 6), merchantId, tradeType),
                refund,
                theirRefund};
    }

    static void expectPlanted(const Result<ReconciliationRunOutcome> &outcome)
    {
        QVERIFY2(outcome, qPrintable(outcome.error().message()));
        const auto count = [&](DiscrepancyCategory category) {
            return outcome->summary.of(category, RecordType::Payment).count;
        };
        QCOMPARE(count(DiscrepancyCategory::Matched), qint64(2));
        QCOMPARE(count(DiscrepancyCategory::PlatformOnly), qint64(1));
        QCOMPARE(count(DiscrepancyCategory::AmountMismatch), qint64(1));
        QCOMPARE(count(DiscrepancyCategory::ChannelOnly), qint64(1));
        QCOMPARE(count(DiscrepancyCategory::FeeMismatch), qint64(1));
        QCOMPARE(count(DiscrepancyCategory::DuplicateInStatement), qint64(1));
        const auto refunds = [&](DiscrepancyCategory category) {
            return outcome->summary.of(category, RecordType::Refund).count;
        };
        QCOMPARE(refunds(DiscrepancyCategory::Matched), qint64(1));
        QCOMPARE(refunds(DiscrepancyCategory::ChannelOnly), qint64(1));
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

    void aFileInAnEncodingNoChannelUsesIsRefused()
    {
        QFETCH_GLOBAL(QString, backend);
        RunFixture f(backend);
        QVERIFY2(f.isOpen(), qPrintable(f.failure()));
        const Order o{QStringLiteral("P-ENC"), QStringLiteral("T-ENC")};
        f.addOrder(o);
        QFile utf8(f.writeBill(QStringLiteral("bill.csv"), {RunFixture::line(o)}));
        QVERIFY(utf8.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(utf8.readAll());
        // The same bill as UTF-16 with its byte order mark, as a spreadsheet might save it.
        QByteArray utf16("\xff\xfe", 2);
        utf16.append(reinterpret_cast<const char *>(text.utf16()), text.size() * 2);
        const QString path = write(QStringLiteral("bill-utf16.csv"), utf16);
        auto refused = f.run(path);
        QVERIFY(!refused);
        QVERIFY2(refused.error().message().contains(QStringLiteral("bill-utf16.csv")),
                 qPrintable(refused.error().message()));
        QCOMPARE(f.count(QStringLiteral("SELECT count(*) FROM recon_item")), qint64(0));
        QCOMPARE(f.count(QStringLiteral("SELECT count(*) FROM recon_discrepancy")), qint64(0));
        QCOMPARE(f.count(QStringLiteral("SELECT count(*) FROM recon_run WHERE status = 'completed'")), qint64(0));
    }
};

QTEST_GUILESS_MAIN(TestReconcileRunFormats)
#include "tst_reconcilerunformats.moc"
