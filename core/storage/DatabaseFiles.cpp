#include "core/storage/DatabaseFiles.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <sys/stat.h>

#include <cerrno>
#include <cstring>

namespace paydesk::DatabaseFiles {

namespace {
QString octal(mode_t mode)
{
    return QStringLiteral("0%1").arg(uint(mode & 0777), 3, 8, QLatin1Char('0'));
}
} // namespace

QStringList companions(const QString &databasePath)
{
    return {databasePath, databasePath + QStringLiteral("-wal"), databasePath + QStringLiteral("-shm"),
            databasePath + QStringLiteral("-journal")};
}

Result<QStringList> makePrivate(const QString &databasePath)
{
    const QFileInfo info(databasePath);
    const QString directory = info.absolutePath();
    if (!QFileInfo::exists(directory)) {
        if (!QDir().mkpath(directory))
            return Error(ErrorCode::DatabaseOpenFailed, directory + QStringLiteral(": cannot create the directory"));
        QFile::setPermissions(directory, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    }
    if (!info.exists()) {
        // NewOnly: if another process creates it meanwhile, theirs is kept (and checked below).
        QFile file(databasePath);
        if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly, QFile::ReadOwner | QFile::WriteOwner) &&
            !QFileInfo::exists(databasePath))
            return Error(ErrorCode::DatabaseOpenFailed, databasePath + QStringLiteral(": ") + file.errorString());
    }
    QStringList changed;
    for (const QString &path : companions(databasePath)) {
        struct stat status;
        if (::lstat(QFile::encodeName(path).constData(), &status) != 0 || !S_ISREG(status.st_mode))
            continue;
        if ((status.st_mode & 0077) == 0)
            continue;
        const mode_t narrowed = status.st_mode & 0700;
        if (::chmod(QFile::encodeName(path).constData(), narrowed) == 0)
            changed << QStringLiteral("%1: %2 → %3").arg(path, octal(status.st_mode), octal(narrowed));
        else
            changed << QStringLiteral("%1: %2, cannot change it: %3")
                           .arg(path, octal(status.st_mode), QString::fromLocal8Bit(strerror(errno)));
    }
    return changed;
}

} // namespace paydesk::DatabaseFiles
