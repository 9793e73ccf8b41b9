#include "core/ledger/AccountName.h"
#include "core/ledger/Ledger.h"
#include "core/merchant/MerchantValidator.h"
#include "tests/merchant/OnboardingFixture.h"

using namespace paydesk;
using namespace paydesk::test;

// The merchant workflow end to end on SQLite and PostgreSQL: every step, every refused step,
// the ledger side (accounts, freeze, close), readiness and history (tst_merchantrules: the fields).
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
};

QTEST_GUILESS_MAIN(TestMerchants)
#include "tst_merchants.moc"
