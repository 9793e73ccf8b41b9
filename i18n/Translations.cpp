#include "i18n/Translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QTranslator>

static void initTranslationResources()
{
    Q_INIT_RESOURCE(paydesk_translations);
}

namespace paydesk::Translations {

namespace {
QTranslator *g_paydesk = nullptr;
QTranslator *g_qt = nullptr;

void replace(QTranslator *&slot, QTranslator *next)
{
    if (slot) {
        QCoreApplication::removeTranslator(slot);
        delete slot;
    }
    slot = next;
    if (slot)
        QCoreApplication::installTranslator(slot);
}
} // namespace

bool install(const QLocale &locale)
{
    initTranslationResources();
    auto *paydesk = new QTranslator;
    // English is the source language; its file holds only the plural forms ("1 merchant",
    // "2 merchants"), so it is loaded too.
    const bool found = paydesk->load(locale, QStringLiteral("paydesk"), QStringLiteral("_"), QStringLiteral(":/i18n"));
    if (!found) {
        delete paydesk;
        paydesk = nullptr;
    }
    replace(g_paydesk, paydesk);

    auto *qt = new QTranslator;
    if (!qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                  QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        delete qt;
        qt = nullptr;
    }
    replace(g_qt, qt);
    return found;
}

QStringList available()
{
    return {QStringLiteral("en"), QStringLiteral("zh_CN")};
}

} // namespace paydesk::Translations
