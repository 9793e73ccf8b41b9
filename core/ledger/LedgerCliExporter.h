#pragma once

#include "core/util/Result.h"

class QIODevice;

namespace paydesk {

class Database;

// Writes the whole journal as a ledger-cli (https://ledger-cli.org) text file, one
// transaction per entry with its postings in the account's currency, so that
// `ledger -f FILE balance` can be used to cross-check Paydesk's own balances.
// Streams entry by entry: memory stays flat for any journal size.
class LedgerCliExporter
{
public:
    explicit LedgerCliExporter(Database &database);

    // Returns the number of entries written.
    Result<qint64> write(QIODevice &out);

private:
    Database &m_database;
};

} // namespace paydesk
