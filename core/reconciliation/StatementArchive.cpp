#include "core/reconciliation/StatementArchive.h"

#include "core/storage/Database.h"
#include "core/storage/UnitOfWork.h"

#include <QFile>

#include <openssl/evp.h>
#include <zlib.h>
#include <zstd.h>

#include <memory>

namespace paydesk::StatementArchive {

namespace {
// Statements are text that compresses well even at zstd's fastest standard level (about 14:1 for a
// WeChat bill, at several hundred MB/s), and keeping must not dominate a run of a large bill.
// Chunks kept before zstd was used are zlib streams; a chunk's first bytes say which it is.
constexpr int kCompressionLevel = 1;
constexpr unsigned char kZstdMagic[4] = {0x28, 0xB5, 0x2F, 0xFD};

// SHA-256 over pieces, through OpenSSL (which uses the CPU's SHA instructions where it has them:
// several times QCryptographicHash's speed, and the hash of a multi-GB bill counts).
class Sha256
{
public:
    Sha256() : m_context(EVP_MD_CTX_new(), EVP_MD_CTX_free)
    {
        m_ok = m_context && EVP_DigestInit_ex(m_context.get(), EVP_sha256(), nullptr) == 1;
    }
    void add(QByteArrayView piece)
    {
        m_ok = m_ok && EVP_DigestUpdate(m_context.get(), piece.data(), size_t(piece.size())) == 1;
    }
    // Lowercase hex; empty when OpenSSL failed.
    QString hex()
    {
        unsigned char digest[EVP_MAX_MD_SIZE];
        unsigned int length = 0;
        if (!m_ok || EVP_DigestFinal_ex(m_context.get(), digest, &length) != 1)
            return {};
        return QString::fromLatin1(QByteArray(reinterpret_cast<const char *>(digest), int(length)).toHex());
    }

private:
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> m_context;
    bool m_ok = false;
};

// Up to buffer.size() bytes of `source`, fewer only at its end; 0 at the end.
Result<qint64> fill(QIODevice &source, QByteArray &buffer)
{
    qint64 filled = 0;
    while (filled < buffer.size()) {
        const qint64 got = source.read(buffer.data() + filled, buffer.size() - filled);
        if (got < 0)
            return Error(ErrorCode::FileUnreadable, source.errorString());
        // Nothing now: the end of a file, or a pipe or socket that may still bring more.
        if (got == 0 && !source.waitForReadyRead(30000))
            break;
        filled += got;
    }
    return filled;
}

Result<QByteArray> compressed(ZSTD_CCtx *context, QByteArrayView piece)
{
    QByteArray out(qsizetype(ZSTD_compressBound(size_t(piece.size()))), Qt::Uninitialized);
    const size_t size = context ? ZSTD_compressCCtx(context, out.data(), size_t(out.size()), piece.data(),
                                                    size_t(piece.size()), kCompressionLevel)
                                : 0;
    if (!context || ZSTD_isError(size))
        return Error(ErrorCode::InvalidArgument,
                     QStringLiteral("zstd cannot compress (%1)")
                         .arg(QString::fromLatin1(context ? ZSTD_getErrorName(size) : "no context")));
    out.resize(qsizetype(size));
    return out;
}

Error corrupt(qint64 fileId, const QString &why)
{
    return Error(ErrorCode::StatementFileCorrupt, QStringLiteral("statement file %1: %2").arg(fileId).arg(why));
}

// One piece back: at most kChunkBytes, as every chunk was written (zstd, or zlib before it).
Result<QByteArray> inflated(qint64 fileId, int seq, const QByteArray &data)
{
    QByteArray out(qsizetype(kChunkBytes), Qt::Uninitialized);
    if (data.startsWith(QByteArrayView(reinterpret_cast<const char *>(kZstdMagic), sizeof kZstdMagic))) {
        const size_t size = ZSTD_decompress(out.data(), size_t(out.size()), data.constData(), size_t(data.size()));
        if (ZSTD_isError(size))
            return corrupt(fileId, QStringLiteral("chunk %1 does not decompress (zstd: %2)")
                                       .arg(seq)
                                       .arg(QString::fromLatin1(ZSTD_getErrorName(size))));
        out.resize(qsizetype(size));
        return out;
    }
    uLongf size = uLongf(kChunkBytes);
    const int result = uncompress(reinterpret_cast<Bytef *>(out.data()), &size,
                                  reinterpret_cast<const Bytef *>(data.constData()), uLong(data.size()));
    if (result != Z_OK)
        return corrupt(fileId, QStringLiteral("chunk %1 does not inflate (zlib %2)").arg(seq).arg(result));
    out.resize(qsizetype(size));
    return out;
}

template <typename Write>
Status inOwnTransaction(Database &database, Write write, UnitOfWork::Flush flush = UnitOfWork::Flush::Now)
{
    UnitOfWork work(database, flush);
    if (!work.isActive())
        return work.error();
    const Status written = write(work.connection());
    if (!written)
        return written;
    return work.commit();
}

// Best effort after a failure: the unfinished row would otherwise wait for removeUnfinished.
void discard(Database &database, qint64 fileId)
{
    const Status removed =
        inOwnTransaction(database, [fileId](const QSqlDatabase &db) { return StatementFileStore::remove(db, fileId); });
    Q_UNUSED(removed);
}

// Makes the unfinished file the kept one, or, when the same bytes were kept meanwhile or before,
// removes it and answers that one.
Result<KeptStatement> settle(Database &database, qint64 fileId, const StatementToKeep &file, KeptStatement kept,
                             int chunkCount)
{
    qint64 existing = 0;
    const Status settled = inOwnTransaction(database, [&](const QSqlDatabase &db) -> Status {
        auto found = StatementFileStore::findKept(db, file.channelAccountId, file.billDate, kept.sha256);
        if (!found)
            return found.error();
        existing = *found;
        if (existing)
            return StatementFileStore::remove(db, fileId);
        return StatementFileStore::finish(db, fileId, kept.sha256, kept.byteSize, chunkCount);
    });
    if (!settled) {
        // Another process kept the same bytes between our look and our update: answer its file.
        auto connection = database.connection();
        if (!connection)
            return settled.error();
        auto found = StatementFileStore::findKept(*connection, file.channelAccountId, file.billDate, kept.sha256);
        if (!found || !*found)
            return settled.error();
        discard(database, fileId);
        existing = *found;
    }
    if (existing) {
        kept.fileId = existing;
        kept.alreadyKept = true;
    } else {
        kept.fileId = fileId;
    }
    return kept;
}
} // namespace

Result<KeptStatement> keep(Database &database, QIODevice &source, const StatementToKeep &file, const QDateTime &now)
{
    qint64 fileId = 0;
    const Status started = inOwnTransaction(database, [&](const QSqlDatabase &db) -> Status {
        auto id = StatementFileStore::insertUnfinished(db, file, now);
        if (!id)
            return id.error();
        fileId = *id;
        return {};
    });
    if (!started)
        return started.error();

    Sha256 hash;
    const std::unique_ptr<ZSTD_CCtx, decltype(&ZSTD_freeCCtx)> context(ZSTD_createCCtx(), ZSTD_freeCCtx);
    KeptStatement kept;
    QByteArray buffer(qsizetype(kChunkBytes), Qt::Uninitialized);
    int seq = 0;
    for (;;) {
        auto filled = fill(source, buffer);
        if (!filled) {
            discard(database, fileId);
            return filled.error().within(file.fileName);
        }
        if (*filled == 0)
            break;
        const QByteArrayView piece(buffer.constData(), *filled);
        hash.add(piece);
        kept.byteSize += *filled;
        auto data = compressed(context.get(), piece);
        // A chunk need not reach the disk on its own: settle() commits durably after the last one,
        // and a crash before that leaves an unfinished file that removeUnfinished clears.
        const Status written = data ? inOwnTransaction(
                                          database,
                                          [&](const QSqlDatabase &) {
                                              return StatementFileStore::insertChunk(database, fileId, seq, *data);
                                          },
                                          UnitOfWork::Flush::WithNextDurableCommit)
                                    : Status(data.error());
        if (!written) {
            discard(database, fileId);
            return written.error();
        }
        ++seq;
        if (*filled < kChunkBytes)
            break;
    }
    kept.sha256 = hash.hex();
    if (kept.sha256.isEmpty()) {
        discard(database, fileId);
        return Error(ErrorCode::InvalidArgument, QStringLiteral("OpenSSL cannot compute SHA-256"));
    }
    return settle(database, fileId, file, kept, seq);
}

Result<KeptStatement> keep(Database &database, const QString &path, const StatementToKeep &file, const QDateTime &now)
{
    QFile source(path);
    if (!source.open(QIODevice::ReadOnly))
        return Error(ErrorCode::FileUnreadable, path + QStringLiteral(": ") + source.errorString());
    return keep(database, source, file, now);
}

Status restore(Database &database, qint64 fileId, const std::function<Status(const QByteArray &bytes)> &onBytes)
{
    auto connection = database.connection();
    if (!connection)
        return connection.error();
    auto file = StatementFileStore::byId(*connection, fileId);
    if (!file)
        return file.error();
    Sha256 hash;
    qint64 size = 0;
    for (int seq = 0; seq < file->chunkCount; ++seq) {
        auto data = StatementFileStore::chunk(*connection, fileId, seq);
        if (!data)
            return data.error();
        if (data->isNull())
            return corrupt(fileId, QStringLiteral("chunk %1 is missing").arg(seq));
        auto piece = inflated(fileId, seq, *data);
        if (!piece)
            return piece.error();
        hash.add(*piece);
        size += piece->size();
        const Status taken = onBytes(*piece);
        if (!taken)
            return taken;
    }
    if (size != file->byteSize)
        return corrupt(fileId, QStringLiteral("%1 bytes instead of %2").arg(size).arg(file->byteSize));
    if (hash.hex() != file->sha256)
        return corrupt(fileId, QStringLiteral("the SHA-256 differs from the one kept"));
    return {};
}

Status restoreTo(Database &database, qint64 fileId, QIODevice &target)
{
    return restore(database, fileId, [&target](const QByteArray &bytes) -> Status {
        if (target.write(bytes) != bytes.size())
            return Error(ErrorCode::FileUnwritable, target.errorString());
        return {};
    });
}

} // namespace paydesk::StatementArchive
