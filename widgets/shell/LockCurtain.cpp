#include "widgets/shell/LockCurtain.h"

#include <QApplication>
#include <QEvent>

namespace paydesk {

LockCover::LockCover(QWidget *window) : QWidget(window)
{
    setObjectName(QStringLiteral("lockCover"));
    setAutoFillBackground(true);
    setGeometry(window->rect());
    window->installEventFilter(this);
    raise();
    show();
}

bool LockCover::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == parent() && (event->type() == QEvent::Resize || event->type() == QEvent::ChildAdded)) {
        setGeometry(parentWidget()->rect());
        raise();
    }
    return QWidget::eventFilter(watched, event);
}

LockCurtain::LockCurtain(const QList<QWidget *> &except, const QString &title)
{
    for (QWidget *window : QApplication::topLevelWidgets()) {
        if (!window->isVisible() || except.contains(window))
            continue;
        m_covered.append({window, new LockCover(window), window->windowTitle()});
        window->setWindowTitle(title);
    }
}

LockCurtain::~LockCurtain()
{
    for (const Covered &covered : std::as_const(m_covered)) {
        delete covered.cover;
        if (covered.window)
            covered.window->setWindowTitle(covered.title);
    }
}

} // namespace paydesk
