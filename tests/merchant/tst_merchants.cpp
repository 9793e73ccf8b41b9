#include "core/ledger/AccountName.h"
#include "core/ledger/Ledger.h"
#include "core/merchant/MerchantMasking.h"
#include "core/merchant/MerchantValidator.h"
#include "core/merchant/RegistrationNumber.h"
#include "tests/merchant/OnboardingFixture.h"

using namespace paydesk;
using namespace paydesk::test;

// The merchant workflow end to end on SQLite and PostgreSQL: every step, every refused step,
// the ledger side (accounts, freeze, close), readiness, masking, versions and history.
class TestMerchants : public QObject
{
    Q_OBJECT

private:
    static QString account(const Merchant &m, const char *which)
    {
        return QStringLiteral("merchant:%1:%2").arg(m.merchantNo, QString::fromLatin1(which));
    }

    // A paid order credits pending; clearing moves it to available.
    static void giveMoney(CoreFixture &f, const Merchant &m, const QString &order, const char *amount,
                          const char *cleared)
    {
        Ledger ledger(f.core().database(), f.clock());
        EntryDraft paid = transfer(QStringLiteral("channel_receivable:wx1"), account(m, "pending"), amount,
                                   f.clock().businessDate(), order);
        paid.kind = EntryKind::Payment;
        paid.eventKey = QStringLiteral("payment:") + order;
        QVERIFY(ledger.post(paid, {true}).ok());
        if (qstrcmp(cleared, "0") != 0)
            QVERIFY(ledger.post(transfer(account(m, "pending"), account(m, "available"), cleared)).ok());
    }

    static QStringList actions(const QList<MerchantHistoryEntry> &history)
    {
        QStringList names;
        for (const MerchantHistoryEntry &entry : history)
            names << entry.action;
        return names;
    }

private slots:
    void initTestCase_data() { TestDatabase::addBackendRows(); }

    void lifecycleEndToEnd()
    {
        QFETCH_GLOBAL(QString, backend);
        CoreFixture f(backend);
        QVERIFY2(f.isOpen(), qPrintable(f.failure()));
        OnboardingFixture o(f);

        MerchantProfile profile = OnboardingFixture::enterprise();
        profile.contactPhone.clear();
        auto created = o.merchants.create(o.maker, profile);
        QVERIFY2(created.ok(), qPrintable(created.error().message()));
        QCOMPARE(created->merchantNo, QStringLiteral("M%1").arg(1000 + created->id));
        QCOMPARE(created->merchantNo, QStringLiteral("M1001"));
        QCOMPARE(created->status, MerchantStatus::Draft);
        QCOMPARE(created->version, 1);
        QCOMPARE(created->createdBy, QStringLiteral("olivia"));
        QVERIFY(!created->masked);

        // Incomplete: the missing phone is named; then the missing documents.
        auto incomplete = o.merchants.submit(o.maker, created->id, 1);
        QCOMPARE(incomplete.error().code(), ErrorCode::MerchantFieldInvalid);
        QCOMPARE(MerchantValidator::problemsOf(incomplete.error()).first().field, QStringLiteral("contact_phone"));
        profile.contactPhone = QStringLiteral("138 1234 5678");
        auto edited = o.merchants.update(o.maker, created->id, 1, profile);
        QVERIFY2(edited.ok(), qPrintable(edited.error().message()));
        QCOMPARE(edited->profile.contactPhone, QStringLiteral("13812345678"));
        QCOMPARE(edited->version, 2);
        auto noDocuments = o.merchants.submit(o.maker, created->id, 2);
        QCOMPARE(noDocuments.error().code(), ErrorCode::MerchantDocumentMissing);
        for (const char *kind : {"business_licence", "legal_id_front", "legal_id_back", "bank_account_proof"})
            QVERIFY(noDocuments.error().detail().contains(QLatin1String(kind)));
        QVERIFY(o.documents
                    .attach(o.maker, created->id, DocumentKind::BusinessLicence, QStringLiteral("licence.png"),
                            OnboardingFixture::png())
                    .ok());
        QVERIFY(o.documents
                    .attach(o.maker, created->id, DocumentKind::LegalIdFront, QStringLiteral("front.png"),
                            OnboardingFixture::png())
                    .ok());
        QVERIFY(o.documents
                    .attach(o.maker, created->id, DocumentKind::LegalIdBack, QStringLiteral("back.png"),
                            OnboardingFixture::png())
                    .ok());
        auto stillMissing = o.merchants.submit(o.maker, created->id, 2);
        QCOMPARE(stillMissing.error().code(), ErrorCode::MerchantDocumentMissing);
        QCOMPARE(stillMissing.error().detail(), QStringLiteral("bank_account_proof"));
        QVERIFY(o.documents
                    .attach(o.maker, created->id, DocumentKind::BankAccountProof, QStringLiteral("bank.png"),
                            OnboardingFixture::png())
                    .ok());

        auto submitted = o.merchants.submit(o.maker, created->id, 2);
        QVERIFY2(submitted.ok(), qPrintable(submitted.error().message()));
        QCOMPARE(submitted->status, MerchantStatus::Submitted);
        QCOMPARE(submitted->submittedBy, QStringLiteral("olivia"));
        QCOMPARE(submitted->submittedAt, f.clock().nowUtc());
        auto queue = o.merchants.reviewQueue(o.checker, 0, 10);
        QCOMPARE(queue->size(), 1);
        QCOMPARE(queue->first().id, created->id);

        f.clock().advanceSeconds(600);
        auto approved =
            o.merchants.approve(o.checker, created->id, submitted->version, QStringLiteral("all papers in order"));
        QVERIFY2(approved.ok(), qPrintable(approved.error().message()));
        QCOMPARE(approved->status, MerchantStatus::Approved);
        QCOMPARE(approved->reviewedBy, QStringLiteral("oscar"));
        QVERIFY(o.merchants.reviewQueue(o.checker, 0, 10)->isEmpty());

        auto app = o.applications.create(o.maker, created->id, OnboardingFixture::appDraft());
        QVERIFY2(app.ok(), qPrintable(app.error().message()));
        auto active = o.merchants.activate(o.maker, created->id, approved->version);
        QVERIFY2(active.ok(), qPrintable(active.error().message()));
        QCOMPARE(active->status, MerchantStatus::Active);

        giveMoney(f, *active, QStringLiteral("ORD-1"), "100.00", "60.00");
        auto frozen = o.merchants.freeze(o.maker, created->id, active->version, QStringLiteral("chargeback risk"));
        QVERIFY2(frozen.ok(), qPrintable(frozen.error().message()));
        QCOMPARE(frozen->status, MerchantStatus::Frozen);
        QVERIFY(frozen->freezeEntryId > 0);
        auto balances = o.merchants.balances(o.support, created->id);
        QCOMPARE(balances->pending, cny("40.00"));
        QCOMPARE(balances->available, cny("0.00"));
        QCOMPARE(balances->frozen, cny("60.00"));
        QVERIFY(balances->accountsOpen);

        auto unfrozen = o.merchants.unfreeze(o.maker, created->id, frozen->version);
        QVERIFY2(unfrozen.ok(), qPrintable(unfrozen.error().message()));
        QCOMPARE(unfrozen->status, MerchantStatus::Active);
        QCOMPARE(unfrozen->freezeEntryId, qint64(0));
        QCOMPARE(o.merchants.balances(o.support, created->id)->available, cny("60.00"));

        // Pay the merchant out and clear the rest, then freeze and close at zero.
        Ledger ledger(f.core().database(), f.clock());
        QVERIFY(ledger.post(transfer(account(*active, "pending"), account(*active, "available"), "40.00")).ok());
        QVERIFY(ledger
                    .post(transfer(account(*active, "available"), QStringLiteral("settlement_in_transit"), "100.00"),
                          {true})
                    .ok());
        auto frozenAgain =
            o.merchants.freeze(o.maker, created->id, unfrozen->version, QStringLiteral("merchant leaves"));
        QVERIFY(frozenAgain.ok());
        QCOMPARE(frozenAgain->freezeEntryId, qint64(0)); // nothing available to move
        auto closed = o.merchants.close(o.maker, created->id, frozenAgain->version, QStringLiteral("contract ended"));
        QVERIFY2(closed.ok(), qPrintable(closed.error().message()));
        QCOMPARE(closed->status, MerchantStatus::Closed);
        for (const char *which : {"pending", "available", "frozen"})
            QVERIFY(!Ledger(f.core().database(), f.clock())
                         .accounts()
                         .find(account(*closed, which), Currency::cny())
                         ->open);

        auto history = o.merchants.history(o.support, created->id);
        QVERIFY(history.ok());
        QCOMPARE(actions(*history),
                 (QStringList{QStringLiteral("create"), QStringLiteral("edit"), QStringLiteral("document.attach"),
                              QStringLiteral("document.attach"), QStringLiteral("document.attach"),
                              QStringLiteral("document.attach"), QStringLiteral("submit"), QStringLiteral("approve"),
                              QStringLiteral("activate"), QStringLiteral("freeze"), QStringLiteral("unfreeze"),
                              QStringLiteral("freeze"), QStringLiteral("close")}));
        QCOMPARE(history->at(1).note, QStringLiteral("contact_phone"));
        QCOMPARE(history->at(7).fromStatus, std::optional(MerchantStatus::Submitted));
        QCOMPARE(history->at(7).toStatus, std::optional(MerchantStatus::Approved));
        QCOMPARE(history->at(7).actor, QStringLiteral("oscar"));
        QVERIFY(history->at(9).note.contains(QStringLiteral("60.00 CNY moved")));
        QVERIFY(history->at(9).note.contains(QStringLiteral("chargeback risk")));

        auto records = f.core().audit().records(f.admin(), AuditFilter{{}, QStringLiteral("merchant"), {}, {}}, 0, 100);
        QStringList audited;
        for (const AuditRecord &record : *records)
            audited.prepend(record.action);
        for (const char *action :
             {"merchant.create", "merchant.edit", "merchant.document.attach", "merchant.submit", "merchant.approve",
              "merchant.activate", "merchant.freeze", "merchant.unfreeze", "merchant.close"})
            QVERIFY2(audited.contains(QLatin1String(action)), action);
        const AuditRecord &edit = records->at(records->size() - 2); // create, edit, …
        QCOMPARE(edit.action, QStringLiteral("merchant.edit"));
        QVERIFY(edit.detail.contains(QStringLiteral("\"before\":{\"contact_phone\":\"\"}")));
        QVERIFY(edit.detail.contains(QStringLiteral("\"after\":{\"contact_phone\":\"13812345678\"}")));
        QVERIFY(f.core().ledger().check(f.admin()).ok());
    }

    void everyIllegalTransitionIsRefused()
    {
        QFETCH_GLOBAL(QString, backend);
        CoreFixture f(backend);
        QVERIFY2(f.isOpen(), qPrintable(f.failure()));
        OnboardingFixture o(f);
        int refusals = 0;
        for (MerchantStatus status : MerchantNames::allStatuses()) {
            const Merchant m = o.merchantIn(
                status, OnboardingFixture::enterprise(QStringLiteral("Shop in ") + MerchantNames::status(status)));
            QCOMPARE(m.status, status);
            const qint64 historyRows =
                o.count(QStringLiteral("SELECT count(*) FROM merchant_history WHERE merchant_id = ?"), {m.id});
            const qint64 entries = o.count(QStringLiteral("SELECT count(*) FROM journal_entry"));
            const qint64 accounts =
                o.count(QStringLiteral("SELECT count(*) FROM ledger_account WHERE status = 'open'"));
            for (MerchantAction action : MerchantWorkflow::allActions()) {
                if (MerchantWorkflow::allows(status, action))
                    continue;
                // The checker acts, so self-review cannot be the reason; reasons are given.
                auto refused = o.merchants.perform(o.checker, action, m.id, m.version, QStringLiteral("a reason"));
                const QString step =
                    MerchantWorkflow::actionName(action) + QStringLiteral(" from ") + MerchantNames::status(status);
                QVERIFY2(!refused.ok(), qPrintable(step));
                QCOMPARE(refused.error().code(), ErrorCode::MerchantTransitionRefused);
                QVERIFY2(refused.error().detail().contains(MerchantNames::status(status) + QStringLiteral(" → ") +
                                                           MerchantNames::status(MerchantWorkflow::to(action))),
                         qPrintable(refused.error().detail()));
                ++refusals;
            }
            if (MerchantWorkflow::editScope(status) == MerchantEditScope::None) {
                MerchantProfile changed = m.profile;
                changed.contactName = QStringLiteral("Someone Else");
                QCOMPARE(o.merchants.update(o.maker, m.id, m.version, changed).error().code(),
                         ErrorCode::MerchantTransitionRefused);
            }
            const Merchant after = o.fresh(m.id);
            QCOMPARE(after.status, status);
            QCOMPARE(after.version, m.version);
            QCOMPARE(o.count(QStringLiteral("SELECT count(*) FROM merchant_history WHERE merchant_id = ?"), {m.id}),
                     historyRows);
            QCOMPARE(o.count(QStringLiteral("SELECT count(*) FROM journal_entry")), entries);
            QCOMPARE(o.count(QStringLiteral("SELECT count(*) FROM ledger_account WHERE status = 'open'")), accounts);
        }
        // 7 statuses × 8 steps, 8 of which are allowed.
        QCOMPARE(refusals, 7 * 8 - 8);
    }

    void selfReviewIsRefused()
    {
        QFETCH_GLOBAL(QString, backend);
        CoreFixture f(backend);
        QVERIFY2(f.isOpen(), qPrintable(f.failure()));
        OnboardingFixture o(f);
        const Merchant m = o.merchantIn(MerchantStatus::Submitted);
        auto own = o.merchants.approve(o.maker, m.id, m.version);
        QCOMPARE(own.error().code(), ErrorCode::MerchantSelfReview);
        QVERIFY(own.error().detail().contains(QStringLiteral("olivia")));
        QCOMPARE(o.merchants.reject(o.maker, m.id, m.version, QStringLiteral("mine")).error().code(),
                 ErrorCode::MerchantSelfReview);
        QCOMPARE(o.fresh(m.id).status, MerchantStatus::Submitted);
        QCOMPARE(o.count(QStringLiteral("SELECT count(*) FROM ledger_account")), qint64(0));
        // Reviewing needs merchant.review: support and finance may not.
        QCOMPARE(o.merchants.approve(o.support, m.id, m.version).error().code(), ErrorCode::PermissionDenied);
        QVERIFY(o.merchants.approve(o.checker, m.id, m.version).ok());
    }

    void rejectionNeedsAReasonAndAnEditReturnsToDraft()
    {
        QFETCH_GLOBAL(QString, backend);
        CoreFixture f(backend);
        QVERIFY2(f.isOpen(), qPrintable(f.failure()));
        OnboardingFixture o(f);
        const Merchant m = o.merchantIn(MerchantStatus::Submitted);
        auto noReason = o.merchants.reject(o.checker, m.id, m.version, QStringLiteral("   "));
        QCOMPARE(noReason.error().code(), ErrorCode::MerchantFieldInvalid);
        QCOMPARE(MerchantValidator::problemsOf(noReason.error()).first().field, QStringLiteral("reason"));
        QCOMPARE(o.fresh(m.id).status, MerchantStatus::Submitted);

        auto rejected = o.merchants.reject(o.checker, m.id, m.version, QStringLiteral("licence photo is blurred"));
        QVERIFY(rejected.ok());
        QCOMPARE(rejected->status, MerchantStatus::Rejected);
        QCOMPARE(rejected->rejectionReason, QStringLiteral("licence photo is blurred"));
        // Documents may be replaced while rejected.
        QVERIFY(o.documents
                    .attach(o.maker, m.id, DocumentKind::BusinessLicence, QStringLiteral("sharp.png"),
                            OnboardingFixture::otherPng())
                    .ok());
        MerchantProfile profile = rejected->profile;
        profile.shortName = QStringLiteral("Tencent Cloud");
        auto edited = o.merchants.update(o.maker, m.id, rejected->version, profile);
        QVERIFY(edited.ok());
        QCOMPARE(edited->status, MerchantStatus::Draft);
        QCOMPARE(edited->rejectionReason, QStringLiteral("licence photo is blurred")); // still shown while fixing
        auto history = o.merchants.history(o.maker, m.id).value();
        QCOMPARE(history.last().action, QStringLiteral("edit"));
        QCOMPARE(history.last().fromStatus, std::optional(MerchantStatus::Rejected));
        QCOMPARE(history.last().toStatus, std::optional(MerchantStatus::Draft));
        const auto rejection = std::find_if(history.cbegin(), history.cend(), [](const MerchantHistoryEntry &e) {
            return e.action == QLatin1String("reject");
        });
        QVERIFY(rejection != history.cend());
        QCOMPARE(rejection->note, QStringLiteral("licence photo is blurred"));
        QCOMPARE(rejection->actor, QStringLiteral("oscar"));

        auto resubmitted = o.merchants.submit(o.maker, m.id, edited->version);
        QVERIFY(resubmitted.ok());
        QVERIFY(resubmitted->rejectionReason.isEmpty());
        QVERIFY(resubmitted->reviewedBy.isEmpty());

        // reopen: back to draft without an edit.
        auto again = o.merchants.reject(o.checker, m.id, resubmitted->version, QStringLiteral("wrong bank"));
        auto reopened = o.merchants.reopen(o.maker, m.id, again->version);
        QVERIFY(reopened.ok());
        QCOMPARE(reopened->status, MerchantStatus::Draft);
    }

    void approvalOpensTheLedgerAccounts()
    {
        QFETCH_GLOBAL(QString, backend);
        CoreFixture f(backend);
        QVERIFY2(f.isOpen(), qPrintable(f.failure()));
        OnboardingFixture o(f);
        const Merchant submitted = o.merchantIn(MerchantStatus::Submitted);
        LedgerAccounts accounts(f.core().database(), f.clock());
        QCOMPARE(accounts.find(account(submitted, "available"), Currency::cny()).error().code(),
                 ErrorCode::AccountUnknown);
        QCOMPARE(o.merchants.balances(o.support, submitted.id)->accountsOpen, false);
        QVERIFY(o.merchants.approve(o.checker, submitted.id, submitted.version).ok());
        for (const char *which : {"pending", "available", "frozen"}) {
            auto opened = accounts.find(account(submitted, which), Currency::cny());
            QVERIFY2(opened.ok(), which);
            QVERIFY(opened->open);
            QCOMPARE(opened->typeCode, 2202);
            QVERIFY(opened->balance.isZero());
        }
        auto balances = o.merchants.balances(o.support, submitted.id);
        QVERIFY(balances->accountsOpen);
        QCOMPARE(balances->available, Money::zero(Currency::cny()));
        auto records =
            f.core().audit().records(f.admin(), AuditFilter{{}, QStringLiteral("merchant.approve"), {}, {}}, 0, 10);
        QCOMPARE(records->size(), 1);
        QVERIFY(records->first().detail.contains(account(submitted, "frozen")));

        // An account posted to before the merchant was registered (an import, the demo) is
        // taken over at approval, not refused.
        const Merchant second = o.merchantIn(MerchantStatus::Submitted, OnboardingFixture::individual());
        Ledger ledger(f.core().database(), f.clock());
        QVERIFY(ledger
                    .post(paymentEntry(QStringLiteral("EARLY-1"), second.merchantNo, QStringLiteral("wx1"), "5.10",
                                       "0.03", "0.10"),
                          {true})
                    .ok());
        QVERIFY(o.merchants.approve(o.checker, second.id, second.version).ok());
        QCOMPARE(o.merchants.balances(o.support, second.id)->pending, cny("5.00"));
    }

    void freezeMovesExactlyTheAvailableBalance()
    {
        QFETCH_GLOBAL(QString, backend);
        CoreFixture f(backend);
        QVERIFY2(f.isOpen(), qPrintable(f.failure()));
        OnboardingFixture o(f);
        const Merchant m = o.merchantIn(MerchantStatus::Active);
        giveMoney(f, m, QStringLiteral("ORD-7"), "123.45", "100.01");
        // 10.00 already held in frozen for another reason (a reserve).
        Ledger ledger(f.core().database(), f.clock());
        QVERIFY(ledger.post(transfer(account(m, "available"), account(m, "frozen"), "10.00")).ok());

        auto frozen = o.merchants.freeze(o.maker, m.id, m.version, QStringLiteral("court order"));
        QVERIFY2(frozen.ok(), qPrintable(frozen.error().message()));
        auto freezeEntry = ledger.entry(frozen->freezeEntryId);
        QVERIFY(freezeEntry.ok());
        QCOMPARE(freezeEntry->kind, EntryKind::Freeze);
        QCOMPARE(freezeEntry->reference, m.merchantNo);
        QCOMPARE(freezeEntry->memo, QStringLiteral("court order"));
        QCOMPARE(freezeEntry->postings.size(), 2);
        QCOMPARE(freezeEntry->postings.at(0).account, account(m, "available"));
        QCOMPARE(freezeEntry->postings.at(0).amount, cny("90.01"));
        QCOMPARE(freezeEntry->postings.at(1).account, account(m, "frozen"));
        QCOMPARE(freezeEntry->postings.at(1).amount, cny("-90.01"));
        auto held = o.merchants.balances(o.maker, m.id);
        QCOMPARE(held->available, cny("0.00"));
        QCOMPARE(held->frozen, cny("100.01"));
        QCOMPARE(held->pending, cny("23.44"));

        auto unfrozen = o.merchants.unfreeze(o.maker, m.id, frozen->version, QStringLiteral("order lifted"));
        QVERIFY2(unfrozen.ok(), qPrintable(unfrozen.error().message()));
        auto released = o.merchants.balances(o.maker, m.id);
        QCOMPARE(released->available, cny("90.01"));
        QCOMPARE(released->frozen, cny("10.00")); // the reserve stays
        const qint64 unfreezeId = o.count(QStringLiteral("SELECT max(id) FROM journal_entry"));
        auto unfreezeEntry = ledger.entry(unfreezeId);
        QCOMPARE(unfreezeEntry->kind, EntryKind::Unfreeze);
        QCOMPARE(unfreezeEntry->postings.at(0).account, account(m, "frozen"));
        QCOMPARE(unfreezeEntry->postings.at(0).amount, cny("90.01"));
        QCOMPARE(unfreezeEntry->eventKey, QStringLiteral("merchant.unfreeze:%1").arg(frozen->freezeEntryId));

        // Nothing available: no entry either way.
        QVERIFY(ledger.post(transfer(account(m, "available"), QStringLiteral("settlement_in_transit"), "90.01"), {true})
                    .ok());
        const qint64 entries = o.count(QStringLiteral("SELECT count(*) FROM journal_entry"));
        auto empty = o.merchants.freeze(o.maker, m.id, unfrozen->version, QStringLiteral("check"));
        QVERIFY(empty.ok());
        QCOMPARE(empty->freezeEntryId, qint64(0));
        QVERIFY(o.merchants.unfreeze(o.maker, m.id, empty->version).ok());
        QCOMPARE(o.count(QStringLiteral("SELECT count(*) FROM journal_entry")), entries);
        QVERIFY(f.core().ledger().check(f.admin())->ok());

        // A freeze needs a reason.
        QCOMPARE(o.merchants.freeze(o.maker, m.id, o.fresh(m.id).version, QString()).error().code(),
                 ErrorCode::MerchantFieldInvalid);
    }

    void closingNeedsZeroBalances()
    {
        QFETCH_GLOBAL(QString, backend);
        CoreFixture f(backend);
        QVERIFY2(f.isOpen(), qPrintable(f.failure()));
        OnboardingFixture o(f);
        const Merchant active = o.merchantIn(MerchantStatus::Active);
        giveMoney(f, active, QStringLiteral("ORD-9"), "50.00", "30.00");
        const Merchant frozen =
            o.merchants.freeze(o.maker, active.id, active.version, QStringLiteral("leaving")).value();

        auto refused = o.merchants.close(o.maker, frozen.id, frozen.version);
        QCOMPARE(refused.error().code(), ErrorCode::MerchantBalanceNotZero);
        QVERIFY(refused.error().detail().contains(account(frozen, "pending") + QStringLiteral(" 20.00 CNY")));
        QVERIFY(refused.error().detail().contains(account(frozen, "frozen") + QStringLiteral(" 30.00 CNY")));
        QVERIFY(!refused.error().detail().contains(account(frozen, "available")));
        QCOMPARE(o.fresh(frozen.id).status, MerchantStatus::Frozen);
        QVERIFY(LedgerAccounts(f.core().database(), f.clock()).find(account(frozen, "frozen"), Currency::cny())->open);

        // Settle everything, then it closes and the accounts close with it.
        Ledger ledger(f.core().database(), f.clock());
        QVERIFY(ledger.post(transfer(account(frozen, "pending"), account(frozen, "frozen"), "20.00")).ok());
        QVERIFY(
            ledger.post(transfer(account(frozen, "frozen"), QStringLiteral("settlement_in_transit"), "50.00"), {true})
                .ok());
        auto closed = o.merchants.close(o.maker, frozen.id, frozen.version, QStringLiteral("paid out"));
        QVERIFY2(closed.ok(), qPrintable(closed.error().message()));
        for (const char *which : {"pending", "available", "frozen"})
            QVERIFY(
                !LedgerAccounts(f.core().database(), f.clock()).find(account(frozen, which), Currency::cny())->open);
        // A closed merchant takes no postings and no new applications.
        QCOMPARE(ledger
                     .post(paymentEntry(QStringLiteral("ORD-10"), frozen.merchantNo, QStringLiteral("wx1"), "1.00",
                                        "0.01", "0.02"),
                           {true})
                     .error()
                     .code(),
                 ErrorCode::AccountClosed);
        QCOMPARE(o.applications.create(o.maker, frozen.id, OnboardingFixture::appDraft()).error().code(),
                 ErrorCode::MerchantTransitionRefused);
    }

    void readinessChecksAreCombined()
    {
        QFETCH_GLOBAL(QString, backend);
        CoreFixture f(backend);
        QVERIFY2(f.isOpen(), qPrintable(f.failure()));
        OnboardingFixture o(f);
        qint64 askedFor = 0;
        QDate askedOn;
        bool routed = false;
        o.merchants.addReadinessCheck([&](qint64 merchantId, const QDate &date) -> Result<QStringList> {
            askedFor = merchantId;
            askedOn = date;
            if (routed)
                return QStringList();
            return QStringList{QStringLiteral("wechat.native has no routing rule")};
        });
        const Merchant m = o.merchantIn(MerchantStatus::Approved);
        auto notReady = o.merchants.activate(o.maker, m.id, m.version);
        QCOMPARE(notReady.error().code(), ErrorCode::MerchantNotReady);
        QVERIFY(notReady.error().detail().contains(QStringLiteral("no enabled application")));
        QVERIFY(notReady.error().detail().contains(QStringLiteral("wechat.native has no routing rule")));
        QCOMPARE(askedFor, m.id);
        QCOMPARE(askedOn, f.clock().businessDate());
        QCOMPARE(o.fresh(m.id).status, MerchantStatus::Approved);
        QCOMPARE(o.merchants.readinessProblems(o.support, m.id)->size(), 2);

        // A disabled application does not count; an enabled one does.
        auto app = o.applications.create(o.maker, m.id, OnboardingFixture::appDraft());
        QVERIFY(o.applications.setEnabled(o.maker, app->id, app->version, false).ok());
        auto stillNot = o.merchants.activate(o.maker, m.id, m.version);
        QVERIFY(stillNot.error().detail().contains(QStringLiteral("no enabled application")));
        QVERIFY(o.applications.create(o.maker, m.id, OnboardingFixture::appDraft(QStringLiteral("POS"))).ok());
        auto onlyRouting = o.merchants.activate(o.maker, m.id, m.version);
        QCOMPARE(onlyRouting.error().code(), ErrorCode::MerchantNotReady);
        QVERIFY(!onlyRouting.error().detail().contains(QStringLiteral("no enabled application")));
        routed = true;
        QVERIFY(o.merchants.readinessProblems(o.support, m.id)->isEmpty());
        QCOMPARE(o.merchants.activate(o.maker, m.id, m.version)->status, MerchantStatus::Active);
    }

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

QTEST_GUILESS_MAIN(TestMerchants)
#include "tst_merchants.moc"
