#pragma once

#include <QStringList>

namespace paydesk::sandbox {

// The client side of paydesk-sandbox: `pay`, `fault`, `faults`, `merchants`, `merchant`, `trades`,
// `callbacks` talk to a running sandbox through its /__sandbox API over HTTPS (trusting the
// sandbox CA). Returns the process exit code.
struct SandboxClientOptions
{
    QString stateDirectory;
    QString url; // empty: the URL the running sandbox wrote to <state>/url
    QString command;
    QStringList arguments;
    bool fail = false;       // pay --fail
    QString channel;         // pay --channel
    QString trade;           // fault --trade
    qint64 value = 0;        // fault --value
    int times = -1;          // fault --times
    bool off = false;        // fault --off
    QString merchant;        // fault --merchant (bill faults)
    QString date;            // fault --date (bill faults)
    qint64 feePpm = -1;      // merchant --fee-ppm
    bool useDefault = false; // merchant --default
    bool clear = false;      // faults --clear
};

int runSandboxClient(const SandboxClientOptions &options);

} // namespace paydesk::sandbox
