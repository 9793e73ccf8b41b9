#include "CliCommand.h"

#include "storage/Database.h"
#include "storage/DatabaseUrl.h"
#include "util/Error.h"

#include <QCoreApplication>

namespace paydesk::cli {

CliContext::CliContext(QString commandPath, QStringList arguments)
    : out(stdout), err(stderr), m_commandPath(std::move(commandPath)), m_arguments(std::move(arguments))
{
}

bool CliContext::parse(QCommandLineParser &parser, const QString &description)
{
    parser.setApplicationDescription(description);
    parser.addHelpOption();
    parser.addOption({QStringLiteral("database"),
                      Cli::tr("Database URL: sqlite:/path/file.db or "
                                                         "postgresql://user[:password]@host[:port]/db. "
                                                         "Default: $PAYDESK_DATABASE, else paydesk.db in the data directory."),
                      QStringLiteral("url")});
    // The program name in help output is the whole command path, e.g. "paydesk-cli ledger post".
    QStringList arguments = m_arguments;
    arguments.prepend(m_commandPath);
    if (!parser.parse(arguments)) {
        err << parser.errorText() << Qt::endl;
        err << Cli::tr("Try '%1 --help'.").arg(m_commandPath) << Qt::endl;
        m_exitCode = Usage;
        return false;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        QString help = parser.helpText();
        // The usage line names the binary; show the whole command path ("paydesk-cli ledger post").
        const QString binary = QCoreApplication::arguments().value(0);
        const qsizetype at = help.indexOf(binary);
        if (!binary.isEmpty() && at >= 0 && at < help.indexOf(QLatin1Char('\n')))
            help.replace(at, binary.size(), m_commandPath);
        out << help;
        out.flush();
        m_exitCode = Success;
        return false;
    }
    return true;
}

std::shared_ptr<Database> CliContext::openDatabase(const QCommandLineParser &parser)
{
    auto url = parser.isSet(QStringLiteral("database")) ? DatabaseUrl::parse(parser.value(QStringLiteral("database")))
                                                        : DatabaseUrl::fromEnvironmentOrDefault();
    if (!url) {
        fail(url.error());
        return nullptr;
    }
    auto database = Database::open(*url);
    if (!database) {
        fail(database.error());
        return nullptr;
    }
    return *database;
}

int CliContext::fail(const Error &error)
{
    return fail(error.message());
}

int CliContext::fail(const QString &message, int code)
{
    out.flush();
    err << Cli::tr("error: %1").arg(message) << Qt::endl;
    m_exitCode = code;
    return code;
}

QString CliContext::createdBy() const
{
    const QString user = qEnvironmentVariable("USER", qEnvironmentVariable("USERNAME"));
    return QStringLiteral("cli:") + (user.isEmpty() ? QStringLiteral("unknown") : user);
}

} // namespace paydesk::cli
