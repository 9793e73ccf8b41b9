#include "server/HttpConnection.h"

#include "core/util/AddressGroup.h"

#include <QHostAddress>

#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>

namespace paydesk {

namespace {

// Bytes read and thrown away after a refusal, so the refusal is not lost to a reset while the
// client is still sending; then the connection closes whatever remains.
constexpr std::size_t kLingerBytes = 64 * 1024;
constexpr auto kLingerTime = std::chrono::seconds(1);
constexpr auto kRefusalWriteTime = std::chrono::seconds(5);

} // namespace

QHostAddress qtAddressOf(const net::ip::address &address)
{
    return QHostAddress(QString::fromStdString(address.to_string()));
}

QString groupOf(const net::ip::address &address)
{
    return addressGroupOf(qtAddressOf(address));
}

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

std::shared_ptr<Connection> makeConnection(HttpFront::Impl &front, net::ip::address peer, tcp::socket socket)
{
    if (front.tls)
        return std::make_shared<TlsConnection>(front, std::move(peer), std::move(socket));
    return std::make_shared<PlainConnection>(front, std::move(peer), std::move(socket));
}

} // namespace paydesk
