#include "widgets/ledger/JournalPanel.h"

#include "core/PaydeskCore.h"
#include "widgets/common/RecordTable.h"
#include "widgets/common/Session.h"
#include "widgets/format/DisplayFormat.h"
#include "widgets/format/MoneyInput.h"
#include "widgets/ledger/JournalModel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QEvent>
#include <QFileDialog>
#include <QGridLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSaveFile>
#include <QSplitter>
#include <QTableView>
#include <QTableWidget>
#include <QVBoxLayout>

namespace paydesk {

namespace {
// An amount typed by a person, in major units: exact, or -1 for "no bound"; false if not an amount.
bool parseBound(const QString &text, Currency currency, qint64 *minor)
{
    if (text.trimmed().isEmpty()) {
        *minor = -1;
        return true;
    }
    auto money = MoneyInput::parse(text, currency);
    if (!money || money->isNegative())
        return false;
    *minor = money->minor();
    return true;
}
} // namespace

JournalPanel::JournalPanel(Session &session, QWidget *parent)
    : QWidget(parent), m_session(session), m_model(new JournalModel(session, this)), m_account(new QComboBox(this)),
      m_useDates(new QCheckBox(this)), m_from(new QDateEdit(this)), m_to(new QDateEdit(this)),
      m_minAmount(new QLineEdit(this)), m_maxAmount(new QLineEdit(this)), m_reference(new QLineEdit(this)),
      m_apply(new QPushButton(this)), m_export(new QPushButton(this)), m_table(new QTableView(this)),
      m_lines(new QTableWidget(this)), m_entryTitle(new QLabel(this)), m_status(new QLabel(this)),
      m_accountLabel(new QLabel(this)), m_amountLabel(new QLabel(this)), m_referenceLabel(new QLabel(this)),
      m_accountsLoader(this,
                       [this](Result<QList<LedgerAccount>> accounts) {
                           if (!accounts)
                               return;
                           const qint64 current = m_account->currentData().toLongLong();
                           m_account->clear();
                           m_account->addItem(tr("All accounts"), qint64(0));
                           m_accountCurrencies.clear();
                           for (const LedgerAccount &account : std::as_const(*accounts)) {
                               m_account->addItem(account.name + QLatin1Char(' ') + account.currency.code(),
                                                  account.id);
                               m_accountCurrencies.insert(account.id, account.currency);
                           }
                           m_account->setCurrentIndex(qMax(0, m_account->findData(current)));
                           m_minAmount->setPlaceholderText(tr("from (e.g. %1)").arg(amountExample()));
                       }),
      m_entryLoader(this, [this](Result<JournalEntry> entry) { showEntryResult(std::move(entry)); })
{
    m_account->setObjectName(QStringLiteral("accountFilter"));
    m_useDates->setObjectName(QStringLiteral("dateFilterCheck"));
    m_from->setObjectName(QStringLiteral("fromDate"));
    m_to->setObjectName(QStringLiteral("toDate"));
    m_minAmount->setObjectName(QStringLiteral("minAmount"));
    m_maxAmount->setObjectName(QStringLiteral("maxAmount"));
    m_reference->setObjectName(QStringLiteral("referenceFilter"));
    m_apply->setObjectName(QStringLiteral("applyFilterButton"));
    m_export->setObjectName(QStringLiteral("exportJournalButton"));
    m_table->setObjectName(QStringLiteral("journalTable"));
    m_lines->setObjectName(QStringLiteral("entryLines"));
    m_status->setObjectName(QStringLiteral("journalStatus"));
    m_entryTitle->setObjectName(QStringLiteral("entryTitle"));

    m_account->setMinimumContentsLength(28);
    m_account->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    const QDate today = m_session.core().clock().businessDate();
    for (QDateEdit *edit : {m_from, m_to}) {
        edit->setCalendarPopup(true);
        edit->setEnabled(false);
    }
    m_from->setDate(today.addDays(-30));
    m_to->setDate(today);
    m_export->setEnabled(session.can(Permission::LedgerExport));

    m_table->setModel(m_model);
    setUpRecordTable(m_table);
    m_lines->setColumnCount(4);
    m_lines->verticalHeader()->hide();
    m_lines->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_lines->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);

    auto *filters = new QGridLayout;
    filters->addWidget(m_accountLabel, 0, 0);
    filters->addWidget(m_account, 0, 1, 1, 3);
    filters->addWidget(m_useDates, 0, 4);
    filters->addWidget(m_from, 0, 5);
    filters->addWidget(m_to, 0, 6);
    filters->addWidget(m_amountLabel, 1, 0);
    filters->addWidget(m_minAmount, 1, 1);
    filters->addWidget(m_maxAmount, 1, 2);
    filters->addWidget(m_referenceLabel, 1, 3);
    filters->addWidget(m_reference, 1, 4, 1, 3);
    filters->addWidget(m_apply, 0, 7);
    filters->addWidget(m_export, 1, 7);

    auto *detail = new QWidget(this);
    auto *detailLayout = new QVBoxLayout(detail);
    detailLayout->setContentsMargins(0, 0, 0, 0);
    detailLayout->addWidget(m_entryTitle);
    detailLayout->addWidget(m_lines);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_table);
    splitter->addWidget(detail);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(filters);
    layout->addWidget(splitter, 1);
    layout->addWidget(m_status);

    connect(m_account, &QComboBox::currentIndexChanged, this,
            [this]() { m_minAmount->setPlaceholderText(tr("from (e.g. %1)").arg(amountExample())); });
    connect(m_useDates, &QCheckBox::toggled, m_from, &QWidget::setEnabled);
    connect(m_useDates, &QCheckBox::toggled, m_to, &QWidget::setEnabled);
    connect(m_apply, &QPushButton::clicked, this, &JournalPanel::applyFilter);
    connect(m_reference, &QLineEdit::returnPressed, this, &JournalPanel::applyFilter);
    connect(m_export, &QPushButton::clicked, this, &JournalPanel::exportWithDialog);
    connect(m_model, &JournalModel::pageLoaded, this, [this]() {
        if (m_model->rowCount() <= JournalModel::PageSize)
            m_table->resizeColumnsToContents();
        updateStatus();
    });
    connect(m_model, &JournalModel::loadFailed, m_status, &QLabel::setText);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                if (current.isValid())
                    showEntry(current.data(JournalModel::EntryIdRole).toLongLong());
            });
    connect(&session, &Session::dataChanged, this, [this]() {
        reloadAccounts();
        m_model->reload();
    });
    retranslate();
    reloadAccounts();
    applyFilter();
}

void JournalPanel::reloadAccounts()
{
    PaydeskCore *core = &m_session.core();
    const Actor actor = m_session.actor();
    m_accountsLoader.start([core, actor]() { return core->ledger().accounts(actor); });
}

void JournalPanel::applyFilter()
{
    JournalFilter filter;
    filter.accountId = m_account->currentData().toLongLong();
    if (m_useDates->isChecked()) {
        filter.from = m_from->date();
        filter.to = m_to->date();
    }
    const std::optional<Currency> currency = amountCurrency();
    const bool typed = !m_minAmount->text().trimmed().isEmpty() || !m_maxAmount->text().trimmed().isEmpty();
    if (typed && !currency) {
        QStringList codes;
        for (Currency c : std::as_const(m_accountCurrencies)) {
            if (!codes.contains(c.code()))
                codes << c.code();
        }
        codes.sort();
        m_status->setText(codes.isEmpty() ? tr("Choose an account to filter by amount.")
                                          : tr("The ledger keeps amounts in %1: choose an account to filter by amount.")
                                                .arg(QLocale().createSeparatedList(codes)));
        return;
    }
    const bool minOk = !currency || parseBound(m_minAmount->text(), *currency, &filter.minAmount);
    const bool maxOk = !currency || parseBound(m_maxAmount->text(), *currency, &filter.maxAmount);
    m_minAmount->setStyleSheet(minOk ? QString() : QStringLiteral("background: #fde7e9"));
    m_maxAmount->setStyleSheet(maxOk ? QString() : QStringLiteral("background: #fde7e9"));
    if (!minOk || !maxOk) {
        m_status->setText(tr("Amounts in %1 are written like %2.").arg(currency->code(), amountExample()));
        return;
    }
    filter.reference = m_reference->text().trimmed();
    m_lines->setRowCount(0);
    m_entryTitle->clear();
    m_model->setFilter(filter);
    updateStatus();
}

std::optional<Currency> JournalPanel::amountCurrency() const
{
    const qint64 id = m_account->currentData().toLongLong();
    if (id != 0)
        return m_accountCurrencies.contains(id) ? std::optional<Currency>(m_accountCurrencies.value(id)) : std::nullopt;
    std::optional<Currency> shared;
    for (Currency c : m_accountCurrencies) {
        if (shared && *shared != c)
            return std::nullopt;
        shared = c;
    }
    return shared;
}

QString JournalPanel::amountExample() const
{
    return MoneyInput::example(88, amountCurrency().value_or(Currency()));
}

void JournalPanel::updateStatus()
{
    if (m_model->isLoading())
        m_status->setText(tr("Loading…"));
    else if (m_model->isComplete())
        m_status->setText(tr("%n entries", nullptr, m_model->rowCount()));
    else
        m_status->setText(tr("%n entries shown; scroll for more", nullptr, m_model->rowCount()));
}

void JournalPanel::showEntry(qint64 id)
{
    PaydeskCore *core = &m_session.core();
    const Actor actor = m_session.actor();
    m_entryLoader.start([core, actor, id]() { return core->ledger().entry(actor, id); });
}

void JournalPanel::showEntryResult(Result<JournalEntry> entry)
{
    if (!entry) {
        m_entryTitle->setText(entry.error().message());
        return;
    }
    QString title =
        tr("Entry #%1 · %2 · %3 · %4")
            .arg(entry->id)
            .arg(DisplayFormat::entryKind(entry->kind), DisplayFormat::date(entry->businessDate), entry->reference);
    if (entry->reversesEntryId)
        title += QStringLiteral(" · ") + tr("reverses #%1").arg(entry->reversesEntryId);
    if (entry->reversedByEntryId)
        title += QStringLiteral(" · ") + tr("reversed by #%1").arg(entry->reversedByEntryId);
    m_entryTitle->setText(title);
    m_lines->setRowCount(int(entry->postings.size()));
    for (int row = 0; row < entry->postings.size(); ++row) {
        const Posting &posting = entry->postings[row];
        const qint64 minor = posting.amount.minor();
        const QStringList cells{posting.account, posting.amount.currency().code(),
                                minor > 0 ? DisplayFormat::money(posting.amount) : QString(),
                                minor < 0 ? DisplayFormat::money(Money::fromMinor(-minor, posting.amount.currency()))
                                          : QString()};
        for (int column = 0; column < cells.size(); ++column) {
            auto *item = new QTableWidgetItem(cells[column]);
            if (column >= 2)
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            m_lines->setItem(row, column, item);
        }
    }
    emit entryShown(entry->id);
}

Status JournalPanel::exportTo(const QString &path)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return Error(ErrorCode::FileUnwritable, path + QStringLiteral(": ") + file.errorString());
    auto written = m_session.core().ledger().exportJournal(m_session.actor(), file);
    if (!written)
        return written.error();
    if (!file.commit())
        return Error(ErrorCode::FileUnwritable, path + QStringLiteral(": ") + file.errorString());
    return {};
}

void JournalPanel::exportWithDialog()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export journal"), QStringLiteral("journal.ledger"),
                                                      tr("ledger-cli journals (*.ledger *.dat)"));
    if (path.isEmpty())
        return;
    auto exported = exportTo(path);
    if (!exported)
        QMessageBox::warning(this, tr("Export journal"), exported.error().message());
}

void JournalPanel::retranslate()
{
    m_accountLabel->setText(tr("Account"));
    m_useDates->setText(tr("Business dates"));
    m_amountLabel->setText(tr("Amount"));
    m_minAmount->setPlaceholderText(tr("from (e.g. %1)").arg(amountExample()));
    m_maxAmount->setPlaceholderText(tr("to"));
    m_referenceLabel->setText(tr("Reference"));
    m_reference->setPlaceholderText(tr("order no., refund no., batch…"));
    m_apply->setText(tr("&Search"));
    m_export->setText(tr("Export journal…"));
    m_lines->setHorizontalHeaderLabels({tr("Account"), tr("Currency"), tr("Debit"), tr("Credit")});
    if (m_account->count() > 0)
        m_account->setItemText(0, tr("All accounts"));
    for (QDateEdit *edit : {m_from, m_to})
        edit->setDisplayFormat(QLocale().dateFormat(QLocale::ShortFormat));
    updateStatus();
}

void JournalPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
        m_model->retranslate();
    }
    QWidget::changeEvent(event);
}

} // namespace paydesk
