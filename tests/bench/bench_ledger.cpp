// Ledger posting benchmark (issue 2): posts N payment entries (4 postings each, DESIGN §6)
// in batches through Ledger::post, and in the same run writes the same rows twice more:
// into plain tables (no keys, indexes or constraints) and into tables with the ledger's keys
// and indexes, both without any of the ledger's checks. Prints entries/s and the ratios, then
// the time of a trial balance over all postings and of a full invariant check.
//
//   bench_ledger --backend sqlite|postgresql [--entries 1000000] [--batch 1000]
// PostgreSQL needs PAYDESK_TEST_PG_URL (scripts/bench.sh starts a server).
#include "core/ledger/Ledger.h"
#include "core/ledger/LedgerBalances.h"
#include "core/ledger/LedgerInvariantChecker.h"
#include "core/ledger/PostingLines.h"
#include "core/storage/BatchSql.h"
#include "core/storage/Sql.h"
#include "core/storage/UnitOfWork.h"
#include "tests/support/LedgerFixtures.h"
#include "tests/support/TestDatabase.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTextStream>

using namespace paydesk;

namespace {
constexpr int kMerchants = 1000;
constexpr int kChannelAccounts = 4;

// Payments arrive in time order: the n-th of `total` falls on day n·30/total of a 30-day month.
EntryDraft benchPayment(qint64 n, qint64 total)
{
    const qint64 amount = 1000 + (n * 7919) % 500000; // from 10.00: every fee is at least a fen
    const qint64 channelFee = amount * 25 / 10000;
    const qint64 merchantFee = amount * 60 / 10000;
    EntryDraft draft;
    draft.businessDate = QDate(2026, 10, 1).addDays(int(n * 30 / total));
    draft.kind = EntryKind::Payment;
    draft.reference = QStringLiteral("P%1").arg(n, 10, 10, QLatin1Char('0'));
    draft.eventKey = QStringLiteral("payment:") + draft.reference;
    draft.createdBy = QStringLiteral("bench");
    const Currency cny = Currency::cny();
    draft.postings = {
        {QStringLiteral("channel_receivable:ch%1").arg(n % kChannelAccounts),
         Money::fromMinor(amount - channelFee, cny)},
        {QStringLiteral("channel_fee_expense"), Money::fromMinor(channelFee, cny)},
        {QStringLiteral("merchant:M%1:pending").arg(n % kMerchants), Money::fromMinor(-(amount - merchantFee), cny)},
        {QStringLiteral("fee_income"), Money::fromMinor(-merchantFee, cny)},
    };
    return draft;
}

// The ledger's own rows for these entries (journal_entry with its lines, one ledger_posting
// row per line), written with the same batched statements the ledger uses, but with none of
// its work: no validation, no account look-ups, no balances, no daily movements.
Status insertSameRows(Database &db, const QString &entryTable, const QString &postingTable,
                      const QList<EntryDraft> &drafts, qint64 firstId, const QHash<QString, qint64> &accountIds)
{
    UnitOfWork work(db);
    if (!work.isActive())
        return work.error();
    QVariantList entries;
    QVariantList postings;
    for (qsizetype i = 0; i < drafts.size(); ++i) {
        const EntryDraft &d = drafts[i];
        const qint64 id = firstId + i;
        const QString date = d.businessDate.toString(Qt::ISODate);
        QList<PostingLines::Line> lines;
        int line = 0;
        qint64 debits = 0;
        for (const PostingDraft &p : d.postings) {
            debits += qMax<qint64>(0, p.amount.minor());
            const qint64 account = accountIds.value(p.account);
            ++line;
            lines.append({account, p.amount.minor()});
            postings << account << id << line << date << p.amount.minor();
        }
        entries << id << date << QStringLiteral("payment") << d.reference << QStringLiteral("") << d.eventKey
                << QVariant(QMetaType::fromType<qlonglong>()) << qint64(0) << d.createdBy << debits
                << PostingLines::encode(lines);
    }
    auto status = BatchSql::execRows(db, QStringLiteral("INSERT INTO %1 VALUES ").arg(entryTable), {}, 11, entries);
    if (!status)
        return status;
    status = BatchSql::execRows(db, QStringLiteral("INSERT INTO %1 VALUES ").arg(postingTable), {}, 5, postings);
    if (!status)
        return status;
    return work.commit();
}

// Tables like the ledger's, with the same keys and indexes but no triggers or foreign keys
// (keep in step with storage/migrations/0001_ledger.sql).
QStringList keyedTables(bool sqlite)
{
    const QString pk = sqlite ? QStringLiteral("INTEGER PRIMARY KEY") : QStringLiteral("BIGINT PRIMARY KEY");
    const QString date = sqlite ? QStringLiteral("TEXT") : QStringLiteral("DATE");
    return {
        QStringLiteral(
            "CREATE TABLE keyed_entry (id %1, business_date %2 NOT NULL, kind TEXT NOT NULL, reference TEXT NOT NULL, "
            "memo TEXT NOT NULL, event_key TEXT, reverses_entry_id BIGINT, created_at BIGINT NOT NULL, "
            "created_by TEXT NOT NULL, debit_total BIGINT NOT NULL, postings TEXT NOT NULL)")
            .arg(pk, date),
        QStringLiteral("CREATE UNIQUE INDEX keyed_entry_event ON keyed_entry (event_key) WHERE event_key IS NOT NULL"),
        QStringLiteral("CREATE UNIQUE INDEX keyed_entry_reversed ON keyed_entry (reverses_entry_id) WHERE "
                       "reverses_entry_id IS NOT NULL"),
        QStringLiteral("CREATE INDEX keyed_entry_date ON keyed_entry (business_date, id)"),
        QStringLiteral(
            "CREATE TABLE keyed_posting (account_id BIGINT NOT NULL, entry_id BIGINT NOT NULL, line INTEGER NOT NULL, "
            "business_date %1 NOT NULL, amount BIGINT NOT NULL, PRIMARY KEY (account_id, entry_id, line))%2")
            .arg(date, sqlite ? QStringLiteral(" WITHOUT ROWID") : QString()),
    };
}
} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({QStringLiteral("backend"), QStringLiteral("sqlite or postgresql"), QStringLiteral("name"),
                      QStringLiteral("sqlite")});
    parser.addOption(
        {QStringLiteral("entries"), QStringLiteral("entries to post"), QStringLiteral("n"), QStringLiteral("1000000")});
    parser.addOption(
        {QStringLiteral("batch"), QStringLiteral("entries per batch"), QStringLiteral("n"), QStringLiteral("1000")});
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
    QHash<QString, qint64> accountIds;
    const QList<LedgerAccount> opened = LedgerAccounts::list(db.database()).value();
    for (const LedgerAccount &account : opened)
        accountIds.insert(account.name, account.id);
    const QSqlDatabase connection = db.database().connection().value();
    const QString date = db.database().isSqlite() ? QStringLiteral("TEXT") : QStringLiteral("DATE");
    QStringList ddl{
        QStringLiteral("CREATE TABLE plain_entry (id BIGINT, business_date %1, kind TEXT, reference TEXT, memo TEXT, "
                       "event_key TEXT, reverses_entry_id BIGINT, created_at BIGINT, created_by TEXT, debit_total "
                       "BIGINT, postings TEXT)")
            .arg(date),
        QStringLiteral(
            "CREATE TABLE plain_posting (account_id BIGINT, entry_id BIGINT, line INTEGER, business_date %1, "
            "amount BIGINT)")
            .arg(date)};
    ddl << keyedTables(db.database().isSqlite());
    for (const QString &statement : std::as_const(ddl)) {
        auto created = Sql::exec(connection, statement);
        if (!created) {
            out << created.error().message() << Qt::endl;
            return 1;
        }
    }

    out << "backend " << backend << ", " << total << " payment entries (4 postings each), batches of " << batch
        << Qt::endl;
    qint64 plainNs = 0;
    qint64 keyedNs = 0;
    qint64 ledgerNs = 0;
    QElapsedTimer timer;
    for (qint64 done = 0; done < total; done += batch) {
        QList<EntryDraft> drafts;
        const qint64 count = qMin<qint64>(batch, total - done);
        for (qint64 i = 0; i < count; ++i)
            drafts << benchPayment(done + i, total);
        timer.start();
        auto plain = insertSameRows(db.database(), QStringLiteral("plain_entry"), QStringLiteral("plain_posting"),
                                    drafts, done + 1, accountIds);
        plainNs += timer.nsecsElapsed();
        timer.start();
        auto keyed = insertSameRows(db.database(), QStringLiteral("keyed_entry"), QStringLiteral("keyed_posting"),
                                    drafts, done + 1, accountIds);
        keyedNs += timer.nsecsElapsed();
        timer.start();
        auto posted = ledger.post(drafts);
        ledgerNs += timer.nsecsElapsed();
        if (!plain || !keyed || !posted) {
            out << "failed: "
                << (!plain   ? plain.error().message()
                    : !keyed ? keyed.error().message()
                             : posted.error().message())
                << Qt::endl;
            return 1;
        }
        if ((done / batch) % qMax<qint64>(1, 100000 / batch) == 0)
            out << "  " << done + count << " entries, ledger " << qint64(double(done + count) * 1e9 / double(ledgerNs))
                << "/s" << Qt::endl;
    }
    const double ledgerRate = double(total) * 1e9 / double(ledgerNs);
    const double plainRate = double(total) * 1e9 / double(plainNs);
    const double keyedRate = double(total) * 1e9 / double(keyedNs);
    out << QStringLiteral("ledger post:                 %1 entries/s (%2 s)\n")
               .arg(ledgerRate, 0, 'f', 0)
               .arg(double(ledgerNs) / 1e9, 0, 'f', 1);
    out << QStringLiteral("plain insert (no keys):      %1 entries/s (%2 s), ledger at %3 %\n")
               .arg(plainRate, 0, 'f', 0)
               .arg(double(plainNs) / 1e9, 0, 'f', 1)
               .arg(100.0 * ledgerRate / plainRate, 0, 'f', 1);
    out << QStringLiteral("same keys and indexes:       %1 entries/s (%2 s), ledger at %3 %\n")
               .arg(keyedRate, 0, 'f', 0)
               .arg(double(keyedNs) / 1e9, 0, 'f', 1)
               .arg(100.0 * ledgerRate / keyedRate, 0, 'f', 1);

    LedgerBalances balances(db.database());
    timer.start();
    auto trial = balances.trialBalance();
    const double latestMs = double(timer.nsecsElapsed()) / 1e6;
    timer.start();
    auto asOf = balances.trialBalance(QDate(2026, 10, 15));
    const double asOfMs = double(timer.nsecsElapsed()) / 1e6;
    if (!trial || !asOf || !trial->isBalanced() || !asOf->isBalanced()) {
        out << "trial balance failed or unbalanced" << Qt::endl;
        return 1;
    }
    out << QStringLiteral("trial balance over %1 postings: latest %2 ms, as of a date %3 ms\n")
               .arg(total * 4)
               .arg(latestMs, 0, 'f', 1)
               .arg(asOfMs, 0, 'f', 1);
    timer.start();
    auto report = LedgerInvariantChecker(db.database()).run();
    out << QStringLiteral("full invariant check: %1 s, %2\n")
               .arg(double(timer.nsecsElapsed()) / 1e9, 0, 'f', 1)
               .arg(report && report->ok() ? QStringLiteral("all hold") : QStringLiteral("VIOLATIONS"));
    out.flush();
    return 0;
}
