#pragma once

#include <QString>

namespace paydesk::bench {

// What a reconciliation run cannot do without, each measured alone in the same run as the run:
// keeping the bill (SHA-256 by OpenSSL and zstd level 1 over it, as StatementArchive does, with
// no database), parsing it (StatementParser with a handler that keeps nothing), and reading our
// side (the run's own query of the day's paid orders, by the sqlite3 shell or psql). Their sum is
// CPU a run must spend; on N cores it cannot take less than about sum / N.
struct RunFloors
{
    QString error;
    double keep = 0;
    double parse = 0;
    double ourSide = 0;
    qint64 parsedLines = 0;
    qint64 ourRows = 0;

    double sum() const { return keep + parse + ourSide; }

    static RunFloors measure(const QString &bill, const QString &databaseUrl, qint64 channelAccountId);
};

} // namespace paydesk::bench
