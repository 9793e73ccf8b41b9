#pragma once

#include <QList>
#include <QPointer>
#include <QString>
#include <QWidget>

namespace paydesk {

// While the console is locked, covers every other visible window of it (a dialog left open, a
// progress window) with an opaque panel and gives it a title that tells nothing; both go when
// the curtain does. Windows are covered, not closed, so nothing typed in them is lost.
class LockCurtain
{
public:
    // Covers every visible top-level window except those in `except`.
    LockCurtain(const QList<QWidget *> &except, const QString &title);
    ~LockCurtain();
    LockCurtain(const LockCurtain &) = delete;
    LockCurtain &operator=(const LockCurtain &) = delete;

    int coveredCount() const { return int(m_covered.size()); }

private:
    struct Covered
    {
        QPointer<QWidget> window;
        QPointer<QWidget> cover;
        QString title;
    };
    QList<Covered> m_covered;
};

// The opaque panel itself: fills its window and follows its size.
class LockCover : public QWidget
{
    Q_OBJECT

public:
    explicit LockCover(QWidget *window);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
};

} // namespace paydesk
