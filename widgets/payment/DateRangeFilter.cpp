#include "widgets/payment/DateRangeFilter.h"

#include "core/util/Clock.h"

#include <QComboBox>
#include <QDateEdit>
#include <QHBoxLayout>
#include <QLabel>
#include <QSignalBlocker>

namespace paydesk {

DateRangeFilter::DateRangeFilter(const Clock &clock, QWidget *parent)
    : QWidget(parent), m_clock(clock), m_preset(new QComboBox(this)), m_from(new QDateEdit(this)),
      m_to(new QDateEdit(this))
{
    m_preset->setObjectName(QStringLiteral("preset"));
    m_from->setObjectName(QStringLiteral("from"));
    m_to->setObjectName(QStringLiteral("to"));
    for (QDateEdit *edit : {m_from, m_to}) {
        edit->setCalendarPopup(true);
        edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
        edit->setDate(today());
    }
    for (int i = 0; i <= Custom; ++i)
        m_preset->addItem(QString(), i);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_preset);
    layout->addWidget(m_from);
    layout->addWidget(m_to);
    connect(m_preset, &QComboBox::currentIndexChanged, this, [this]() {
        updateEdits();
        emit changed();
    });
    connect(m_from, &QDateEdit::dateChanged, this, &DateRangeFilter::changed);
    connect(m_to, &QDateEdit::dateChanged, this, &DateRangeFilter::changed);
    retranslate();
    updateEdits();
}

QDate DateRangeFilter::today() const
{
    return m_clock.businessDate();
}

QDate DateRangeFilter::from() const
{
    switch (Preset(m_preset->currentData().toInt())) {
    case AnyTime:
        return {};
    case Today:
        return today();
    case Yesterday:
        return today().addDays(-1);
    case Last7Days:
        return today().addDays(-6);
    case Last30Days:
        return today().addDays(-29);
    case Custom:
        return m_from->date();
    }
    return {};
}

QDate DateRangeFilter::to() const
{
    switch (Preset(m_preset->currentData().toInt())) {
    case AnyTime:
        return {};
    case Yesterday:
        return today().addDays(-1);
    case Today:
    case Last7Days:
    case Last30Days:
        return today();
    case Custom:
        return m_to->date();
    }
    return {};
}

void DateRangeFilter::setPreset(Preset preset)
{
    m_preset->setCurrentIndex(m_preset->findData(int(preset)));
}

void DateRangeFilter::setRange(const QDate &from, const QDate &to)
{
    {
        const QSignalBlocker blockFrom(m_from);
        const QSignalBlocker blockTo(m_to);
        m_from->setDate(from);
        m_to->setDate(to);
    }
    if (m_preset->currentData().toInt() == Custom)
        emit changed();
    else
        setPreset(Custom);
}

void DateRangeFilter::updateEdits()
{
    const bool custom = m_preset->currentData().toInt() == Custom;
    m_from->setVisible(custom);
    m_to->setVisible(custom);
}

void DateRangeFilter::retranslate()
{
    const QStringList names{tr("Any time"),    tr("Today"),        tr("Yesterday"),
                            tr("Last 7 days"), tr("Last 30 days"), tr("Days…")};
    for (int i = 0; i < names.size(); ++i)
        m_preset->setItemText(i, names.at(i));
    m_from->setToolTip(tr("First day"));
    m_to->setToolTip(tr("Last day"));
}

} // namespace paydesk
