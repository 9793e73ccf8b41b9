#pragma once

#include "core/security/Actor.h"

#include <QObject>

namespace paydesk {

class PaydeskCore;

// The console's signed-in state: the core's services and the operator using them. Panels
// call the core through this, passing actor() so that the core checks and audits each call.
class Session : public QObject
{
    Q_OBJECT

public:
    Session(PaydeskCore &core, Actor actor, QObject *parent = nullptr);

    PaydeskCore &core() const { return m_core; }
    const Actor &actor() const { return m_actor; }
    bool can(Permission permission) const { return m_actor.can(permission); }
    // "console@<host>": the source written into the audit log for this console.
    static QString source();

signals:
    // Something changed that panels showing data should reload (e.g. an entry was posted).
    void dataChanged();

private:
    PaydeskCore &m_core;
    Actor m_actor;
};

} // namespace paydesk
