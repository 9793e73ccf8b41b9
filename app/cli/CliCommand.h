#pragma once

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QString>
#include <QStringList>
#include <QTextStream>

#include <memory>

namespace paydesk {
class Database;
class Error;
}

// Shared plumbing of paydesk-cli commands: option parsing with --help and --database on
// every command, opening the database, and printing errors to stderr.
namespace paydesk::cli {

// Translation context of the cli's messages.
class Cli
{
    Q_DECLARE_TR_FUNCTIONS(Cli)
};

enum ExitCode { Success = 0, Failure = 1, Usage = 2 };

class CliContext
{
public:
    CliContext(QString commandPath, QStringList arguments);

    // Adds --help and --database, parses; on --help prints the help and returns false with
    // exitCode() == Success; on a parse error prints it and returns false with Usage.
    bool parse(QCommandLineParser &parser, const QString &description);
    int exitCode() const { return m_exitCode; }

    // Opens the database named by --database, PAYDESK_DATABASE or the default; prints why not.
    std::shared_ptr<Database> openDatabase(const QCommandLineParser &parser);

    int fail(const Error &error);
    int fail(const QString &message, int code = Failure);

    QString createdBy() const;
    const QStringList &arguments() const { return m_arguments; }
    const QString &commandPath() const { return m_commandPath; }

    QTextStream out;
    QTextStream err;

private:
    QString m_commandPath;
    QStringList m_arguments;
    int m_exitCode = Success;
};

int runMigrate(CliContext &context);
int runLedger(CliContext &context);
int runDemo(CliContext &context);

} // namespace paydesk::cli
