#include "core/PaydeskCore.h"
#include "core/ledger/AccountName.h"
#include "core/storage/Sql.h"
#include "tests/reconciliation/ReconcileRunSupport.h"
#include "tests/support/TestDatabase.h"

#include <QTest>

using namespace paydesk;
using namespace paydesk::test;
using namespace paydesk::test::ReconcileRun;

// The pool's maker-checker and the resolutions that post without asking the channel: each
// resolution's journal entry (balanced, posted once, the trial balance zero and `ledger check`
// clean afterwards), parked money placed by a follow-up, refusals of every kind, each role.
class TestReconcileResolve : public QObject
{
    Q_OBJECT

    // A day whose bill has one line of every kind this test resolves: a fee that differs, an
    // amount that differs, a payment nobody here ordered, a line listed twice.
    struct Day
    {
        std::unique_ptr<RunFixture> fixture;
        Actor finance;
        Actor approver;
        Actor admin;
        qint64 runId = 0;
    };

    static std::unique_ptr<Day> reconciledDay(const QString &backend)
    {
        auto day = std::make_unique<Day>();
        day->fixture = std::make_unique<RunFixture>(backend);
        RunFixture &f = *day->fixture;
        if (!f.isOpen()) {
            qWarning("%s", qPrintable(f.failure()));
            return nullptr;
        }
        const Order fee{QStringLiteral("P-FEE"), QStringLiteral("T-FEE"), 10000, 60};
        const Order amount{QStringLiteral("P-AMT"), QStringLiteral("T-AMT"), 5000, 30};
        const Order stranger{QStringLiteral("X-STRANGER"), QStringLiteral("T-STRANGER"), 2500, 15};
        const Order twice{QStringLiteral("P-TWICE"), QStringLiteral("T-TWICE"), 700, 4};
        f.addOrder(fee);
        f.addOrder(amount);
        f.addOrder(twice);
        StatementLine feeLine = RunFixture::line(fee);
        feeLine.fee = Money::fromMinor(65, Currency::cny()); // the channel charged 0.05 more
        StatementLine amountLine = RunFixture::line(amount);
        amountLine.amount = Money::fromMinor(5200, Currency::cny()); // the payer paid 2.00 more
        amountLine.fee = Money::fromMinor(31, Currency::cny());
        const QString bill =
            f.writeBill(QStringLiteral("bill.csv"), {feeLine, amountLine, RunFixture::line(stranger),
                                                     RunFixture::line(twice), RunFixture::line(twice)});
        auto outcome = f.run(bill);
        if (!outcome || outcome->status != ReconciliationRunStatus::Completed) {
            qWarning("the day's run failed: %s", qPrintable(outcome ? QString() : outcome.error().message()));
            return nullptr;
        }
        day->runId = outcome->runId;
        day->finance = f.finance();
        day->approver = f.operatorWith(QStringLiteral("amos"), {Role::Approver});
        day->admin = f.operatorWith(QStringLiteral("ada"), {Role::Admin});
        return day;
    }

    static PoolDiscrepancy find(RunFixture &f, DiscrepancyCategory category)
    {
        DiscrepancyFilter filter;
        filter.category = category;
        auto list = f.service().discrepancies(f.finance(), filter);
        if (!list || list->size() != 1) {
            qWarning("expected one %s discrepancy", qPrintable(ReconciliationNames::category(category)));
            return {};
        }
        return list->first();
    }

    static qint64 balance(RunFixture &f, const QString &account)
    {
        auto accounts = f.core().ledger().accounts(f.finance());
        if (!accounts)
            return -1;
        for (const LedgerAccount &a : std::as_const(*accounts)) {
            if (a.name == account)
                return a.balance.minor();
        }
        return 0;
    }

    static void verifyLedgerClean(RunFixture &f)
    {
        const Actor &finance = f.finance();
        auto trial = f.core().ledger().trialBalance(finance);
        QVERIFY(trial);
        QVERIFY(trial->isBalanced());
        auto check = f.core().ledger().check(finance);
        QVERIFY(check);
        QVERIFY2(check->ok(), qPrintable(check->violations.isEmpty() ? QString() : check->violations.first().detail));
    }

    static ResolutionProposal proposal(const PoolDiscrepancy &d, DiscrepancyResolution resolution,
                                       const QString &merchantNo = QString())
    {
        ResolutionProposal p;
        p.discrepancyId = d.id;
        p.expectedVersion = d.version;
        p.resolution = resolution;
        p.note = QStringLiteral("checked with the channel's portal");
        p.merchantNo = merchantNo;
        return p;
    }

private slots:
    void initTestCase_data() { TestDatabase::addBackendRows(); }

    void feeMismatchIsAdjustedOnceByAnotherApprover()
    {
        QFETCH_GLOBAL(QString, backend);
        auto day = reconciledDay(backend);
        QVERIFY(day);
        RunFixture &f = *day->fixture;
        const PoolDiscrepancy d = find(f, DiscrepancyCategory::FeeMismatch);
        QCOMPARE(d.orderNo, QStringLiteral("P-FEE"));
        QCOMPARE(resolutionsFor(d), QList<DiscrepancyResolution>{DiscrepancyResolution::AdjustFee});

        auto proposed = f.service().propose(day->finance, proposal(d, DiscrepancyResolution::AdjustFee));
        QVERIFY2(proposed, qPrintable(proposed ? QString() : proposed.error().message()));
        QCOMPARE(proposed->status, DiscrepancyStatus::Proposed);
        QCOMPARE(proposed->proposedBy, day->finance.name());
        // Finance may not approve at all; the approver may.
        QCOMPARE(f.service().approve(day->finance, d.id, proposed->version).error().code(),
                 ErrorCode::PermissionDenied);
        auto approved = f.service().approve(day->approver, d.id, proposed->version);
        QVERIFY2(approved, qPrintable(approved ? QString() : approved.error().message()));
        QCOMPARE(approved->status, DiscrepancyStatus::Resolved);
        QVERIFY(approved->ledgerEntryId > 0);
        QCOMPARE(approved->decidedBy, day->approver.name());

        auto entry = f.core().ledger().entry(day->finance, approved->ledgerEntryId);
        QVERIFY(entry);
        QCOMPARE(entry->kind, EntryKind::Adjustment);
        QCOMPARE(entry->eventKey, QStringLiteral("recon:%1:adjust_fee").arg(d.id));
        QCOMPARE(entry->postings.size(), 2);
        for (const Posting &p : std::as_const(entry->postings)) {
            if (p.account == AccountName::channelFeeExpense().name())
                QCOMPARE(p.amount.minor(), qint64(5)); // 0.65 − 0.60 more expense
            else
                QCOMPARE(p.account, AccountName::channelReceivable(kAccount).name());
        }
        // Approving again is refused and posts nothing more.
        const qint64 entries = f.count(QStringLiteral("SELECT count(*) FROM journal_entry"));
        QCOMPARE(f.service().approve(day->approver, d.id, approved->version).error().code(),
                 ErrorCode::DiscrepancyStateConflict);
        QCOMPARE(f.count(QStringLiteral("SELECT count(*) FROM journal_entry")), entries);
        verifyLedgerClean(f);
        // The audit log says who proposed and who approved.
        QCOMPARE(f.count(QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'recon.resolve' AND "
                                        "result = 'ok' AND object = ?"),
                         {QStringLiteral("recon_discrepancy:%1").arg(d.id)}),
                 qint64(1));
        QCOMPARE(f.count(QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'recon.approve' AND "
                                        "result = 'ok' AND actor = ?"),
                         {day->approver.name()}),
                 qint64(1));
    }

    void theProposerCannotApproveAndStaleVersionsAreRefused()
    {
        QFETCH_GLOBAL(QString, backend);
        auto day = reconciledDay(backend);
        QVERIFY(day);
        RunFixture &f = *day->fixture;
        const PoolDiscrepancy d = find(f, DiscrepancyCategory::FeeMismatch);
        // An admin holds both permissions, and still needs another person.
        auto proposed = f.service().propose(day->admin, proposal(d, DiscrepancyResolution::AdjustFee));
        QVERIFY(proposed);
        const qint64 entries = f.count(QStringLiteral("SELECT count(*) FROM journal_entry"));
        QCOMPARE(f.service().approve(day->admin, d.id, proposed->version).error().code(),
                 ErrorCode::DiscrepancySelfApproval);
        QCOMPARE(f.count(QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'recon.approve' AND "
                                        "result = 'failed'")),
                 qint64(1));
        // Proposing again over a proposal, or from a version seen before it, is refused.
        QCOMPARE(f.service().propose(day->finance, proposal(d, DiscrepancyResolution::AdjustFee)).error().code(),
                 ErrorCode::DiscrepancyChangedMeanwhile);
        // Two approvers who saw the same version: exactly one decision stands.
        auto first = f.service().approve(day->approver, d.id, proposed->version);
        QVERIFY(first);
        const Actor second = f.operatorWith(QStringLiteral("abel"), {Role::Approver});
        QCOMPARE(f.service().approve(second, d.id, proposed->version).error().code(),
                 ErrorCode::DiscrepancyChangedMeanwhile);
        QCOMPARE(f.service().reject(second, d.id, proposed->version, QStringLiteral("no")).error().code(),
                 ErrorCode::DiscrepancyChangedMeanwhile);
        QCOMPARE(f.count(QStringLiteral("SELECT count(*) FROM journal_entry")), entries + 1);
    }

    void refusalsChangeNothing()
    {
        QFETCH_GLOBAL(QString, backend);
        auto day = reconciledDay(backend);
        QVERIFY(day);
        RunFixture &f = *day->fixture;
        const PoolDiscrepancy d = find(f, DiscrepancyCategory::FeeMismatch);
        // A resolution that does not fit, a missing note, an unknown discrepancy, a role without
        // the permission, an unknown merchant.
        QCOMPARE(f.service().propose(day->finance, proposal(d, DiscrepancyResolution::ReversePayment)).error().code(),
                 ErrorCode::InvalidArgument);
        ResolutionProposal noNote = proposal(d, DiscrepancyResolution::AdjustFee);
        noNote.note = QStringLiteral("   ");
        QCOMPARE(f.service().propose(day->finance, noNote).error().code(), ErrorCode::InvalidArgument);
        ResolutionProposal unknown = proposal(d, DiscrepancyResolution::AdjustFee);
        unknown.discrepancyId = 999999;
        QCOMPARE(f.service().propose(day->finance, unknown).error().code(), ErrorCode::DiscrepancyUnknown);
        const Actor support = f.operatorWith(QStringLiteral("sam"), {Role::Support});
        const Actor auditor = f.operatorWith(QStringLiteral("aude"), {Role::Auditor});
        QCOMPARE(f.service().propose(support, proposal(d, DiscrepancyResolution::AdjustFee)).error().code(),
                 ErrorCode::PermissionDenied);
        QCOMPARE(f.service().propose(auditor, proposal(d, DiscrepancyResolution::AdjustFee)).error().code(),
                 ErrorCode::PermissionDenied);
        QCOMPARE(f.service().discrepancies(support, DiscrepancyFilter{}).error().code(), ErrorCode::PermissionDenied);
        QVERIFY(f.service().discrepancies(auditor, DiscrepancyFilter{}));
        const PoolDiscrepancy stranger = find(f, DiscrepancyCategory::ChannelOnly);
        auto parked = f.service().propose(day->finance, proposal(stranger, DiscrepancyResolution::ParkInSuspense));
        QVERIFY(parked);
        QVERIFY(f.service().approve(day->approver, stranger.id, parked->version));
        auto again = f.service().discrepancies(f.finance(), DiscrepancyFilter{});
        QVERIFY(again);
        PoolDiscrepancy now;
        for (const PoolDiscrepancy &p : std::as_const(*again)) {
            if (p.id == stranger.id)
                now = p;
        }
        QCOMPARE(
            f.service()
                .propose(day->finance, proposal(now, DiscrepancyResolution::AssignToMerchant, QStringLiteral("M9")))
                .error()
                .code(),
            ErrorCode::MerchantUnknown);
        // Rejecting needs a reason; the proposal stays as it was.
        const PoolDiscrepancy fee = find(f, DiscrepancyCategory::FeeMismatch);
        auto proposed = f.service().propose(day->finance, proposal(fee, DiscrepancyResolution::AdjustFee));
        QVERIFY(proposed);
        QCOMPARE(f.service().reject(day->approver, fee.id, proposed->version, QString()).error().code(),
                 ErrorCode::InvalidArgument);
        auto rejected = f.service().reject(day->approver, fee.id, proposed->version, QStringLiteral("ask again"));
        QVERIFY(rejected);
        QCOMPARE(rejected->status, DiscrepancyStatus::Open);
        QVERIFY(!rejected->resolution.has_value());
        QCOMPARE(rejected->rejectReason, QStringLiteral("ask again"));
        QCOMPARE(rejected->ledgerEntryId, qint64(0));
        verifyLedgerClean(f);
    }

    void strangersPaymentIsParkedThenAssigned()
    {
        QFETCH_GLOBAL(QString, backend);
        auto day = reconciledDay(backend);
        QVERIFY(day);
        RunFixture &f = *day->fixture;
        const PoolDiscrepancy d = find(f, DiscrepancyCategory::ChannelOnly);
        QCOMPARE(d.channelTransactionId, QStringLiteral("T-STRANGER"));
        QCOMPARE(d.merchantId, qint64(0));
        QCOMPARE(resolutionsFor(d), QList<DiscrepancyResolution>{DiscrepancyResolution::ParkInSuspense});
        auto proposed = f.service().propose(day->finance, proposal(d, DiscrepancyResolution::ParkInSuspense));
        QVERIFY(proposed);
        auto parked = f.service().approve(day->approver, d.id, proposed->version);
        QVERIFY2(parked, qPrintable(parked ? QString() : parked.error().message()));
        QCOMPARE(parked->status, DiscrepancyStatus::Resolved);
        QCOMPARE(parked->parkedEntryId, parked->ledgerEntryId);
        // 25.00 at the channel less its 0.15 fee: receivable 24.85, expense 0.15, suspense −25.00.
        QCOMPARE(balance(f, AccountName::suspense().name()), qint64(-2500));
        QCOMPARE(balance(f, AccountName::channelReceivable(kAccount).name()), qint64(2485));
        QCOMPARE(balance(f, AccountName::channelFeeExpense().name()), qint64(15));
        verifyLedgerClean(f);

        // The follow-up: back to the payer or to a merchant.
        QCOMPARE(resolutionsFor(*parked), (QList<DiscrepancyResolution>{DiscrepancyResolution::RefundToPayer,
                                                                        DiscrepancyResolution::AssignToMerchant}));
        // A rejected follow-up leaves the money parked.
        auto follow = f.service().propose(
            day->finance, proposal(*parked, DiscrepancyResolution::AssignToMerchant, QStringLiteral("M1")));
        QVERIFY2(follow, qPrintable(follow ? QString() : follow.error().message()));
        QCOMPARE(follow->assignMerchantNo, QStringLiteral("M1"));
        auto rejected = f.service().reject(day->approver, d.id, follow->version, QStringLiteral("wrong merchant"));
        QVERIFY(rejected);
        QCOMPARE(rejected->status, DiscrepancyStatus::Resolved);
        QCOMPARE(rejected->resolution, std::optional(DiscrepancyResolution::ParkInSuspense));
        QCOMPARE(rejected->ledgerEntryId, parked->ledgerEntryId);
        QCOMPARE(balance(f, AccountName::suspense().name()), qint64(-2500));

        follow = f.service().propose(
            day->finance, proposal(*rejected, DiscrepancyResolution::AssignToMerchant, QStringLiteral("M1")));
        QVERIFY(follow);
        auto assigned = f.service().approve(day->approver, d.id, follow->version);
        QVERIFY2(assigned, qPrintable(assigned ? QString() : assigned.error().message()));
        QCOMPARE(assigned->resolution, std::optional(DiscrepancyResolution::AssignToMerchant));
        QVERIFY(assigned->ledgerEntryId != parked->ledgerEntryId);
        QCOMPARE(assigned->parkedEntryId, parked->ledgerEntryId);
        QCOMPARE(balance(f, AccountName::suspense().name()), qint64(0));
        QCOMPARE(balance(f, AccountName::merchantPending(QStringLiteral("M1")).name()), qint64(-2500));
        QVERIFY(resolutionsFor(*assigned).isEmpty());
        verifyLedgerClean(f);
    }

    void amountMismatchParksTheDifferenceThenAdjusts()
    {
        QFETCH_GLOBAL(QString, backend);
        auto day = reconciledDay(backend);
        QVERIFY(day);
        RunFixture &f = *day->fixture;
        const PoolDiscrepancy d = find(f, DiscrepancyCategory::AmountMismatch);
        QCOMPARE(d.orderNo, QStringLiteral("P-AMT"));
        QCOMPARE(resolutionsFor(d), (QList<DiscrepancyResolution>{DiscrepancyResolution::AdjustAmount,
                                                                  DiscrepancyResolution::ParkInSuspense}));
        auto proposed = f.service().propose(day->finance, proposal(d, DiscrepancyResolution::ParkInSuspense));
        QVERIFY(proposed);
        auto parked = f.service().approve(day->approver, d.id, proposed->version);
        QVERIFY(parked);
        // The channel has 52.00 less 0.31, we posted 50.00 less 0.30: 1.99 more receivable, 0.01 more
        // expense, 2.00 in suspense.
        QCOMPARE(balance(f, AccountName::suspense().name()), qint64(-200));
        QCOMPARE(balance(f, AccountName::channelReceivable(kAccount).name()), qint64(199));
        QCOMPARE(resolutionsFor(*parked), QList<DiscrepancyResolution>{DiscrepancyResolution::AdjustAmount});
        auto follow = f.service().propose(day->finance, proposal(*parked, DiscrepancyResolution::AdjustAmount));
        QVERIFY(follow);
        auto adjusted = f.service().approve(day->approver, d.id, follow->version);
        QVERIFY2(adjusted, qPrintable(adjusted ? QString() : adjusted.error().message()));
        QCOMPARE(balance(f, AccountName::suspense().name()), qint64(0));
        QCOMPARE(balance(f, AccountName::merchantPending(QStringLiteral("M1")).name()), qint64(-200));
        verifyLedgerClean(f);
    }

    void duplicateLineIsAcknowledgedWithoutAnEntry()
    {
        QFETCH_GLOBAL(QString, backend);
        auto day = reconciledDay(backend);
        QVERIFY(day);
        RunFixture &f = *day->fixture;
        const PoolDiscrepancy d = find(f, DiscrepancyCategory::DuplicateInStatement);
        QCOMPARE(resolutionsFor(d), QList<DiscrepancyResolution>{DiscrepancyResolution::Acknowledge});
        const qint64 entries = f.count(QStringLiteral("SELECT count(*) FROM journal_entry"));
        auto proposed = f.service().propose(day->finance, proposal(d, DiscrepancyResolution::Acknowledge));
        QVERIFY(proposed);
        auto approved = f.service().approve(day->approver, d.id, proposed->version);
        QVERIFY(approved);
        QCOMPARE(approved->status, DiscrepancyStatus::Resolved);
        QCOMPARE(approved->ledgerEntryId, qint64(0));
        QCOMPARE(f.count(QStringLiteral("SELECT count(*) FROM journal_entry")), entries);
        // A later run of the day finds it again and it stays resolved.
        const QString sameAgain =
            f.writeBill(QStringLiteral("again.csv"),
                        {RunFixture::line({QStringLiteral("P-TWICE"), QStringLiteral("T-TWICE"), 700, 4}),
                         RunFixture::line({QStringLiteral("P-TWICE"), QStringLiteral("T-TWICE"), 700, 4})});
        QVERIFY(f.run(sameAgain));
        QCOMPARE(f.count(QStringLiteral("SELECT count(*) FROM recon_discrepancy WHERE id = ? AND status = 'resolved'"),
                         {d.id}),
                 qint64(1));
    }
};

QTEST_GUILESS_MAIN(TestReconcileResolve)
#include "tst_reconcileresolve.moc"
