#include "widgets/reconciliation/DiscrepancyDetailView.h"

#include "widgets/format/DisplayFormat.h"
#include "widgets/reconciliation/ReconciliationText.h"

#include <QBrush>
#include <QColor>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>

namespace paydesk {

namespace {
const QString kNone = QStringLiteral("—");

QString row(const QString &label, const QString &value)
{
    if (value.isEmpty())
        return {};
    return QStringLiteral("<tr><td style='color:#666;padding-right:10px'>%1</td><td>%2</td></tr>")
        .arg(label.toHtmlEscaped(), value.toHtmlEscaped());
}
} // namespace

DiscrepancyDetailView::DiscrepancyDetailView(QWidget *parent)
    : QWidget(parent), m_title(new QLabel(this)), m_ids(new QLabel(this)), m_sides(new QTableWidget(RowCount, 2, this)),
      m_pool(new QLabel(this))
{
    setObjectName(QStringLiteral("discrepancyDetail"));
    m_title->setObjectName(QStringLiteral("detailTitle"));
    m_ids->setObjectName(QStringLiteral("detailIds"));
    m_sides->setObjectName(QStringLiteral("detailSides"));
    m_pool->setObjectName(QStringLiteral("detailPool"));
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_title->setWordWrap(true);
    for (QLabel *label : {m_ids, m_pool}) {
        label->setTextFormat(Qt::RichText);
        label->setWordWrap(true);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
        label->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    }
    m_sides->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_sides->setSelectionMode(QAbstractItemView::NoSelection);
    m_sides->setFocusPolicy(Qt::NoFocus);
    m_sides->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_sides->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_sides->verticalHeader()->setDefaultSectionSize(m_sides->fontMetrics().height() + 8);
    m_sides->setWordWrap(false);
    m_sides->setTextElideMode(Qt::ElideMiddle);
    for (int r = 0; r < RowCount; ++r) {
        for (int c = 0; c < 2; ++c)
            m_sides->setItem(r, c, new QTableWidgetItem);
    }
    // Exactly as tall as its rows, never scrolling: six rows are all there is.
    m_sides->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_sides->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_sides->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);

    auto *left = new QVBoxLayout;
    left->addWidget(m_ids);
    left->addWidget(m_sides);
    left->addStretch(1);
    auto *columns = new QHBoxLayout;
    columns->addLayout(left, 3);
    columns->addWidget(m_pool, 2);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_title);
    layout->addLayout(columns, 1);
    retranslate();
}

void DiscrepancyDetailView::display(const std::optional<PoolDiscrepancy> &discrepancy, const QString &accountName)
{
    m_discrepancy = discrepancy;
    m_accountName = accountName;
    retranslate();
}

void DiscrepancyDetailView::retranslate()
{
    m_sides->setHorizontalHeaderLabels({tr("Channel statement"), tr("Paydesk")});
    m_sides->setVerticalHeaderLabels(
        {tr("Listed"), tr("Amount"), tr("Channel fee"), tr("Status"), tr("Time"), tr("Recorded at")});
    const int frame = 2 * m_sides->frameWidth();
    m_sides->setFixedHeight(m_sides->horizontalHeader()->sizeHint().height() +
                            RowCount * m_sides->verticalHeader()->defaultSectionSize() + frame);
    if (!m_discrepancy) {
        m_title->setText(tr("Choose a discrepancy to see both sides."));
        m_ids->clear();
        m_pool->clear();
    } else {
        const PoolDiscrepancy &d = *m_discrepancy;
        m_title->setText(tr("Discrepancy #%1: %2, %3 of %4 on %5")
                             .arg(d.id)
                             .arg(ReconciliationText::category(d.category), ReconciliationText::recordType(d.type),
                                  m_accountName, DisplayFormat::date(d.billDate)));
        const ReconciliationItem &item = d.item;
        m_ids->setText(QStringLiteral("<table>") + row(tr("Order number"), d.orderNo) +
                       row(tr("Refund number"), d.refundNo) +
                       row(tr("Channel transaction id"), d.channelTransactionId) +
                       row(tr("Channel refund number"), item.channelRefundNo) + QStringLiteral("</table>"));
    }
    showSides();
    showPool();
}

void DiscrepancyDetailView::showSides()
{
    auto set = [this](int r, int c, const QString &text, bool differs = false) {
        QTableWidgetItem *cell = m_sides->item(r, c);
        cell->setText(text);
        QFont font = m_sides->font();
        font.setBold(differs);
        cell->setFont(font);
        cell->setForeground(differs ? QBrush(QColor(0xb0, 0x00, 0x20)) : QBrush());
    };
    if (!m_discrepancy) {
        for (int r = 0; r < RowCount; ++r) {
            set(r, ChannelSide, QString());
            set(r, OurSide, QString());
        }
        return;
    }
    const ReconciliationItem &i = m_discrepancy->item;
    const bool channel = i.hasChannelSide();
    const bool ours = i.hasPlatformSide();
    const bool both = channel && ours;
    set(Present, ChannelSide, channel ? tr("Yes") : tr("Not in the statement"), !channel);
    set(Present, OurSide, ours ? tr("Yes") : tr("No such record"), !ours);
    const bool amountDiffers = both && i.channelAmount != i.platformAmount;
    set(Amount, ChannelSide, ReconciliationText::amount(i.channelAmount, i.currency), amountDiffers);
    set(Amount, OurSide, ReconciliationText::amount(i.platformAmount, i.currency), amountDiffers);
    const bool feeDiffers = both && i.channelFee != i.platformFee;
    set(Fee, ChannelSide, channel ? ReconciliationText::amount(i.channelFee, i.currency) : kNone, feeDiffers);
    set(Fee, OurSide, ours ? ReconciliationText::amount(i.platformFee, i.currency) : kNone, feeDiffers);
    const bool statusDiffers = m_discrepancy->category == DiscrepancyCategory::StatusMismatch ||
                               (both && i.platformStatus != PlatformStatus::Succeeded);
    set(Status, ChannelSide, i.channelStatus ? ReconciliationText::lineStatus(*i.channelStatus) : kNone, statusDiffers);
    set(Status, OurSide, i.platformStatus ? ReconciliationText::platformStatus(*i.platformStatus) : kNone,
        statusDiffers);
    set(Time, ChannelSide, channel ? DisplayFormat::dateTime(i.tradeTime) : kNone);
    set(Time, OurSide, ours ? DisplayFormat::dateTime(i.platformTime) : kNone);
    QString where = kNone;
    if (channel && i.firstListedLine > 0)
        where = tr("%1, line %2 (first on line %3)").arg(i.statementFile).arg(i.lineNumber).arg(i.firstListedLine);
    else if (channel)
        where = tr("%1, line %2").arg(i.statementFile).arg(i.lineNumber);
    set(Source, ChannelSide, where);
    set(Source, OurSide,
        ours ? (i.type == RecordType::Refund ? tr("refund record #%1") : tr("order record #%1")).arg(i.platformRowId)
             : kNone);
}

void DiscrepancyDetailView::showPool()
{
    if (!m_discrepancy)
        return;
    const PoolDiscrepancy &d = *m_discrepancy;
    QString html = QStringLiteral("<table>");
    html += row(tr("Status"), ReconciliationText::poolStatus(d));
    html += row(tr("Found"), DisplayFormat::dateTime(d.foundAt));
    if (d.firstRunId != 0)
        html += row(tr("Runs"), d.firstRunId == d.latestRunId
                                    ? tr("#%1").arg(d.firstRunId)
                                    : tr("first #%1, latest #%2").arg(d.firstRunId).arg(d.latestRunId));
    if (d.resolution)
        html += row(tr("Resolution"), ReconciliationText::resolution(*d.resolution));
    if (!d.proposedBy.isEmpty())
        html += row(tr("Proposed"), tr("by %1 at %2").arg(d.proposedBy, DisplayFormat::dateTime(d.proposedAt)));
    html += row(tr("Merchant"), d.assignMerchantNo);
    html += row(tr("Note"), d.note);
    if (!d.decidedBy.isEmpty())
        html += row(tr("Decided"), tr("by %1 at %2").arg(d.decidedBy, DisplayFormat::dateTime(d.decidedAt)));
    html += row(tr("Rejected because"), d.rejectReason);
    if (d.ledgerEntryId != 0)
        html += row(tr("Ledger entry"), tr("#%1").arg(d.ledgerEntryId));
    if (d.parkedEntryId != 0 && d.parkedEntryId != d.ledgerEntryId)
        html += row(tr("Parked by entry"), tr("#%1").arg(d.parkedEntryId));
    m_pool->setText(html + QStringLiteral("</table>"));
}

} // namespace paydesk
