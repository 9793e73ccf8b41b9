#pragma once

#include "core/merchant/Merchant.h"
#include "core/security/Actor.h"

#include <QStringList>

namespace paydesk {

class AuditLog;
class Database;
class MerchantService;

// Bulk onboarding from a spreadsheet: one merchant per row, created as drafts, all or nothing.
// The first row names the columns, in English or Chinese (see columns()); legal_name,
// short_name and type are required, every other column optional. The file may be UTF-8 or
// GB18030 (Excel on Chinese Windows). Any problem — a bad value, a duplicate registration
// number in the file or already on the platform, a quote left open — fails the whole import
// with ImportFailed listing every problem as "line N: field: reason"; nothing is created.
class MerchantCsvImport
{
public:
    MerchantCsvImport(Database &database, AuditLog &audit, MerchantService &merchants);

    Result<QList<Merchant>> import(const Actor &actor, const QByteArray &csv);

    struct Column
    {
        QString name;    // legal_name, …
        QString chinese; // 商户全称, …
        bool required;
    };
    static QList<Column> columns();

private:
    Database &m_database;
    AuditLog &m_audit;
    MerchantService &m_merchants;
};

} // namespace paydesk
