#pragma once

#include "core/reconciliation/StatementFileStore.h"

#include <QIODevice>

#include <functional>

namespace paydesk {

class Database;

// What keeping a statement file found.
struct KeptStatement
{
    qint64 fileId = 0;
    QString sha256; // lowercase hex
    qint64 byteSize = 0;
    // The same bytes were kept already for this account and date: fileId is that file's, and the
    // caller says "already imported" and starts no new run.
    bool alreadyKept = false;
};

// Keeps statement files as they came (issue 18: the file is kept, compressed, with its SHA-256)
// and gives their bytes back, in bounded memory whatever the file's size: 1 MiB of the original
// at a time, each piece zstd-compressed on its own into one chunk row (chunks kept before are
// zlib streams, and restore reads both).
//
// Keeping writes each chunk in a short transaction of its own, so a multi-GB bill never holds
// SQLite's writer lock (and so the gateway) for long: until the last one the file row is
// unfinished, and only then does it become the kept file, or go away again when the same bytes
// were kept before. A process that dies meanwhile leaves an unfinished row that
// StatementFileStore::removeUnfinished clears; readers never see it.
namespace StatementArchive {

constexpr qint64 kChunkBytes = qint64(1) << 20; // of the original, per chunk

// Reads `source` to its end. FileUnreadable when it cannot be read; database errors as they come.
// Call it outside any unit of work: inside one, every chunk would join (and hold) that transaction.
Result<KeptStatement> keep(Database &database, QIODevice &source, const StatementToKeep &file, const QDateTime &now);
Result<KeptStatement> keep(Database &database, const QString &path, const StatementToKeep &file, const QDateTime &now);

// Streams the kept file's original bytes to `onBytes` in order (pieces of at most kChunkBytes),
// checking the SHA-256 and the size at the end: StatementFileCorrupt naming the file id when a
// chunk is missing or does not inflate, or the bytes are not those kept. The last piece reaches
// `onBytes` before that check, so a consumer keeps nothing it was given until restore succeeds.
// An error `onBytes` returns stops it and is the answer. StatementFileUnknown for no such file.
Status restore(Database &database, qint64 fileId, const std::function<Status(const QByteArray &bytes)> &onBytes);
// The same into a device open for writing (FileUnwritable when a write fails).
Status restoreTo(Database &database, qint64 fileId, QIODevice &target);

} // namespace StatementArchive
} // namespace paydesk
