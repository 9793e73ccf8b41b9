#include "app/cli/CliCommand.h"

#include "core/storage/Database.h"
#include "core/storage/Migrator.h"
#include "core/util/Error.h"

#include <QCoreApplication>

namespace paydesk::cli {

int runMigrate(CliContext &context)
{
    QCommandLineParser parser;
    if (!context.parse(parser, Cli::tr("Create the database schema or upgrade it to this "
                                       "program's version. A database written by a newer "
                                       "Paydesk is refused.")))
        return context.exitCode();
    auto database = context.openDatabase(parser);
    if (!database)
        return context.exitCode();
    auto version = Migrator(*database).currentVersion();
    if (!version)
        return context.fail(version.error());
    context.out << Cli::tr("%1: schema version %2 (latest %3)")
                       .arg(database->url().toDisplayString())
                       .arg(*version)
                       .arg(Migrator::latestVersion())
                << Qt::endl;
    return Success;
}

} // namespace paydesk::cli
