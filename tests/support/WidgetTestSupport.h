#pragma once

#include "i18n/Translations.h"

#include <QDir>
#include <QLocale>
#include <QTest>
#include <QWidget>

// What the console's GUI tests share: pictures of panels for people to look at, and switching
// the language the way View → Language does. Include in a test whose target defines
// PAYDESK_ARTIFACT_DIR.
namespace paydesk::test {

// Saves the widget as NAME.png in $PAYDESK_SCREENSHOT_DIR or build/test-artifacts.
inline void screenshot(QWidget &widget, const QString &name)
{
    const QString dir = qEnvironmentVariable("PAYDESK_SCREENSHOT_DIR", QStringLiteral(PAYDESK_ARTIFACT_DIR));
    QDir().mkpath(dir);
    QTest::qWait(50);
    QVERIFY(widget.grab().save(QDir(dir).filePath(name + QStringLiteral(".png"))));
}

inline void language(const char *name)
{
    QLocale::setDefault(QLocale(QString::fromLatin1(name)));
    Translations::install(QLocale(QString::fromLatin1(name)));
}

} // namespace paydesk::test
