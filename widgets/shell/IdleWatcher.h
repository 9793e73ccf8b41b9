#pragma once

#include <QObject>
#include <QTimer>

namespace paydesk {

// Notices when nobody has touched the keyboard or mouse for a while (an event filter on the
// whole application) and says so once; any input starts the wait again.
class IdleWatcher : public QObject
{
    Q_OBJECT

public:
    explicit IdleWatcher(int timeoutMs, QObject *parent = nullptr);
    ~IdleWatcher() override;

    void setTimeout(int timeoutMs);
    void setPaused(bool paused);

signals:
    void idle();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QTimer m_timer;
    bool m_paused = false;
};

} // namespace paydesk
