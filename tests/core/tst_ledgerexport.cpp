#include "core/ledger/Ledger.h"
#include "core/ledger/LedgerBalances.h"
#include "core/ledger/LedgerCliExporter.h"
#include "demo/DemoLedger.h"
#include "tests/support/LedgerFixtures.h"
#include "tests/support/MockClock.h"
#include "tests/support/TestDatabase.h"

#include <QBuffer>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace paydesk;
using namespace paydesk::test;

// Cross-checks Paydesk's balances with an independent accounting engine: the real
// ledger-cli binary reading our export must show exactly the same balance for every account.
class TestLedgerExport : public QObject
{
    Q_OBJECT

private:
    MockClock m_clock;

    // Parses `ledger balance --flat --no-total`: amounts of a multi-commodity account are
    // stacked on lines above the one that names it.
    static QMap<QString, QString> parseLedgerBalance(const QString &output)
    {
        static const QRegularExpression line(
            QStringLiteral("^\\s*(-?[0-9][0-9,]*(?:\\.[0-9]+)?) ([A-Z]{3})(?:\\s{2,}(\\S.*))?$"));
        QMap<QString, QString> balances; // "account|CUR" → amount
        QStringList pending;
        for (const QString &text : output.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
            const auto match = line.match(text);
            if (!match.hasMatch()) {
                balances.insert(QStringLiteral("unparsed|") + text, QString());
                continue;
            }
            pending << match.captured(2) + QLatin1Char('|') + match.captured(1).remove(QLatin1Char(','));
            if (match.captured(3).isEmpty())
                continue;
            for (const QString &amount : std::as_const(pending))
                balances.insert(match.captured(3) + QLatin1Char('|') + amount.section(QLatin1Char('|'), 0, 0),
                                amount.section(QLatin1Char('|'), 1));
            pending.clear();
        }
        return balances;
    }

private slots:
    void initTestCase_data() { TestDatabase::addBackendRows(); }

    void ledgerCliShowsTheSameBalances()
    {
        QFETCH_GLOBAL(QString, backend);
        TestDatabase db(backend);
        QVERIFY2(db.isOpen(), qPrintable(db.failure()));
        auto demo = DemoLedger(db.database(), m_clock).generate(DemoLedger::Options{12, 5, 6, 99});
        QVERIFY2(demo.ok(), qPrintable(demo.error().message()));
        // A second currency and a reversal with an awkward memo, to exercise the format.
        const Currency usd = Currency::fromCode(u"USD").value();
        EntryDraft fx;
        fx.businessDate = QDate(2026, 11, 26);
        fx.reference = QStringLiteral("FX;1");
        fx.memo = QStringLiteral("line one\nline two ; not a comment");
        fx.postings = {{QStringLiteral("bank:usd01"), Money::fromMinor(12345, usd)},
                       {QStringLiteral("suspense"), Money::fromMinor(-12345, usd)}};
        Ledger ledger(db.database(), m_clock);
        auto fxId = ledger.post(fx, Ledger::PostOptions{true});
        QVERIFY(fxId.ok());
        QVERIFY(ledger
                    .post(transfer(QStringLiteral("bank:icbc_main"), QStringLiteral("suspense"), "0.07"),
                          Ledger::PostOptions{true})
                    .ok());
        QVERIFY(ledger.reverse(*fxId, QDate(2026, 11, 27), QStringLiteral("undo FX"), QStringLiteral("test")).ok());

        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("journal.ledger"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        auto written = LedgerCliExporter(db.database()).write(file);
        file.close();
        QVERIFY2(written.ok(), qPrintable(written.error().message()));
        QVERIFY(*written > 500);

        QProcess ledgerCli;
        ledgerCli.start(QStringLiteral(PAYDESK_LEDGER_CLI), {QStringLiteral("-f"), path, QStringLiteral("balance"),
                                                             QStringLiteral("--flat"), QStringLiteral("--no-total")});
        QVERIFY2(ledgerCli.waitForFinished(120000), "ledger-cli did not finish");
        const QString errors = QString::fromUtf8(ledgerCli.readAllStandardError());
        QVERIFY2(ledgerCli.exitCode() == 0 && errors.isEmpty(), qPrintable(errors));
        const QMap<QString, QString> theirs = parseLedgerBalance(QString::fromUtf8(ledgerCli.readAllStandardOutput()));

        auto trial = LedgerBalances(db.database()).trialBalance();
        QVERIFY(trial.ok());
        QMap<QString, QString> ours;
        for (const LedgerAccount &account : trial->accounts) {
            if (!account.balance.isZero())
                ours.insert(account.name + QLatin1Char('|') + account.currency.code(), account.balance.toString());
        }
        QVERIFY2(ours.size() >= 12, qPrintable(QString::number(ours.size())));
        QCOMPARE(theirs, ours);
    }

    // References and memos come from outside (merchant order numbers, people's notes): the
    // export keeps them to one line without control characters a terminal or reader would act on.
    void exportCarriesNoControlCharacters()
    {
        QFETCH_GLOBAL(QString, backend);
        TestDatabase db(backend);
        QVERIFY2(db.isOpen(), qPrintable(db.failure()));
        EntryDraft entry = transfer(QStringLiteral("bank:icbc_main"), QStringLiteral("suspense"), "1.00");
        entry.reference = QStringLiteral("ORD-\x1b]0;owned\x07-1");
        entry.memo = QStringLiteral("red \x1b[31mtext\x1b[0m\r\nnext\tline \x7f\x01"
                                    "end");
        QVERIFY(Ledger(db.database(), m_clock).post(entry, Ledger::PostOptions{true}).ok());
        QBuffer buffer;
        buffer.open(QIODevice::WriteOnly);
        QCOMPARE(LedgerCliExporter(db.database()).write(buffer).value(), 1);
        const QByteArray text = buffer.data();
        for (char c = 0; c < 0x20; ++c) {
            if (c != '\n')
                QVERIFY2(!text.contains(c), qPrintable(QString::number(int(c))));
        }
        QVERIFY(!text.contains('\x7f'));
        QVERIFY2(text.contains(" (1) ORD-]0;owned-1\n"), text.constData());
        QVERIFY2(text.contains("    ; red [31mtext[0m  next line end\n"), text.constData());
    }

    void exportIsEmptyButValidForEmptyLedger()
    {
        QFETCH_GLOBAL(QString, backend);
        TestDatabase db(backend);
        QVERIFY2(db.isOpen(), qPrintable(db.failure()));
        QBuffer buffer;
        buffer.open(QIODevice::WriteOnly);
        auto written = LedgerCliExporter(db.database()).write(buffer);
        QCOMPARE(written.value(), 0);
        QVERIFY(buffer.data().startsWith("; Paydesk journal export"));
    }
};

QTEST_GUILESS_MAIN(TestLedgerExport)
#include "tst_ledgerexport.moc"
