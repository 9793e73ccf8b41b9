#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QObject>
#include <QStringList>
#include <QTimer>

#include <functional>
#include <memory>

class QSocketNotifier;

namespace paydesk {

// How much of a notify URL's answer is read and how long it may take (NotificationDelivery).
struct NotificationDeliveryLimits
{
    int maxAnswerBytes = 4096;
    int maxHeaderBytes = 16 * 1024;
    int deadlineMs = 10000; // the whole post, from name resolution to the last byte
    int connectTimeoutMs = 5000;
};

// Posts merchant notifications with libcurl's multi interface on the owning thread's event loop
// (many posts at once, no thread each), treating every notify URL as hostile:
//   * the address libcurl is about to connect to — after its own name resolution, so what is
//     checked is what is connected to, with no second lookup for DNS rebinding to change — and
//     the address of a reused connection before each request must pass OutboundAddress; a
//     refused target is never connected to and nothing of it is read;
//   * https only, plain http only with development endpoints on; no redirects, no proxy;
//   * at most `maxAnswerBytes` of an answer are read (more aborts the post) and its headers are
//     bounded, so an endless answer costs a few KiB;
//   * one deadline for the whole post, from name resolution to the last byte, so a trickling
//     answer ends like a silent one.
class NotificationDelivery : public QObject
{
    Q_OBJECT
public:
    using Limits = NotificationDeliveryLimits;
    struct Post
    {
        QString url;
        QList<std::pair<QByteArray, QByteArray>> headers;
        QByteArray body;
        bool developmentEndpoints = false; // Settings::DevelopmentEndpoints when the post started
    };
    struct Outcome
    {
        int httpStatus = 0;   // the status line's code, when one came
        QByteArray body;      // at most maxAnswerBytes; empty unless the answer was complete
        QString failure;      // empty when the answer is complete and usable; otherwise why not
        bool refused = false; // the target was refused: nothing was sent to it
        int durationMs = 0;
    };
    using Done = std::function<void(const Outcome &)>;

    explicit NotificationDelivery(const Limits &limits = Limits(), QObject *parent = nullptr);
    ~NotificationDelivery() override; // posts still running end without their callbacks

    // `done` is called once, on this object's thread, from its event loop (never from post()).
    void post(const Post &post, Done done);
    int inFlight() const { return int(m_transfers.size()); }
    const Limits &limits() const { return m_limits; }

    // For tests: "host:port:address" entries answered instead of the DNS (libcurl's
    // CURLOPT_RESOLVE), to have a name resolve to an address of one's choice.
    void setResolveOverrides(const QStringList &entries) { m_resolveOverrides = entries; }

private:
    struct Transfer;
    friend struct DeliveryCallbacks; // libcurl's callbacks, with libcurl's exact types (in the .cpp)
    struct Watch
    {
        QSocketNotifier *read = nullptr;
        QSocketNotifier *write = nullptr;
    };

    // What libcurl asks of the event loop: watch a socket for `what` (CURL_POLL_*), wake it at a time.
    void watch(int socket, int what);
    void act(int socket, int events);
    // Hands the finished posts their outcomes.
    void finishDone();
    Outcome outcomeOf(Transfer &transfer, int result) const;

    Limits m_limits;
    void *m_multi = nullptr; // CURLM
    QTimer m_timer;
    QHash<int, Watch> m_watches;
    QHash<void *, std::shared_ptr<Transfer>> m_transfers; // by CURL easy handle
    QStringList m_resolveOverrides;
    bool m_closing = false;
};

} // namespace paydesk
