#include "core/storage/SqlRowView.h"

#include "core/storage/PostgresRows.h"
#include "core/storage/SqliteStatements.h"

namespace paydesk {

bool SqlRowView::isNull(int column) const
{
    if (m_native)
        return m_native->isNull(column);
    return m_postgres ? m_postgres->isNull(column) : m_values->at(column).isNull();
}

qint64 SqlRowView::integer(int column) const
{
    if (m_native)
        return m_native->integer(column);
    return m_postgres ? m_postgres->integer(column) : m_values->at(column).toLongLong();
}

QByteArrayView SqlRowView::utf8(int column) const
{
    if (m_native)
        return m_native->utf8(column);
    if (m_postgres)
        return m_postgres->utf8(column);
    m_scratch = m_values->at(column).toString().toUtf8();
    return m_scratch;
}

QString SqlRowView::text(int column) const
{
    if (m_native)
        return QString::fromUtf8(m_native->utf8(column));
    return m_postgres ? QString::fromUtf8(m_postgres->utf8(column)) : m_values->at(column).toString();
}

} // namespace paydesk
