#include "widgets/format/MoneyInput.h"

#include <QTest>

using namespace paydesk;

Q_DECLARE_METATYPE(paydesk::ErrorCode)

// Amounts typed by people, in the locales the console is used in: the locale's own group and
// decimal marks, exact fen, and a refusal — never a guess or a rounding — for anything else.
class TestMoneyInput : public QObject
{
    Q_OBJECT

    static Currency currency(const char *code) { return Currency::fromCode(QString::fromLatin1(code)).value(); }
    static QString nnbsp() { return QString(QChar(0x202f)); } // fr_FR's group separator
    static QString nbsp() { return QString(QChar(0x00a0)); }

private slots:
    void frenchGroupsWithANarrowNoBreakSpace()
    {
        // The rows below rely on it; if CLDR changes it, they say so here first.
        QCOMPARE(QLocale(QStringLiteral("fr_FR")).groupSeparator(), nnbsp());
        QCOMPARE(QLocale(QStringLiteral("de_DE")).decimalPoint(), QStringLiteral(","));
    }

    void valid_data()
    {
        QTest::addColumn<QString>("locale");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("code");
        QTest::addColumn<qint64>("minor");
        const QString fr = QStringLiteral("fr_FR");
        const QString de = QStringLiteral("de_DE");
        for (const QString &en : {QStringLiteral("en_US"), QStringLiteral("zh_CN")}) {
            const auto row = [&en](const char *name) -> QTestData & {
                return QTest::newRow(qPrintable(en + QLatin1Char(' ') + QLatin1String(name)));
            };
            row("grouped") << en << QStringLiteral("1,000.50") << "CNY" << qint64(100050);
            row("plain") << en << QStringLiteral("1000.50") << "CNY" << qint64(100050);
            row("one decimal") << en << QStringLiteral("1.5") << "CNY" << qint64(150);
            row("whole") << en << QStringLiteral("88") << "CNY" << qint64(8800);
            row("one fen") << en << QStringLiteral("0.01") << "CNY" << qint64(1);
            row("thousands") << en << QStringLiteral("1,500") << "CNY" << qint64(150000);
            row("millions") << en << QStringLiteral("12,345,678.09") << "CNY" << qint64(1234567809);
            row("spaces around") << en << QStringLiteral("  42.10 ") << "CNY" << qint64(4210);
            row("negative") << en << QStringLiteral("-1,000.01") << "CNY" << qint64(-100001);
            row("yen") << en << QStringLiteral("1,000") << "JPY" << qint64(1000);
            row("dinar") << en << QStringLiteral("1.005") << "KWD" << qint64(1005);
        }
        QTest::newRow("de_DE grouped") << de << QStringLiteral("1.000,50") << "CNY" << qint64(100050);
        QTest::newRow("de_DE plain") << de << QStringLiteral("1000,50") << "CNY" << qint64(100050);
        QTest::newRow("de_DE one decimal") << de << QStringLiteral("1,5") << "CNY" << qint64(150);
        QTest::newRow("de_DE thousands") << de << QStringLiteral("1.500") << "EUR" << qint64(150000);
        QTest::newRow("de_DE millions") << de << QStringLiteral("12.345.678,09") << "EUR" << qint64(1234567809);
        QTest::newRow("de_DE negative") << de << QStringLiteral("-0,99") << "EUR" << qint64(-99);
        QTest::newRow("fr_FR grouped") << fr << QStringLiteral("1") + nnbsp() + QStringLiteral("000,50") << "EUR"
                                       << qint64(100050);
        QTest::newRow("fr_FR typed space") << fr << QStringLiteral("1 000,50") << "EUR" << qint64(100050);
        QTest::newRow("fr_FR no-break space")
            << fr << QStringLiteral("1") + nbsp() + QStringLiteral("000,50") << "EUR" << qint64(100050);
        QTest::newRow("fr_FR plain") << fr << QStringLiteral("1000,50") << "EUR" << qint64(100050);
        QTest::newRow("fr_FR one decimal") << fr << QStringLiteral("1,5") << "EUR" << qint64(150);
        QTest::newRow("fr_FR millions") << fr << QStringLiteral("12 345 678,09") << "CNY" << qint64(1234567809);
    }

    void valid()
    {
        QFETCH(QString, locale);
        QFETCH(QString, text);
        QFETCH(QString, code);
        QFETCH(qint64, minor);
        const Currency c = Currency::fromCode(code).value();
        auto amount = MoneyInput::parse(text, c, QLocale(locale));
        QVERIFY2(amount.ok(), qPrintable(amount.error().message()));
        QCOMPARE(amount->minor(), minor);
        QCOMPARE(amount->currency(), c);
    }

    void invalid_data()
    {
        QTest::addColumn<QString>("locale");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("code");
        QTest::addColumn<ErrorCode>("error");
        const QString fr = QStringLiteral("fr_FR");
        const QString de = QStringLiteral("de_DE");
        const ErrorCode malformed = ErrorCode::AmountMalformed;
        const ErrorCode tooMany = ErrorCode::AmountTooManyDecimals;
        for (const QString &en : {QStringLiteral("en_US"), QStringLiteral("zh_CN")}) {
            const auto row = [&en](const char *name) -> QTestData & {
                return QTest::newRow(qPrintable(en + QLatin1Char(' ') + QLatin1String(name)));
            };
            // A comma is a group separator here: "1,5" is neither 15 nor 1.5 — it is refused.
            row("comma decimal") << en << QStringLiteral("1,5") << "CNY" << malformed;
            row("comma two decimals") << en << QStringLiteral("1,50") << "CNY" << malformed;
            row("german grouping") << en << QStringLiteral("1.000,50") << "CNY" << malformed;
            row("short group") << en << QStringLiteral("12,34,567") << "CNY" << malformed;
            row("long first group") << en << QStringLiteral("1234,567") << "CNY" << malformed;
            row("leading separator") << en << QStringLiteral(",100") << "CNY" << malformed;
            row("trailing separator") << en << QStringLiteral("100,") << "CNY" << malformed;
            row("two separators") << en << QStringLiteral("1,,000") << "CNY" << malformed;
            row("group in decimals") << en << QStringLiteral("1.000,5") << "CNY" << malformed;
            row("space group") << en << QStringLiteral("1 000.50") << "CNY" << malformed;
            row("two points") << en << QStringLiteral("1.2.3") << "CNY" << malformed;
            row("letters") << en << QStringLiteral("12a") << "CNY" << malformed;
            row("currency sign") << en << QStringLiteral("¥12") << "CNY" << malformed;
            row("full-width digits") << en << QStringLiteral("１２") << "CNY" << malformed;
            row("point only") << en << QStringLiteral(".") << "CNY" << malformed;
            row("no integer") << en << QStringLiteral(".5") << "CNY" << malformed;
            row("plus") << en << QStringLiteral("+5") << "CNY" << malformed;
            row("three decimals") << en << QStringLiteral("1,000.505") << "CNY" << tooMany;
            row("zero third decimal") << en << QStringLiteral("0.100") << "CNY" << tooMany;
            row("yen decimals") << en << QStringLiteral("100.5") << "JPY" << tooMany;
            row("empty") << en << QStringLiteral("  ") << "CNY" << ErrorCode::AmountEmpty;
            row("too large") << en << QStringLiteral("99,999,999,999,999,999,999") << "CNY"
                             << ErrorCode::AmountOutOfRange;
        }
        QTest::newRow("de_DE point decimal") << de << QStringLiteral("1.5") << "CNY" << malformed;
        QTest::newRow("de_DE point two decimals") << de << QStringLiteral("1.50") << "CNY" << malformed;
        QTest::newRow("de_DE english grouping") << de << QStringLiteral("1,000.50") << "CNY" << malformed;
        QTest::newRow("de_DE short group") << de << QStringLiteral("1.00,50") << "CNY" << malformed;
        QTest::newRow("de_DE two commas") << de << QStringLiteral("1,0,0") << "CNY" << malformed;
        QTest::newRow("de_DE space group") << de << QStringLiteral("1 000,50") << "CNY" << malformed;
        QTest::newRow("de_DE three decimals") << de << QStringLiteral("1.000,505") << "CNY" << tooMany;
        QTest::newRow("de_DE zero third decimal") << de << QStringLiteral("1,500") << "CNY" << tooMany;
        QTest::newRow("fr_FR point decimal") << fr << QStringLiteral("1000.50") << "EUR" << malformed;
        QTest::newRow("fr_FR german grouping") << fr << QStringLiteral("1.000,50") << "EUR" << malformed;
        QTest::newRow("fr_FR short group") << fr << QStringLiteral("1 00,50") << "EUR" << malformed;
        QTest::newRow("fr_FR comma group") << fr << QStringLiteral("1,000,50") << "EUR" << malformed;
        QTest::newRow("fr_FR three decimals")
            << fr << QStringLiteral("1") + nnbsp() + QStringLiteral("000,505") << "EUR" << tooMany;
    }

    void invalid()
    {
        QFETCH(QString, locale);
        QFETCH(QString, text);
        QFETCH(QString, code);
        QFETCH(ErrorCode, error);
        auto amount = MoneyInput::parse(text, Currency::fromCode(code).value(), QLocale(locale));
        QVERIFY2(!amount.ok(), qPrintable(QString::number(amount.ok() ? amount->minor() : 0)));
        QCOMPARE(amount.error().code(), error);
        if (error != ErrorCode::AmountEmpty)
            QCOMPARE(amount.error().detail(), text.trimmed()); // named as it was typed
    }

    void noCurrencyIsRefused()
    {
        QCOMPARE(MoneyInput::parse(QStringLiteral("1.00"), Currency(), QLocale(QStringLiteral("en_US"))).error().code(),
                 ErrorCode::CurrencyUnknown);
    }

    // What a field is filled with reads back as the same amount in every locale.
    void textReadsBack_data()
    {
        QTest::addColumn<QString>("locale");
        QTest::addColumn<QString>("expected");
        QTest::newRow("zh_CN") << "zh_CN"
                               << "1234567.05";
        QTest::newRow("en_US") << "en_US"
                               << "1234567.05";
        QTest::newRow("de_DE") << "de_DE"
                               << "1234567,05";
        QTest::newRow("fr_FR") << "fr_FR"
                               << "1234567,05";
    }

    void textReadsBack()
    {
        QFETCH(QString, locale);
        QFETCH(QString, expected);
        const QLocale l(locale);
        for (qint64 minor : {qint64(123456705), qint64(0), qint64(-1), qint64(7)}) {
            const Money amount = Money::fromMinor(minor, currency("CNY"));
            const QString text = MoneyInput::text(amount, l);
            if (minor == 123456705)
                QCOMPARE(text, expected);
            QCOMPARE(MoneyInput::parse(text, currency("CNY"), l).value(), amount);
        }
        const Money yen = Money::fromMinor(1500, currency("JPY"));
        QCOMPARE(MoneyInput::text(yen, l), QStringLiteral("1500"));
        QCOMPARE(MoneyInput::parse(MoneyInput::text(yen, l), currency("JPY"), l).value(), yen);
        QCOMPARE(MoneyInput::text(Money(), l), QString());
    }

    // India groups by two above the thousands; the rule follows the locale, it is not "threes".
    void groupingFollowsTheLocale()
    {
        const QLocale india(QStringLiteral("hi_IN"));
        if (india.toString(qlonglong(1234567)) != QStringLiteral("12,34,567"))
            QSKIP("this Qt does not group hi_IN by two");
        QCOMPARE(MoneyInput::parse(QStringLiteral("12,34,567.50"), currency("CNY"), india)->minor(), qint64(123456750));
        QCOMPARE(MoneyInput::parse(QStringLiteral("1,234,567.50"), currency("CNY"), india).error().code(),
                 ErrorCode::AmountMalformed);
    }

    // The default locale is the one the console runs in.
    void usesTheDefaultLocale()
    {
        const QLocale before;
        QLocale::setDefault(QLocale(QStringLiteral("de_DE")));
        const auto german = MoneyInput::parse(QStringLiteral("1.000,50"), currency("CNY"));
        QLocale::setDefault(before);
        QCOMPARE(german->minor(), qint64(100050));
    }
};

QTEST_GUILESS_MAIN(TestMoneyInput)
#include "tst_moneyinput.moc"
