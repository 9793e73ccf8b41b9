#include "LedgerPanel.h"

#include "TrialBalanceModel.h"
#include "format/DisplayFormat.h"
#include "ledger/LedgerBalances.h"
#include "storage/Database.h"
#include "util/Clock.h"

#include <QCheckBox>
#include <QDateEdit>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace paydesk {

LedgerPanel::LedgerPanel(std::shared_ptr<Database> database, QWidget *parent)
    : QWidget(parent),
      m_database(std::move(database)),
      m_model(new TrialBalanceModel(this)),
      m_latest(new QCheckBox(this)),
      m_asOf(new QDateEdit(this)),
      m_refresh(new QPushButton(this)),
      m_table(new QTableView(this)),
      m_asOfLabel(new QLabel(this)),
      m_totals(new QLabel(this))
{
    m_latest->setObjectName(QStringLiteral("latestCheck"));
    m_asOf->setObjectName(QStringLiteral("asOfDate"));
    m_refresh->setObjectName(QStringLiteral("refreshButton"));
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
    controls->addWidget(m_refresh);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(controls);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_totals);

    connect(m_latest, &QCheckBox::toggled, this, [this](bool latest) {
        m_asOf->setEnabled(!latest);
        refresh();
    });
    connect(m_asOf, &QDateEdit::dateChanged, this, &LedgerPanel::refresh);
    connect(m_refresh, &QPushButton::clicked, this, &LedgerPanel::refresh);
    connect(&m_watcher, &QFutureWatcher<Result<TrialBalance>>::finished, this, &LedgerPanel::showResult);
    retranslate();
    refresh();
}

LedgerPanel::~LedgerPanel()
{
    m_watcher.waitForFinished();
}

void LedgerPanel::refresh()
{
    if (m_watcher.isRunning()) {
        m_refreshAgain = true;
        return;
    }
    const QDate asOf = m_latest->isChecked() ? QDate() : m_asOf->date();
    std::shared_ptr<Database> database = m_database;
    m_refresh->setEnabled(false);
    // The worker thread gets its own database connection from Database::connection().
    m_watcher.setFuture(QtConcurrent::run([database, asOf]() { return LedgerBalances(*database).trialBalance(asOf); }));
}

void LedgerPanel::showResult()
{
    m_refresh->setEnabled(true);
    if (m_refreshAgain) {
        m_refreshAgain = false;
        refresh();
        return;
    }
    const Result<TrialBalance> result = m_watcher.result();
    if (!result) {
        m_totals->setText(QStringLiteral("<span style='color:#b00020'>%1</span>").arg(result.error().message().toHtmlEscaped()));
        return;
    }
    m_model->setTrialBalance(*result);
    m_table->resizeColumnsToContents();
    m_table->horizontalHeader()->setSectionResizeMode(TrialBalanceModel::AccountColumn, QHeaderView::Stretch);
    retranslate();
    emit loaded();
}

void LedgerPanel::retranslate()
{
    m_asOfLabel->setText(tr("Balances as of"));
    m_asOf->setDisplayFormat(QLocale().dateFormat(QLocale::ShortFormat));
    m_latest->setText(tr("Latest (all postings)"));
    m_refresh->setText(tr("&Refresh"));
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

void LedgerPanel::changeEvent(QEvent *event)
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
