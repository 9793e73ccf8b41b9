#include "core/storage/StoredName.h"

namespace paydesk::StoredName {

Error unknown(const char *column, const QString &text)
{
    return Error(
        ErrorCode::QueryFailed,
        QStringLiteral("%1 holds \"%2\", which this version does not know").arg(QLatin1String(column), text.left(64)));
}

Result<bool> flag(const QVariant &value, const char *yes, const char *no, const char *column)
{
    const QString text = value.toString();
    if (text == QLatin1String(yes))
        return true;
    if (text == QLatin1String(no))
        return false;
    return unknown(column, text);
}

} // namespace paydesk::StoredName
