#pragma once

#include "core/merchant/MerchantService.h"
#include "i18n/Translations.h"
#include "tests/channel/support/SandboxTestCase.h"
#include "tests/support/CoreFixture.h"

#include <QAbstractButton>
#include <QApplication>
#include <QComboBox>
#include <QDialog>
#include <QDir>
#include <QFile>
#include <QMessageBox>
#include <QTest>
#include <QTimer>

namespace paydesk::test {

inline QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// Renders `widget` to build/test-artifacts/<name>.png for a person to look at.
inline void screenshot(QWidget &widget, const QString &name)
{
    const QString dir = qEnvironmentVariable("PAYDESK_SCREENSHOT_DIR", QStringLiteral(PAYDESK_ARTIFACT_DIR));
    QDir().mkpath(dir);
    QTest::qWait(50); // let posted layout requests settle, as a person would see it
    QVERIFY(widget.grab().save(QDir(dir).filePath(name + QStringLiteral(".png"))));
}

// Answers the next modal dialog once it is up. A failed check inside closes the dialog, so that
// a failure is reported instead of the test hanging in the dialog's event loop.
template <typename Fill> void whenModal(Fill fill)
{
    QTimer::singleShot(0, [fill]() {
        QWidget *dialog = nullptr;
        QTRY_VERIFY((dialog = QApplication::activeModalWidget()) != nullptr);
        fill(dialog);
        if (QTest::currentTestFailed()) {
            if (auto *open = qobject_cast<QDialog *>(QApplication::activeModalWidget()))
                open->reject();
        }
    });
}

// Answers a QMessageBox question with Yes.
inline void answerYes()
{
    whenModal([](QWidget *dialog) {
        auto *box = qobject_cast<QMessageBox *>(dialog);
        QVERIFY(box);
        box->button(QMessageBox::Yes)->click();
    });
}

inline void accept(QWidget *dialog)
{
    QMetaObject::invokeMethod(dialog, "accept");
}

inline bool choose(QComboBox *combo, const QVariant &data)
{
    const int index = combo->findData(data);
    if (index >= 0)
        combo->setCurrentIndex(index);
    return index >= 0;
}

inline void english()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    Translations::install(QLocale(QLocale::English, QLocale::UnitedStates));
}

inline MerchantProfile merchantProfile(const QString &shortName)
{
    MerchantProfile p;
    p.legalName = shortName + QStringLiteral("有限公司");
    p.shortName = shortName;
    p.type = MerchantType::Enterprise;
    p.registrationNo = QStringLiteral("91440300708461136T");
    p.contactName = QStringLiteral("马先生");
    p.contactPhone = QStringLiteral("13812345678");
    p.contactEmail = QStringLiteral("finance@example.com");
    p.industry = QStringLiteral("5734 computer software");
    p.bankAccountName = p.legalName;
    p.bankName = QStringLiteral("招商银行");
    p.bankBranch = QStringLiteral("深圳分行营业部");
    p.bankAccountNo = QStringLiteral("6222021234567891234");
    return p;
}

// A shared WeChat Pay account with production-looking ids (no credentials), made through the core.
inline ChannelAccount weChatAccount(const QString &name, const QString &mchid)
{
    ChannelAccount account;
    account.name = name;
    account.channel = ChannelKind::WeChatPay;
    account.channelMerchantId = mchid;
    account.channelAppId = QStringLiteral("wx8888888888888888");
    account.baseUrl = ChannelAccount::defaultBaseUrl(ChannelKind::WeChatPay);
    account.notifyUrl = QStringLiteral("https://pay.example.com/notify/") + name;
    return account;
}

// The vault initialised (so unlocked) by the administrator; the onboarding operator who acts.
inline Actor onboardingWithVault(CoreFixture &f)
{
    if (!f.core().vault().initialize(f.admin(), SecretBytes(QByteArrayLiteral("channel panels master passphrase"))))
        return {};
    return f.operatorWith(QStringLiteral("olivia"), {Role::Onboarding});
}

// The sandbox merchant's WeChat Pay credentials, as its state directory holds them.
inline QMap<QString, SecretBytes> weChatItems(const SandboxTestBed &bed)
{
    auto file = [&bed](const char *relative) { return readFile(bed.state.filePath(QLatin1String(relative))); };
    return {{QStringLiteral("merchant_key"), SecretBytes(file("wechatpay/merchant.key"))},
            {QStringLiteral("merchant_serial"),
             SecretBytes(bed.sandbox->keys().weChatMerchant.certificate.serialHex().toLatin1())},
            {QStringLiteral("apiv3_key"), SecretBytes(file("wechatpay/apiv3.key"))},
            {QStringLiteral("platform_certificates"), SecretBytes(file("wechatpay/platform.pem"))}};
}

inline Money cny(qint64 fen)
{
    return Money::fromMinor(fen, Currency::cny());
}

} // namespace paydesk::test
