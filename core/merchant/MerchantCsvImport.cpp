#include "core/merchant/MerchantCsvImport.h"

#include "core/merchant/MerchantService.h"
#include "core/merchant/MerchantValidator.h"
#include "core/money/Rate.h"
#include "core/security/Authorizer.h"
#include "core/storage/UnitOfWork.h"
#include "core/util/CsvReader.h"

#include <QHash>

namespace paydesk {

namespace {
constexpr int kMaximumProblems = 200;

QString normalizedHeader(const QString &text)
{
    return text.trimmed().toLower().remove(QLatin1Char(' '));
}

bool typeOf(const QString &text, MerchantType *type)
{
    const QString value = text.trimmed().toLower();
    if (value == QStringLiteral("企业") || value == QStringLiteral("公司"))
        return *type = MerchantType::Enterprise, true;
    if (value == QStringLiteral("个人") || value == QStringLiteral("个体"))
        return *type = MerchantType::Individual, true;
    return MerchantNames::typeFromName(value, type);
}

// "T1", "T+1", "T3", "T+3", "manual", "手动"
bool cycleOf(const QString &text, SettlementCycle *cycle, int *days)
{
    QString value = text.trimmed().toUpper().remove(QLatin1Char('+'));
    if (value.isEmpty() || value == QLatin1String("T1")) {
        *cycle = SettlementCycle::T1;
        *days = 1;
        return true;
    }
    if (value == QLatin1String("MANUAL") || text.trimmed() == QStringLiteral("手动")) {
        *cycle = SettlementCycle::Manual;
        *days = 1;
        return true;
    }
    if (value.startsWith(QLatin1Char('T'))) {
        bool ok = false;
        const int n = value.mid(1).toInt(&ok);
        if (ok) {
            *cycle = SettlementCycle::TN;
            *days = n;
            return true;
        }
    }
    return false;
}
} // namespace

MerchantCsvImport::MerchantCsvImport(Database &database, AuditLog &audit, MerchantService &merchants)
    : m_database(database), m_audit(audit), m_merchants(merchants)
{
}

QList<MerchantCsvImport::Column> MerchantCsvImport::columns()
{
    return {
        {QStringLiteral("legal_name"), QStringLiteral("商户全称"), true},
        {QStringLiteral("short_name"), QStringLiteral("商户简称"), true},
        {QStringLiteral("type"), QStringLiteral("商户类型"), true},
        {QStringLiteral("registration_no"), QStringLiteral("证件号码"), false},
        {QStringLiteral("contact_name"), QStringLiteral("联系人"), false},
        {QStringLiteral("contact_phone"), QStringLiteral("联系电话"), false},
        {QStringLiteral("contact_email"), QStringLiteral("联系邮箱"), false},
        {QStringLiteral("industry"), QStringLiteral("行业类别"), false},
        {QStringLiteral("bank_account_name"), QStringLiteral("开户名"), false},
        {QStringLiteral("bank_name"), QStringLiteral("开户银行"), false},
        {QStringLiteral("bank_branch"), QStringLiteral("开户支行"), false},
        {QStringLiteral("bank_account_no"), QStringLiteral("银行账号"), false},
        {QStringLiteral("settlement_cycle"), QStringLiteral("结算周期"), false},
        {QStringLiteral("minimum_payout"), QStringLiteral("最低结算金额"), false},
        {QStringLiteral("reserve_percent"), QStringLiteral("保证金比例"), false},
    };
}

Result<QList<Merchant>> MerchantCsvImport::import(const Actor &actor, const QByteArray &csv)
{
    auto allowed = Authorizer(m_audit).require(actor, Permission::MerchantEdit, QStringLiteral("merchants"));
    if (!allowed)
        return allowed.error();
    auto rows = CsvReader::read(csv);
    if (!rows)
        return Error(ErrorCode::ImportFailed, rows.error().detail());
    if (rows->isEmpty())
        return Error(ErrorCode::ImportFailed, QStringLiteral("line 1: the file is empty"));

    // Which column holds what.
    QHash<QString, qsizetype> position;
    QStringList problems;
    const CsvReader::Row &header = rows->first();
    const QList<Column> known = columns();
    for (qsizetype i = 0; i < header.fields.size(); ++i) {
        const QString name = normalizedHeader(header.fields.at(i));
        auto column = std::find_if(known.cbegin(), known.cend(),
                                   [&](const Column &c) { return c.name == name || c.chinese == name; });
        if (column == known.cend())
            problems
                << QStringLiteral("line %1: unknown column \"%2\"").arg(header.line).arg(header.fields.at(i).trimmed());
        else if (position.contains(column->name))
            problems << QStringLiteral("line %1: column %2 appears twice").arg(header.line).arg(column->name);
        else
            position.insert(column->name, i);
    }
    for (const Column &column : known) {
        if (column.required && !position.contains(column.name))
            problems << QStringLiteral("line %1: the column %2 (%3) is missing")
                            .arg(header.line)
                            .arg(column.name, column.chinese);
    }
    if (!problems.isEmpty())
        return Error(ErrorCode::ImportFailed, problems.join(QLatin1Char('\n')));

    QList<MerchantProfile> profiles;
    QHash<QString, qint64> seenRegistration;
    for (qsizetype r = 1; r < rows->size() && problems.size() < kMaximumProblems; ++r) {
        const CsvReader::Row &row = rows->at(r);
        auto value = [&](const char *name) {
            const qsizetype i = position.value(QLatin1String(name), -1);
            return i >= 0 && i < row.fields.size() ? row.fields.at(i).trimmed() : QString();
        };
        auto problem = [&](const QString &field, const QString &reason) {
            problems << QStringLiteral("line %1: %2: %3").arg(row.line).arg(field, reason);
        };
        if (row.fields.size() > header.fields.size()) {
            problem(QStringLiteral("row"),
                    QStringLiteral("%1 fields, the header has %2").arg(row.fields.size()).arg(header.fields.size()));
            continue;
        }
        MerchantProfile profile;
        profile.legalName = value("legal_name");
        profile.shortName = value("short_name");
        if (!typeOf(value("type"), &profile.type))
            problem(QStringLiteral("type"),
                    QStringLiteral("\"%1\" is neither enterprise (企业) nor individual (个人)").arg(value("type")));
        profile.registrationNo = value("registration_no");
        profile.contactName = value("contact_name");
        profile.contactPhone = value("contact_phone");
        profile.contactEmail = value("contact_email");
        profile.industry = value("industry");
        profile.bankAccountName = value("bank_account_name");
        profile.bankName = value("bank_name");
        profile.bankBranch = value("bank_branch");
        profile.bankAccountNo = value("bank_account_no");
        if (!cycleOf(value("settlement_cycle"), &profile.settlementCycle, &profile.settlementDays))
            problem(QStringLiteral("settlement_cycle"),
                    QStringLiteral("\"%1\" is not T1, T+N or manual").arg(value("settlement_cycle")));
        if (!value("minimum_payout").isEmpty()) {
            auto payout = Money::parse(value("minimum_payout"), profile.currency);
            if (payout)
                profile.minimumPayout = *payout;
            else
                problem(QStringLiteral("minimum_payout"), payout.error().message());
        }
        if (!value("reserve_percent").isEmpty()) {
            auto reserve = Rate::parsePercent(value("reserve_percent"));
            if (reserve)
                profile.reservePpm = reserve->ppm();
            else
                problem(QStringLiteral("reserve_percent"), reserve.error().message());
        }
        profile = MerchantValidator::normalized(profile);
        for (const FieldProblem &field : MerchantValidator::problems(profile, false))
            problem(field.field, field.reason);
        if (!profile.registrationNo.isEmpty()) {
            if (seenRegistration.contains(profile.registrationNo)) {
                problem(QStringLiteral("registration_no"),
                        QStringLiteral("also on line %1").arg(seenRegistration.value(profile.registrationNo)));
            } else {
                seenRegistration.insert(profile.registrationNo, row.line);
                MerchantFilter filter;
                filter.text = profile.registrationNo;
                auto existing = m_merchants.list(actor, filter, 0, 1);
                if (!existing)
                    return existing.error();
                if (!existing->isEmpty())
                    problem(QStringLiteral("registration_no"),
                            QStringLiteral("already registered as %1").arg(existing->first().merchantNo));
            }
        }
        profiles << profile;
    }
    if (profiles.isEmpty() && problems.isEmpty())
        problems << QStringLiteral("line %1: no merchant rows").arg(header.line + 1);
    if (!problems.isEmpty()) {
        if (problems.size() >= kMaximumProblems)
            problems << QStringLiteral("… stopped after %1 problems").arg(kMaximumProblems);
        return Error(ErrorCode::ImportFailed, problems.join(QLatin1Char('\n')));
    }

    // One unit of work: every merchant or none.
    UnitOfWork work(m_database);
    if (!work.isActive())
        return work.error();
    QList<Merchant> created;
    for (qsizetype i = 0; i < profiles.size(); ++i) {
        auto merchant = m_merchants.create(actor, profiles.at(i));
        if (!merchant)
            return Error(ErrorCode::ImportFailed,
                         QStringLiteral("line %1: %2").arg(rows->at(i + 1).line).arg(merchant.error().message()));
        created << *merchant;
    }
    auto committed = work.commit();
    if (!committed)
        return committed.error();
    return created;
}

} // namespace paydesk
