#include "widgets/reconciliation/DiscrepancyPoolView.h"

#include "core/PaydeskCore.h"
#include "widgets/common/RecordTable.h"
#include "widgets/common/Session.h"
#include "widgets/merchant/ReasonDialog.h"
#include "widgets/reconciliation/DiscrepancyDetailView.h"
#include "widgets/reconciliation/DiscrepancyFilterBar.h"
#include "widgets/reconciliation/DiscrepancyModel.h"
#include "widgets/reconciliation/ProposeResolutionDialog.h"
#include "widgets/reconciliation/ReconciliationText.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace paydesk {

DiscrepancyPoolView::DiscrepancyPoolView(Session &session, QWidget *parent)
    : QWidget(parent), m_session(session), m_filters(new DiscrepancyFilterBar(session.core().clock(), this)),
      m_model(new DiscrepancyModel(session, this)), m_sorted(new QSortFilterProxyModel(this)),
      m_table(new QTableView(this)), m_count(new QLabel(this)), m_detail(new DiscrepancyDetailView(this)),
      m_propose(new QPushButton(this)), m_approve(new QPushButton(this)), m_reject(new QPushButton(this)),
      m_openOrder(new QPushButton(this)), m_hint(new QLabel(this)), m_message(new QLabel(this)), m_fit(m_table),
      m_calls(this)
{
    setObjectName(QStringLiteral("discrepancyPool"));
    m_table->setObjectName(QStringLiteral("discrepancies"));
    m_count->setObjectName(QStringLiteral("poolCount"));
    m_propose->setObjectName(QStringLiteral("propose"));
    m_approve->setObjectName(QStringLiteral("approve"));
    m_reject->setObjectName(QStringLiteral("reject"));
    m_openOrder->setObjectName(QStringLiteral("openOrder"));
    m_hint->setObjectName(QStringLiteral("poolHint"));
    m_message->setObjectName(QStringLiteral("poolMessage"));
    m_sorted->setSourceModel(m_model);
    m_sorted->setSortRole(DiscrepancyModel::SortRole);
    m_table->setModel(m_sorted);
    setUpRecordTable(m_table);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(DiscrepancyModel::Id, Qt::DescendingOrder);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_hint->setWordWrap(true);
    m_hint->setStyleSheet(QStringLiteral("color: #555"));

    // Actions by permission: what the core would refuse is not offered.
    m_propose->setVisible(session.can(Permission::ReconcileResolve));
    m_approve->setVisible(session.can(Permission::ReconcileApprove));
    m_reject->setVisible(session.can(Permission::ReconcileApprove));
    m_openOrder->setVisible(session.can(Permission::PaymentView));

    auto *actions = new QVBoxLayout;
    for (QPushButton *button : {m_propose, m_approve, m_reject, m_openOrder})
        actions->addWidget(button);
    actions->addWidget(m_hint);
    actions->addStretch(1);
    auto *detailPart = new QWidget(this);
    auto *detailLayout = new QHBoxLayout(detailPart);
    detailLayout->setContentsMargins(0, 0, 0, 0);
    detailLayout->addWidget(m_detail, 1);
    detailLayout->addLayout(actions);

    auto *listPart = new QWidget(this);
    auto *listLayout = new QVBoxLayout(listPart);
    listLayout->setContentsMargins(0, 0, 0, 0);
    listLayout->addWidget(m_table, 1);
    listLayout->addWidget(m_count);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(listPart);
    splitter->addWidget(detailPart);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_filters);
    layout->addWidget(m_message);
    layout->addWidget(splitter, 1);

    connect(m_filters, &DiscrepancyFilterBar::changed, this, &DiscrepancyPoolView::reload);
    connect(m_filters, &DiscrepancyFilterBar::refreshRequested, this, &DiscrepancyPoolView::reload);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &DiscrepancyPoolView::showCurrent);
    connect(m_model, &QAbstractItemModel::modelReset, this, &DiscrepancyPoolView::showCurrent);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &DiscrepancyPoolView::showCurrent);
    connect(m_model, &DiscrepancyModel::pageLoaded, this, [this]() {
        m_fit.rowsArrived();
        if ((m_keepSelected != 0 && select(m_keepSelected)) || m_model->isComplete())
            m_keepSelected = 0;
        showCount();
        emit loaded();
    });
    connect(m_model, &DiscrepancyModel::loadFailed, this, [this](const QString &message) {
        m_keepSelected = 0;
        setMessage([message]() { return message; }, true);
        showCount();
        emit loaded();
    });
    connect(m_propose, &QPushButton::clicked, this, &DiscrepancyPoolView::propose);
    connect(m_approve, &QPushButton::clicked, this, [this]() { approve(); });
    connect(m_reject, &QPushButton::clicked, this, [this]() { reject(); });
    connect(m_openOrder, &QPushButton::clicked, this, &DiscrepancyPoolView::openOrder);
    retranslate();
    m_message->hide();
    reload();
}

void DiscrepancyPoolView::setDirectory(const ChannelDirectory &directory)
{
    m_directory = directory;
    QHash<qint64, QString> names;
    for (const ChannelAccount &account : directory.accounts)
        names.insert(account.id, account.name);
    m_model->setAccountNames(names);
    m_filters->setAccounts(directory.accounts);
    showCurrent();
}

void DiscrepancyPoolView::reload()
{
    // The one being looked at stays chosen when it is still listed.
    const PoolDiscrepancy *d = current();
    m_keepSelected = d ? d->id : 0;
    m_model->setFilter(m_filters->filter());
}

void DiscrepancyPoolView::showDay(const QDate &billDate)
{
    m_filters->showDay(billDate);
}

bool DiscrepancyPoolView::select(qint64 discrepancyId)
{
    const int row = m_model->rowOf(discrepancyId);
    if (row < 0)
        return false;
    m_table->setCurrentIndex(m_sorted->mapFromSource(m_model->index(row, 0)));
    return true;
}

const PoolDiscrepancy *DiscrepancyPoolView::current() const
{
    const QModelIndex index = m_sorted->mapToSource(m_table->currentIndex());
    return index.isValid() ? m_model->discrepancy(index.row()) : nullptr;
}

void DiscrepancyPoolView::showCurrent()
{
    const PoolDiscrepancy *d = current();
    // An action's answer is about the discrepancy it was taken on: it goes when another is chosen.
    if (m_messageFor != 0 && (!d || d->id != m_messageFor)) {
        m_messageFor = 0;
        setMessage({}, false);
    }
    m_detail->display(d ? std::optional<PoolDiscrepancy>(*d) : std::nullopt,
                      d ? m_model->accountName(d->channelAccountId) : QString());
    updateButtons();
}

void DiscrepancyPoolView::showCount()
{
    const int shown = m_model->rowCount();
    m_count->setText(m_model->isComplete() ? tr("%Ln discrepancy(ies)", nullptr, shown)
                                           : tr("%Ln discrepancy(ies) shown, more as you scroll", nullptr, shown));
}

void DiscrepancyPoolView::updateButtons()
{
    const PoolDiscrepancy *d = current();
    const bool idle = !m_acting;
    const bool proposed = d && d->status == DiscrepancyStatus::Proposed;
    const bool own = proposed && d->proposedBy == m_session.actor().name();
    // Open ones, and those whose money is parked in suspense (a follow-up places it).
    m_propose->setEnabled(idle && d && !resolutionsFor(*d).isEmpty());
    // The core refuses one's own proposal too; here the button says so before anyone tries.
    m_approve->setEnabled(idle && proposed && !own);
    m_reject->setEnabled(idle && proposed && !own);
    m_openOrder->setEnabled(d && !d->orderNo.isEmpty());
    QString hint;
    const bool approves = m_session.can(Permission::ReconcileApprove);
    if (own && approves)
        hint = tr("You proposed this resolution: another approver decides it.");
    else if (proposed && !approves)
        hint = tr("Waiting for an approver.");
    m_hint->setText(hint);
    m_hint->setVisible(!hint.isEmpty());
}

void DiscrepancyPoolView::propose()
{
    const PoolDiscrepancy *d = current();
    if (!d || m_acting)
        return;
    ProposeResolutionDialog dialog(*d, resolutionsFor(*d), m_directory.merchants, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    submitProposal(dialog.proposal());
}

void DiscrepancyPoolView::submitProposal(const ResolutionProposal &proposal)
{
    PaydeskCore &core = m_session.core();
    const Actor actor = m_session.actor();
    act([&core, actor, proposal]() { return core.reconciliation().propose(actor, proposal); },
        [resolution = proposal.resolution]() {
            return tr("Proposed: %1. An approver decides next.").arg(ReconciliationText::resolution(resolution));
        });
}

void DiscrepancyPoolView::approve(bool confirmed)
{
    const PoolDiscrepancy *d = current();
    if (!d || m_acting)
        return;
    const auto resolution = d->resolution;
    auto named = [resolution]() { return resolution ? ReconciliationText::resolution(*resolution) : QString(); };
    if (!confirmed &&
        QMessageBox::question(this, tr("Approve the resolution"),
                              tr("Approve \"%1\" for discrepancy #%2, proposed by %3? Its ledger entry is posted now.")
                                  .arg(named())
                                  .arg(d->id)
                                  .arg(d->proposedBy)) != QMessageBox::Yes)
        return;
    PaydeskCore &core = m_session.core();
    const Actor actor = m_session.actor();
    act([&core, actor, id = d->id,
         version = d->version]() { return core.reconciliation().approve(actor, id, version); },
        [named]() { return tr("Approved: %1. The discrepancy is resolved.").arg(named()); });
}

void DiscrepancyPoolView::reject(const QString &givenReason)
{
    const PoolDiscrepancy *d = current();
    if (!d || m_acting)
        return;
    QString reason = givenReason;
    if (reason.isEmpty()) {
        ReasonDialog dialog(tr("Reject the resolution"),
                            tr("Why is the proposed resolution rejected? The discrepancy opens again for a new "
                               "proposal."),
                            true, this);
        dialog.setObjectName(QStringLiteral("rejectResolution"));
        if (dialog.exec() != QDialog::Accepted)
            return;
        reason = dialog.text();
    }
    PaydeskCore &core = m_session.core();
    const Actor actor = m_session.actor();
    act([&core, actor, id = d->id, version = d->version,
         reason]() { return core.reconciliation().reject(actor, id, version, reason); },
        []() { return tr("Rejected: the discrepancy is open again."); });
}

void DiscrepancyPoolView::openOrder()
{
    if (const PoolDiscrepancy *d = current(); d && !d->orderNo.isEmpty())
        emit orderRequested(d->orderNo);
}

void DiscrepancyPoolView::act(const std::function<Result<PoolDiscrepancy>()> &work,
                              const std::function<QString()> &success)
{
    const PoolDiscrepancy *d = current();
    if (!d)
        return;
    const qint64 id = d->id;
    m_messageFor = id;
    m_acting = true;
    updateButtons();
    m_calls.run<PoolDiscrepancy>(work, [this, id, success](Result<PoolDiscrepancy> answer) {
        if (answer) {
            m_acting = false;
            m_model->update(*answer);
            setMessage(success, false);
            updateButtons();
            emit actionFinished(true);
            return;
        }
        setMessage([error = answer.error()]() { return ReconciliationText::actionError(error); }, true);
        reloadRow(id);
    });
}

void DiscrepancyPoolView::reloadRow(qint64 discrepancyId)
{
    PaydeskCore &core = m_session.core();
    const Actor actor = m_session.actor();
    m_calls.run<PoolDiscrepancy>(
        [&core, actor, discrepancyId]() { return core.reconciliation().discrepancy(actor, discrepancyId); },
        [this](Result<PoolDiscrepancy> fresh) {
            m_acting = false;
            if (fresh)
                m_model->update(*fresh);
            updateButtons();
            emit actionFinished(false);
        });
}

void DiscrepancyPoolView::setMessage(const std::function<QString()> &text, bool error)
{
    m_messageText = text;
    m_message->setStyleSheet(error ? QStringLiteral("color: #b00020") : QStringLiteral("color: #1b5e20"));
    showMessage();
}

void DiscrepancyPoolView::showMessage()
{
    const QString text = m_messageText ? m_messageText() : QString();
    m_message->setText(text);
    m_message->setVisible(!text.isEmpty());
}

void DiscrepancyPoolView::retranslate()
{
    m_filters->retranslate();
    m_model->retranslate();
    m_detail->retranslate();
    m_fit.again();
    showMessage();
    m_propose->setText(tr("Propose a resolution…"));
    m_approve->setText(tr("Approve…"));
    m_reject->setText(tr("Reject…"));
    m_openOrder->setText(tr("Open the order's story"));
    showCount();
    updateButtons();
}

} // namespace paydesk
