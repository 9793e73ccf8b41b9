#pragma once

// Private to the HTTP front (HttpFront.cpp, HttpConnection.cpp): the listener's shared state and
// one client connection. Boost.Beast/Asio are seen by these two translation units alone.

#include "server/HttpFront.h"

#include <QHostAddress>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>

#include <array>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <list>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

namespace paydesk {

namespace net = boost::asio;
namespace http = boost::beast::http;
using tcp = net::ip::tcp;
using error_code = boost::system::error_code;
using SteadyClock = std::chrono::steady_clock;

using Request = http::request<http::string_body>;
using Response = http::response<http::string_body>;

constexpr std::size_t kReadChunk = 4096;

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

// A connection for an accepted socket: TLS when the front has a TLS context, else plain.
std::shared_ptr<Connection> makeConnection(HttpFront::Impl &front, net::ip::address peer, tcp::socket socket);

QHostAddress qtAddressOf(const net::ip::address &address);
// What the per-client connection cap counts (an IPv6 client by its /64, like the callback throttle).
QString groupOf(const net::ip::address &address);

} // namespace paydesk
