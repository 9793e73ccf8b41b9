#pragma once

#include <QDate>
#include <QWidget>

class QComboBox;
class QDateEdit;

namespace paydesk {

class Clock;

// A range of business days for a filter: any time, today, yesterday, the last 7 or 30 days,
// or two days picked by hand. Days are the platform's (Asia/Shanghai).
class DateRangeFilter : public QWidget
{
    Q_OBJECT

public:
    enum Preset
    {
        AnyTime,
        Today,
        Yesterday,
        Last7Days,
        Last30Days,
        Custom
    };

    explicit DateRangeFilter(const Clock &clock, QWidget *parent = nullptr);

    QDate from() const; // null: open
    QDate to() const;
    void setPreset(Preset preset);
    void setRange(const QDate &from, const QDate &to); // switches to Custom
    QComboBox *presetCombo() const { return m_preset; }

    void retranslate();

signals:
    void changed();

private:
    QDate today() const;
    void updateEdits();

    const Clock &m_clock;
    QComboBox *m_preset;
    QDateEdit *m_from;
    QDateEdit *m_to;
};

} // namespace paydesk
