#pragma once

#include "core/util/Result.h"

#include <QStringList>

namespace paydesk {

// An SQLite database holds identity documents, bank accounts and payer ids: its files are for
// their owner alone. SQLite creates the -wal, -shm and -journal files with the mode of the main
// file (and its own temporary files 0600, unlinked at once), so a main file created 0600 keeps
// all of them private whatever the umask.
namespace DatabaseFiles {

// The database file and the companions SQLite may keep beside it.
QStringList companions(const QString &databasePath);

// Before the first connection: creates the directory (0700) and the file (0600, empty: a valid
// empty database) when missing, and narrows an existing file or companion that others may
// read or write to 0600. Returns a line for each file it narrowed ("path: 0644 → 0600") or
// could not narrow (not its owner: "path: 0644, cannot change it: …"), for the caller to warn.
Result<QStringList> makePrivate(const QString &databasePath);

} // namespace DatabaseFiles
} // namespace paydesk
