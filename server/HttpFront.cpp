#include "server/HttpFront.h"
#include "server/HttpConnection.h"

#include "core/util/Error.h"

#include <boost/asio/post.hpp>

#include <openssl/ssl.h>
#include <sys/resource.h>

#include <cerrno>
#include <limits>

namespace paydesk {

namespace {

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

} // namespace

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
    std::shared_ptr<Connection> connection = makeConnection(*this, peer, std::move(socket));
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
