#pragma once

#include "core/merchant/Merchant.h"
#include "core/util/Result.h"

#include <QMap>

namespace paydesk {

class Database;

// The read side of the merchant list: filtered pages in keyset order and counts per status.
// A page reads the primary key in order and stops after `limit` matches, so the first pages
// come back quickly however many merchants there are. The text matches a substring of the
// legal or short name (any case) or a whole merchant number, registration number or contact
// phone; a text that matches nothing reads the table once (100,000 merchants: about 30 ms on
// SQLite and on PostgreSQL). Values are unmasked: MerchantService masks them.
class MerchantQuery
{
public:
    explicit MerchantQuery(Database &database) : m_database(database) {}

    static constexpr int kMaximumPage = 1000;

    // afterId 0: the first page. Otherwise the page after the merchant with this id, in the
    // filter's order.
    Result<QList<Merchant>> page(const MerchantFilter &filter, qint64 afterId, int limit);
    // Merchants per status matching the filter's text and type (its statuses are ignored, so
    // every badge shows what choosing it would list).
    Result<QMap<MerchantStatus, qint64>> countsByStatus(const MerchantFilter &filter);

private:
    void textAndType(const MerchantFilter &filter, QStringList *conditions, QVariantList *values) const;

    Database &m_database;
};

} // namespace paydesk
