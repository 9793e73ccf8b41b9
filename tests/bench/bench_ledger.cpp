// Ledger posting benchmark (issue 2): posts N payment entries (4 postings each, DESIGN §6)
// in batches through Ledger::post, and in the same run inserts the same rows into plain
// tables without checks, indexes or constraints; prints entries/s and the ratio, then the
// time of a trial balance over all postings.
//
//   bench_ledger --backend sqlite|postgresql [--entries 1000000] [--batch 1000]
// PostgreSQL needs PAYDESK_TEST_PG_URL (scripts/bench.sh starts a server).
#include "LedgerFixtures.h"
#include "TestDatabase.h"
#include "ledger/Ledger.h"
#include "ledger/LedgerBalances.h"
#include "ledger/LedgerInvariantChecker.h"
#include "storage/Sql.h"
#include "storage/UnitOfWork.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTextStream>

using namespace paydesk;

namespace {
constexpr int kMerchants = 1000;
constexpr int kChannelAccounts = 4;

EntryDraft benchPayment(qint64 n)
{
    const qint64 amount = 100 + (n * 7919) % 500000;
    const qint64 channelFee = amount * 25 / 10000;
    const qint64 merchantFee = amount * 60 / 10000;
    EntryDraft draft;
    draft.businessDate = QDate(2026, 10, 1).addDays(int(n % 60));
    draft.kind = EntryKind::Payment;
    draft.reference = QStringLiteral("P%1").arg(n, 10, 10, QLatin1Char('0'));
    draft.eventKey = QStringLiteral("payment:") + draft.reference;
    draft.createdBy = QStringLiteral("bench");
    const Currency cny = Currency::cny();
    draft.postings = {
        {QStringLiteral("channel_receivable:ch%1").arg(n % kChannelAccounts), Money::fromMinor(amount - channelFee, cny)},
        {QStringLiteral("channel_fee_expense"), Money::fromMinor(channelFee, cny)},
        {QStringLiteral("merchant:M%1:pending").arg(n % kMerchants), Money::fromMinor(-(amount - merchantFee), cny)},
        {QStringLiteral("fee_income"), Money::fromMinor(-merchantFee, cny)},
    };
    return draft;
}

Status plainInsert(Database &db, const QList<EntryDraft> &drafts, qint64 firstId)
{
    UnitOfWork work(db);
    if (!work.isActive())
        return work.error();
    QVariantList entries;
    QVariantList postings;
    for (qsizetype i = 0; i < drafts.size(); ++i) {
        const EntryDraft &d = drafts[i];
        const qint64 id = firstId + i;
        entries << id << d.businessDate.toString(Qt::ISODate) << QStringLiteral("payment") << d.reference << d.memo
                << d.eventKey << QVariant(QMetaType::fromType<qlonglong>()) << qint64(0) << d.createdBy;
        int line = 0;
        for (const PostingDraft &p : d.postings) {
            ++line;
            postings << id << line << qint64(1 + line) << p.amount.minor();
        }
    }
    auto insertRows = [&](const QString &head, int columns, const QVariantList &values) -> Status {
        const qsizetype perChunk = 12000 / columns;
        for (qsizetype start = 0; start < values.size() / columns; start += perChunk) {
            const qsizetype rows = qMin(perChunk, values.size() / columns - start);
            auto status = Sql::exec(work.connection(), head + Sql::rowPlaceholders(int(rows), columns),
                                    values.mid(start * columns, rows * columns));
            if (!status)
                return status;
        }
        return {};
    };
    auto status = insertRows(QStringLiteral("INSERT INTO plain_entry VALUES "), 9, entries);
    if (!status)
        return status;
    status = insertRows(QStringLiteral("INSERT INTO plain_posting VALUES "), 4, postings);
    if (!status)
        return status;
    return work.commit();
}
} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({QStringLiteral("backend"), QStringLiteral("sqlite or postgresql"), QStringLiteral("name"), QStringLiteral("sqlite")});
    parser.addOption({QStringLiteral("entries"), QStringLiteral("entries to post"), QStringLiteral("n"), QStringLiteral("1000000")});
    parser.addOption({QStringLiteral("batch"), QStringLiteral("entries per batch"), QStringLiteral("n"), QStringLiteral("1000")});
    parser.process(app);
    QTextStream out(stdout);
    const QString backend = parser.value(QStringLiteral("backend"));
    const qint64 total = parser.value(QStringLiteral("entries")).toLongLong();
    const int batch = parser.value(QStringLiteral("batch")).toInt();

    test::TestDatabase db(backend);
    if (!db.isOpen()) {
        out << "cannot open " << backend << ": " << db.failure() << Qt::endl;
        return 1;
    }
    Ledger ledger(db.database(), SystemClock::instance());
    for (int m = 0; m < kMerchants; ++m)
        (void)ledger.accounts().open(QStringLiteral("merchant:M%1:pending").arg(m), Currency::cny());
    for (int c = 0; c < kChannelAccounts; ++c)
        (void)ledger.accounts().open(QStringLiteral("channel_receivable:ch%1").arg(c), Currency::cny());
    (void)ledger.accounts().open(QStringLiteral("channel_fee_expense"), Currency::cny());
    (void)ledger.accounts().open(QStringLiteral("fee_income"), Currency::cny());
    auto created = Sql::exec(db.database().connection().value(),
        QStringLiteral("CREATE TABLE plain_entry (id BIGINT, business_date TEXT, kind TEXT, reference TEXT, memo TEXT, "
                       "event_key TEXT, reverses_entry_id BIGINT, created_at BIGINT, created_by TEXT)"));
    created = created ? Sql::exec(db.database().connection().value(),
                                  QStringLiteral("CREATE TABLE plain_posting (entry_id BIGINT, line INTEGER, account_id BIGINT, amount BIGINT)"))
                      : created;
    if (!created) {
        out << created.error().message() << Qt::endl;
        return 1;
    }

    out << "backend " << backend << ", " << total << " payment entries (4 postings each), batches of " << batch << Qt::endl;
    qint64 plainNs = 0;
    qint64 ledgerNs = 0;
    QElapsedTimer timer;
    for (qint64 done = 0; done < total; done += batch) {
        QList<EntryDraft> drafts;
        const qint64 count = qMin<qint64>(batch, total - done);
        for (qint64 i = 0; i < count; ++i)
            drafts << benchPayment(done + i);
        timer.start();
        auto plain = plainInsert(db.database(), drafts, done + 1);
        plainNs += timer.nsecsElapsed();
        timer.start();
        auto posted = ledger.post(drafts);
        ledgerNs += timer.nsecsElapsed();
        if (!plain || !posted) {
            out << "failed: " << (plain ? posted.error().message() : plain.error().message()) << Qt::endl;
            return 1;
        }
        if ((done / batch) % 100 == 0)
            out << "  " << done + count << " entries, ledger " << qint64(double(done + count) * 1e9 / double(ledgerNs))
                << "/s" << Qt::endl;
    }
    const double ledgerRate = double(total) * 1e9 / double(ledgerNs);
    const double plainRate = double(total) * 1e9 / double(plainNs);
    out << QStringLiteral("ledger post:  %1 entries/s (%2 s)\n").arg(ledgerRate, 0, 'f', 0).arg(double(ledgerNs) / 1e9, 0, 'f', 1);
    out << QStringLiteral("plain insert: %1 entries/s (%2 s)\n").arg(plainRate, 0, 'f', 0).arg(double(plainNs) / 1e9, 0, 'f', 1);
    out << QStringLiteral("ratio:        %1 %\n").arg(100.0 * ledgerRate / plainRate, 0, 'f', 1);

    LedgerBalances balances(db.database());
    timer.start();
    auto trial = balances.trialBalance();
    const double latestMs = double(timer.nsecsElapsed()) / 1e6;
    timer.start();
    auto asOf = balances.trialBalance(QDate(2026, 10, 31));
    const double asOfMs = double(timer.nsecsElapsed()) / 1e6;
    if (!trial || !asOf || !trial->isBalanced() || !asOf->isBalanced()) {
        out << "trial balance failed or unbalanced" << Qt::endl;
        return 1;
    }
    out << QStringLiteral("trial balance over %1 postings: latest %2 ms, as of a date %3 ms\n")
               .arg(total * 4).arg(latestMs, 0, 'f', 1).arg(asOfMs, 0, 'f', 1);
    timer.start();
    auto report = LedgerInvariantChecker(db.database()).run();
    out << QStringLiteral("full invariant check: %1 s, %2\n")
               .arg(double(timer.nsecsElapsed()) / 1e9, 0, 'f', 1)
               .arg(report && report->ok() ? QStringLiteral("all hold") : QStringLiteral("VIOLATIONS"));
    out.flush();
    return 0;
}
