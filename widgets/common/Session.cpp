#include "widgets/common/Session.h"

#include <QHostInfo>

namespace paydesk {

Session::Session(PaydeskCore &core, Actor actor, QObject *parent)
    : QObject(parent), m_core(core), m_actor(std::move(actor))
{
}

QString Session::source()
{
    return QStringLiteral("console@") + QHostInfo::localHostName();
}

} // namespace paydesk
