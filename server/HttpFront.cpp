// Beast's string_view as the standard one, so that its views and ours mix without conversions.
#define BOOST_BEAST_USE_STD_STRING_VIEW 1

#include "server/HttpFront.h"

#include "core/util/AddressGroup.h"
#include "core/util/Error.h"

#include <QHostAddress>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>

#include <openssl/ssl.h>
#include <sys/resource.h>

#include <array>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <limits>
#include <list>
#include <map>
#include <mutex>
#include <optional>
#include <thread>

namespace paydesk {

namespace net = boost::asio;
namespace http = boost::beast::http;
using tcp = net::ip::tcp;
using error_code = boost::system::error_code;
using SteadyClock = std::chrono::steady_clock;

namespace {

using Request = http::request<http::string_body>;
using Response = http::response<http::string_body>;

constexpr std::size_t kReadChunk = 4096;
// Bytes read and thrown away after a refusal, so the refusal is not lost to a reset while the
// client is still sending; then the connection closes whatever remains.
constexpr std::size_t kLingerBytes = 64 * 1024;
constexpr auto kLingerTime = std::chrono::seconds(1);
constexpr auto kRefusalWriteTime = std::chrono::seconds(5);
constexpr auto kAcceptPause = std::chrono::milliseconds(250);

bool outOfDescriptors(const error_code &ec)
{
    return ec == net::error::no_descriptors || ec == net::error::no_buffer_space || ec == net::error::no_memory ||
           ec.value() == ENFILE;
}

// The total cap: the configured one, and never so many that the database and the workers'
// channel calls find no descriptor left.
int effectiveCap(const HttpLimits &limits)
{
    int cap = limits.maxConnections > 0 ? limits.maxConnections : std::numeric_limits<int>::max();
    rlimit files{};
    if (::getrlimit(RLIMIT_NOFILE, &files) == 0 && files.rlim_cur != RLIM_INFINITY) {
        const long long room = (long long)files.rlim_cur - limits.fileDescriptorReserve;
        cap = int(std::min<long long>(cap, std::max<long long>(8, room)));
    }
    return cap;
}

QHostAddress qtAddressOf(const net::ip::address &address)
{
    return QHostAddress(QString::fromStdString(address.to_string()));
}

// What the per-client connection cap counts (an IPv6 client by its /64, like the callback throttle).
QString groupOf(const net::ip::address &address)
{
    return addressGroupOf(qtAddressOf(address));
}

} // namespace

class Connection;

// The listener and what every connection shares. Connections are counted under a mutex because
// the last reference to one may be dropped on a worker thread (after it answered).
struct HttpFront::Impl
{
    HttpLimits limits;
    Handler handler;
    Refused refused;
    int cap = 0;

    std::unique_ptr<net::io_context> io = std::make_unique<net::io_context>();
    std::optional<net::ssl::context> tls;
    std::optional<tcp::acceptor> acceptor;
    std::optional<net::steady_timer> acceptPause;
    std::thread thread;
    bool draining = false; // I/O thread only
    std::atomic<bool> acceptPaused{false};
    std::atomic<bool> stopped{false};

    mutable std::mutex mutex;
    std::condition_variable allClosed;
    int open = 0;
    std::map<QString, int> perAddress; // by addressGroupOf: an IPv6 client counts by its /64
    std::list<std::weak_ptr<Connection>> connections;

    void accept();
    void onAccept(const error_code &ec, tcp::socket socket);
    // Frees a connection's place; from any thread.
    void release(const net::ip::address &peer, std::list<std::weak_ptr<Connection>>::iterator entry);
    void drainNow();
    void refusedOne(int status)
    {
        if (refused)
            refused(status);
    }
};

// One client connection, plain or TLS. Everything but the destructor runs on the I/O thread.
class Connection : public std::enable_shared_from_this<Connection>
{
public:
    Connection(HttpFront::Impl &front, net::ip::address peer) : m_front(front), m_peer(std::move(peer)) {}
    virtual ~Connection() { m_front.release(m_peer, m_entry); }

    void registered(std::list<std::weak_ptr<Connection>>::iterator entry) { m_entry = entry; }
    void start()
    {
        m_headDeadline = SteadyClock::now() + std::chrono::milliseconds(m_front.limits.headTimeoutMs);
        handshake();
    }
    // On drain: a connection between requests closes now; one whose request is at work closes after its answer.
    void drain()
    {
        if (m_phase != Phase::Working && m_phase != Phase::Writing)
            closeNow();
    }

protected:
    enum class Phase
    {
        Handshake,
        Idle,
        Head,
        Body,
        Working,
        Writing,
        Refusing,
        Lingering,
        Closed
    };

    virtual tcp::socket &socket() = 0;
    virtual bool encrypted() const = 0;
    virtual void handshake() = 0;
    virtual void asyncReadSome(net::mutable_buffer buffer, std::function<void(error_code, std::size_t)> done) = 0;
    virtual void asyncReadHeader(std::function<void(error_code)> done) = 0;
    virtual void asyncReadBody(std::function<void(error_code)> done) = 0;
    virtual void asyncWriteResponse(std::function<void(error_code)> done) = 0;
    virtual void asyncWriteRaw(net::const_buffer bytes, std::function<void(error_code)> done) = 0;

    void readRequest(bool first);
    void closeNow();
    void arm(SteadyClock::time_point deadline);
    void disarm();

    HttpFront::Impl &m_front;
    net::ip::address m_peer;
    std::list<std::weak_ptr<Connection>>::iterator m_entry;
    net::steady_timer m_timer{*m_front.io};
    unsigned m_armed = 0;
    bool m_timedOut = false;
    Phase m_phase = Phase::Handshake;
    SteadyClock::time_point m_headDeadline;
    boost::beast::flat_buffer m_buffer{std::size_t(m_front.limits.maxHeaderBytes) * 2 + 2 * kReadChunk};
    std::optional<http::request_parser<http::string_body>> m_parser;
    Response m_response;
    bool m_keepAlive = false;
    bool m_headRequest = false;
    std::size_t m_lingered = 0;
    std::array<char, kReadChunk> m_discard{};

private:
    void onDeadline();
    void readHead();
    void onHead(error_code ec);
    void readBody();
    void onBody(error_code ec);
    void dispatch();
    void answer(GatewayReply reply);
    void refuse(int status, const char *code, const char *message);
    void linger();
    void lingerRead();
    bool refusedFraming(const Request &request);
};

namespace {

class PlainConnection final : public Connection
{
public:
    PlainConnection(HttpFront::Impl &front, net::ip::address peer, tcp::socket socket)
        : Connection(front, std::move(peer)), m_socket(std::move(socket))
    {
    }

protected:
    tcp::socket &socket() override { return m_socket; }
    bool encrypted() const override { return false; }
    void handshake() override { readRequest(true); }
    void asyncReadSome(net::mutable_buffer buffer, std::function<void(error_code, std::size_t)> done) override
    {
        m_socket.async_read_some(buffer, std::move(done));
    }
    void asyncReadHeader(std::function<void(error_code)> done) override
    {
        http::async_read_header(m_socket, m_buffer, *m_parser, [done](error_code ec, std::size_t) { done(ec); });
    }
    void asyncReadBody(std::function<void(error_code)> done) override
    {
        http::async_read(m_socket, m_buffer, *m_parser, [done](error_code ec, std::size_t) { done(ec); });
    }
    void asyncWriteResponse(std::function<void(error_code)> done) override
    {
        http::async_write(m_socket, m_response, [done](error_code ec, std::size_t) { done(ec); });
    }
    void asyncWriteRaw(net::const_buffer bytes, std::function<void(error_code)> done) override
    {
        net::async_write(m_socket, bytes, [done](error_code ec, std::size_t) { done(ec); });
    }

private:
    tcp::socket m_socket;
};

class TlsConnection final : public Connection
{
public:
    TlsConnection(HttpFront::Impl &front, net::ip::address peer, tcp::socket socket)
        : Connection(front, std::move(peer)), m_stream(std::move(socket), *front.tls)
    {
    }

protected:
    tcp::socket &socket() override { return m_stream.next_layer(); }
    bool encrypted() const override { return true; }
    void handshake() override;
    void asyncReadSome(net::mutable_buffer buffer, std::function<void(error_code, std::size_t)> done) override
    {
        m_stream.async_read_some(buffer, std::move(done));
    }
    void asyncReadHeader(std::function<void(error_code)> done) override
    {
        http::async_read_header(m_stream, m_buffer, *m_parser, [done](error_code ec, std::size_t) { done(ec); });
    }
    void asyncReadBody(std::function<void(error_code)> done) override
    {
        http::async_read(m_stream, m_buffer, *m_parser, [done](error_code ec, std::size_t) { done(ec); });
    }
    void asyncWriteResponse(std::function<void(error_code)> done) override
    {
        http::async_write(m_stream, m_response, [done](error_code ec, std::size_t) { done(ec); });
    }
    void asyncWriteRaw(net::const_buffer bytes, std::function<void(error_code)> done) override
    {
        net::async_write(m_stream, bytes, [done](error_code ec, std::size_t) { done(ec); });
    }

private:
    net::ssl::stream<tcp::socket> m_stream;
};

} // namespace

// --- deadlines -------------------------------------------------------------------------------

// One deadline at a time per connection; a wait that fires after it was disarmed (its handler
// already queued) is recognised by its number and ignored.
void Connection::arm(SteadyClock::time_point deadline)
{
    m_timedOut = false;
    const unsigned armed = ++m_armed;
    m_timer.expires_at(deadline);
    m_timer.async_wait([weak = weak_from_this(), armed](error_code ec) {
        auto self = weak.lock();
        if (!ec && self && self->m_armed == armed)
            self->onDeadline();
    });
}

void Connection::disarm()
{
    ++m_armed;
    m_timer.cancel();
}

void Connection::onDeadline()
{
    m_timedOut = true;
    error_code ignored;
    // A plain connection reading a request can still be told 408: cancel the read, keep the
    // socket. A TLS stream cut in the middle of a record cannot be written to safely; a client
    // that does not read what it is sent gets nothing more either.
    if (!encrypted() && (m_phase == Phase::Head || m_phase == Phase::Body))
        socket().cancel(ignored);
    else
        closeNow();
}

// --- reading ---------------------------------------------------------------------------------

void Connection::readRequest(bool first)
{
    if (m_front.draining)
        return closeNow();
    m_parser.emplace();
    m_parser->header_limit(std::uint32_t(m_front.limits.maxHeaderBytes));
    m_parser->body_limit(std::uint64_t(m_front.limits.maxBodyBytes));
    if (first || m_buffer.size() > 0)
        return readHead();
    // Kept alive between requests: the idle timeout until the first byte, then the head's deadline.
    m_phase = Phase::Idle;
    arm(SteadyClock::now() + std::chrono::milliseconds(m_front.limits.idleTimeoutMs));
    asyncReadSome(m_buffer.prepare(kReadChunk), [self = shared_from_this()](error_code ec, std::size_t n) {
        self->disarm();
        if (ec || n == 0)
            return self->closeNow();
        self->m_buffer.commit(n);
        self->m_headDeadline = SteadyClock::now() + std::chrono::milliseconds(self->m_front.limits.headTimeoutMs);
        self->readHead();
    });
}

void Connection::readHead()
{
    m_phase = Phase::Head;
    arm(m_headDeadline);
    asyncReadHeader([self = shared_from_this()](error_code ec) { self->onHead(ec); });
}

void Connection::onHead(error_code ec)
{
    disarm();
    if (m_timedOut)
        return refuse(408, "request_timeout", "the request's header did not arrive in time");
    if (ec == http::error::header_limit || ec == http::error::buffer_overflow) {
        // The parser takes the request line first: when it has none yet, the line alone was too long (414).
        if (m_parser->get().target().empty())
            return refuse(414, "uri_too_long", "the request line is too long");
        return refuse(431, "header_too_large", "the request's header is too large");
    }
    if (ec == http::error::body_limit)
        return refuse(413, "body_too_large", "the request body is larger than this endpoint accepts");
    if (ec == http::error::end_of_stream || ec == http::error::partial_message || ec == net::error::eof ||
        ec == net::error::connection_reset || ec == net::error::operation_aborted)
        return closeNow();
    if (ec && ec.category() == http::make_error_code(http::error::bad_method).category())
        return refuse(400, "bad_request", "the request is not valid HTTP/1.1");
    if (ec)
        return closeNow();

    const Request &request = m_parser->get();
    if (refusedFraming(request))
        return;
    const auto expect = request[http::field::expect];
    if (!expect.empty()) {
        if (!boost::beast::iequals(expect, "100-continue"))
            return refuse(417, "expectation_failed", "only Expect: 100-continue is understood");
        if (!m_parser->is_done()) {
            // The body is within its limit (a larger Content-Length was refused above): ask for it.
            static const char continueLine[] = "HTTP/1.1 100 Continue\r\n\r\n";
            m_phase = Phase::Body;
            arm(SteadyClock::now() + std::chrono::milliseconds(m_front.limits.writeTimeoutMs));
            return asyncWriteRaw(net::buffer(continueLine, sizeof continueLine - 1),
                                 [self = shared_from_this()](error_code written) {
                                     self->disarm();
                                     if (written)
                                         return self->closeNow();
                                     self->readBody();
                                 });
        }
    }
    if (m_parser->is_done())
        return dispatch();
    readBody();
}

// What the parser lets through but a request must not carry: anything that could frame the body
// two ways (request smuggling behind a proxy) or a header past its count or target past its length.
bool Connection::refusedFraming(const Request &request)
{
    if (request.target().size() > std::size_t(m_front.limits.maxTargetBytes)) {
        refuse(414, "uri_too_long", "the request target is too long");
        return true;
    }
    int fields = 0;
    int contentLengths = 0;
    int transferEncodings = 0;
    for (const auto &field : request) {
        ++fields;
        if (field.name() == http::field::content_length)
            ++contentLengths;
        else if (field.name() == http::field::transfer_encoding)
            ++transferEncodings;
    }
    if (fields > m_front.limits.maxHeaderCount) {
        refuse(431, "header_too_large", "the request has too many header fields");
        return true;
    }
    const bool chunkedOnly =
        transferEncodings == 0 ||
        (transferEncodings == 1 && boost::beast::iequals(request[http::field::transfer_encoding], "chunked"));
    if (contentLengths > 1 || (contentLengths > 0 && transferEncodings > 0) || !chunkedOnly) {
        refuse(400, "bad_request", "the request's body is framed ambiguously");
        return true;
    }
    if (request.target().empty() || request.target().front() != '/') {
        refuse(400, "bad_request", "the request target must be a path");
        return true;
    }
    return false;
}

void Connection::readBody()
{
    m_phase = Phase::Body;
    arm(SteadyClock::now() + std::chrono::milliseconds(m_front.limits.bodyTimeoutMs));
    asyncReadBody([self = shared_from_this()](error_code ec) { self->onBody(ec); });
}

void Connection::onBody(error_code ec)
{
    disarm();
    if (m_timedOut)
        return refuse(408, "request_timeout", "the request's body did not arrive in time");
    if (ec == http::error::body_limit)
        return refuse(413, "body_too_large", "the request body is larger than this endpoint accepts");
    if (ec == http::error::end_of_stream || ec == http::error::partial_message || ec == net::error::eof ||
        ec == net::error::connection_reset || ec == net::error::operation_aborted)
        return closeNow();
    if (ec && ec.category() == http::make_error_code(http::error::bad_chunk).category())
        return refuse(400, "bad_request", "the request's body is not valid HTTP/1.1 framing");
    if (ec)
        return closeNow();
    dispatch();
}

// --- answering -------------------------------------------------------------------------------

void Connection::dispatch()
{
    m_phase = Phase::Working;
    Request request = m_parser->release();
    m_parser.reset();
    m_keepAlive = request.keep_alive();
    m_headRequest = request.method() == http::verb::head;

    GatewayRequest incoming;
    incoming.method = QByteArray(request.method_string().data(), int(request.method_string().size()));
    const auto target = request.target();
    const auto query = target.find('?');
    const auto path = target.substr(0, query);
    incoming.path = QByteArray(path.data(), int(path.size()));
    for (const auto &field : request) {
        const QByteArray name = QByteArray(field.name_string().data(), int(field.name_string().size())).toLower();
        const QByteArray value(field.value().data(), int(field.value().size()));
        auto existing = incoming.headers.find(name);
        if (existing == incoming.headers.end())
            incoming.headers.insert(name, value);
        else
            *existing += ", " + value; // as RFC 9110 joins repeated fields
    }
    incoming.body = QByteArray(request.body().data(), int(request.body().size()));
    incoming.peer = qtAddressOf(m_peer);

    auto respond = [self = shared_from_this()](GatewayReply reply) {
        net::post(*self->m_front.io, [self, reply = std::move(reply)]() mutable { self->answer(std::move(reply)); });
    };
    m_front.handler(std::move(incoming), std::move(respond));
}

void Connection::answer(GatewayReply reply)
{
    if (m_phase != Phase::Working)
        return; // closed meanwhile (drained at the grace period's end)
    const bool keepAlive = m_keepAlive && !m_front.draining;
    m_response = Response(http::status(reply.status), 11);
    m_response.set(http::field::content_type,
                   std::string_view(reply.contentType.constData(), std::size_t(reply.contentType.size())));
    for (const auto &[name, value] : std::as_const(reply.headers))
        m_response.set(std::string_view(name.constData(), std::size_t(name.size())),
                       std::string_view(value.constData(), std::size_t(value.size())));
    m_response.keep_alive(keepAlive);
    if (m_headRequest) {
        m_response.content_length(std::uint64_t(reply.body.size())); // the length a GET would have, no body
    } else {
        m_response.body().assign(reply.body.constData(), std::size_t(reply.body.size()));
        m_response.prepare_payload();
    }
    m_phase = Phase::Writing;
    arm(SteadyClock::now() + std::chrono::milliseconds(m_front.limits.writeTimeoutMs));
    asyncWriteResponse([self = shared_from_this(), keepAlive](error_code ec) {
        self->disarm();
        if (ec || !keepAlive)
            return self->closeNow();
        self->readRequest(false);
    });
}

// The front's own refusals: answered, then the connection closes (its framing can no longer be trusted).
void Connection::refuse(int status, const char *code, const char *message)
{
    m_front.refusedOne(status);
    m_parser.reset();
    if (m_phase == Phase::Idle || m_phase == Phase::Handshake)
        return closeNow();
    m_response = Response(http::status(status), 11);
    m_response.set(http::field::content_type, "application/json");
    m_response.body() = std::string(R"({"code":")") + code + R"(","message":")" + message + "\"}";
    m_response.keep_alive(false);
    m_response.prepare_payload();
    m_phase = Phase::Refusing;
    arm(SteadyClock::now() + kRefusalWriteTime);
    asyncWriteResponse([self = shared_from_this()](error_code ec) {
        self->disarm();
        if (ec)
            return self->closeNow();
        self->linger();
    });
}

// After a refusal: no more answers, a little of what the client still sends is read and dropped
// (so it reads the refusal rather than a reset), then the connection closes.
void Connection::linger()
{
    if (encrypted())
        return closeNow();
    error_code ignored;
    socket().shutdown(tcp::socket::shutdown_send, ignored);
    m_phase = Phase::Lingering;
    arm(SteadyClock::now() + kLingerTime);
    m_lingered = 0;
    lingerRead();
}

void Connection::lingerRead()
{
    socket().async_read_some(net::buffer(m_discard), [self = shared_from_this()](error_code ec, std::size_t n) {
        self->m_lingered += n;
        if (ec || self->m_lingered >= kLingerBytes || self->m_phase != Phase::Lingering)
            return self->closeNow();
        self->lingerRead();
    });
}

void Connection::closeNow()
{
    if (m_phase == Phase::Closed)
        return;
    m_phase = Phase::Closed;
    disarm();
    error_code ignored;
    socket().shutdown(tcp::socket::shutdown_both, ignored);
    socket().close(ignored);
}

void TlsConnection::handshake()
{
    m_phase = Phase::Handshake;
    arm(m_headDeadline); // the handshake counts against the first request's head deadline
    m_stream.async_handshake(net::ssl::stream_base::server, [self = shared_from_this(), this](error_code ec) {
        disarm();
        if (ec)
            return closeNow();
        readRequest(true);
    });
}

// --- the listener ----------------------------------------------------------------------------

void HttpFront::Impl::accept()
{
    if (!acceptor || !acceptor->is_open() || draining || acceptPaused)
        return;
    acceptor->async_accept(*io, [this](error_code ec, tcp::socket socket) { onAccept(ec, std::move(socket)); });
}

void HttpFront::Impl::onAccept(const error_code &ec, tcp::socket socket)
{
    if (ec == net::error::operation_aborted || draining)
        return;
    if (outOfDescriptors(ec)) {
        // The connection waits in the kernel's backlog; trying again at once would spin. Resume
        // when a connection closes, or after a short pause.
        acceptPaused = true;
        acceptPause->expires_after(kAcceptPause);
        acceptPause->async_wait([this](error_code waited) {
            if (!waited && acceptPaused.exchange(false))
                accept();
        });
        return;
    }
    if (ec)
        return accept(); // e.g. the client gave up before we accepted
    error_code endpointError;
    const tcp::endpoint remote = socket.remote_endpoint(endpointError);
    if (endpointError)
        return accept();
    const net::ip::address peer = remote.address();
    const QString group = groupOf(peer);
    std::list<std::weak_ptr<Connection>>::iterator entry;
    {
        std::lock_guard lock(mutex);
        int &fromPeer = perAddress[group];
        if (open >= cap || (limits.maxConnectionsPerIp > 0 && fromPeer >= limits.maxConnectionsPerIp)) {
            if (fromPeer == 0)
                perAddress.erase(group);
            error_code ignored;
            socket.close(ignored); // no work for a connection past a cap
            accept();
            return;
        }
        ++open;
        ++fromPeer;
        entry = connections.insert(connections.end(), std::weak_ptr<Connection>());
    }
    error_code ignored;
    socket.set_option(tcp::no_delay(true), ignored);
    std::shared_ptr<Connection> connection;
    if (tls)
        connection = std::make_shared<TlsConnection>(*this, peer, std::move(socket));
    else
        connection = std::make_shared<PlainConnection>(*this, peer, std::move(socket));
    {
        std::lock_guard lock(mutex);
        *entry = connection;
    }
    connection->registered(entry);
    connection->start();
    accept();
}

void HttpFront::Impl::release(const net::ip::address &peer, std::list<std::weak_ptr<Connection>>::iterator entry)
{
    {
        std::lock_guard lock(mutex);
        --open;
        auto it = perAddress.find(groupOf(peer));
        if (it != perAddress.end() && --it->second <= 0)
            perAddress.erase(it);
        connections.erase(entry);
    }
    allClosed.notify_all();
    // A descriptor is free again: accepting resumes now rather than after the pause.
    if (acceptPaused && !stopped)
        net::post(*io, [this] {
            if (acceptPaused.exchange(false)) {
                acceptPause->cancel();
                accept();
            }
        });
}

void HttpFront::Impl::drainNow()
{
    draining = true;
    error_code ignored;
    if (acceptor)
        acceptor->close(ignored);
    if (acceptPause)
        acceptPause->cancel();
    std::list<std::shared_ptr<Connection>> alive;
    {
        std::lock_guard lock(mutex);
        for (const auto &weak : connections)
            if (auto connection = weak.lock())
                alive.push_back(std::move(connection));
    }
    for (const auto &connection : alive)
        connection->drain();
}

// --- HttpFront -------------------------------------------------------------------------------

HttpFront::HttpFront(const HttpLimits &limits, Handler handler, Refused refused) : m_impl(std::make_unique<Impl>())
{
    m_impl->limits = limits;
    m_impl->handler = std::move(handler);
    m_impl->refused = std::move(refused);
}

HttpFront::~HttpFront()
{
    stop(0);
}

Status HttpFront::useTls(const QByteArray &certificateChainPem, const QByteArray &privateKeyPem)
{
    net::ssl::context context(net::ssl::context::tls_server);
    context.set_options(net::ssl::context::default_workarounds | net::ssl::context::no_sslv2 |
                        net::ssl::context::no_sslv3 | net::ssl::context::single_dh_use);
    SSL_CTX_set_min_proto_version(context.native_handle(), TLS1_2_VERSION);
    error_code ec;
    context.use_certificate_chain(net::buffer(certificateChainPem.constData(), std::size_t(certificateChainPem.size())),
                                  ec);
    if (!ec)
        context.use_private_key(net::buffer(privateKeyPem.constData(), std::size_t(privateKeyPem.size())),
                                net::ssl::context::pem, ec);
    if (ec)
        return Error(
            ErrorCode::CertificateInvalid,
            QStringLiteral("the TLS certificate or key is not usable: %1").arg(QString::fromStdString(ec.message())));
    if (SSL_CTX_check_private_key(context.native_handle()) != 1)
        return Error(ErrorCode::CertificateInvalid, QStringLiteral("the TLS key does not belong to the certificate"));
    m_impl->tls.emplace(std::move(context));
    return {};
}

Result<quint16> HttpFront::start(const QHostAddress &address, quint16 port)
{
    Impl &impl = *m_impl;
    error_code ec;
    const net::ip::address ip = net::ip::make_address(address.toString().toStdString(), ec);
    if (ec)
        return Error(ErrorCode::InvalidArgument,
                     QStringLiteral("not an address to listen on: %1").arg(address.toString()));
    const auto refused = [&](const error_code &why) {
        return Error(ErrorCode::InvalidArgument, QStringLiteral("cannot listen on %1:%2: %3")
                                                     .arg(address.toString())
                                                     .arg(port)
                                                     .arg(QString::fromStdString(why.message())));
    };
    impl.acceptor.emplace(*impl.io);
    const tcp::endpoint endpoint(ip, port);
    impl.acceptor->open(endpoint.protocol(), ec);
    if (!ec)
        impl.acceptor->set_option(tcp::acceptor::reuse_address(true), ec);
    if (!ec)
        impl.acceptor->bind(endpoint, ec);
    if (!ec)
        impl.acceptor->listen(net::socket_base::max_listen_connections, ec);
    if (ec) {
        impl.acceptor.reset();
        return refused(ec);
    }
    const quint16 bound = impl.acceptor->local_endpoint().port();
    impl.cap = effectiveCap(impl.limits);
    impl.acceptPause.emplace(*impl.io);
    impl.accept();
    impl.thread = std::thread([&impl] { impl.io->run(); });
    return bound;
}

void HttpFront::beginDrain()
{
    Impl &impl = *m_impl;
    if (!impl.thread.joinable())
        return;
    net::post(*impl.io, [&impl] { impl.drainNow(); });
}

void HttpFront::stop(int graceMs)
{
    Impl &impl = *m_impl;
    if (!impl.thread.joinable())
        return;
    beginDrain();
    {
        std::unique_lock lock(impl.mutex);
        impl.allClosed.wait_for(lock, std::chrono::milliseconds(graceMs), [&impl] { return impl.open == 0; });
    }
    impl.stopped = true;
    impl.io->stop();
    impl.thread.join();
    // Connections still open are dropped with the handlers that hold them.
    impl.acceptor.reset();
    impl.acceptPause.reset();
    impl.io.reset();
}

} // namespace paydesk
