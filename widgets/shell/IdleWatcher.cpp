#include "widgets/shell/IdleWatcher.h"

#include <QCoreApplication>
#include <QEvent>

namespace paydesk {

IdleWatcher::IdleWatcher(int timeoutMs, QObject *parent) : QObject(parent)
{
    m_timer.setSingleShot(true);
    m_timer.setInterval(timeoutMs);
    connect(&m_timer, &QTimer::timeout, this, [this]() {
        if (!m_paused)
            emit idle();
    });
    QCoreApplication::instance()->installEventFilter(this);
    m_timer.start();
}

IdleWatcher::~IdleWatcher()
{
    if (QCoreApplication::instance())
        QCoreApplication::instance()->removeEventFilter(this);
}

void IdleWatcher::setTimeout(int timeoutMs)
{
    m_timer.setInterval(timeoutMs);
    m_timer.start();
}

void IdleWatcher::setPaused(bool paused)
{
    m_paused = paused;
    if (!paused)
        m_timer.start();
}

bool IdleWatcher::eventFilter(QObject *watched, QEvent *event)
{
    switch (event->type()) {
    case QEvent::KeyPress:
    case QEvent::MouseButtonPress:
    case QEvent::MouseMove:
    case QEvent::Wheel:
    case QEvent::TouchBegin:
        if (!m_paused)
            m_timer.start();
        break;
    default:
        break;
    }
    return QObject::eventFilter(watched, event);
}

} // namespace paydesk
