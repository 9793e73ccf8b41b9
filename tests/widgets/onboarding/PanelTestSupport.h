#pragma once

#include "i18n/Translations.h"
#include "tests/support/CoreFixture.h"

#include <QApplication>
#include <QDialogButtonBox>
#include <QDir>
#include <QElapsedTimer>
#include <QInputMethodEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QTest>
#include <QThreadPool>
#include <QTimer>

#include <functional>

// What the onboarding panel tests share: driving widgets as a person would (typing through the
// input method, answering modal dialogs as they come up) and rendering them to PNG.
namespace paydesk::test::gui {

// Declared after the fixture, so that it runs before the fixture goes: a page fetch that a newer
// one superseded may still be running on a worker thread against the core.
struct WaitForWorkers
{
    ~WaitForWorkers() { QThreadPool::globalInstance()->waitForDone(); }
};

inline SecretBytes passphrase()
{
    return SecretBytes(QByteArrayLiteral("correct master passphrase"));
}

inline void screenshot(QWidget &widget, const QString &name)
{
    const QString dir = qEnvironmentVariable("PAYDESK_SCREENSHOT_DIR", QStringLiteral(PAYDESK_ARTIFACT_DIR));
    QDir().mkpath(dir);
    QCoreApplication::processEvents();
    QVERIFY(widget.grab().save(QDir(dir).filePath(name + QStringLiteral(".png"))));
}

// Answers the next modal dialog with this object name whenever it comes up. It polls rather
// than waits, so a dialog opened from a worker's callback, or from inside another dialog's
// event loop, is answered too. `answered` counts the dialogs handled.
inline void whenModal(const QString &name, std::function<void(QWidget *)> fill, int *answered = nullptr)
{
    auto *timer = new QTimer(qApp);
    timer->setInterval(10);
    auto *waited = new QElapsedTimer;
    waited->start();
    QObject::connect(timer, &QTimer::destroyed, [waited]() { delete waited; });
    QObject::connect(timer, &QTimer::timeout, qApp, [timer, waited, name, fill, answered]() {
        QWidget *modal = QApplication::activeModalWidget();
        if (waited->hasExpired(30000)) { // never came: do not answer a later test's dialog
            qWarning("no %s dialog came up", qPrintable(name));
            timer->stop();
            timer->deleteLater();
            return;
        }
        if (!modal || modal->objectName() != name)
            return;
        timer->stop();
        timer->deleteLater();
        QPointer<QWidget> dialog(modal);
        fill(modal);
        // A check that failed half-way leaves the dialog up: close it, so the failure is reported
        // instead of the test hanging in the dialog's event loop.
        if (dialog && dialog->isVisible()) {
            qWarning("%s was left open", qPrintable(name));
            dialog->hide();
        }
        if (answered)
            ++*answered;
    });
    timer->start();
}

// Text typed by a person: through the input method, as Chinese arrives from a real IME.
inline void type(QWidget *editor, const QString &text)
{
    QVERIFY2(editor, "no such editor");
    editor->setFocus();
    if (auto *line = qobject_cast<QLineEdit *>(editor))
        line->selectAll();
    QInputMethodEvent event;
    event.setCommitString(text);
    QApplication::sendEvent(editor, &event);
}

template <typename T = QLineEdit> inline T *child(QWidget *parent, const char *name)
{
    T *found = parent->findChild<T *>(QString::fromLatin1(name));
    if (!found)
        qWarning("no %s named %s", T::staticMetaObject.className(), name);
    return found;
}

inline QString messageOf(QWidget *form, const char *field)
{
    auto *label = form->findChild<QLabel *>(QStringLiteral("message_") + QString::fromLatin1(field));
    return label && !label->isHidden() ? label->text() : QString();
}

inline QPushButton *okButton(QWidget *dialog)
{
    return dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
}

inline void english()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    Translations::install(QLocale(QLocale::English, QLocale::UnitedStates));
}

// A complete enterprise draft created through the core, for tests that start from one.
inline Merchant draftFor(CoreFixture &f, const Actor &maker)
{
    MerchantProfile p;
    p.legalName = QStringLiteral("杭州西湖茶叶有限公司");
    p.shortName = QStringLiteral("West Lake Tea");
    p.registrationNo = QStringLiteral("91440300708461136T");
    p.contactName = QStringLiteral("王女士");
    p.contactPhone = QStringLiteral("13912345678");
    p.contactEmail = QStringLiteral("tea@example.com");
    p.industry = QStringLiteral("5499 tea");
    p.bankAccountName = p.legalName;
    p.bankName = QStringLiteral("中国工商银行");
    p.bankBranch = QStringLiteral("杭州西湖支行");
    p.bankAccountNo = QStringLiteral("6212260200001234567");
    auto created = f.core().merchants().create(maker, p);
    return created ? *created : Merchant();
}

} // namespace paydesk::test::gui
