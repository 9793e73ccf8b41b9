#include "app/console/ConsoleGateway.h"
#include "app/console/DemoDataDialog.h"
#include "core/PaydeskCore.h"
#include "demo/SandboxCredentials.h"
#include "i18n/Translations.h"
#include "widgets/shell/ConsoleApp.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QFile>
#include <QMessageBox>
#include <QSettings>

using namespace paydesk;

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("paydesk"));
    QApplication::setOrganizationName(QStringLiteral("Paydesk"));
    QApplication::setApplicationVersion(QStringLiteral(PAYDESK_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("Console", "Paydesk payment operations console."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOption({QStringLiteral("database"),
                      QApplication::translate("Console", "Database URL (default: $PAYDESK_DATABASE, else paydesk.db "
                                                         "in the user's data directory)."),
                      QStringLiteral("url")});
    parser.addOption({QStringLiteral("language"),
                      QApplication::translate("Console", "User interface language: zh_CN or en (default: the last one "
                                                         "chosen, else the system's)."),
                      QStringLiteral("locale")});
    parser.process(app);

    const QString language = parser.isSet(QStringLiteral("language"))
                                 ? parser.value(QStringLiteral("language"))
                                 : QSettings().value(QStringLiteral("language")).toString();
    const QLocale locale = language.isEmpty() ? QLocale::system() : QLocale(language);
    QLocale::setDefault(locale);
    Translations::install(locale);

    auto url = parser.isSet(QStringLiteral("database")) ? DatabaseUrl::parse(parser.value(QStringLiteral("database")))
                                                        : DatabaseUrl::fromEnvironmentOrDefault();
    if (!url) {
        QMessageBox::critical(nullptr, QApplication::translate("Console", "Paydesk"), url.error().message());
        return 1;
    }
    // A new embedded database starts as a demo platform, so a first look shows a living ledger.
    const bool firstStart = url->dialect() == SqlDialect::Sqlite && !QFile::exists(url->sqlitePath());
    auto database = Database::open(*url);
    if (!database) {
        QMessageBox::critical(nullptr, QApplication::translate("Console", "Paydesk"), database.error().message());
        return 1;
    }
    PaydeskCore core(*database, SystemClock::instance());
    if (firstStart) {
        // The sandbox's keys (made now if this machine has none), so that the demo's channel
        // accounts carry them and "Test connection" works once paydesk-sandbox runs.
        auto keys = SandboxCredentials::makeKeys(SandboxCredentials::defaultDirectory());
        if (!keys)
            qWarning("paydesk: no sandbox keys: %s", qPrintable(keys.error().message()));
        auto demo = DemoDataDialog::run(nullptr, core);
        if (!demo && demo.error().code() != ErrorCode::Cancelled) {
            QMessageBox::warning(nullptr, QApplication::translate("Console", "Paydesk"),
                                 QApplication::translate("Console", "The demo data could not be created: %1")
                                     .arg(demo.error().message()));
        }
    }
    ConsoleGateway gateway(core);
    ConsoleApp console(core, &gateway);
    if (!console.start())
        return 0;
    return app.exec();
}
