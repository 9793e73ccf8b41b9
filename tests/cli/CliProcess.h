#pragma once

#include <QProcessEnvironment>
#include <QString>

namespace paydesk::test {

// What paydesk-cli needs to run as an operator on a database, in the C locale (English messages)
// and with no master key file unless one is given.
inline QProcessEnvironment cliEnvironment(const QString &databaseUrl, const QString &operatorName,
                                          const QString &password, const QString &masterKeyFile = QString())
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.remove(QStringLiteral("PAYDESK_MASTER_KEY_FILE"));
    if (!masterKeyFile.isEmpty())
        environment.insert(QStringLiteral("PAYDESK_MASTER_KEY_FILE"), masterKeyFile);
    environment.insert(QStringLiteral("LANG"), QStringLiteral("C"));
    environment.insert(QStringLiteral("LC_ALL"), QStringLiteral("C"));
    environment.insert(QStringLiteral("PAYDESK_DATABASE"), databaseUrl);
    environment.insert(QStringLiteral("PAYDESK_OPERATOR"), operatorName);
    environment.insert(QStringLiteral("PAYDESK_PASSWORD"), password);
    return environment;
}

} // namespace paydesk::test
