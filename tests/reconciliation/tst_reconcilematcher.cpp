#include "tests/reconciliation/ReconcileTestSupport.h"

#include <QTest>

#include <limits>

using namespace paydesk;
using namespace paydesk::reconciletest;

using Category = DiscrepancyCategory;

Q_DECLARE_METATYPE(paydesk::ChannelRecord)
Q_DECLARE_METATYPE(paydesk::ErrorCode)

// The matcher's rules, one category at a time: payments and refunds, the keys, duplicates, the day
// cut-off, and what it refuses. tst_reconcilepartitions covers memory, files and cancelling.
class TestReconcileMatcher : public QObject
{
    Q_OBJECT

private slots:
    void matchedPaymentsAreOnlyCounted()
    {
        const Run run = reconcile({paymentLine("P1", "T1", 1000, 6), paymentLine("P2", "T2", 250, 2)},
                                  {paidRecord(2, "P2", "T2", 250, 2), paidRecord(1, "P1", "T1", 1000, 6)});
        QVERIFY2(run.summary, qPrintable(run.summary.error().message()));
        QVERIFY(run.discrepancies.isEmpty());
        const CategoryTally &matched = run.summary->of(Category::Matched, RecordType::Payment);
        QCOMPARE(matched.count, 2);
        QCOMPARE(matched.channelAmount, 1250);
        QCOMPARE(matched.platformAmount, 1250);
        QCOMPARE(run.summary->channelSide(RecordType::Payment), (SideTally{2, 1250, 8}));
        QCOMPARE(run.summary->platformSide(RecordType::Payment), (SideTally{2, 1250, 8}));
        QCOMPARE(run.summary->discrepancyCount(), 0);
        QCOMPARE(run.summary->partitions, 1);
        QCOMPARE(run.summary->spilledBytes, 0);
    }

    void everyPaymentCategory()
    {
        ChannelRecord revoked = paymentLine("P5", "T5", 500);
        revoked.status = StatementLineStatus::Revoked;
        ChannelRecord revokedWeLack = paymentLine("P9", "T9", 900);
        revokedWeLack.status = StatementLineStatus::Revoked;
        const Run run = reconcile(
            {paymentLine("P1", "T1", 100, 1), paymentLine("P2", "T2", 200, 1), paymentLine("P4", "T4", 400, 3), revoked,
             paymentLine("P6", "T6", 600, 4), revokedWeLack},
            {paidRecord(1, "P1", "T1", 100, 1), paidRecord(3, "P3", "T3", 300), paidRecord(4, "P4", "T4", 401, 3),
             paidRecord(5, "P5", "T5", 500), paidRecord(6, "P6", "T6", 600, 5)});
        QVERIFY2(run.summary, qPrintable(run.summary.error().message()));
        QCOMPARE(run.count(Category::Matched), 1);
        QCOMPARE(run.discrepancies.size(), 5);

        const QList<Discrepancy> channelOnly = run.of(Category::ChannelOnly);
        QCOMPARE(channelOnly.size(), 1);
        QCOMPARE(channelOnly[0].channel->orderNo, QStringLiteral("P2"));
        QCOMPARE(channelOnly[0].channel->lineNumber, 3);
        QCOMPARE(channelOnly[0].channel->file, QStringLiteral("bill.csv"));
        QVERIFY(!channelOnly[0].platform);

        const QList<Discrepancy> platformOnly = run.of(Category::PlatformOnly);
        QCOMPARE(platformOnly.size(), 1);
        QCOMPARE(platformOnly[0].platform->rowId, 3);
        QVERIFY(!platformOnly[0].channel);

        const QList<Discrepancy> amount = run.of(Category::AmountMismatch);
        QCOMPARE(amount.size(), 1);
        QCOMPARE(amount[0].channel->amount, cny(400));
        QCOMPARE(amount[0].platform->amount, cny(401));
        QCOMPARE(run.summary->of(Category::AmountMismatch, RecordType::Payment), (CategoryTally{1, 400, 401}));

        const QList<Discrepancy> status = run.of(Category::StatusMismatch);
        QCOMPARE(status.size(), 1);
        QCOMPARE(status[0].channel->status, StatementLineStatus::Revoked);
        QCOMPARE(status[0].platform->status, PlatformStatus::Succeeded);

        const QList<Discrepancy> fee = run.of(Category::FeeMismatch);
        QCOMPARE(fee.size(), 1);
        QCOMPARE(fee[0].channel->fee, cny(4));
        QCOMPARE(fee[0].platform->channelFee, cny(5));

        // A payment the channel revoked that we do not have either: nothing to look at.
        QCOMPARE(run.summary->agreedNoMoney[0], (CategoryTally{1, 900, 0}));
        QCOMPARE(run.summary->discrepancyCount(), 5);
    }

    void missedCallbackMatchesByOrderNumber()
    {
        PlatformRecord unpaid = paidRecord(7, "P7", QString(), 700);
        unpaid.status = PlatformStatus::Pending;
        const Run run =
            reconcile({paymentLine("P1", "T1", 100), paymentLine("P7", "T7", 700), paymentLine("P8", "T8", 800)},
                      {paidRecord(1, "P1", QString(), 100), unpaid});
        QVERIFY2(run.summary, qPrintable(run.summary.error().message()));
        // Paid by a query although the callback never came: the order number finds it.
        QCOMPARE(run.count(Category::Matched), 1);
        const QList<Discrepancy> channelOnly = run.of(Category::ChannelOnly);
        QCOMPARE(channelOnly.size(), 2);
        // We have P7 but never heard it was paid: the caller gets our row; P8 we do not have at all.
        QCOMPARE(channelOnly[0].channel->orderNo, QStringLiteral("P7"));
        QVERIFY(channelOnly[0].platform);
        QCOMPARE(channelOnly[0].platform->rowId, 7);
        QCOMPARE(channelOnly[0].platform->status, PlatformStatus::Pending);
        QCOMPARE(channelOnly[1].channel->orderNo, QStringLiteral("P8"));
        QVERIFY(!channelOnly[1].platform);
    }

    void differentTransactionIdsNeverMatch()
    {
        // Same order number, two transaction ids (paid twice?): a person must see both.
        const Run run = reconcile({paymentLine("P1", "T1-b", 100)}, {paidRecord(1, "P1", "T1-a", 100)});
        QVERIFY(run.summary);
        QCOMPARE(run.count(Category::ChannelOnly), 1);
        QCOMPARE(run.count(Category::PlatformOnly), 1);
        QCOMPARE(run.count(Category::Matched), 0);
        // The id must come with the same order number too.
        const Run otherOrder = reconcile({paymentLine("P2", "T1", 100)}, {paidRecord(1, "P1", "T1", 100)});
        QCOMPARE(otherOrder.count(Category::ChannelOnly), 1);
        QCOMPARE(otherOrder.count(Category::PlatformOnly), 1);
    }

    void partialAndRepeatedRefunds()
    {
        ChannelRecord closed = refundLine("P1", "R3", "C3", 300);
        closed.status = StatementLineStatus::Closed;
        ChannelRecord abnormal = refundLine("P1", "R6", "C6", 50);
        abnormal.status = StatementLineStatus::Abnormal;
        ChannelRecord withoutOurNumber = refundLine("P2", QString(), "C7", 70, 1);
        const Run run =
            reconcile({paymentLine("P1", "T-P1", 1000, 6), refundLine("P1", "R1", "C1", 100, 1),
                       refundLine("P1", "R2", "C2", 200), closed, refundLine("P1", "R4", "C4", 40), abnormal,
                       withoutOurNumber, refundLine("P2", "R8", "C8", 80, 1)},
                      {paidRecord(1, "P1", "T-P1", 1000, 6), refundRecord(11, "P1", "R1", "C1", 100, 1),
                       refundRecord(12, "P1", "R2", "C2", 210), refundRecord(13, "P1", "R3", QString(), 300),
                       refundRecord(15, "P1", "R5", QString(), 30), refundRecord(17, "P2", "R7", "C7", 70, 1),
                       refundRecord(18, "P2", "R8", "C8", 80, 0)});
        QVERIFY2(run.summary, qPrintable(run.summary.error().message()));
        QCOMPARE(run.count(Category::Matched, RecordType::Payment), 1);
        // R1, and R7 found by the channel's refund number the line carries without ours.
        QCOMPARE(run.count(Category::Matched, RecordType::Refund), 2);
        QCOMPARE(run.summary->of(Category::Matched, RecordType::Refund), (CategoryTally{2, 170, 170}));
        QCOMPARE(run.of(Category::AmountMismatch).value(0).platform->refundNo, QStringLiteral("R2"));
        const QList<Discrepancy> status = run.of(Category::StatusMismatch);
        QCOMPARE(status.size(), 2);
        QCOMPARE(status[0].channel->refundNo, QStringLiteral("R3")); // closed at the channel, succeeded with us
        QCOMPARE(status[0].platform->rowId, 13);
        QCOMPARE(status[1].channel->refundNo, QStringLiteral("R6")); // abnormal: a person must look
        QVERIFY(!status[1].platform);
        QCOMPARE(run.of(Category::ChannelOnly).value(0).channel->refundNo, QStringLiteral("R4"));
        QCOMPARE(run.of(Category::PlatformOnly).value(0).platform->refundNo, QStringLiteral("R5"));
        QCOMPARE(run.of(Category::FeeMismatch).value(0).platform->refundNo, QStringLiteral("R8"));
        for (const Discrepancy &discrepancy : run.discrepancies)
            QCOMPARE(discrepancy.type, RecordType::Refund);
        QCOMPARE(run.summary->discrepancyCount(), 6);
        QCOMPARE(run.summary->channelSide(RecordType::Refund).count, 7);
        QCOMPARE(run.summary->platformSide(RecordType::Refund), (SideTally{6, 790, 2}));
    }

    void refundsNeverMatchPayments()
    {
        const Run run = reconcile({refundLine("P1", "R1", "C1", 100)}, {paidRecord(1, "P1", "T-P1", 100)});
        QVERIFY(run.summary);
        QCOMPARE(run.count(Category::ChannelOnly, RecordType::Refund), 1);
        QCOMPARE(run.count(Category::PlatformOnly, RecordType::Payment), 1);
    }

    void duplicatesInStatement()
    {
        ChannelRecord again = paymentLine("P1", "T1", 100);
        again.file = QStringLiteral("bill-2.csv");
        again.lineNumber = 40;
        const Run run = reconcile({paymentLine("P1", "T1", 100), refundLine("P1", "R1", "C1", 10),
                                   paymentLine("P1", "T1", 100), refundLine("P1", "R1", "C1", 10), again,
                                   refundLine("P1", QString(), "C2", 20), refundLine("P1", QString(), "C2", 20)},
                                  {paidRecord(1, "P1", "T1", 100), refundRecord(2, "P1", "R1", "C1", 10)});
        QVERIFY(run.summary);
        QCOMPARE(run.count(Category::Matched), 1);
        QCOMPARE(run.count(Category::Matched, RecordType::Refund), 1);
        const QList<Discrepancy> duplicates = run.of(Category::DuplicateInStatement);
        QCOMPARE(duplicates.size(), 4);
        QCOMPARE(duplicates[0].channel->lineNumber, 4);
        QCOMPARE(*duplicates[0].firstListedAt, (StatementLocation{QStringLiteral("bill.csv"), 2}));
        QCOMPARE(*duplicates[1].firstListedAt, (StatementLocation{QStringLiteral("bill.csv"), 3}));
        QCOMPARE(duplicates[2].channel->file, QStringLiteral("bill-2.csv"));
        QCOMPARE(*duplicates[2].firstListedAt, (StatementLocation{QStringLiteral("bill.csv"), 2}));
        QCOMPARE(*duplicates[3].firstListedAt, (StatementLocation{QStringLiteral("bill.csv"), 7}));
        QCOMPARE(run.summary->of(Category::DuplicateInStatement, RecordType::Payment), (CategoryTally{2, 200, 0}));
        // The refund known only by the channel's number: its first line is channel-only.
        QCOMPARE(run.count(Category::ChannelOnly, RecordType::Refund), 1);
    }

    void carriedOverAcrossMidnight()
    {
        // Midnight of 2026-11-02 in Shanghai; the window is the default ten minutes.
        ChannelRecord lateLine = paymentLine("P1", "T1", 100);
        lateLine.tradeTime = shanghai(businessDay(), QTime(23, 58));
        ChannelRecord earlierLine = paymentLine("P2", "T2", 200);
        earlierLine.tradeTime = shanghai(businessDay(), QTime(23, 49, 59));
        PlatformRecord latePayment = paidRecord(3, "P3", "T3", 300);
        latePayment.time = shanghai(businessDay(), QTime(23, 50)); // the window's first instant
        PlatformRecord earlierPayment = paidRecord(4, "P4", "T4", 400);
        earlierPayment.time = shanghai(businessDay(), QTime(23, 49, 59, 999));
        PlatformRecord lateRefund = refundRecord(5, "P5", "R5", "C5", 50);
        lateRefund.time = shanghai(businessDay(), QTime(23, 59, 59, 999));
        const Run day = reconcile({lateLine, earlierLine}, {latePayment, earlierPayment, lateRefund});
        QVERIFY(day.summary);
        const QList<Discrepancy> carried = day.of(Category::CarriedOver);
        QCOMPARE(carried.size(), 3);
        QCOMPARE(carried[0].channel->orderNo, QStringLiteral("P1"));
        QCOMPARE(carried[1].platform->orderNo, QStringLiteral("P3"));
        QCOMPARE(carried[2].platform->refundNo, QStringLiteral("R5"));
        QCOMPARE(day.of(Category::ChannelOnly).value(0).channel->orderNo, QStringLiteral("P2"));
        QCOMPARE(day.of(Category::PlatformOnly).value(0).platform->orderNo, QStringLiteral("P4"));

        // The next day: each carried item comes back on its side and meets its other half there;
        // the refund meets none and is the short item it would have been.
        const QDate nextDay = businessDay().addDays(1);
        ChannelRecord carriedLine = *carried[0].channel;
        carriedLine.carried = true;
        PlatformRecord carriedPayment = *carried[1].platform;
        carriedPayment.carried = true;
        PlatformRecord carriedRefund = *carried[2].platform;
        carriedRefund.carried = true;
        PlatformRecord p1BookedAfterMidnight = paidRecord(1, "P1", "T1", 100);
        p1BookedAfterMidnight.time = shanghai(nextDay, QTime(0, 0, 2));
        ChannelRecord p3ListedNextDay = paymentLine("P3", "T3", 300);
        p3ListedNextDay.tradeTime = shanghai(nextDay, QTime(0, 0, 1));
        const Run next = reconcile({carriedLine, p3ListedNextDay},
                                   {carriedPayment, carriedRefund, p1BookedAfterMidnight}, dayOptions(nextDay));
        QVERIFY2(next.summary, qPrintable(next.summary.error().message()));
        QCOMPARE(next.count(Category::Matched), 2);
        QCOMPARE(next.summary->channelCarriedIn, 1);
        QCOMPARE(next.summary->platformCarriedIn, 2);
        QCOMPARE(next.discrepancies.size(), 1);
        QCOMPARE(next.discrepancies[0].category, Category::PlatformOnly);
        QCOMPARE(next.discrepancies[0].platform->refundNo, QStringLiteral("R5"));
        QVERIFY(next.discrepancies[0].platform->carried);
    }

    void carriedItemsAreNeverCarriedTwice()
    {
        ChannelRecord line = paymentLine("P1", "T1", 100);
        line.tradeTime = shanghai(businessDay(), QTime(23, 55));
        line.carried = true;
        PlatformRecord record = paidRecord(2, "P2", "T2", 200);
        record.time = shanghai(businessDay(), QTime(23, 55));
        record.carried = true;
        const Run run = reconcile({line}, {record});
        QVERIFY(run.summary);
        QCOMPARE(run.count(Category::CarriedOver), 0);
        QCOMPARE(run.count(Category::ChannelOnly), 1);
        QCOMPARE(run.count(Category::PlatformOnly), 1);
    }

    void cutOffWindowIsConfigurable()
    {
        PlatformRecord record = paidRecord(1, "P1", "T1", 100);
        record.time = shanghai(businessDay(), QTime(23, 30));
        ReconciliationOptions wide = dayOptions();
        wide.cutOffWindow = std::chrono::hours(1);
        QCOMPARE(reconcile({}, {record}, wide).count(Category::CarriedOver), 1);
        QCOMPARE(reconcile({}, {record}).count(Category::PlatformOnly), 1);
        ReconciliationOptions none = dayOptions();
        none.cutOffWindow = std::chrono::seconds(0);
        record.time = shanghai(businessDay(), QTime(23, 59, 59));
        QCOMPARE(reconcile({}, {record}, none).count(Category::PlatformOnly), 1);
    }

    void refusedInput_data()
    {
        QTest::addColumn<ChannelRecord>("line");
        QTest::addColumn<ErrorCode>("code");
        ChannelRecord dollars = paymentLine("P1", "T1", 100);
        dollars.amount = Money::fromMinor(100, Currency::fromCode(u"USD").value());
        ChannelRecord zero = paymentLine("P1", "T1", 0);
        ChannelRecord negativeFee = paymentLine("P1", "T1", 100, -1);
        ChannelRecord longId = paymentLine("P1", QString(70000, QLatin1Char('x')), 100);
        QTest::newRow("other currency") << dollars << ErrorCode::CurrencyMismatch;
        QTest::newRow("zero amount") << zero << ErrorCode::InvalidArgument;
        QTest::newRow("negative fee") << negativeFee << ErrorCode::InvalidArgument;
        QTest::newRow("id too long") << longId << ErrorCode::InvalidArgument;
    }
    void refusedInput()
    {
        QFETCH(ChannelRecord, line);
        QFETCH(ErrorCode, code);
        line.lineNumber = 9;
        ReconciliationMatcher matcher(dayOptions());
        const Status added = matcher.addChannel(line);
        QVERIFY(!added);
        QCOMPARE(added.error().code(), code);
        QCOMPARE(added.error().context(), QStringLiteral("bill.csv: line 9"));
        // After an error the matcher is spent.
        QCOMPARE(matcher.addChannel(paymentLine("P2", "T2", 1)).error().code(), code);
        QCOMPARE(matcher.finish([](const Discrepancy &) { return true; }).error().code(), code);
    }

    void refusedRecordsAndOptions()
    {
        PlatformRecord noOrder = paidRecord(5, QString(), "T1", 100);
        QCOMPARE(reconcile({}, {noOrder}).summary.error().context(), QStringLiteral("row 5"));
        PlatformRecord refundWithoutNumber = refundRecord(6, "P1", QString(), "C1", 100);
        QCOMPARE(reconcile({}, {refundWithoutNumber}).summary.error().code(), ErrorCode::InvalidArgument);
        QCOMPARE(reconcile({}, {}, dayOptions(QDate())).summary.error().code(), ErrorCode::InvalidArgument);
        ReconciliationOptions backwards = dayOptions();
        backwards.cutOffWindow = std::chrono::seconds(-1);
        QCOMPARE(reconcile({}, {}, backwards).summary.error().code(), ErrorCode::InvalidArgument);
        ReconciliationOptions noThreads = dayOptions();
        noThreads.matchThreads = 0;
        QCOMPARE(reconcile({}, {}, noThreads).summary.error().code(), ErrorCode::InvalidArgument);
        ReconciliationOptions tinyBudget = dayOptions();
        tinyBudget.memoryBudgetBytes = 1024;
        QCOMPARE(reconcile({}, {}, tinyBudget).summary.error().code(), ErrorCode::InvalidArgument);
        ReconciliationMatcher matcher(dayOptions());
        QVERIFY(matcher.finish([](const Discrepancy &) { return true; }));
        QCOMPARE(matcher.addPlatform(paidRecord(1, "P1", "T1", 1)).error().code(), ErrorCode::InvalidArgument);
    }

    void sumsAreCheckedForOverflow()
    {
        const qint64 half = std::numeric_limits<qint64>::max() / 2 + 1;
        const Run amounts = reconcile({}, {paidRecord(1, "P1", "T1", half), paidRecord(2, "P2", "T2", half)});
        QCOMPARE(amounts.summary.error().code(), ErrorCode::ArithmeticOverflow);
        QCOMPARE(amounts.summary.error().context(), QStringLiteral("row 2"));
        const Run fees = reconcile({paymentLine("P1", "T1", 1, half), paymentLine("P2", "T2", 1, half)}, {});
        QCOMPARE(fees.summary.error().code(), ErrorCode::ArithmeticOverflow);
        // Just below the limit is fine, and matched sums reach it exactly.
        const qint64 rest = std::numeric_limits<qint64>::max() - half;
        const Run limit = reconcile({paymentLine("P1", "T1", half), paymentLine("P2", "T2", rest)},
                                    {paidRecord(1, "P1", "T1", half), paidRecord(2, "P2", "T2", rest)});
        QVERIFY(limit.summary);
        QCOMPARE(limit.summary->of(Category::Matched, RecordType::Payment).channelAmount,
                 std::numeric_limits<qint64>::max());
        CategoryTally tally{1, std::numeric_limits<qint64>::max(), 0};
        QCOMPARE(tally.add(1, 0).error().code(), ErrorCode::ArithmeticOverflow);
        QCOMPARE(tally, (CategoryTally{1, std::numeric_limits<qint64>::max(), 0})); // unchanged
    }

    void fromStatementLine()
    {
        StatementLine line;
        line.type = StatementLineType::Refund;
        line.channelTransactionId = QStringLiteral("4200");
        line.merchantOrderNo = QStringLiteral("P1");
        line.channelRefundNo = QStringLiteral("5030");
        line.merchantRefundNo = QStringLiteral("R1");
        line.amount = cny(12);
        line.fee = cny(1);
        line.status = StatementLineStatus::Processing;
        line.tradeTime = shanghai(businessDay(), QTime(9, 0));
        line.file = QStringLiteral("f.csv");
        line.lineNumber = 3;
        const ChannelRecord record = ChannelRecord::fromStatementLine(line);
        QCOMPARE(describe(record), QStringLiteral("refund|P1|4200|R1|5030|0.12|0.01|processing|") +
                                       line.tradeTime.toString(Qt::ISODateWithMs) + QStringLiteral("|f.csv|3|0"));
    }

    void namesAndStatuses()
    {
        for (int i = 0; i < kDiscrepancyCategoryCount; ++i) {
            const auto category = DiscrepancyCategory(i);
            DiscrepancyCategory back = DiscrepancyCategory::Matched;
            QVERIFY(ReconciliationNames::categoryFromName(ReconciliationNames::category(category), &back));
            QCOMPARE(back, category);
        }
        QCOMPARE(ReconciliationNames::category(Category::DuplicateInStatement),
                 QStringLiteral("duplicate_in_statement"));
        QCOMPARE(ReconciliationNames::category(Category::ChannelOnly), QStringLiteral("channel_only"));
        DiscrepancyCategory unknown = Category::Matched;
        QVERIFY(!ReconciliationNames::categoryFromName(QStringLiteral("long"), &unknown));
        RecordType type = RecordType::Payment;
        QVERIFY(ReconciliationNames::recordTypeFromName(QStringLiteral("refund"), &type));
        QCOMPARE(type, RecordType::Refund);
        PlatformStatus status = PlatformStatus::Succeeded;
        QVERIFY(ReconciliationNames::platformStatusFromName(QStringLiteral("pending"), &status));
        QCOMPARE(status, PlatformStatus::Pending);
        QCOMPARE(platformStatusOf(PaymentStatus::PartiallyRefunded), PlatformStatus::Succeeded);
        QCOMPARE(platformStatusOf(PaymentStatus::Paying), PlatformStatus::Pending);
        QCOMPARE(platformStatusOf(PaymentStatus::Closed), PlatformStatus::Failed);
        QCOMPARE(platformStatusOf(PaymentRefundStatus::Processing), PlatformStatus::Pending);
        QCOMPARE(platformStatusOf(PaymentRefundStatus::Succeeded), PlatformStatus::Succeeded);
        QCOMPARE(platformStatusOf(PaymentRefundStatus::Failed), PlatformStatus::Failed);
    }
};

QTEST_GUILESS_MAIN(TestReconcileMatcher)
#include "tst_reconcilematcher.moc"
