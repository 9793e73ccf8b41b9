#include "core/money/Fees.h"
#include "core/money/Money.h"
#include "core/money/Rate.h"

#include <QProcess>
#include <QRandomGenerator>
#include <QTest>

#include <limits>

using namespace paydesk;

Q_DECLARE_METATYPE(paydesk::ErrorCode)

class TestMoney : public QObject
{
    Q_OBJECT

private:
    static Currency currency(const char *code) { return Currency::fromCode(QString::fromLatin1(code)).value(); }

private slots:
    void currencies()
    {
        QCOMPARE(currency("CNY").decimals(), 2);
        QCOMPARE(currency("USD").decimals(), 2);
        QCOMPARE(currency("JPY").decimals(), 0);
        QCOMPARE(currency("KWD").decimals(), 3);
        QCOMPARE(currency("CNY").minorPerMajor(), 100);
        QCOMPARE(Currency::fromCode(u"XYZ").error().code(), ErrorCode::CurrencyUnknown);
        QCOMPARE(Currency::fromCode(u"cny").error().code(), ErrorCode::CurrencyUnknown);
        QVERIFY(!Currency().isValid());
    }

    void parseValid_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("code");
        QTest::addColumn<qint64>("minor");
        QTest::newRow("one fen") << "0.01"
                                 << "CNY" << qint64(1);
        QTest::newRow("one decimal") << "0.1"
                                     << "CNY" << qint64(10);
        QTest::newRow("integer") << "12"
                                 << "CNY" << qint64(1200);
        QTest::newRow("negative") << "-99.62"
                                  << "CNY" << qint64(-9962);
        QTest::newRow("negative zero") << "-0.00"
                                       << "CNY" << qint64(0);
        QTest::newRow("leading zeros") << "007.50"
                                       << "CNY" << qint64(750);
        QTest::newRow("yen") << "100"
                             << "JPY" << qint64(100);
        QTest::newRow("dinar") << "1.234"
                               << "KWD" << qint64(1234);
        QTest::newRow("max") << "92233720368547758.07"
                             << "CNY" << std::numeric_limits<qint64>::max();
        QTest::newRow("min") << "-92233720368547758.08"
                             << "CNY" << std::numeric_limits<qint64>::min();
    }
    void parseValid()
    {
        QFETCH(QString, text);
        QFETCH(QString, code);
        QFETCH(qint64, minor);
        auto money = Money::parse(text, Currency::fromCode(code).value());
        QVERIFY2(money.ok(), qPrintable(money.error().message()));
        QCOMPARE(money->minor(), minor);
        QCOMPARE(money->currency().code(), code);
    }

    void parseInvalid_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("code");
        QTest::addColumn<ErrorCode>("error");
        QTest::newRow("empty") << ""
                               << "CNY" << ErrorCode::AmountEmpty;
        QTest::newRow("three decimals CNY") << "0.001"
                                            << "CNY" << ErrorCode::AmountTooManyDecimals;
        QTest::newRow("trailing zero beyond decimals") << "0.010"
                                                       << "CNY" << ErrorCode::AmountTooManyDecimals;
        QTest::newRow("decimals on yen") << "100.5"
                                         << "JPY" << ErrorCode::AmountTooManyDecimals;
        QTest::newRow("exponent") << "1e3"
                                  << "CNY" << ErrorCode::AmountMalformed;
        QTest::newRow("full-width digits") << QStringLiteral("１２") << "CNY" << ErrorCode::AmountMalformed;
        QTest::newRow("arabic-indic digits") << QStringLiteral("\u0661\u0662") << "CNY" << ErrorCode::AmountMalformed;
        QTest::newRow("plus sign") << "+1.00"
                                   << "CNY" << ErrorCode::AmountMalformed;
        QTest::newRow("only minus") << "-"
                                    << "CNY" << ErrorCode::AmountMalformed;
        QTest::newRow("leading dot") << ".5"
                                     << "CNY" << ErrorCode::AmountMalformed;
        QTest::newRow("trailing dot") << "5."
                                      << "CNY" << ErrorCode::AmountMalformed;
        QTest::newRow("two dots") << "1.2.3"
                                  << "CNY" << ErrorCode::AmountMalformed;
        QTest::newRow("space") << " 1.00"
                               << "CNY" << ErrorCode::AmountMalformed;
        QTest::newRow("trailing space") << "1.00 "
                                        << "CNY" << ErrorCode::AmountMalformed;
        QTest::newRow("group separator") << "1,000.00"
                                         << "CNY" << ErrorCode::AmountMalformed;
        QTest::newRow("comma decimal") << "1,50"
                                       << "CNY" << ErrorCode::AmountMalformed;
        QTest::newRow("currency sign") << QStringLiteral("¥1") << "CNY" << ErrorCode::AmountMalformed;
        QTest::newRow("nan") << "nan"
                             << "CNY" << ErrorCode::AmountMalformed;
        QTest::newRow("too large") << "92233720368547758.08"
                                   << "CNY" << ErrorCode::AmountOutOfRange;
        QTest::newRow("too small") << "-92233720368547758.09"
                                   << "CNY" << ErrorCode::AmountOutOfRange;
        QTest::newRow("huge") << "100000000000000000000"
                              << "JPY" << ErrorCode::AmountOutOfRange;
    }
    void parseInvalid()
    {
        QFETCH(QString, text);
        QFETCH(QString, code);
        QFETCH(ErrorCode, error);
        auto money = Money::parse(text, Currency::fromCode(code).value());
        QVERIFY(!money.ok());
        QCOMPARE(money.error().code(), error);
    }

    void parseExcessZeroDecimalsWhenAllowed()
    {
        Money::ParseOptions options;
        options.allowExcessZeroDecimals = true;
        QCOMPARE(Money::parse(u"0.60000", Currency::cny(), options)->minor(), 60);
        QCOMPARE(Money::parse(u"0.00000", Currency::cny(), options)->minor(), 0);
        // A non-zero digit beyond the currency's decimals is never rounded away.
        QCOMPARE(Money::parse(u"0.60001", Currency::cny(), options).error().code(), ErrorCode::AmountTooManyDecimals);
    }

    // The byte overload (statement files) follows the same rules: every row above, as UTF-8.
    void parseBytesValid_data() { parseValid_data(); }
    void parseBytesValid()
    {
        QFETCH(QString, text);
        QFETCH(QString, code);
        QFETCH(qint64, minor);
        const QByteArray bytes = text.toUtf8();
        auto money = Money::parse(QByteArrayView(bytes), Currency::fromCode(code).value());
        QVERIFY2(money.ok(), qPrintable(money.error().message()));
        QCOMPARE(money->minor(), minor);
        QCOMPARE(money->currency().code(), code);
    }
    void parseBytesInvalid_data() { parseInvalid_data(); }
    void parseBytesInvalid()
    {
        QFETCH(QString, text);
        QFETCH(QString, code);
        QFETCH(ErrorCode, error);
        const QByteArray bytes = text.toUtf8();
        auto money = Money::parse(QByteArrayView(bytes), Currency::fromCode(code).value());
        QVERIFY(!money.ok());
        QCOMPARE(money.error().code(), error);
        QCOMPARE(money.error().detail(), text);
    }
    void parseBytesExcessZeroDecimalsWhenAllowed()
    {
        Money::ParseOptions options;
        options.allowExcessZeroDecimals = true;
        QCOMPARE(Money::parse(QByteArrayView("0.60000"), Currency::cny(), options)->minor(), 60);
        QCOMPARE(Money::parse(QByteArrayView("0.60001"), Currency::cny(), options).error().code(),
                 ErrorCode::AmountTooManyDecimals);
        QCOMPARE(Money::parse(QByteArrayView("0.60000"), Currency::cny()).error().code(),
                 ErrorCode::AmountTooManyDecimals);
        QCOMPARE(Money::parse(QByteArrayView(), Currency::cny()).error().code(), ErrorCode::AmountEmpty);
        QCOMPARE(Money::parse(QByteArrayView("1"), Currency()).error().code(), ErrorCode::CurrencyUnknown);
    }
    void parseBytesAgreesWithTextOnRandomInput()
    {
        // Strings over the characters that matter, both overloads, same answer every time.
        const char alphabet[] = "0123456789-.e, +";
        QRandomGenerator random(20261127);
        for (int round = 0; round < 20000; ++round) {
            QByteArray bytes;
            const int length = int(random.bounded(24));
            for (int i = 0; i < length; ++i)
                bytes += alphabet[random.bounded(int(sizeof(alphabet) - 1))];
            for (Currency currency : {Currency::cny(), currency("JPY"), currency("KWD")}) {
                for (bool excess : {false, true}) {
                    Money::ParseOptions options;
                    options.allowExcessZeroDecimals = excess;
                    auto fromText = Money::parse(QString::fromLatin1(bytes), currency, options);
                    auto fromBytes = Money::parse(QByteArrayView(bytes), currency, options);
                    QCOMPARE(fromBytes.ok(), fromText.ok());
                    if (fromText.ok())
                        QCOMPARE(fromBytes->minor(), fromText->minor());
                    else
                        QCOMPARE(fromBytes.error().code(), fromText.error().code());
                }
            }
        }
    }

    void format_data()
    {
        QTest::addColumn<qint64>("minor");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("text");
        QTest::newRow("fen") << qint64(1) << "CNY"
                             << "0.01";
        QTest::newRow("negative fen") << qint64(-1) << "CNY"
                                      << "-0.01";
        QTest::newRow("zero") << qint64(0) << "CNY"
                              << "0.00";
        QTest::newRow("tens") << qint64(1230) << "CNY"
                              << "12.30";
        QTest::newRow("yen") << qint64(-500) << "JPY"
                             << "-500";
        QTest::newRow("dinar") << qint64(5) << "KWD"
                               << "0.005";
        QTest::newRow("min") << std::numeric_limits<qint64>::min() << "CNY"
                             << "-92233720368547758.08";
    }
    void format()
    {
        QFETCH(qint64, minor);
        QFETCH(QString, code);
        QFETCH(QString, text);
        const Money money = Money::fromMinor(minor, Currency::fromCode(code).value());
        QCOMPARE(money.toString(), text);
        QCOMPARE(Money::parse(text, money.currency()).value(), money); // round trip
    }

    void arithmeticIsChecked()
    {
        const Money max = Money::fromMinor(std::numeric_limits<qint64>::max(), Currency::cny());
        const Money min = Money::fromMinor(std::numeric_limits<qint64>::min(), Currency::cny());
        const Money one = Money::fromMinor(1, Currency::cny());
        QCOMPARE(max.plus(one).error().code(), ErrorCode::ArithmeticOverflow);
        QCOMPARE(min.minus(one).error().code(), ErrorCode::ArithmeticOverflow);
        QCOMPARE(min.negated().error().code(), ErrorCode::ArithmeticOverflow);
        QCOMPARE(max.times(2).error().code(), ErrorCode::ArithmeticOverflow);
        QCOMPARE(one.plus(Money::fromMinor(1, currency("USD"))).error().code(), ErrorCode::CurrencyMismatch);
        QCOMPARE(one.plus(one)->minor(), 2);
        QCOMPARE(one.minus(max)->minor(), 1 - std::numeric_limits<qint64>::max());
        QCOMPARE(one.times(-3)->minor(), -3);
    }

    void rounding_data()
    {
        QTest::addColumn<qint64>("numerator");
        QTest::addColumn<qint64>("denominator");
        QTest::addColumn<int>("mode");
        QTest::addColumn<qint64>("expected");
        const int halfUp = int(RoundingMode::HalfUp), halfEven = int(RoundingMode::HalfEven),
                  down = int(RoundingMode::Down), up = int(RoundingMode::Up), floor = int(RoundingMode::Floor),
                  ceiling = int(RoundingMode::Ceiling);
        QTest::newRow("half up .5") << qint64(5) << qint64(2) << halfUp << qint64(3);
        QTest::newRow("half up -.5") << qint64(-5) << qint64(2) << halfUp << qint64(-3);
        QTest::newRow("half up .4") << qint64(14) << qint64(10) << halfUp << qint64(1);
        QTest::newRow("half even 2.5") << qint64(5) << qint64(2) << halfEven << qint64(2);
        QTest::newRow("half even 3.5") << qint64(7) << qint64(2) << halfEven << qint64(4);
        QTest::newRow("half even -2.5") << qint64(-5) << qint64(2) << halfEven << qint64(-2);
        QTest::newRow("down 2.9") << qint64(29) << qint64(10) << down << qint64(2);
        QTest::newRow("down -2.9") << qint64(-29) << qint64(10) << down << qint64(-2);
        QTest::newRow("up 2.1") << qint64(21) << qint64(10) << up << qint64(3);
        QTest::newRow("floor -2.1") << qint64(-21) << qint64(10) << floor << qint64(-3);
        QTest::newRow("ceiling 2.1") << qint64(21) << qint64(10) << ceiling << qint64(3);
        QTest::newRow("ceiling -2.9") << qint64(-29) << qint64(10) << ceiling << qint64(-2);
        QTest::newRow("exact") << qint64(30) << qint64(10) << up << qint64(3);
        QTest::newRow("negative denominator") << qint64(5) << qint64(-2) << halfUp << qint64(-3);
    }
    void rounding()
    {
        QFETCH(qint64, numerator);
        QFETCH(qint64, denominator);
        QFETCH(int, mode);
        QFETCH(qint64, expected);
        QCOMPARE(divideRounded(numerator, denominator, RoundingMode(mode)).value(), expected);
    }

    void roundingErrors()
    {
        QCOMPARE(divideRounded(1, 0, RoundingMode::HalfUp).error().code(), ErrorCode::InvalidArgument);
        const Int128 huge = Int128(std::numeric_limits<qint64>::max()) * 4;
        QCOMPARE(divideRounded(huge, 2, RoundingMode::HalfUp).error().code(), ErrorCode::ArithmeticOverflow);
    }

    void rates()
    {
        QCOMPARE(Rate::parsePercent(u"0.60%")->ppm(), 6000);
        QCOMPARE(Rate::parsePercent(u"0.6")->ppm(), 6000);
        QCOMPARE(Rate::parsePercent(u"0.38%")->ppm(), 3800);
        QCOMPARE(Rate::parsePercent(u"0.0001%")->ppm(), 1);
        QCOMPARE(Rate::parsePercent(u"100%")->ppm(), 1000000);
        QCOMPARE(Rate::parsePercent(u"0.00001%").error().code(), ErrorCode::RateMalformed);
        QCOMPARE(Rate::parsePercent(u"100.01%").error().code(), ErrorCode::RateOutOfRange);
        QCOMPARE(Rate::parsePercent(u"1000%").error().code(), ErrorCode::RateOutOfRange);
        QCOMPARE(Rate::parsePercent(u"-1%").error().code(), ErrorCode::RateMalformed);
        QCOMPARE(Rate::parsePercent(u"%").error().code(), ErrorCode::RateMalformed);
        QCOMPARE(Rate::parsePercent(u"0.%").error().code(), ErrorCode::RateMalformed);
        QCOMPARE(Rate::parsePercent(u"1e2%").error().code(), ErrorCode::RateMalformed);
        QCOMPARE(Rate::fromPpm(-1).error().code(), ErrorCode::RateOutOfRange);
        QCOMPARE(Rate::fromPpm(6000)->toPercentString(), QStringLiteral("0.6%"));
        QCOMPARE(Rate::fromPpm(3850)->toPercentString(), QStringLiteral("0.385%"));
        QCOMPARE(Rate::fromPpm(20000)->toPercentString(), QStringLiteral("2%"));
    }

    void feeApplyNamesRounding()
    {
        const Rate rate = Rate::parsePercent(u"0.6%").value();
        // 0.6 % of 0.75 is 0.45 fen: half-up gives 0, ceiling gives 1.
        QCOMPARE(Fees::apply(Money::fromMinor(75, Currency::cny()), rate, RoundingMode::HalfUp)->minor(), 0);
        QCOMPARE(Fees::apply(Money::fromMinor(75, Currency::cny()), rate, RoundingMode::Ceiling)->minor(), 1);
        // 0.6 % of 100.00 is exactly 0.60.
        QCOMPARE(Fees::apply(Money::fromMinor(10000, Currency::cny()), rate, RoundingMode::HalfUp)->minor(), 60);
        // 0.6 % of 0.92 is 0.552 fen → 1 half-up; of 0.83 is 0.498 → 0.
        QCOMPARE(Fees::apply(Money::fromMinor(92, Currency::cny()), rate, RoundingMode::HalfUp)->minor(), 1);
        QCOMPARE(Fees::apply(Money::fromMinor(83, Currency::cny()), rate, RoundingMode::HalfUp)->minor(), 0);
        // No intermediate overflow for the largest amounts.
        const Money max = Money::fromMinor(std::numeric_limits<qint64>::max(), Currency::cny());
        QVERIFY(Fees::apply(max, Rate::fromPpm(1000000).value(), RoundingMode::HalfUp).ok());
        QCOMPARE(Fees::apply(max, Rate::fromPpm(1000000).value(), RoundingMode::HalfUp)->minor(), max.minor());
        QCOMPARE(Fees::apply(max, rate, RoundingMode::HalfUp)->currency(), Currency::cny());
    }

    void proRataSharesSumToTheFee()
    {
        const Money paid = Money::fromMinor(10000, Currency::cny());
        const Money fee = Money::fromMinor(60, Currency::cny());
        // Three refunds of 33.33, 33.33, 33.34: shares 20, 20, 20 with no drift.
        QList<Money> refunds{Money::fromMinor(3333, Currency::cny()), Money::fromMinor(3333, Currency::cny()),
                             Money::fromMinor(3334, Currency::cny())};
        auto shares = Fees::splitProRata(fee, refunds, RoundingMode::HalfUp);
        QVERIFY(shares.ok());
        QCOMPARE(shares->size(), 3);
        QCOMPARE(shares->at(0).minor() + shares->at(1).minor() + shares->at(2).minor(), 60);
        // 0.01 refunded three times of 0.03 paid with a 1 fen fee: the last one takes the fen.
        const Money tinyPaid = Money::fromMinor(3, Currency::cny());
        const Money tinyFee = Money::fromMinor(1, Currency::cny());
        const Money fen = Money::fromMinor(1, Currency::cny());
        Money refunded = Money::zero(Currency::cny());
        qint64 returned = 0;
        for (int i = 0; i < 3; ++i) {
            returned += Fees::proRataShare(tinyFee, tinyPaid, refunded, fen, RoundingMode::HalfUp)->minor();
            refunded = refunded.plus(fen).value();
        }
        QCOMPARE(returned, 1);
        // Refunds beyond the paid amount are refused.
        QCOMPARE(Fees::proRataShare(fee, paid, paid, fen, RoundingMode::HalfUp).error().code(),
                 ErrorCode::InvalidArgument);
        QCOMPARE(Fees::proRataShare(fee, paid, Money::zero(Currency::cny()), Money::fromMinor(1, currency("USD")),
                                    RoundingMode::HalfUp)
                     .error()
                     .code(),
                 ErrorCode::CurrencyMismatch);
    }

    void proRataPropertyOverRandomRefundSequences()
    {
        QRandomGenerator random(42);
        for (int round = 0; round < 5000; ++round) {
            const qint64 paidMinor = 1 + random.bounded(10000000);
            const qint64 feeMinor = random.bounded(paidMinor / 50 + 2);
            const Money fee = Money::fromMinor(feeMinor, Currency::cny());
            QList<Money> refunds;
            qint64 left = paidMinor;
            while (left > 0) {
                const qint64 part = (random.bounded(4) == 0) ? left : 1 + random.bounded(left);
                refunds << Money::fromMinor(part, Currency::cny());
                left -= part;
            }
            for (RoundingMode mode : {RoundingMode::HalfUp, RoundingMode::HalfEven, RoundingMode::Down}) {
                auto shares = Fees::splitProRata(fee, refunds, mode);
                QVERIFY(shares.ok());
                qint64 sum = 0;
                for (qsizetype i = 0; i < shares->size(); ++i) {
                    // Each share is within one fen of its exact pro-rata part.
                    const Int128 exactTimesPaid = Int128(feeMinor) * refunds[i].minor();
                    const Int128 diff = Int128(shares->at(i).minor()) * paidMinor - exactTimesPaid;
                    QVERIFY(diff <= Int128(paidMinor) && diff >= -Int128(paidMinor));
                    sum += shares->at(i).minor();
                }
                QCOMPARE(sum, feeMinor);
            }
        }
    }

    // A failed Result's value taken without a look stops the process naming the error; it
    // never reads an empty value. The test runs itself again to take one.
    void takingTheValueOfAFailedResultStops()
    {
        if (qEnvironmentVariableIsSet("PAYDESK_TAKE_FAILED_RESULT")) {
            Result<Money> failed = Money::parse(QStringView(u"1.001"), Currency::cny());
            qint64 minor = failed->minor();
            QFAIL(qPrintable(QStringLiteral("read %1 from a failed Result").arg(minor)));
        }
        QProcess child;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("PAYDESK_TAKE_FAILED_RESULT"), QStringLiteral("1"));
        child.setProcessEnvironment(environment);
        child.start(QCoreApplication::applicationFilePath(), {QStringLiteral("takingTheValueOfAFailedResultStops")});
        QVERIFY(child.waitForFinished(30000));
        QCOMPARE(child.exitStatus(), QProcess::CrashExit);
        const QString output = QString::fromUtf8(child.readAllStandardError() + child.readAllStandardOutput());
        QVERIFY2(output.contains(QStringLiteral("the value of a failed Result was taken")), qPrintable(output));
        QVERIFY2(!output.contains(QStringLiteral("from a failed Result")), qPrintable(output));
    }
};

QTEST_GUILESS_MAIN(TestMoney)
#include "tst_money.moc"
