#pragma once

#include "core/PaydeskCore.h"
#include "core/storage/Sql.h"
#include "demo/DemoSetup.h"

#include <QTemporaryDir>
#include <QTextStream>

namespace paydesk::bench {

// The demo platform (operators, merchants, applications, channel accounts, one day of ledger) in
// a database that has no merchant yet; a benchmark adds its own load on top. False after saying
// why on `out`.
inline bool ensureDemoPlatform(PaydeskCore &core, QTextStream &out)
{
    const QSqlDatabase db = core.database().connection().value();
    if (Sql::scalar(db, QStringLiteral("SELECT count(*) FROM merchant"))->toLongLong() > 0)
        return true;
    QTemporaryDir sandboxKeys;
    DemoSetup::Options demo;
    demo.ledger.days = 1;
    demo.onboarding.sandboxDirectory = sandboxKeys.path();
    auto made = DemoSetup::create(core, demo);
    if (!made) {
        out << made.error().message() << Qt::endl;
        return false;
    }
    return true;
}

} // namespace paydesk::bench
