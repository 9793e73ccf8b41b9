#pragma once

#include "core/merchant/ApplicationService.h"
#include "core/merchant/MerchantDocuments.h"
#include "core/merchant/MerchantService.h"
#include "core/storage/Sql.h"
#include "tests/support/CoreFixture.h"
#include "tests/support/LedgerFixtures.h"

#include <QFile>
#include <QTest>

namespace paydesk::test {

// The onboarding services over a CoreFixture, with the operators the tests act as:
// two onboarding colleagues (maker and checker) and a support operator.
class OnboardingFixture
{
public:
    explicit OnboardingFixture(CoreFixture &f, qint64 maximumDocumentSize = MerchantDocuments::kDefaultMaximumSize)
        : core(f), merchants(f.core().database(), f.clock(), f.core().audit()),
          documents(f.core().database(), f.clock(), f.core().audit(), maximumDocumentSize),
          applications(f.core().database(), f.clock(), f.core().audit(), f.core().vault())
    {
        maker = f.operatorWith(QStringLiteral("olivia"), {Role::Onboarding});
        checker = f.operatorWith(QStringLiteral("oscar"), {Role::Onboarding});
        support = f.operatorWith(QStringLiteral("sam"), {Role::Support});
    }

    CoreFixture &core;
    MerchantService merchants;
    MerchantDocuments documents;
    ApplicationService applications;
    Actor maker;
    Actor checker;
    Actor support;

    // One transparent pixel: a 68-byte PNG (IHDR, IDAT, IEND with their CRCs), written by zlib.
    static QByteArray png()
    {
        return QByteArray::fromHex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
                                   "0000000b4944415478da636000020000050001e9fadcd80000000049454e44ae426082");
    }

    // Another picture: one orange RGB pixel, 69 bytes.
    static QByteArray otherPng()
    {
        return QByteArray::fromHex("89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de"
                                   "0000000c4944415478da63f8dfc0000004010180fbd7cbf10000000049454e44ae426082");
    }

    static MerchantProfile enterprise(const QString &name = QStringLiteral("深圳市腾讯计算机系统有限公司"))
    {
        MerchantProfile p;
        p.legalName = name;
        p.shortName = QStringLiteral("Tencent");
        p.type = MerchantType::Enterprise;
        p.registrationNo = QStringLiteral("91440300708461136T");
        p.contactName = QStringLiteral("马先生");
        p.contactPhone = QStringLiteral("13812345678");
        p.contactEmail = QStringLiteral("finance@example.com");
        p.industry = QStringLiteral("5734 computer software");
        p.bankAccountName = name;
        p.bankName = QStringLiteral("招商银行");
        p.bankBranch = QStringLiteral("深圳分行营业部");
        p.bankAccountNo = QStringLiteral("6222021234567891234");
        return p;
    }

    static MerchantProfile individual()
    {
        MerchantProfile p;
        p.legalName = QStringLiteral("张三");
        p.shortName = QStringLiteral("张三水果店");
        p.type = MerchantType::Individual;
        p.registrationNo = QStringLiteral("11010519491231002X");
        p.contactName = QStringLiteral("张三");
        p.contactPhone = QStringLiteral("13900001111");
        p.contactEmail = QStringLiteral("zhang@example.com");
        p.industry = QStringLiteral("5499 grocery");
        p.bankAccountName = QStringLiteral("张三");
        p.bankName = QStringLiteral("中国工商银行");
        p.bankBranch = QStringLiteral("北京朝阳支行");
        p.bankAccountNo = QStringLiteral("6212260200001234567");
        return p;
    }

    static ApplicationDraft appDraft(const QString &name = QStringLiteral("Checkout"))
    {
        return {name,
                {QStringLiteral("wechat.native"), QStringLiteral("alipay.precreate")},
                QStringLiteral("https://shop.example.com/notify"),
                {}};
    }

    Merchant fresh(qint64 id)
    {
        auto merchant = merchants.find(maker, id);
        return merchant ? *merchant : Merchant();
    }

    // A new merchant taken to `target` through the real workflow (documents, review, an
    // application for activation, a freeze). Returns it as it is then, or an empty Merchant
    // (id 0) after a warning naming the step that failed.
    Merchant merchantIn(MerchantStatus target, const MerchantProfile &profile = enterprise())
    {
        Merchant m;
        auto step = [&m](const char *what, Result<Merchant> result) {
            if (!result) {
                qWarning("%s: %s", what, qPrintable(result.error().message()));
                m = Merchant();
                return false;
            }
            m = *result;
            return true;
        };
        if (!step("create", merchants.create(maker, profile)) || target == MerchantStatus::Draft)
            return m;
        for (DocumentKind kind : DocumentNames::requiredFor(profile.type)) {
            auto attached =
                documents.attach(maker, m.id, kind, DocumentNames::kind(kind) + QStringLiteral(".png"), png());
            if (!attached) {
                qWarning("attach: %s", qPrintable(attached.error().message()));
                return {};
            }
        }
        if (!step("submit", merchants.submit(maker, m.id, m.version)) || target == MerchantStatus::Submitted)
            return m;
        if (target == MerchantStatus::Rejected) {
            step("reject", merchants.reject(checker, m.id, m.version, QStringLiteral("blurred licence")));
            return m;
        }
        if (!step("approve", merchants.approve(checker, m.id, m.version)) || target == MerchantStatus::Approved)
            return m;
        auto app = applications.create(maker, m.id, appDraft());
        if (!app) {
            qWarning("application: %s", qPrintable(app.error().message()));
            return {};
        }
        if (!step("activate", merchants.activate(maker, m.id, m.version)) || target == MerchantStatus::Active)
            return m;
        if (!step("freeze", merchants.freeze(maker, m.id, m.version, QStringLiteral("risk review"))) ||
            target == MerchantStatus::Frozen)
            return m;
        step("close", merchants.close(maker, m.id, m.version));
        return m;
    }

    qint64 count(const QString &sql, const QVariantList &values = {})
    {
        return Sql::scalar(core.core().database().connection().value(), sql, values)->toLongLong();
    }

    qint64 auditCount() { return count(QStringLiteral("SELECT count(*) FROM audit_log")); }
};

} // namespace paydesk::test
