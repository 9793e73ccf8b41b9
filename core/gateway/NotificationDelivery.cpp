#include "core/gateway/NotificationDelivery.h"

#include "core/security/OutboundAddress.h"

#include <QElapsedTimer>
#include <QHostAddress>
#include <QSocketNotifier>
#include <QUrl>

#include <curl/curl.h>
#include <sys/socket.h>

#include <mutex>

namespace paydesk {

struct NotificationDelivery::Transfer
{
    CURL *easy = nullptr;
    Done done;
    const Limits *limits = nullptr;
    bool developmentEndpoints = false;
    curl_slist *headers = nullptr;
    curl_slist *resolve = nullptr;
    QByteArray url;
    QByteArray answer;
    qint64 headerBytes = 0;
    bool answerTooLong = false;
    bool headersTooLong = false;
    QString refused; // why an address was refused, when one was
    char reason[CURL_ERROR_SIZE] = {};
    QElapsedTimer clock;

    ~Transfer()
    {
        curl_slist_free_all(headers);
        curl_slist_free_all(resolve);
    }
};

struct DeliveryCallbacks
{
    static int socket(CURL *, curl_socket_t socket, int what, void *self, void *)
    {
        static_cast<NotificationDelivery *>(self)->watch(socket, what);
        return 0;
    }

    static int timer(CURLM *, long timeoutMs, void *self)
    {
        auto *delivery = static_cast<NotificationDelivery *>(self);
        if (timeoutMs < 0)
            delivery->m_timer.stop();
        else
            delivery->m_timer.start(int(qMin(timeoutMs, long(24 * 3600 * 1000))));
        return 0;
    }

    // The address libcurl is about to connect to, after its own name resolution: the one check
    // that DNS rebinding cannot get around, since nothing is looked up again after it.
    static curl_socket_t openSocket(void *data, curlsocktype purpose, curl_sockaddr *address)
    {
        auto *transfer = static_cast<NotificationDelivery::Transfer *>(data);
        if (purpose != CURLSOCKTYPE_IPCXN)
            return CURL_SOCKET_BAD;
        const QString refused = OutboundAddress::refusal(QHostAddress(&address->addr), transfer->developmentEndpoints);
        if (!refused.isEmpty()) {
            if (transfer->refused.isEmpty())
                transfer->refused = refused;
            return CURL_SOCKET_BAD;
        }
        return ::socket(address->family, address->socktype | SOCK_CLOEXEC, address->protocol);
    }

    // Before each request, on a new or a reused connection: the address it is connected to
    // (a connection kept from before the setting changed is held to today's rule too).
    static int beforeRequest(void *data, char *primaryIp, char *, int, int)
    {
        auto *transfer = static_cast<NotificationDelivery::Transfer *>(data);
        const QString refused =
            OutboundAddress::refusal(QHostAddress(QString::fromLatin1(primaryIp)), transfer->developmentEndpoints);
        if (refused.isEmpty())
            return CURL_PREREQFUNC_OK;
        transfer->refused = refused;
        return CURL_PREREQFUNC_ABORT;
    }

    static size_t body(char *data, size_t size, size_t count, void *target)
    {
        auto *transfer = static_cast<NotificationDelivery::Transfer *>(target);
        const size_t bytes = size * count;
        if (transfer->answer.size() + qint64(bytes) > transfer->limits->maxAnswerBytes) {
            transfer->answerTooLong = true;
            return 0; // libcurl stops the transfer: nothing more is read
        }
        transfer->answer.append(data, qsizetype(bytes));
        return bytes;
    }

    static size_t header(char *, size_t size, size_t count, void *target)
    {
        auto *transfer = static_cast<NotificationDelivery::Transfer *>(target);
        const size_t bytes = size * count;
        transfer->headerBytes += qint64(bytes);
        if (transfer->headerBytes > transfer->limits->maxHeaderBytes) {
            transfer->headersTooLong = true;
            return 0;
        }
        return bytes;
    }
};

NotificationDelivery::NotificationDelivery(const Limits &limits, QObject *parent) : QObject(parent), m_limits(limits)
{
    static std::once_flag initialized;
    std::call_once(initialized, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
    m_multi = curl_multi_init();
    curl_multi_setopt(m_multi, CURLMOPT_SOCKETFUNCTION, &DeliveryCallbacks::socket);
    curl_multi_setopt(m_multi, CURLMOPT_SOCKETDATA, this);
    curl_multi_setopt(m_multi, CURLMOPT_TIMERFUNCTION, &DeliveryCallbacks::timer);
    curl_multi_setopt(m_multi, CURLMOPT_TIMERDATA, this);
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, [this] { act(CURL_SOCKET_TIMEOUT, 0); });
}

NotificationDelivery::~NotificationDelivery()
{
    m_closing = true;
    for (auto it = m_transfers.cbegin(); it != m_transfers.cend(); ++it) {
        curl_multi_remove_handle(m_multi, it.key());
        curl_easy_cleanup(it.key());
    }
    m_transfers.clear();
    curl_multi_cleanup(m_multi);
}

void NotificationDelivery::post(const Post &post, Done done)
{
    auto transfer = std::make_shared<Transfer>();
    transfer->done = std::move(done);
    transfer->limits = &m_limits;
    transfer->developmentEndpoints = post.developmentEndpoints;
    transfer->url = post.url.toUtf8();
    transfer->clock.start();
    CURL *easy = curl_easy_init();
    const QString scheme = QUrl(post.url).scheme().toLower();
    if (!easy || (scheme == QLatin1String("http") && !post.developmentEndpoints)) {
        // Refused before anything is looked up or sent; still answered from the event loop.
        if (easy)
            curl_easy_cleanup(easy);
        Outcome outcome;
        outcome.refused = easy != nullptr;
        outcome.failure =
            easy ? QStringLiteral("refused: plain http (allowed only with network.development_endpoints on)")
                 : QStringLiteral("libcurl could not start");
        QMetaObject::invokeMethod(
            this, [transfer, outcome] { transfer->done(outcome); }, Qt::QueuedConnection);
        return;
    }
    transfer->easy = easy;
    for (const auto &[name, value] : post.headers)
        transfer->headers = curl_slist_append(transfer->headers, (name + ": " + value).constData());
    transfer->headers = curl_slist_append(transfer->headers, "Expect:");
    for (const QString &entry : std::as_const(m_resolveOverrides))
        transfer->resolve = curl_slist_append(transfer->resolve, entry.toLatin1().constData());

    curl_easy_setopt(easy, CURLOPT_URL, transfer->url.constData());
    curl_easy_setopt(easy, CURLOPT_PROTOCOLS_STR, post.developmentEndpoints ? "http,https" : "https");
    curl_easy_setopt(easy, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(easy, CURLOPT_PROXY, ""); // straight to the checked address, whatever the environment says
    curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(easy, CURLOPT_HTTP_VERSION, long(CURL_HTTP_VERSION_1_1));
    curl_easy_setopt(easy, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(easy, CURLOPT_SSL_VERIFYHOST, 2L);
    curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, long(m_limits.deadlineMs));
    curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT_MS, long(qMin(m_limits.connectTimeoutMs, m_limits.deadlineMs)));
    curl_easy_setopt(easy, CURLOPT_MAXFILESIZE_LARGE, curl_off_t(m_limits.maxAnswerBytes));
    curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, transfer->reason);
    curl_easy_setopt(easy, CURLOPT_HTTPHEADER, transfer->headers);
    if (transfer->resolve)
        curl_easy_setopt(easy, CURLOPT_RESOLVE, transfer->resolve);
    curl_easy_setopt(easy, CURLOPT_OPENSOCKETFUNCTION, &DeliveryCallbacks::openSocket);
    curl_easy_setopt(easy, CURLOPT_OPENSOCKETDATA, transfer.get());
    curl_easy_setopt(easy, CURLOPT_PREREQFUNCTION, &DeliveryCallbacks::beforeRequest);
    curl_easy_setopt(easy, CURLOPT_PREREQDATA, transfer.get());
    curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, &DeliveryCallbacks::body);
    curl_easy_setopt(easy, CURLOPT_WRITEDATA, transfer.get());
    curl_easy_setopt(easy, CURLOPT_HEADERFUNCTION, &DeliveryCallbacks::header);
    curl_easy_setopt(easy, CURLOPT_HEADERDATA, transfer.get());
    curl_easy_setopt(easy, CURLOPT_POST, 1L);
    curl_easy_setopt(easy, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(post.body.size()));
    curl_easy_setopt(easy, CURLOPT_COPYPOSTFIELDS, post.body.constData());
    m_transfers.insert(easy, transfer);
    curl_multi_add_handle(m_multi, easy); // sets the timer: the post starts from the event loop
}

void NotificationDelivery::watch(int socket, int what)
{
    if (m_closing)
        return;
    if (what == CURL_POLL_REMOVE) {
        const Watch gone = m_watches.take(socket);
        for (QSocketNotifier *notifier : {gone.read, gone.write}) {
            if (notifier) {
                notifier->setEnabled(false);
                notifier->deleteLater(); // it may be the one whose signal is being handled
            }
        }
        return;
    }
    Watch &watched = m_watches[socket];
    auto ensure = [&](QSocketNotifier *&notifier, QSocketNotifier::Type type, int events) {
        if (!notifier) {
            notifier = new QSocketNotifier(socket, type, this);
            connect(notifier, &QSocketNotifier::activated, this, [this, socket, events] { act(socket, events); });
        }
    };
    if (what & CURL_POLL_IN)
        ensure(watched.read, QSocketNotifier::Read, CURL_CSELECT_IN);
    if (what & CURL_POLL_OUT)
        ensure(watched.write, QSocketNotifier::Write, CURL_CSELECT_OUT);
    if (watched.read)
        watched.read->setEnabled((what & CURL_POLL_IN) != 0);
    if (watched.write)
        watched.write->setEnabled((what & CURL_POLL_OUT) != 0);
}

void NotificationDelivery::act(int socket, int events)
{
    int running = 0;
    curl_multi_socket_action(m_multi, curl_socket_t(socket), events, &running);
    finishDone();
}

void NotificationDelivery::finishDone()
{
    QList<std::pair<std::shared_ptr<Transfer>, Outcome>> finished;
    int left = 0;
    while (CURLMsg *message = curl_multi_info_read(m_multi, &left)) {
        if (message->msg != CURLMSG_DONE)
            continue;
        CURL *easy = message->easy_handle;
        std::shared_ptr<Transfer> transfer = m_transfers.take(easy);
        const CURLcode result = message->data.result; // read before the handle goes
        curl_multi_remove_handle(m_multi, easy);
        if (transfer)
            finished.append({transfer, outcomeOf(*transfer, int(result))});
        curl_easy_cleanup(easy);
        if (transfer)
            transfer->easy = nullptr;
    }
    for (const auto &[transfer, outcome] : std::as_const(finished))
        transfer->done(outcome);
}

NotificationDelivery::Outcome NotificationDelivery::outcomeOf(Transfer &transfer, int code) const
{
    const auto result = CURLcode(code);
    Outcome outcome;
    outcome.durationMs = int(transfer.clock.elapsed());
    long status = 0;
    curl_easy_getinfo(transfer.easy, CURLINFO_RESPONSE_CODE, &status);
    outcome.httpStatus = int(status);
    if (result == CURLE_OK) {
        outcome.body = transfer.answer;
        return outcome;
    }
    if (!transfer.refused.isEmpty()) {
        outcome.refused = true;
        outcome.httpStatus = 0;
        outcome.failure = QStringLiteral("refused: ") + transfer.refused;
    } else if (transfer.answerTooLong || result == CURLE_FILESIZE_EXCEEDED) {
        outcome.failure =
            QStringLiteral("the answer is longer than %1 bytes: not read further").arg(m_limits.maxAnswerBytes);
    } else if (transfer.headersTooLong) {
        outcome.failure = QStringLiteral("the answer's headers are longer than %1 bytes: not read further")
                              .arg(m_limits.maxHeaderBytes);
    } else if (result == CURLE_OPERATION_TIMEDOUT) {
        outcome.failure =
            QStringLiteral("no complete answer within %1 ms (%2)")
                .arg(m_limits.deadlineMs)
                .arg(QString::fromUtf8(transfer.reason[0] ? transfer.reason : curl_easy_strerror(result)));
    } else {
        outcome.failure = QStringLiteral("not delivered: ") +
                          QString::fromUtf8(transfer.reason[0] ? transfer.reason : curl_easy_strerror(result));
    }
    return outcome;
}

} // namespace paydesk
