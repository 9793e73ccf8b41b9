#pragma once

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QString>
#include <QUrl>

#include <functional>

namespace paydesk::test {

// The gateway benchmark's applications: `connections` keep-alive HTTP/1.1 connections on a
// thread of their own ("load generator"), each with one signed create request in flight at a
// time. Plain sockets rather than QNetworkAccessManager, so that the generator costs little of
// the machine it measures (the gateway answers with Content-Length, which is all it reads).
class LoadGenerator
{
public:
    struct Settings
    {
        QUrl base; // http://host:port of the gateway
        QString appId;
        QByteArray hmacKey;
        QString method = QStringLiteral("wechat.native");
        int connections = 8;
        int warmUpSeconds = 3;
        int measuredSeconds = 10;
        // Called on the generator's thread when the measured window opens and when it closes (by
        // the first application to notice).
        std::function<void()> windowOpens;
        std::function<void()> windowCloses;
    };
    struct Result
    {
        QList<double> latenciesMs;          // of 200 answers to requests sent within the window
        QMap<int, int> failures;            // HTTP status (0: connection lost) → count
        QMap<int, QByteArray> firstFailure; // HTTP status → the first such answer's body
    };

    // Runs the load to its end (warm-up and measured window) and returns what the applications saw.
    static Result run(const Settings &settings);
};

} // namespace paydesk::test
