#include "core/storage/SqlRowView.h"

#include "core/storage/SqliteStatements.h"

namespace paydesk {

bool SqlRowView::isNull(int column) const
{
    return m_native ? m_native->isNull(column) : m_values->at(column).isNull();
}

qint64 SqlRowView::integer(int column) const
{
    return m_native ? m_native->integer(column) : m_values->at(column).toLongLong();
}

QByteArrayView SqlRowView::utf8(int column) const
{
    if (m_native)
        return m_native->utf8(column);
    m_scratch = m_values->at(column).toString().toUtf8();
    return m_scratch;
}

QString SqlRowView::text(int column) const
{
    return m_native ? QString::fromUtf8(m_native->utf8(column)) : m_values->at(column).toString();
}

} // namespace paydesk
