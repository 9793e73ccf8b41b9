#pragma once

#include "core/merchant/Merchant.h"

namespace paydesk {

class Actor;
class Database;

// Personal data as support staff see it (DESIGN.md §10): masked by the core, so no front end
// can forget. Whether an actor may see it unmasked (merchant.view_sensitive) is read from the
// operator's roles as stored now, like Authorizer does, but without auditing a "no".
class MerchantMasking
{
public:
    static QString bankAccountNo(const QString &value);  // 6222 **** **** 1234
    static QString registrationNo(const QString &value); // 110101********1234
    static QString phone(const QString &value);          // 138****5678
    static QString payerId(const QString &value);        // oU**********6o (openid, buyer account)

    static Merchant masked(Merchant merchant);

    static Result<bool> canSeeSensitive(Database &database, const Actor &actor);
};

} // namespace paydesk
