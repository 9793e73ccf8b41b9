#include "core/channel/http/HttpClient.h"
#include "core/storage/Settings.h"
#include "sandbox/CertificateIssuer.h"
#include "tests/support/CoreFixture.h"
#include "tests/support/TestDatabase.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <fcntl.h>

#include <memory>

using namespace paydesk;
using namespace paydesk::test;

namespace {

// One HTTP exchange as the front saw it from a raw socket.
struct Answer
{
    int status = 0; // 0: none (closed or timed out)
    QByteArray head;
    QByteArray body;
};

// A client socket driven byte by byte, so a test can send what no HTTP library would: a slow
// header, a bad chunk, two requests in one write, a body that never ends.
class RawClient
{
public:
    RawClient(quint16 port, const char *from = "127.0.0.1")
    {
        m_fd = ::socket(AF_INET, SOCK_STREAM, 0);
        if (m_fd < 0)
            return;
        sockaddr_in local{};
        local.sin_family = AF_INET;
        ::inet_pton(AF_INET, from, &local.sin_addr);
        sockaddr_in remote{};
        remote.sin_family = AF_INET;
        remote.sin_port = htons(port);
        ::inet_pton(AF_INET, "127.0.0.1", &remote.sin_addr);
        // Connected within 2 s or not at all (a server that stops accepting fills its queue, and
        // then a blocking connect would wait for minutes).
        const int flags = ::fcntl(m_fd, F_GETFL);
        ::fcntl(m_fd, F_SETFL, flags | O_NONBLOCK);
        bool connected =
            ::bind(m_fd, reinterpret_cast<sockaddr *>(&local), sizeof local) == 0 &&
            (::connect(m_fd, reinterpret_cast<sockaddr *>(&remote), sizeof remote) == 0 || errno == EINPROGRESS);
        if (connected) {
            pollfd p{m_fd, POLLOUT, 0};
            int error = 0;
            socklen_t length = sizeof error;
            connected = ::poll(&p, 1, 2000) == 1 && ::getsockopt(m_fd, SOL_SOCKET, SO_ERROR, &error, &length) == 0 &&
                        error == 0;
        }
        if (!connected) {
            ::close(m_fd);
            m_fd = -1;
            return;
        }
        ::fcntl(m_fd, F_SETFL, flags);
    }
    ~RawClient()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    RawClient(const RawClient &) = delete;
    RawClient &operator=(const RawClient &) = delete;

    bool isConnected() const { return m_fd >= 0; }

    // Sends everything or fails (the server closed, or nothing moved for timeoutMs).
    bool send(const QByteArray &bytes, int timeoutMs = 5000)
    {
        qint64 sent = 0;
        while (sent < bytes.size()) {
            pollfd p{m_fd, POLLOUT, 0};
            if (::poll(&p, 1, timeoutMs) <= 0)
                return false;
            const ssize_t n =
                ::send(m_fd, bytes.constData() + sent, size_t(bytes.size() - sent), MSG_NOSIGNAL | MSG_DONTWAIT);
            if (n < 0 && errno != EAGAIN)
                return false;
            if (n > 0)
                sent += n;
        }
        return true;
    }

    // The next whole answer (status line, header, Content-Length body), or status 0.
    Answer read(int timeoutMs = 5000)
    {
        QElapsedTimer waited;
        waited.start();
        for (;;) {
            const qsizetype end = m_buffer.indexOf("\r\n\r\n");
            if (end >= 0) {
                const QByteArray head = m_buffer.left(end + 4);
                static const QRegularExpression lengthField(QStringLiteral("(?i)\r\ncontent-length: *([0-9]+)"));
                const auto match = lengthField.match(QString::fromLatin1(head));
                const qsizetype length = match.hasMatch() ? match.captured(1).toLongLong() : 0;
                if (m_buffer.size() >= end + 4 + length) {
                    Answer answer;
                    answer.head = head;
                    answer.status = head.mid(9, 3).toInt();
                    answer.body = m_buffer.mid(end + 4, length);
                    m_buffer.remove(0, end + 4 + length);
                    return answer;
                }
            }
            const int left = timeoutMs - int(waited.elapsed());
            if (left <= 0 || !fill(left))
                return {};
        }
    }

    // True when the server closes the connection (end of stream or reset) within timeoutMs.
    bool closedWithin(int timeoutMs)
    {
        QElapsedTimer waited;
        waited.start();
        while (waited.elapsed() < timeoutMs) {
            if (!fill(int(timeoutMs - waited.elapsed())))
                return m_closed;
        }
        return false;
    }

private:
    // Reads what is there; false on close or timeout.
    bool fill(int timeoutMs)
    {
        pollfd p{m_fd, POLLIN, 0};
        if (::poll(&p, 1, timeoutMs) <= 0)
            return false;
        char chunk[16384];
        const ssize_t n = ::recv(m_fd, chunk, sizeof chunk, 0);
        if (n <= 0) {
            m_closed = true;
            return false;
        }
        m_buffer.append(chunk, n);
        return true;
    }

    int m_fd = -1;
    QByteArray m_buffer;
    bool m_closed = false;
};

QByteArray get(const QByteArray &path)
{
    return "GET " + path + " HTTP/1.1\r\nHost: paydesk\r\n\r\n";
}

// Clock ticks of CPU time (user + system) the process has used.
qint64 cpuTicks(qint64 pid)
{
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray text = stat.readAll();
    const QList<QByteArray> fields = text.mid(text.lastIndexOf(')') + 2).split(' ');
    return fields.value(11).toLongLong() + fields.value(12).toLongLong(); // utime, stime (fields 14, 15)
}

qint64 residentKib(qint64 pid)
{
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    static const QRegularExpression rss(QStringLiteral("VmRSS:\\s+([0-9]+) kB"));
    return rss.match(QString::fromLatin1(status.readAll())).captured(1).toLongLong();
}

} // namespace

// paydeskd's HTTP front under hostile clients, from raw sockets: every limit answered as
// docs/gateway-api.md says, before anything is buffered past it; deadlines for slow and idle
// clients; connection caps and back-pressure when descriptors run out; pipelined requests in
// order; TLS. PAYDESKD may name another paydeskd to hold to the same tests (flags it does not
// know are left out).
class TestHttpFront : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_files;
    std::unique_ptr<CoreFixture> m_platform;
    QString m_daemonPath;
    QString m_daemonHelp;

    struct Daemon
    {
        QProcess process;
        quint16 port = 0;
        ~Daemon()
        {
            process.terminate();
            if (!process.waitForFinished(10000))
                process.kill();
            process.waitForFinished(5000);
        }
    };

    QProcessEnvironment environment() const
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("LANG"), QStringLiteral("C"));
        env.insert(QStringLiteral("LC_ALL"), QStringLiteral("C"));
        env.insert(QStringLiteral("PAYDESK_MASTER_KEY_FILE"), m_files.filePath(QStringLiteral("master")));
        return env;
    }

    // Starts paydeskd on a free port with these flags (and a descriptor limit, when given).
    bool start(Daemon &daemon, QStringList flags, rlim_t descriptors = 0)
    {
        QStringList arguments{QStringLiteral("--database"),
                              m_platform->testDatabase().urlText(),
                              QStringLiteral("--port"),
                              QStringLiteral("0"),
                              QStringLiteral("--url-file"),
                              m_files.filePath(QStringLiteral("url")),
                              QStringLiteral("--sweep-seconds"),
                              QStringLiteral("0"),
                              QStringLiteral("--no-notifications"),
                              QStringLiteral("--threads"),
                              QStringLiteral("4")};
        for (qsizetype i = 0; i < flags.size(); ++i) {
            const QString &flag = flags.at(i);
            const bool takesValue = i + 1 < flags.size() && !flags.at(i + 1).startsWith(QLatin1String("--"));
            if (m_daemonHelp.contains(flag + QLatin1Char(' ')) || m_daemonHelp.contains(flag + QLatin1Char('\n')))
                arguments << flag << (takesValue ? QStringList{flags.at(i + 1)} : QStringList{});
            else
                qWarning("%s does not know %s: left out", qPrintable(m_daemonPath), qPrintable(flag));
            if (takesValue)
                ++i;
        }
        QFile::remove(m_files.filePath(QStringLiteral("url")));
        daemon.process.setProcessEnvironment(environment());
        daemon.process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        if (descriptors > 0) {
            daemon.process.setChildProcessModifier([descriptors] {
                const rlimit limit{descriptors, descriptors};
                ::setrlimit(RLIMIT_NOFILE, &limit);
            });
        }
        daemon.process.start(m_daemonPath, arguments);
        if (!daemon.process.waitForStarted())
            return false;
        QFile url(m_files.filePath(QStringLiteral("url")));
        QElapsedTimer waited;
        waited.start();
        while (!url.exists() && waited.elapsed() < 30000 && daemon.process.state() == QProcess::Running)
            QTest::qWait(20);
        QTest::qWait(30);
        if (!url.open(QIODevice::ReadOnly))
            return false;
        daemon.port = quint16(QUrl(QString::fromUtf8(url.readAll()).trimmed()).port());
        return daemon.port != 0;
    }

    static bool healthy(quint16 port, int timeoutMs = 3000, const char *from = "127.0.0.1")
    {
        RawClient client(port, from);
        return client.isConnected() && client.send(get("/health")) && client.read(timeoutMs).body == "ok\n";
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_files.isValid());
        m_daemonPath = qEnvironmentVariable("PAYDESKD", QStringLiteral(PAYDESKD_PATH));
        QProcess help;
        help.start(m_daemonPath, {QStringLiteral("--help")});
        QVERIFY(help.waitForFinished(30000));
        m_daemonHelp = QString::fromUtf8(help.readAllStandardOutput());
        // A platform with its vault, on which development endpoints (plain http) are allowed.
        m_platform = std::make_unique<CoreFixture>(QStringLiteral("sqlite"));
        QVERIFY(m_platform->isOpen());
        const QByteArray passphrase = "front-test-master-passphrase";
        QVERIFY(m_platform->core().vault().initialize(m_platform->admin(), SecretBytes(passphrase)).ok());
        QVERIFY(m_platform->core().settings().setValue(Settings::DevelopmentEndpoints, QStringLiteral("on")).ok());
        QFile master(m_files.filePath(QStringLiteral("master")));
        QVERIFY(master.open(QIODevice::WriteOnly));
        master.write(passphrase);
    }

    // 413 from Content-Length before the body is read, and while a chunked body streams.
    void bodyLimit()
    {
        Daemon daemon;
        QVERIFY(start(daemon, {}));
        for (const QByteArray &path : {QByteArray("/api/v1/orders"), QByteArray("/callback/wx_shared01")}) {
            RawClient client(daemon.port);
            QVERIFY(client.send("POST " + path + " HTTP/1.1\r\nHost: paydesk\r\nContent-Length: 65537\r\n\r\n"));
            QCOMPARE(client.read(3000).status, 413); // no byte of the body sent
            QVERIFY(client.closedWithin(3000));
        }
        RawClient exactly(daemon.port);
        QVERIFY(exactly.send("POST /api/v1/orders HTTP/1.1\r\nHost: paydesk\r\nContent-Length: 65536\r\n\r\n" +
                             QByteArray(65536, ' ')));
        QCOMPARE(exactly.read(3000).status, 400); // within the limit: read, and refused as the gateway would

        RawClient chunked(daemon.port);
        QVERIFY(chunked.send("POST /api/v1/orders HTTP/1.1\r\nHost: paydesk\r\nTransfer-Encoding: chunked\r\n\r\n"));
        for (int i = 0; i < 12; ++i)
            chunked.send("2000\r\n" + QByteArray(0x2000, 'x') + "\r\n", 1000); // 96 KiB in all; the server stops at 64
        QCOMPARE(chunked.read(3000).status, 413);
        QVERIFY(chunked.closedWithin(3000));
        QVERIFY(healthy(daemon.port));
    }

    void headerLimits()
    {
        Daemon daemon;
        QVERIFY(start(daemon, {}));
        const struct
        {
            QByteArray request;
            int status;
        } cases[] = {
            {"GET /health HTTP/1.1\r\nHost: paydesk\r\nX-Big: " + QByteArray(20000, 'a') + "\r\n\r\n", 431},
            {"GET /health HTTP/1.1\r\nHost: paydesk\r\nX-Big: " + QByteArray(1024 * 1024, 'a') + "\r\n\r\n", 431},
            {[] {
                 QByteArray many = "GET /health HTTP/1.1\r\nHost: paydesk\r\n";
                 for (int i = 0; i < 150; ++i)
                     many += "X-" + QByteArray::number(i) + ": 1\r\n";
                 return many + "\r\n";
             }(),
             431},
            {"GET /health?" + QByteArray(5000, 'q') + " HTTP/1.1\r\nHost: paydesk\r\n\r\n", 414},
            {"GET /" + QByteArray(40000, 'p') + " HTTP/1.1\r\nHost: paydesk\r\n\r\n", 414},
        };
        for (const auto &c : cases) {
            RawClient client(daemon.port);
            client.send(c.request, 2000); // the server may stop reading (and close) before the end
            QCOMPARE(client.read(3000).status, c.status);
            QVERIFY(client.closedWithin(3000));
        }
        QVERIFY(healthy(daemon.port));
    }

    // Framing that could be read two ways is refused and the connection closed.
    void malformedFraming_data()
    {
        QTest::addColumn<QByteArray>("request");
        QTest::newRow("bad chunk size") << QByteArray(
            "POST /api/v1/orders HTTP/1.1\r\nHost: p\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n");
        QTest::newRow("bad request line") << QByteArray("GARBAGE\r\n\r\n");
        QTest::newRow("length and chunked")
            << QByteArray("POST /api/v1/orders HTTP/1.1\r\nHost: p\r\nContent-Length: 5\r\n"
                          "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n");
        QTest::newRow("two lengths") << QByteArray(
            "POST /api/v1/orders HTTP/1.1\r\nHost: p\r\nContent-Length: 2\r\nContent-Length: 2\r\n\r\n{}");
        QTest::newRow("header syntax") << QByteArray("GET /health HTTP/1.1\r\nHost: p\r\nNo colon here\r\n\r\n");
        QTest::newRow("other transfer coding")
            << QByteArray("POST /api/v1/orders HTTP/1.1\r\nHost: p\r\nTransfer-Encoding: gzip\r\n\r\n");
    }
    void malformedFraming()
    {
        QFETCH(QByteArray, request);
        Daemon daemon;
        QVERIFY(start(daemon, {}));
        RawClient client(daemon.port);
        QVERIFY(client.send(request));
        QCOMPARE(client.read(3000).status, 400);
        QVERIFY(client.closedWithin(3000));
    }

    void expectContinue()
    {
        Daemon daemon;
        QVERIFY(start(daemon, {}));
        RawClient client(daemon.port);
        QVERIFY(client.send(
            "POST /api/v1/orders HTTP/1.1\r\nHost: paydesk\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n"));
        const Answer go = client.read(3000);
        QCOMPARE(go.status, 100);
        QVERIFY(client.send("{}"));
        QCOMPARE(client.read(3000).status, 400); // unsigned: the gateway's own refusal
        RawClient tooBig(daemon.port);
        QVERIFY(tooBig.send(
            "POST /api/v1/orders HTTP/1.1\r\nHost: paydesk\r\nExpect: 100-continue\r\nContent-Length: 900000\r\n\r\n"));
        QCOMPARE(tooBig.read(3000).status, 413); // no 100: the client never sends the body
    }

    void pipelinedInOrder()
    {
        Daemon daemon;
        QVERIFY(start(daemon, {}));
        RawClient client(daemon.port);
        QVERIFY(client.send(get("/metrics") + get("/health") + get("/metrics") + get("/health")));
        for (int i = 0; i < 2; ++i) {
            const Answer metrics = client.read(5000);
            QCOMPARE(metrics.status, 200);
            QVERIFY2(metrics.body.contains("paydesk_gateway_requests_total"), metrics.body.left(200).constData());
            const Answer health = client.read(5000);
            QCOMPARE(health.status, 200);
            QCOMPARE(health.body, QByteArray("ok\n"));
        }
    }

    // One byte every 400 ms never finishes a header: the connection ends at the head deadline.
    void slowHeaderCut()
    {
        Daemon daemon;
        QVERIFY(start(daemon, {QStringLiteral("--header-timeout"), QStringLiteral("2")}));
        RawClient slow(daemon.port);
        const QByteArray request = get("/health");
        QElapsedTimer elapsed;
        elapsed.start();
        bool cut = false;
        for (qsizetype i = 0; i < request.size() - 1 && !cut; ++i) {
            if (!slow.send(request.mid(i, 1), 1000))
                cut = true;
            else
                cut = slow.closedWithin(400);
        }
        QVERIFY2(cut || slow.closedWithin(1000), "the slow client was still connected");
        QVERIFY2(elapsed.elapsed() < 4000, qPrintable(QString::number(elapsed.elapsed())));
        QVERIFY(healthy(daemon.port));
    }

    void idleConnectionsClosed()
    {
        Daemon daemon;
        QVERIFY(start(daemon, {QStringLiteral("--idle-timeout"), QStringLiteral("1"),
                               QStringLiteral("--header-timeout"), QStringLiteral("2")}));
        RawClient kept(daemon.port);
        QVERIFY(kept.send(get("/health")));
        QCOMPARE(kept.read().status, 200);
        QElapsedTimer elapsed;
        elapsed.start();
        QVERIFY(kept.closedWithin(3000));
        QVERIFY(elapsed.elapsed() >= 800);
        RawClient silent(daemon.port); // never sends a byte
        QVERIFY(silent.closedWithin(4000));
    }

    // An address past its cap is refused at once; others are still served.
    void perAddressCap()
    {
        Daemon daemon;
        QVERIFY(start(daemon, {QStringLiteral("--max-connections-per-ip"), QStringLiteral("5")}));
        std::vector<std::unique_ptr<RawClient>> attacker;
        for (int i = 0; i < 12; ++i) {
            attacker.push_back(std::make_unique<RawClient>(daemon.port, "127.0.0.2"));
            QVERIFY(attacker.back()->isConnected());
        }
        int refused = 0;
        for (const auto &client : attacker)
            refused += client->closedWithin(300) ? 1 : 0;
        QCOMPARE(refused, 7);
        QVERIFY(healthy(daemon.port)); // from 127.0.0.1
        attacker.clear();              // once they are gone, the address is served again
        QTRY_VERIFY_WITH_TIMEOUT(healthy(daemon.port, 1000, "127.0.0.2"), 5000);
    }

    // More idle connections than paydeskd has descriptors: no busy accept loop, and /health
    // answers again once they are gone.
    void descriptorsRunOut_data()
    {
        QTest::addColumn<QStringList>("flags");
        QTest::newRow("accept paused") << QStringList{QStringLiteral("--fd-reserve"), QStringLiteral("0"),
                                                      QStringLiteral("--max-connections"), QStringLiteral("100000")};
        QTest::newRow("connection cap") << QStringList{};
    }
    void descriptorsRunOut()
    {
        QFETCH(QStringList, flags);
        Daemon daemon;
        QVERIFY(start(daemon, flags << QStringLiteral("--max-connections-per-ip") << QStringLiteral("0"), 128));
        QVERIFY(healthy(daemon.port));
        std::vector<std::unique_ptr<RawClient>> idle;
        for (int i = 0; i < 300; ++i)
            idle.push_back(std::make_unique<RawClient>(daemon.port));
        QTest::qWait(300);
        const qint64 pid = daemon.process.processId();
        const qint64 before = cpuTicks(pid);
        QTest::qWait(2000);
        const qint64 used = cpuTicks(pid) - before;
        const long ticksPerSecond = ::sysconf(_SC_CLK_TCK);
        qInfo("paydeskd used %lld ticks of %ld per second over 2 s with 300 idle connections", used, ticksPerSecond);
        QVERIFY2(used < ticksPerSecond / 5, qPrintable(QString::number(used))); // under 10 % of one core
        idle.clear();
        QElapsedTimer back;
        back.start();
        QTRY_VERIFY_WITH_TIMEOUT(healthy(daemon.port, 500), 5000);
        qInfo("/health answered %lld ms after the connections closed", back.elapsed());
    }

    // 400 MB of unsigned body: refused from its Content-Length, never read into memory.
    void hugeBodyNotBuffered()
    {
        Daemon daemon;
        QVERIFY(start(daemon, {}));
        const qint64 pid = daemon.process.processId();
        QVERIFY(healthy(daemon.port));
        const qint64 before = residentKib(pid);
        RawClient client(daemon.port);
        QVERIFY(client.send("POST /api/v1/orders HTTP/1.1\r\nHost: paydesk\r\nContent-Type: application/json\r\n"
                            "Content-Length: 400000000\r\n\r\n"));
        const QByteArray megabyte(1024 * 1024, '7');
        QElapsedTimer sending;
        sending.start();
        int sent = 0;
        while (sent < 400 && sending.elapsed() < 5000 && client.send(megabyte, 500))
            ++sent;
        const qint64 after = residentKib(pid);
        qInfo("sent %d MiB; paydeskd resident %lld KiB before, %lld KiB after", sent, before, after);
        QVERIFY2(after - before < 16 * 1024, qPrintable(QString::number(after - before)));
        QVERIFY(sent < 400); // refused long before the end
        QVERIFY(healthy(daemon.port));
    }

    void tlsStillServed()
    {
        auto authority = sandbox::CertificateIssuer::selfSignedAuthority(QStringLiteral("Front Test CA"), 2);
        QVERIFY(authority.ok());
        auto server = sandbox::CertificateIssuer::issue(*authority, QStringLiteral("127.0.0.1"), 2, 0,
                                                        {QStringLiteral("localhost")}, {QStringLiteral("127.0.0.1")});
        QVERIFY(server.ok());
        const auto write = [this](const QString &name, const QByteArray &pem) {
            QFile file(m_files.filePath(name));
            return file.open(QIODevice::WriteOnly) && file.write(pem) == pem.size();
        };
        QVERIFY(write(QStringLiteral("ca.pem"), authority->certificate.toPem()));
        QVERIFY(write(QStringLiteral("cert.pem"), server->certificate.toPem()));
        QVERIFY(write(QStringLiteral("key.pem"), server->key.toPem()));
        Daemon daemon;
        QVERIFY(start(daemon, {QStringLiteral("--tls-cert"), m_files.filePath(QStringLiteral("cert.pem")),
                               QStringLiteral("--tls-key"), m_files.filePath(QStringLiteral("key.pem"))}));
        HttpClient::Options options;
        options.timeoutMs = 5000;
        options.extraCaCertificates = HttpClient::loadCaBundle(m_files.filePath(QStringLiteral("ca.pem"))).value_or({});
        HttpRequest request;
        request.method = "GET";
        request.url = QUrl(QStringLiteral("https://127.0.0.1:%1/health").arg(daemon.port));
        const HttpClient client(options);
        for (int i = 0; i < 2; ++i) { // the second over the kept-alive connection
            auto answer = client.send(request);
            QVERIFY(answer.ok());
            QCOMPARE(answer->status, 200);
            QCOMPARE(answer->body, QByteArray("ok\n"));
        }
        RawClient plain(daemon.port); // plain text to a TLS port: cut, no answer
        QVERIFY(plain.send(get("/health")));
        QVERIFY(plain.closedWithin(3000));
    }

    // Real channels post only to https: an http --public-url needs the development setting.
    void plainPublicUrlNeedsDevelopmentEndpoints()
    {
        QVERIFY(m_platform->core().settings().setValue(Settings::DevelopmentEndpoints, QStringLiteral("off")).ok());
        const auto runs = [this](const QString &publicUrl) {
            QProcess daemon;
            daemon.setProcessEnvironment(environment());
            daemon.start(m_daemonPath, {QStringLiteral("--database"), m_platform->testDatabase().urlText(),
                                        QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--public-url"),
                                        publicUrl, QStringLiteral("--sweep-seconds"), QStringLiteral("0"),
                                        QStringLiteral("--no-notifications")});
            const bool ended = daemon.waitForFinished(3000);
            if (!ended) {
                daemon.terminate();
                daemon.waitForFinished(10000);
            }
            return !ended; // still running: it serves
        };
        QVERIFY(!runs(QStringLiteral("http://pay.example.com")));
        QVERIFY(runs(QStringLiteral("https://pay.example.com")));
        QVERIFY(m_platform->core().settings().setValue(Settings::DevelopmentEndpoints, QStringLiteral("on")).ok());
        QVERIFY(runs(QStringLiteral("http://pay.example.com")));
    }
};

QTEST_GUILESS_MAIN(TestHttpFront)
#include "tst_httpfront.moc"
