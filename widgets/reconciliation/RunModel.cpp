#include "widgets/reconciliation/RunModel.h"

#include "core/PaydeskCore.h"
#include "core/reconciliation/ReconciliationSummaryJson.h"
#include "widgets/common/Session.h"
#include "widgets/format/DisplayFormat.h"
#include "widgets/reconciliation/ReconciliationText.h"

#include <QBrush>
#include <QColor>
#include <QLocale>

namespace paydesk {

qint64 RunRow::count(DiscrepancyCategory category) const
{
    return summary.of(category, RecordType::Payment).count + summary.of(category, RecordType::Refund).count;
}

QString RunRow::fileName() const
{
    return run.settings.value(QStringLiteral("file")).toString();
}

RunModel::RunModel(Session &session, QObject *parent)
    : PagedTableModel(ColumnCount, parent), m_session(session),
      m_loader(this, [this](Result<QList<RunRow>> page) { receivePage(m_rows, std::move(page)); })
{
}

void RunModel::setFilter(const ReconciliationRunFilter &filter)
{
    m_filter = filter;
    reload();
}

void RunModel::setAccountNames(const QHash<qint64, QString> &names)
{
    m_accountNames = names;
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, Account), index(int(m_rows.size()) - 1, Account));
}

QString RunModel::accountName(qint64 id) const
{
    return m_accountNames.value(id, QStringLiteral("#%1").arg(id));
}

const RunRow *RunModel::row(int row) const
{
    return row >= 0 && row < m_rows.size() ? &m_rows[row] : nullptr;
}

int RunModel::rowOfRun(qint64 runId) const
{
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows[i].run.id == runId)
            return i;
    }
    return -1;
}

void RunModel::discardRows()
{
    m_loader.cancel();
    m_rows.clear();
}

void RunModel::requestPage()
{
    ReconciliationRunFilter filter = m_filter;
    filter.beforeId = m_rows.isEmpty() ? 0 : m_rows.last().run.id;
    filter.limit = PageSize;
    PaydeskCore *core = &m_session.core();
    const Actor actor = m_session.actor();
    m_loader.start([core, actor, filter]() -> Result<QList<RunRow>> {
        auto runs = core->reconciliation().runs(actor, filter);
        if (!runs)
            return runs.error();
        QList<RunRow> rows;
        rows.reserve(runs->size());
        for (const ReconciliationRun &run : *runs) {
            RunRow row;
            row.run = run;
            // A summary this version cannot read shows no counts rather than hiding the run.
            if (auto summary = ReconciliationSummaryJson::read(run.summary, &row.durationMs))
                row.summary = *summary;
            if (row.durationMs == 0 && run.finishedAt.isValid())
                row.durationMs = run.startedAt.msecsTo(run.finishedAt);
            rows.append(row);
        }
        return rows;
    });
}

DiscrepancyCategory RunModel::categoryOf(int column)
{
    switch (column) {
    case ChannelOnly:
        return DiscrepancyCategory::ChannelOnly;
    case PlatformOnly:
        return DiscrepancyCategory::PlatformOnly;
    case AmountMismatch:
        return DiscrepancyCategory::AmountMismatch;
    case StatusMismatch:
        return DiscrepancyCategory::StatusMismatch;
    case FeeMismatch:
        return DiscrepancyCategory::FeeMismatch;
    case Duplicate:
        return DiscrepancyCategory::DuplicateInStatement;
    case CarriedOver:
        return DiscrepancyCategory::CarriedOver;
    default:
        return DiscrepancyCategory::Matched;
    }
}

QVariant RunModel::data(const QModelIndex &index, int role) const
{
    const RunRow *r = row(index.row());
    if (!r)
        return {};
    const ReconciliationRun &run = r->run;
    const bool completed = run.status == ReconciliationRunStatus::Completed;
    if (role == Qt::TextAlignmentRole)
        return isCountColumn(index.column()) || index.column() == Id || index.column() == Duration
                   ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
                   : QVariant();
    if (role == Qt::ForegroundRole) {
        if (index.column() == Status &&
            (run.status == ReconciliationRunStatus::Failed || run.status == ReconciliationRunStatus::Abandoned))
            return QBrush(QColor(0xb0, 0x00, 0x20));
        // A discrepancy count above zero is what the operator came for.
        if (completed && isCountColumn(index.column()) && index.column() != Matched && index.column() != CarriedOver &&
            r->count(categoryOf(index.column())) > 0)
            return QBrush(QColor(0xb0, 0x00, 0x20));
        if (run.supersededByRunId != 0)
            return QBrush(QColor(0x80, 0x80, 0x80));
        return {};
    }
    if (role == Qt::ToolTipRole) {
        if (index.column() == Status && !run.error.isEmpty())
            return run.error;
        return {};
    }
    if (role != Qt::DisplayRole)
        return {};
    const QLocale locale;
    if (isCountColumn(index.column()))
        return completed ? locale.toString(r->count(categoryOf(index.column()))) : QString();
    switch (index.column()) {
    case Id:
        return run.id;
    case BillDate:
        return DisplayFormat::date(run.billDate);
    case Account:
        return accountName(run.channelAccountId);
    case Status:
        if (run.supersededByRunId != 0)
            return tr("%1, superseded by #%2")
                .arg(ReconciliationText::runStatus(run.status))
                .arg(run.supersededByRunId);
        return ReconciliationText::runStatus(run.status);
    case StartedBy:
        return run.startedBy;
    case StartedAt:
        return DisplayFormat::dateTime(run.startedAt);
    case Duration:
        return run.status == ReconciliationRunStatus::Running ? QString() : ReconciliationText::duration(r->durationMs);
    case File:
        return r->fileName();
    }
    return {};
}

QVariant RunModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::ToolTipRole && isCountColumn(section))
        return ReconciliationText::category(categoryOf(section));
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (isCountColumn(section)) {
        // Two lines at the space nearest the middle, so that nine count columns fit side by side.
        QString name = ReconciliationText::category(categoryOf(section));
        int best = -1;
        for (int i = name.indexOf(QLatin1Char(' ')); i >= 0; i = name.indexOf(QLatin1Char(' '), i + 1)) {
            if (best < 0 || qAbs(i - name.size() / 2) < qAbs(best - name.size() / 2))
                best = i;
        }
        if (best > 0)
            name[best] = QLatin1Char('\n');
        return name;
    }
    switch (section) {
    case Id:
        return tr("Run");
    case BillDate:
        return tr("Bill date");
    case Account:
        return tr("Channel account");
    case Status:
        return tr("Status");
    case StartedBy:
        return tr("Started by");
    case StartedAt:
        return tr("Started at");
    case Duration:
        return tr("Duration");
    case File:
        return tr("Statement file");
    }
    return {};
}

} // namespace paydesk
