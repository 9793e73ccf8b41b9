#pragma once

#include "core/ledger/JournalEntry.h"
#include "core/ledger/LedgerAccount.h"
#include "widgets/common/PageLoader.h"

#include <QMap>
#include <QWidget>

#include <optional>

class QCheckBox;
class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;
class QTableWidget;

namespace paydesk {

class JournalModel;
class Session;

// The journal: filters (account, business date range, amount range, reference), the entries
// newest first (loaded page by page as the list scrolls), and the lines of the selected entry.
class JournalPanel : public QWidget
{
    Q_OBJECT

public:
    explicit JournalPanel(Session &session, QWidget *parent = nullptr);

    JournalModel *model() const { return m_model; }
    // Writes the whole journal for ledger-cli through the core (ledger.export, audited).
    Status exportTo(const QString &path);

public slots:
    void applyFilter();
    void reloadAccounts();
    void exportWithDialog();

signals:
    void entryShown(qint64 id);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    // The currency typed amounts are read in: the chosen account's, or the ledger's when all its
    // accounts share one; none when they do not (an amount would then be a guess).
    std::optional<Currency> amountCurrency() const;
    // "88.00" in that currency and the user's locale, for the hints.
    QString amountExample() const;
    void showEntry(qint64 id);
    void showEntryResult(Result<JournalEntry> entry);
    void updateStatus();

    Session &m_session;
    JournalModel *m_model;
    QComboBox *m_account;
    QCheckBox *m_useDates;
    QDateEdit *m_from;
    QDateEdit *m_to;
    QLineEdit *m_minAmount;
    QLineEdit *m_maxAmount;
    QLineEdit *m_reference;
    QPushButton *m_apply;
    QPushButton *m_export;
    QTableView *m_table;
    QTableWidget *m_lines;
    QLabel *m_entryTitle;
    QLabel *m_status;
    QLabel *m_accountLabel;
    QLabel *m_amountLabel;
    QLabel *m_referenceLabel;
    QMap<qint64, Currency> m_accountCurrencies; // by account id, as last loaded
    PageLoader<QList<LedgerAccount>> m_accountsLoader;
    PageLoader<JournalEntry> m_entryLoader;
};

} // namespace paydesk
