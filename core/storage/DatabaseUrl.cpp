#include "core/storage/DatabaseUrl.h"

#include <QDir>
#include <QStandardPaths>
#include <QUrl>
#include <QUrlQuery>

namespace paydesk {

Result<DatabaseUrl> DatabaseUrl::parse(const QString &text)
{
    DatabaseUrl url;
    if (text.startsWith(QLatin1String("sqlite:"))) {
        QString path = text.mid(7);
        if (path.startsWith(QLatin1String("//")))
            path = path.mid(2); // sqlite:///abs/path
        if (path.isEmpty())
            return Error(ErrorCode::DatabaseUrlInvalid, text);
        url.m_dialect = SqlDialect::Sqlite;
        url.m_path = QDir::cleanPath(QDir::current().absoluteFilePath(path));
        return url;
    }
    if (text.startsWith(QLatin1String("postgresql://")) || text.startsWith(QLatin1String("postgres://"))) {
        const QUrl parsed(text, QUrl::StrictMode);
        if (!parsed.isValid() || parsed.host().isEmpty())
            return Error(ErrorCode::DatabaseUrlInvalid, parsed.toDisplayString(QUrl::RemovePassword));
        url.m_dialect = SqlDialect::PostgreSql;
        url.m_host = parsed.host();
        url.m_port = parsed.port(5432);
        url.m_user = parsed.userName(QUrl::FullyDecoded);
        url.m_password = parsed.password(QUrl::FullyDecoded);
        url.m_database = parsed.path(QUrl::FullyDecoded).mid(1);
        if (url.m_database.isEmpty() || url.m_database.contains(QLatin1Char('/')))
            return Error(ErrorCode::DatabaseUrlInvalid, parsed.toDisplayString(QUrl::RemovePassword));
        QStringList options;
        const auto items = QUrlQuery(parsed).queryItems(QUrl::FullyDecoded);
        for (const auto &item : items)
            options << item.first + QLatin1Char('=') + item.second;
        url.m_options = options.join(QLatin1Char(';'));
        return url;
    }
    return Error(ErrorCode::DatabaseUrlInvalid, text.section(QLatin1Char(':'), 0, 0) + QLatin1Char(':'));
}

Result<DatabaseUrl> DatabaseUrl::fromEnvironmentOrDefault()
{
    const QString configured = qEnvironmentVariable("PAYDESK_DATABASE");
    if (!configured.isEmpty())
        return parse(configured);
    return defaultSqlite();
}

DatabaseUrl DatabaseUrl::defaultSqlite()
{
    // GenericDataLocation + our own folder, so that the console and the cli (different
    // application names) find the same file.
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation);
    DatabaseUrl url;
    url.m_dialect = SqlDialect::Sqlite;
    url.m_path = QDir(dir).filePath(QStringLiteral("paydesk/paydesk.db"));
    return url;
}

QString DatabaseUrl::toDisplayString() const
{
    if (m_dialect == SqlDialect::Sqlite)
        return QStringLiteral("sqlite:") + m_path;
    QString text = QStringLiteral("postgresql://");
    if (!m_user.isEmpty()) {
        text += m_user;
        if (!m_password.isEmpty())
            text += QStringLiteral(":***");
        text += QLatin1Char('@');
    }
    text += m_host + QLatin1Char(':') + QString::number(m_port) + QLatin1Char('/') + m_database;
    return text;
}

} // namespace paydesk
