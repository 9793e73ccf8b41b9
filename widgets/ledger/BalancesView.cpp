#include "widgets/ledger/BalancesView.h"

#include "core/PaydeskCore.h"
#include "core/util/Clock.h"
#include "widgets/common/Session.h"
#include "widgets/format/DisplayFormat.h"
#include "widgets/ledger/TrialBalanceModel.h"

#include <QCheckBox>
#include <QDateEdit>
#include <QEvent>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSaveFile>
#include <QTableView>
#include <QVBoxLayout>

namespace paydesk {

BalancesView::BalancesView(Session &session, QWidget *parent)
    : QWidget(parent), m_session(session), m_model(new TrialBalanceModel(this)), m_latest(new QCheckBox(this)),
      m_asOf(new QDateEdit(this)), m_refresh(new QPushButton(this)), m_export(new QPushButton(this)),
      m_table(new QTableView(this)), m_asOfLabel(new QLabel(this)), m_totals(new QLabel(this)),
      m_loader(this, [this](Result<TrialBalance> result) { showResult(std::move(result)); })
{
    m_latest->setObjectName(QStringLiteral("latestCheck"));
    m_asOf->setObjectName(QStringLiteral("asOfDate"));
    m_refresh->setObjectName(QStringLiteral("refreshButton"));
    m_export->setObjectName(QStringLiteral("exportTrialBalanceButton"));
    m_export->setEnabled(session.can(Permission::LedgerExport));
    m_table->setObjectName(QStringLiteral("trialBalanceTable"));
    m_totals->setObjectName(QStringLiteral("totalsLabel"));

    m_latest->setChecked(true);
    m_asOf->setCalendarPopup(true);
    m_asOf->setDate(SystemClock::instance().businessDate());
    m_asOf->setEnabled(false);
    m_table->setModel(m_model);
    m_table->setAlternatingRowColors(true);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(TrialBalanceModel::AccountColumn, QHeaderView::Stretch);
    m_totals->setTextFormat(Qt::RichText);
    m_totals->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *controls = new QHBoxLayout;
    controls->addWidget(m_asOfLabel);
    controls->addWidget(m_asOf);
    controls->addWidget(m_latest);
    controls->addStretch();
    controls->addWidget(m_export);
    controls->addWidget(m_refresh);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(controls);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_totals);

    connect(m_latest, &QCheckBox::toggled, this, [this](bool latest) {
        m_asOf->setEnabled(!latest);
        refresh();
    });
    connect(m_asOf, &QDateEdit::dateChanged, this, &BalancesView::refresh);
    connect(m_refresh, &QPushButton::clicked, this, &BalancesView::refresh);
    connect(m_export, &QPushButton::clicked, this, &BalancesView::exportWithDialog);
    connect(&session, &Session::dataChanged, this, &BalancesView::refresh);
    retranslate();
    refresh();
}

QDate BalancesView::chosenDate() const
{
    return m_latest->isChecked() ? QDate() : m_asOf->date();
}

void BalancesView::refresh()
{
    PaydeskCore *core = &m_session.core();
    const Actor actor = m_session.actor();
    const QDate asOf = chosenDate();
    // The worker thread gets its own database connection from Database::connection().
    m_loader.start([core, actor, asOf]() { return core->ledger().trialBalance(actor, asOf); });
}

Status BalancesView::exportTo(const QString &path)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return Error(ErrorCode::FileUnwritable, path + QStringLiteral(": ") + file.errorString());
    auto written = m_session.core().ledger().exportTrialBalance(m_session.actor(), chosenDate(), file);
    if (!written)
        return written;
    if (!file.commit())
        return Error(ErrorCode::FileUnwritable, path + QStringLiteral(": ") + file.errorString());
    return {};
}

void BalancesView::exportWithDialog()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export trial balance"),
                                                      QStringLiteral("trial-balance.csv"), tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    auto exported = exportTo(path);
    if (!exported)
        QMessageBox::warning(this, tr("Export trial balance"), exported.error().message());
}

void BalancesView::showResult(Result<TrialBalance> result)
{
    if (!result) {
        m_totals->setText(
            QStringLiteral("<span style='color:#b00020'>%1</span>").arg(result.error().message().toHtmlEscaped()));
        return;
    }
    m_model->setTrialBalance(*result);
    m_table->resizeColumnsToContents();
    m_table->horizontalHeader()->setSectionResizeMode(TrialBalanceModel::AccountColumn, QHeaderView::Stretch);
    retranslate();
    emit loaded();
}

void BalancesView::retranslate()
{
    m_asOfLabel->setText(tr("Balances as of"));
    m_asOf->setDisplayFormat(QLocale().dateFormat(QLocale::ShortFormat));
    m_latest->setText(tr("Latest (all postings)"));
    m_refresh->setText(tr("&Refresh"));
    m_export->setText(tr("Export CSV…"));
    const TrialBalance &trial = m_model->trialBalance();
    QStringList lines;
    for (auto it = trial.totals.cbegin(); it != trial.totals.cend(); ++it) {
        const Money debits = Money::fromMinor(it->debits, it.key());
        const Money credits = Money::fromMinor(it->credits, it.key());
        const QString verdict = it->net() == 0
                                    ? QStringLiteral("<span style='color:#1b7f3b'>%1</span>").arg(tr("balanced"))
                                    : QStringLiteral("<b style='color:#b00020'>%1</b>").arg(tr("NOT balanced"));
        lines << tr("%1: debits %2, credits %3 — %4")
                     .arg(it.key().code(), DisplayFormat::money(debits), DisplayFormat::money(credits), verdict);
    }
    if (lines.isEmpty())
        lines << tr("No accounts yet.");
    m_totals->setText(lines.join(QStringLiteral("<br>")));
}

void BalancesView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
        m_model->setTrialBalance(m_model->trialBalance()); // headers, type titles and amounts
        m_table->resizeColumnsToContents();
        m_table->horizontalHeader()->setSectionResizeMode(TrialBalanceModel::AccountColumn, QHeaderView::Stretch);
    }
    QWidget::changeEvent(event);
}

} // namespace paydesk
