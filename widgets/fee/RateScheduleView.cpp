#include "widgets/fee/RateScheduleView.h"

#include "core/PaydeskCore.h"
#include "widgets/common/RecordTable.h"
#include "widgets/common/Session.h"
#include "widgets/fee/CurrentRateModel.h"
#include "widgets/fee/RateHistoryModel.h"
#include "widgets/fee/SetRateDialog.h"
#include "widgets/format/DisplayFormat.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

namespace paydesk {

namespace {
Result<RateSchedule> loadSchedule(PaydeskCore *core, const Actor &actor, RateSubject subject, qint64 id)
{
    RateSchedule schedule;
    schedule.today = core->clock().businessDate();
    auto history = subject == RateSubject::Merchant ? core->fees().merchantRateHistory(actor, id)
                                                    : core->fees().channelCostHistory(actor, id);
    if (!history)
        return history.error();
    schedule.history = *history;
    const bool fromTemplates = std::any_of(schedule.history.cbegin(), schedule.history.cend(),
                                           [](const EffectiveRate &rate) { return rate.templateId > 0; });
    if (fromTemplates) {
        // Names only make the history easier to read: without them the ids are shown.
        auto templates = core->fees().templates(actor);
        if (templates) {
            for (const FeeTemplate &feeTemplate : std::as_const(*templates))
                schedule.templateNames.insert(feeTemplate.id, feeTemplate.name);
        }
    }
    return schedule;
}

} // namespace

RateScheduleView::RateScheduleView(Session &session, RateSubject subject, QWidget *parent)
    : QWidget(parent), m_session(session), m_subject(subject), m_current(new CurrentRateModel(this)),
      m_history(new RateHistoryModel(this)), m_currentLabel(new QLabel(this)), m_historyLabel(new QLabel(this)),
      m_currentTable(new QTableView(this)), m_historyTable(new QTableView(this)), m_set(new QPushButton(this)),
      m_withdraw(new QPushButton(this)), m_buttons(new QHBoxLayout), m_message(new QLabel(this)),
      m_loader(this, [this](Result<RateSchedule> schedule) { showSchedule(std::move(schedule)); })
{
    setObjectName(QStringLiteral("rateScheduleView"));
    m_currentTable->setObjectName(QStringLiteral("currentRatesTable"));
    m_historyTable->setObjectName(QStringLiteral("rateHistoryTable"));
    m_set->setObjectName(QStringLiteral("setRateButton"));
    m_withdraw->setObjectName(QStringLiteral("withdrawRateButton"));
    m_message->setObjectName(QStringLiteral("rateMessage"));
    m_currentTable->setModel(m_current);
    m_historyTable->setModel(m_history);
    setUpRecordTable(m_currentTable);
    setUpRecordTable(m_historyTable);
    m_message->setWordWrap(true);
    m_set->setVisible(session.can(Permission::FeeManage));
    // Templates only ever set merchant rates.
    if (subject == RateSubject::ChannelCost) {
        m_currentTable->setColumnHidden(CurrentRateModel::TemplateColumn, true);
        m_historyTable->setColumnHidden(RateHistoryModel::TemplateColumn, true);
    }
    m_withdraw->setVisible(session.can(Permission::FeeManage));

    // Four methods at most: the table of today's rates takes the room its rows need, history the rest.
    m_currentTable->setSizeAdjustPolicy(QAbstractScrollArea::AdjustToContents);
    m_currentTable->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_currentTable->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_buttons->addWidget(m_set);
    m_buttons->addWidget(m_withdraw);
    m_buttons->addStretch();
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(m_buttons);
    layout->addWidget(m_currentLabel);
    layout->addWidget(m_currentTable);
    layout->addWidget(m_historyLabel);
    layout->addWidget(m_historyTable, 1);
    layout->addWidget(m_message);

    connect(m_set, &QPushButton::clicked, this, &RateScheduleView::setRate);
    connect(m_withdraw, &QPushButton::clicked, this, &RateScheduleView::withdrawSelected);
    connect(m_historyTable->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &RateScheduleView::updateButtons);
    connect(m_currentTable->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &RateScheduleView::updateButtons);
    retranslate();
}

void RateScheduleView::addButton(QPushButton *button)
{
    m_buttons->insertWidget(m_buttons->count() - 1, button);
}

void RateScheduleView::setSubject(qint64 subjectId, const QList<PayMethod> &methods)
{
    m_subjectId = subjectId;
    m_methods = methods;
    m_message->clear();
    reload();
}

void RateScheduleView::reload()
{
    if (m_subjectId <= 0) {
        m_loader.cancel();
        RateSchedule empty;
        empty.today = m_session.core().clock().businessDate();
        m_methods.clear();
        showSchedule(empty);
        return;
    }
    PaydeskCore *core = &m_session.core();
    const Actor actor = m_session.actor();
    const RateSubject subject = m_subject;
    const qint64 id = m_subjectId;
    m_loader.start([core, actor, subject, id]() { return loadSchedule(core, actor, subject, id); });
}

void RateScheduleView::showSchedule(Result<RateSchedule> schedule)
{
    if (!schedule) {
        m_message->setStyleSheet(QStringLiteral("color: #b00020"));
        m_message->setText(schedule.error().message());
        return;
    }
    m_current->setSchedule(m_methods, *schedule);
    m_history->setSchedule(*schedule);
    m_currentTable->resizeColumnsToContents();
    m_historyTable->resizeColumnsToContents();
    retranslate();
    emit loaded();
}

Status RateScheduleView::apply(PayMethod method, Rate rate, const QDate &from)
{
    FeeService &fees = m_session.core().fees();
    auto change = m_subject == RateSubject::Merchant
                      ? fees.setMerchantRate(m_session.actor(), m_subjectId, method, rate, from)
                      : fees.setChannelCostRate(m_session.actor(), m_subjectId, method, rate, from);
    if (!change)
        return change.error();
    return {};
}

void RateScheduleView::setRate()
{
    if (m_subjectId <= 0 || m_methods.isEmpty())
        return;
    const QString title = m_subject == RateSubject::Merchant ? tr("Set merchant rate") : tr("Set channel cost rate");
    SetRateDialog dialog(
        title, m_methods, m_session.core().clock().businessDate(),
        [this](PayMethod method, Rate rate, const QDate &from) { return apply(method, rate, from); }, this);
    const QModelIndex current = m_currentTable->currentIndex();
    if (current.isValid())
        dialog.setMethod(m_current->methodAt(current.row()));
    if (dialog.exec() == QDialog::Accepted)
        report({}, tr("Rate set."));
}

void RateScheduleView::withdrawSelected()
{
    const QModelIndex current = m_historyTable->currentIndex();
    if (!current.isValid() || m_history->stateAt(current.row()) != RateHistoryModel::State::Scheduled)
        return;
    const EffectiveRate rate = m_history->at(current.row());
    FeeService &fees = m_session.core().fees();
    report(m_subject == RateSubject::Merchant
               ? fees.withdrawMerchantRate(m_session.actor(), m_subjectId, rate.method, rate.effectiveFrom)
               : fees.withdrawChannelCostRate(m_session.actor(), m_subjectId, rate.method, rate.effectiveFrom),
           tr("The change from %1 was withdrawn.").arg(DisplayFormat::date(rate.effectiveFrom)));
}

void RateScheduleView::report(const Status &status, const QString &done)
{
    m_message->setStyleSheet(status ? QString() : QStringLiteral("color: #b00020"));
    m_message->setText(status ? done : status.error().message());
    if (!status)
        return;
    reload();
    emit changed();
}

void RateScheduleView::updateButtons()
{
    const bool manage = m_session.can(Permission::FeeManage);
    const QModelIndex history = m_historyTable->currentIndex();
    m_set->setEnabled(manage && m_subjectId > 0 && !m_methods.isEmpty());
    m_withdraw->setEnabled(manage && history.isValid() &&
                           m_history->stateAt(history.row()) == RateHistoryModel::State::Scheduled);
}

void RateScheduleView::retranslate()
{
    const RateSchedule &schedule = m_current->schedule();
    const QString today =
        DisplayFormat::date(schedule.today.isValid() ? schedule.today : m_session.core().clock().businessDate());
    m_currentLabel->setText(tr("Rates in effect today (%1):").arg(today));
    m_historyLabel->setText(tr("Changes, newest first (a scheduled change can be withdrawn until it takes effect):"));
    m_set->setText(tr("&Set rate…"));
    m_withdraw->setText(tr("&Withdraw scheduled change"));
    updateButtons();
}

void RateScheduleView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
        m_current->retranslate();
        m_history->retranslate();
    }
    QWidget::changeEvent(event);
}

} // namespace paydesk
