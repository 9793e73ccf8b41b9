#include "core/PaydeskCore.h"
#include "core/gateway/NotificationDispatcher.h"
#include "core/gateway/PlatformKey.h"
#include "core/merchant/ApplicationValidator.h"
#include "core/payment/NotificationService.h"
#include "core/payment/NotificationStore.h"
#include "core/security/OutboundAddress.h"
#include "core/storage/Sql.h"
#include "core/storage/UnitOfWork.h"
#include "core/util/Error.h"
#include "tests/channel/support/SandboxTestCase.h"
#include "tests/payment/support/FastPlatform.h"
#include "tests/support/TestDatabase.h"

#include <QElapsedTimer>
#include <QFile>
#include <QHostAddress>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QThread>
#include <QTimer>

#include <atomic>

using namespace paydesk;
using namespace paydesk::test;

namespace {

// An application's notify endpoint on loopback (127.0.0.1 and ::1, one port), on its own thread,
// behaving as told: answering "success", streaming an endless answer, trickling one byte at a
// time, or never answering. It counts the connections that reach it.
class Endpoint : public QObject
{
    Q_OBJECT
public:
    enum class Mode
    {
        Success,
        Stream,
        Trickle,
        Silent
    };

    explicit Endpoint(Mode mode) : m_mode(mode)
    {
        m_thread.start();
        moveToThread(&m_thread);
        QMetaObject::invokeMethod(
            this, [this] { listen(); }, Qt::BlockingQueuedConnection);
    }
    ~Endpoint() override
    {
        QMetaObject::invokeMethod(
            this,
            [this] {
                delete m_v4;
                delete m_v6;
                moveToThread(QCoreApplication::instance()->thread());
            },
            Qt::BlockingQueuedConnection);
        m_thread.quit();
        m_thread.wait();
    }

    quint16 port() const { return m_port; }
    int connections() const { return m_connections.load(); }
    int open() const { return m_open.load(); }
    qint64 bytesSent() const { return m_sent.load(); }

private:
    void listen()
    {
        m_v4 = new QTcpServer;
        m_v6 = new QTcpServer;
        if (!m_v4->listen(QHostAddress::LocalHost, 0))
            return;
        m_v6->listen(QHostAddress::LocalHostIPv6, m_v4->serverPort()); // best effort: IPv6 may be off
        m_port = m_v4->serverPort();
        for (QTcpServer *server : {m_v4, m_v6})
            connect(server, &QTcpServer::newConnection, this, [this, server] {
                while (QTcpSocket *socket = server->nextPendingConnection())
                    serve(socket);
            });
    }

    void serve(QTcpSocket *socket)
    {
        ++m_connections;
        ++m_open;
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
            --m_open;
            socket->deleteLater();
        });
        auto answered = std::make_shared<bool>(false);
        connect(socket, &QTcpSocket::readyRead, this, [this, socket, answered] {
            const QByteArray request = socket->readAll();
            if (*answered || m_mode == Mode::Silent)
                return;
            *answered = true;
            switch (m_mode) {
            case Mode::Success:
                write(socket, "HTTP/1.1 200 OK\r\nContent-Length: 7\r\nConnection: close\r\n\r\nsuccess");
                break;
            case Mode::Stream: {
                // An answer that never ends, written as fast as the peer takes it (the server's
                // own buffer stays small).
                write(socket, "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\n");
                auto more = [this, socket] {
                    while (socket->state() == QAbstractSocket::ConnectedState && socket->bytesToWrite() < 256 * 1024)
                        write(socket, QByteArray(64 * 1024, 'x'));
                };
                connect(socket, &QTcpSocket::bytesWritten, this, more);
                more();
                break;
            }
            case Mode::Trickle: {
                write(socket, "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\n");
                auto *timer = new QTimer(socket);
                connect(timer, &QTimer::timeout, this, [this, socket] { write(socket, "s"); });
                timer->start(100);
                break;
            }
            case Mode::Silent:
                break;
            }
        });
    }

    void write(QTcpSocket *socket, const QByteArray &bytes) { m_sent += socket->write(bytes); }

    Mode m_mode;
    QThread m_thread;
    QTcpServer *m_v4 = nullptr;
    QTcpServer *m_v6 = nullptr;
    quint16 m_port = 0;
    std::atomic<int> m_connections{0};
    std::atomic<int> m_open{0};
    std::atomic<qint64> m_sent{0};
};

qint64 residentKiB()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return 0;
}

} // namespace

// Merchant notifications under hostile notify URLs (issue 16, items 5 and 7): only a few KiB of
// an answer are read, every attempt has one deadline, one application's slow endpoint does not
// hold up another's, and no notification reaches a loopback, private, link-local or metadata
// address unless development endpoints are on — checked on the address actually connected to.
class TestNotificationDelivery : public QObject
{
    Q_OBJECT

private:
    SandboxTestBed m_bed;

    struct Platform
    {
        TestDatabase db;
        std::unique_ptr<PaydeskCore> core;
        std::unique_ptr<PlatformKey> key;
        PaymentOrder orderA; // M1013's application
        PaymentOrder orderB; // M1014's application
        explicit Platform(const QString &backend) : db(backend) {}
    };

    bool makePlatform(Platform &p, bool developmentEndpoints)
    {
        if (!p.db.isOpen())
            return false;
        p.core = fastDemoPlatform(m_bed, p.db.shared(), SystemClock::instance());
        if (!p.core)
            return false;
        if (!p.core->settings().setValue(Settings::DevelopmentEndpoints,
                                         developmentEndpoints ? QStringLiteral("on") : QStringLiteral("off")))
            return false;
        p.key = std::make_unique<PlatformKey>(p.core->vault(), p.core->database());
        auto orderFor = [&](const QString &merchantNo, const QString &number) -> std::optional<PaymentOrder> {
            CreateOrderRequest request;
            request.merchantOrderNo = number;
            request.amount = fen(100);
            request.subject = QStringLiteral("notify");
            QRandomGenerator random(quint32(qHash(number)));
            auto order = p.core->payments().create(applicationOf(*p.core, merchantNo), request, random);
            if (!order)
                return std::nullopt;
            return *order;
        };
        auto a = orderFor(QStringLiteral("M1013"), QStringLiteral("NOTE-A"));
        auto b = orderFor(QStringLiteral("M1014"), QStringLiteral("NOTE-B"));
        if (!a || !b)
            return false;
        p.orderA = *a;
        p.orderB = *b;
        return true;
    }

    // A notification about `order` owed to `url`, due now.
    static qint64 owe(PaydeskCore &core, const PaymentOrder &order, const QString &url)
    {
        PaymentOrder target = order;
        target.notifyUrl = url;
        UnitOfWork work(core.database());
        if (!NotificationService::enqueue(work.connection(), target, nullptr, QStringLiteral("payment.succeeded"),
                                          QDateTime::currentDateTimeUtc()) ||
            !work.commit())
            return 0;
        return Sql::scalar(core.database().connection().value(),
                           QStringLiteral("SELECT max(id) FROM payment_notification"))
            ->toLongLong();
    }

    static NotificationAttempt lastAttempt(PaydeskCore &core, qint64 id)
    {
        const PaymentNotification n = NotificationStore::load(core.database().connection().value(), id, true).value();
        return n.attemptLog.isEmpty() ? NotificationAttempt() : n.attemptLog.last();
    }

    static NotificationDispatcher::Limits limits(int deadlineMs, int perApplication = 8, int total = 200)
    {
        NotificationDispatcher::Limits l;
        l.maxInFlight = total;
        l.perApplication = perApplication;
        l.delivery.deadlineMs = deadlineMs;
        l.delivery.connectTimeoutMs = qMin(deadlineMs, 2000);
        return l;
    }

    // Every form the issue found accepted, and a few more: with development endpoints off each is
    // refused, and nothing reaches a listener.
    static QStringList hostileUrls(quint16 port)
    {
        const QString p = QString::number(port);
        return {QStringLiteral("https://127.1:%1/").arg(p),
                QStringLiteral("https://0177.0.0.1:%1/").arg(p),
                QStringLiteral("https://0x7f.1:%1/").arg(p),
                QStringLiteral("https://2130706433:%1/").arg(p),
                QStringLiteral("https://127.0.0.1:%1/").arg(p),
                QStringLiteral("https://[::1]:%1/metrics").arg(p),
                QStringLiteral("https://[::ffff:127.0.0.1]:%1/").arg(p),
                QStringLiteral("https://localhost:%1/").arg(p),
                QStringLiteral("https://rebind.example:%1/").arg(p), // "DNS" answers 127.0.0.1
                QStringLiteral("http://127.0.0.1:%1/").arg(p),
                QStringLiteral("http://example.com:%1/").arg(p),
                QStringLiteral("https://0.0.0.0:%1/").arg(p),
                QStringLiteral("https://169.254.169.254/latest/meta-data/"),
                QStringLiteral("https://169.254.169.254./latest/meta-data/"),
                QStringLiteral("https://metadata.google.internal/computeMetadata/v1/"), // "DNS" answers 169.254.169.254
                QStringLiteral("https://10.0.0.1/"),
                QStringLiteral("https://172.16.0.1/"),
                QStringLiteral("https://192.168.1.1/"),
                QStringLiteral("https://100.64.0.1/"),
                QStringLiteral("https://[fd00::1]/"),
                QStringLiteral("https://[::ffff:10.0.0.1]/"),
                QStringLiteral("https://[64:ff9b::a9fe:a9fe]/")};
    }

    static QStringList resolveOverrides(quint16 port)
    {
        return {QStringLiteral("rebind.example:%1:127.0.0.1").arg(port),
                QStringLiteral("metadata.google.internal:443:169.254.169.254"),
                QStringLiteral("169.254.169.254.:443:169.254.169.254")};
    }

private slots:
    void initTestCase_data() { TestDatabase::addBackendRows(); }
    void initTestCase() { QVERIFY(m_bed.start()); }

    void addressesAreClassified()
    {
        using K = OutboundAddress::Kind;
        const QList<std::pair<const char *, K>> cases{{"8.8.8.8", K::Public},
                                                      {"127.0.0.1", K::Loopback},
                                                      {"127.255.1.2", K::Loopback},
                                                      {"10.1.2.3", K::Private},
                                                      {"172.31.255.255", K::Private},
                                                      {"172.32.0.1", K::Public},
                                                      {"192.168.0.1", K::Private},
                                                      {"100.64.0.1", K::CarrierNat},
                                                      {"100.127.255.255", K::CarrierNat},
                                                      {"100.128.0.1", K::Public},
                                                      {"169.254.169.254", K::LinkLocal},
                                                      {"0.0.0.0", K::Unspecified},
                                                      {"0.1.2.3", K::Unspecified},
                                                      {"224.0.0.1", K::Multicast},
                                                      {"255.255.255.255", K::Broadcast},
                                                      {"240.0.0.1", K::Reserved},
                                                      {"192.0.2.1", K::Reserved},
                                                      {"::", K::Unspecified},
                                                      {"::1", K::Loopback},
                                                      {"::ffff:127.0.0.1", K::Loopback},
                                                      {"::ffff:169.254.169.254", K::LinkLocal},
                                                      {"::127.0.0.1", K::Loopback},
                                                      {"::ffff:8.8.8.8", K::Public},
                                                      {"64:ff9b::a00:1", K::Private},
                                                      {"2002:a9fe:a9fe::1", K::LinkLocal},
                                                      {"fd12:3456::1", K::Private},
                                                      {"fc00::1", K::Private},
                                                      {"fe80::1", K::LinkLocal},
                                                      {"ff02::1", K::Multicast},
                                                      {"2001:db8::1", K::Reserved},
                                                      {"2400:cb00::1", K::Public}};
        for (const auto &[text, kind] : cases)
            QVERIFY2(OutboundAddress::classify(QHostAddress(QString::fromLatin1(text))) == kind, text);
        QVERIFY(!OutboundAddress::allowed(K::Loopback, false));
        QVERIFY(OutboundAddress::allowed(K::Loopback, true));
        QVERIFY(OutboundAddress::allowed(K::CarrierNat, true));
        QVERIFY(!OutboundAddress::allowed(K::LinkLocal, true));
        QVERIFY(!OutboundAddress::allowed(K::Unspecified, true));
        QVERIFY(OutboundAddress::allowed(K::Public, false));
    }

    // Registration refuses literal private addresses, odd numeric forms and private-use names
    // while development endpoints are off; the order's own notify_url is held to the same rule.
    void registrationRefusesWhatSendingWould()
    {
        for (const char *url : {"https://127.1/",
                                "https://0177.0.0.1/",
                                "https://0x7f.1/",
                                "https://2130706433/",
                                "https://127.0.0.1/",
                                "https://169.254.169.254./",
                                "https://169.254.169.254/",
                                "https://10.0.0.1/",
                                "https://100.64.0.1/",
                                "https://[::1]/metrics",
                                "https://[::ffff:127.0.0.1]/",
                                "https://[fd00::1]/",
                                "https://localhost/",
                                "https://shop.localhost/",
                                "https://metadata.google.internal/computeMetadata/v1/",
                                "https://shop.example.com./",
                                "http://shop.example.com/notify",
                                "http://127.0.0.1:22/",
                                "http://127.0.0.1:5432/",
                                "https://0.0.0.0/",
                                "https://[fe80::1]/"})
            QVERIFY2(!ApplicationValidator::notifyUrl(QLatin1String(url), false).ok(), url);
        for (const char *url :
             {"https://shop.example.com/notify", "https://8.8.8.8/notify", "https://[2400:cb00::1]/n", ""})
            QVERIFY2(ApplicationValidator::notifyUrl(QLatin1String(url), false).ok(), url);
        for (const char *url : {"http://127.0.0.1:8080/cb", "http://localhost/cb", "http://[::1]:9000/cb",
                                "http://10.0.0.1/cb", "https://127.1/"})
            QVERIFY2(ApplicationValidator::notifyUrl(QLatin1String(url), true).ok(), url);
        for (const char *url :
             {"https://169.254.169.254/", "http://0.0.0.0/", "https://[fe80::1]/", "ftp://shop.example.com/"})
            QVERIFY2(!ApplicationValidator::notifyUrl(QLatin1String(url), true).ok(), url);
        QVERIFY(ApplicationValidator::notifyUrl(QStringLiteral("https://10.0.0.1/"), false)
                    .error()
                    .detail()
                    .contains(QStringLiteral("private")));
    }

    void orderNotifyUrlFollowsTheSetting()
    {
        QFETCH_GLOBAL(QString, backend);
        Platform p(backend);
        QVERIFY(makePlatform(p, false));
        const Application app = applicationOf(*p.core, QStringLiteral("M1013"));
        CreateOrderRequest request;
        request.merchantOrderNo = QStringLiteral("SSRF-1");
        request.amount = fen(100);
        request.subject = QStringLiteral("ssrf");
        request.notifyUrl = QStringLiteral("https://169.254.169.254./latest/meta-data/");
        QRandomGenerator random(1);
        QCOMPARE(p.core->payments().create(app, request, random).error().code(), ErrorCode::OrderInvalid);
        request.notifyUrl = QStringLiteral("http://127.0.0.1:5432/");
        QCOMPARE(p.core->payments().create(app, request, random).error().code(), ErrorCode::OrderInvalid);
        QVERIFY(p.core->settings().setValue(Settings::DevelopmentEndpoints, QStringLiteral("on")).ok());
        QVERIFY(p.core->payments().create(app, request, random).ok());
    }

    void hostileTargetsRefusedWithoutDevelopmentEndpoints()
    {
        QFETCH_GLOBAL(QString, backend);
        Platform p(backend);
        QVERIFY(makePlatform(p, false));
        Endpoint listener(Endpoint::Mode::Success);
        QVERIFY(listener.port() > 0);
        NotificationDispatcher dispatcher(p.core->notifications(), *p.key, nullptr,
                                          limits(3000, 64)); // all in one round
        dispatcher.delivery().setResolveOverrides(resolveOverrides(listener.port()));
        QHash<qint64, QString> urls;
        for (const QString &url : hostileUrls(listener.port()))
            urls.insert(owe(*p.core, p.orderA, url), url);
        QSignalSpy attempted(&dispatcher, &NotificationDispatcher::attempted);
        dispatcher.dispatchDue();
        QTRY_COMPARE_WITH_TIMEOUT(attempted.count(), urls.size(), 15000);
        for (auto it = urls.cbegin(); it != urls.cend(); ++it) {
            const NotificationAttempt attempt = lastAttempt(*p.core, it.key());
            QVERIFY2(attempt.outcome == AttemptOutcome::Unreachable, qPrintable(it.value()));
            QCOMPARE(attempt.httpStatus, 0);
            QVERIFY2(attempt.response.startsWith(QLatin1String("refused: ")),
                     qPrintable(it.value() + QStringLiteral(" → ") + attempt.response));
        }
        QCOMPARE(listener.connections(), 0);
        QVERIFY(lastAttempt(*p.core, urls.key(hostileUrls(listener.port()).at(0)))
                    .response.contains(QStringLiteral("127.0.0.1 is a loopback address")));
        QVERIFY(lastAttempt(*p.core, urls.key(QStringLiteral("https://metadata.google.internal/computeMetadata/v1/")))
                    .response.contains(QStringLiteral("169.254.169.254 is a link-local address")));
        QVERIFY(lastAttempt(*p.core, urls.key(QStringLiteral("https://10.0.0.1/")))
                    .response.contains(QStringLiteral("private")));
        QVERIFY(lastAttempt(*p.core, urls.key(QStringLiteral("https://100.64.0.1/")))
                    .response.contains(QStringLiteral("carrier-grade NAT")));
        QVERIFY(lastAttempt(*p.core, urls.key(QStringLiteral("http://127.0.0.1:%1/").arg(listener.port())))
                    .response.contains(QStringLiteral("plain http")));
    }

    void loopbackAllowedWithDevelopmentEndpoints()
    {
        QFETCH_GLOBAL(QString, backend);
        Platform p(backend);
        QVERIFY(makePlatform(p, true));
        Endpoint listener(Endpoint::Mode::Success);
        QVERIFY(listener.port() > 0);
        NotificationDispatcher dispatcher(p.core->notifications(), *p.key, nullptr, limits(3000));
        dispatcher.delivery().setResolveOverrides(resolveOverrides(listener.port()));
        const QString port = QString::number(listener.port());
        QStringList allowed{QStringLiteral("http://127.1:%1/").arg(port),
                            QStringLiteral("http://0177.0.0.1:%1/").arg(port),
                            QStringLiteral("http://0x7f.1:%1/").arg(port),
                            QStringLiteral("http://127.0.0.1:%1/").arg(port),
                            QStringLiteral("http://localhost:%1/").arg(port),
                            QStringLiteral("http://rebind.example:%1/").arg(port),
                            QStringLiteral("http://[::ffff:127.0.0.1]:%1/").arg(port)};
        QHash<qint64, QString> urls;
        for (const QString &url : std::as_const(allowed))
            urls.insert(owe(*p.core, p.orderA, url), url);
        const QStringList stillRefused{QStringLiteral("https://169.254.169.254/latest/meta-data/"),
                                       QStringLiteral("https://metadata.google.internal/computeMetadata/v1/"),
                                       QStringLiteral("http://0.0.0.0:%1/").arg(port)};
        for (const QString &url : stillRefused)
            urls.insert(owe(*p.core, p.orderB, url), url);
        QSignalSpy attempted(&dispatcher, &NotificationDispatcher::attempted);
        dispatcher.dispatchDue();
        QTRY_COMPARE_WITH_TIMEOUT(attempted.count(), urls.size(), 15000);
        for (auto it = urls.cbegin(); it != urls.cend(); ++it) {
            const NotificationAttempt attempt = lastAttempt(*p.core, it.key());
            const bool shouldReach = allowed.contains(it.value());
            QVERIFY2(attempt.outcome == (shouldReach ? AttemptOutcome::Delivered : AttemptOutcome::Unreachable),
                     qPrintable(it.value() + QStringLiteral(" → ") + NotificationNames::outcome(attempt.outcome) +
                                QLatin1Char(' ') + attempt.response));
        }
        QCOMPARE(listener.connections(), int(allowed.size()));
    }

    // A notify URL that streams forever: a few KiB are read, the attempt fails with the reason,
    // and the process does not grow with the answer.
    void endlessAnswerIsCutOff()
    {
        QFETCH_GLOBAL(QString, backend);
        Platform p(backend);
        QVERIFY(makePlatform(p, true));
        Endpoint streaming(Endpoint::Mode::Stream);
        NotificationDispatcher dispatcher(p.core->notifications(), *p.key, nullptr, limits(5000));
        const qint64 id = owe(*p.core, p.orderA, QStringLiteral("http://127.0.0.1:%1/notify").arg(streaming.port()));
        const qint64 before = residentKiB();
        QSignalSpy attempted(&dispatcher, &NotificationDispatcher::attempted);
        QElapsedTimer clock;
        clock.start();
        dispatcher.dispatchDue();
        QTRY_COMPARE_WITH_TIMEOUT(attempted.count(), 1, 10000);
        const NotificationAttempt attempt = lastAttempt(*p.core, id);
        QCOMPARE(attempt.outcome, AttemptOutcome::Unreachable);
        QVERIFY2(attempt.response.contains(QStringLiteral("longer than 4096 bytes")), qPrintable(attempt.response));
        QVERIFY(attempt.response.size() <= 200);
        QVERIFY2(clock.elapsed() < 5000, qPrintable(QString::number(clock.elapsed())));
        QTRY_COMPARE_WITH_TIMEOUT(streaming.open(), 0, 5000); // the connection was dropped, not drained
        const qint64 grown = residentKiB() - before;
        qInfo("endless answer: the endpoint sent %lld KiB, the process grew %lld KiB", streaming.bytesSent() / 1024,
              grown);
        QVERIFY2(grown < 32 * 1024, qPrintable(QString::number(grown)));
    }

    // A notify URL that answers one byte every 100 ms (every inactivity timer stays happy):
    // the attempt ends at its deadline.
    void tricklingAnswerEndsAtTheDeadline()
    {
        QFETCH_GLOBAL(QString, backend);
        Platform p(backend);
        QVERIFY(makePlatform(p, true));
        Endpoint trickling(Endpoint::Mode::Trickle);
        NotificationDispatcher dispatcher(p.core->notifications(), *p.key, nullptr, limits(1500));
        const qint64 id = owe(*p.core, p.orderA, QStringLiteral("http://127.0.0.1:%1/notify").arg(trickling.port()));
        QSignalSpy attempted(&dispatcher, &NotificationDispatcher::attempted);
        QElapsedTimer clock;
        clock.start();
        dispatcher.dispatchDue();
        QTRY_COMPARE_WITH_TIMEOUT(attempted.count(), 1, 10000);
        const qint64 took = clock.elapsed();
        const NotificationAttempt attempt = lastAttempt(*p.core, id);
        QCOMPARE(attempt.outcome, AttemptOutcome::Unreachable);
        QVERIFY2(attempt.response.startsWith(QStringLiteral("no complete answer within 1500 ms")),
                 qPrintable(attempt.response));
        // The trickle would go on for good: ending well before the 10 s wait shows the deadline
        // cut it, with room for a loaded machine's scheduling.
        QVERIFY2(took >= 1400 && took < 6000, qPrintable(QString::number(took)));
    }

    // One application's endpoint never answers: its posts take at most its share of the
    // dispatcher, and another application's notification goes out at once.
    void slowApplicationDoesNotHoldUpOthers()
    {
        QFETCH_GLOBAL(QString, backend);
        Platform p(backend);
        QVERIFY(makePlatform(p, true));
        Endpoint silent(Endpoint::Mode::Silent);
        Endpoint prompt(Endpoint::Mode::Success);
        // The slow posts run to a 6 s deadline; the fast one going out well before it shows it did
        // not wait behind them, even on a loaded machine.
        NotificationDispatcher dispatcher(p.core->notifications(), *p.key, nullptr, limits(6000, 2, 4));
        QList<qint64> slow;
        for (int i = 0; i < 6; ++i)
            slow << owe(*p.core, p.orderA, QStringLiteral("http://127.0.0.1:%1/slow").arg(silent.port()));
        const qint64 fast = owe(*p.core, p.orderB, QStringLiteral("http://127.0.0.1:%1/fast").arg(prompt.port()));
        QElapsedTimer clock;
        clock.start();
        dispatcher.dispatchDue();
        QCOMPARE(dispatcher.inFlight(p.orderA.applicationId), 2);
        QCOMPARE(dispatcher.inFlight(), 3);
        QTRY_COMPARE_WITH_TIMEOUT(lastAttempt(*p.core, fast).outcome, AttemptOutcome::Delivered, 4500);
        QVERIFY2(clock.elapsed() < 4500, qPrintable(QString::number(clock.elapsed())));
        QCOMPARE(dispatcher.inFlight(p.orderA.applicationId), 2);
        // The rest of the slow application's notifications were left unleased for later rounds.
        QCOMPARE(Sql::scalar(p.core->database().connection().value(),
                             QStringLiteral(
                                 "SELECT count(*) FROM payment_notification WHERE application_id = ? AND next_at <= ?"),
                             {p.orderA.applicationId, QDateTime::currentDateTimeUtc().toMSecsSinceEpoch()})
                     ->toLongLong(),
                 qint64(4));
        QTRY_COMPARE_WITH_TIMEOUT(dispatcher.inFlight(), 0, 12000);
        QVERIFY(lastAttempt(*p.core, slow.first())
                    .response.startsWith(QStringLiteral("no complete answer within 6000 ms")));
        QCOMPARE(silent.connections(), 2);
    }
};

QTEST_GUILESS_MAIN(TestNotificationDelivery)
#include "tst_notificationdelivery.moc"
