#pragma once

#include "core/merchant/Merchant.h"
#include "core/merchant/MerchantValidator.h"
#include "core/merchant/MerchantWorkflow.h"

#include <QDate>
#include <QMap>
#include <QSet>
#include <QWidget>

class QComboBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace paydesk {

// Every field of a merchant profile, checked as you type with MerchantValidator: the reason
// appears under a field once it holds text or was edited (or when the core named it), and
// isValid() says whether the whole form may be saved. Money is read with MoneyInput (the user's
// locale, the profile's currency), the reserve with Rate::parsePercent: never through a double. Fields open per
// MerchantWorkflow::editScope.
class MerchantProfileForm : public QWidget
{
    Q_OBJECT

public:
    explicit MerchantProfileForm(QWidget *parent = nullptr);

    // An empty profile for a new merchant (enterprise, T+1, nothing held back).
    void clear();
    // `masked`: the core sent personal data masked; those fields are not checked while unchanged
    // (the core keeps the stored value when masked text comes back).
    void setProfile(const MerchantProfile &profile, bool masked = false);
    // The profile as typed, or MerchantFieldInvalid for text that is not an amount or a percentage.
    Result<MerchantProfile> profile() const;
    void setEditScope(MerchantEditScope scope);
    MerchantEditScope editScope() const { return m_scope; }
    // ID numbers with a birth date after this day are refused.
    void setToday(const QDate &today);

    bool isValid() const { return m_problems.isEmpty(); }
    bool isModified() const { return m_modified; }
    // The problems the core reported (e.g. on submission), each shown under its field until edited.
    void showProblems(const QList<FieldProblem> &problems);
    // The message shown under a field ("registration_no"); empty when none.
    QString messageFor(const QString &field) const;
    // Every problem that keeps the form from being saved, as "Field: reason" lines.
    QStringList problemSummary() const;

signals:
    void edited();
    void validityChanged(bool valid);

protected:
    void changeEvent(QEvent *event) override;

private:
    struct Field
    {
        QString name;
        QWidget *editor = nullptr;
        QLabel *label = nullptr;
        QLabel *message = nullptr;
        bool contactOrSettlement = false;
    };
    QLineEdit *addLine(QGroupBox *group, const QString &name, const QString &objectName, bool contactOrSettlement);
    void addRow(QGroupBox *group, const QString &name, QWidget *editor, bool contactOrSettlement);
    QString editorText(const QString &name) const;
    // The field's name as its label shows it (it follows the merchant type).
    QString title(const QString &name) const;
    MerchantProfile typed(QMap<QString, QString> *parseProblems) const;
    void userEdited(const QString &name);
    void validate();
    void showMessages();
    void applyScope();
    void retranslate();
    // The currency's code, the payout's placeholder and tooltip follow the profile's currency.
    void showCurrency();

    QList<Field> m_fields;
    QMap<QString, QString> m_problems; // field → untranslated reason, from this form's checks
    QMap<QString, QString> m_reported; // field → untranslated reason, from the core
    QSet<QString> m_touched;
    QMap<QString, QString> m_maskedValues;
    MerchantEditScope m_scope = MerchantEditScope::Full;
    QDate m_today;
    bool m_filling = false;
    bool m_modified = false;
    bool m_valid = true;

    QGroupBox *m_merchantGroup;
    QGroupBox *m_contactGroup;
    QGroupBox *m_bankGroup;
    QGroupBox *m_settlementGroup;
    QLineEdit *m_legalName;
    QLineEdit *m_shortName;
    QComboBox *m_type;
    QLineEdit *m_registrationNo;
    QLineEdit *m_industry;
    QLineEdit *m_contactName;
    QLineEdit *m_contactPhone;
    QLineEdit *m_contactEmail;
    QLineEdit *m_bankAccountName;
    QLineEdit *m_bankName;
    QLineEdit *m_bankBranch;
    QLineEdit *m_bankAccountNo;
    QLabel *m_currency;
    Currency m_profileCurrency = MerchantProfile().currency; // from setProfile(), not read back from a label
    QComboBox *m_cycle;
    QSpinBox *m_days;
    QLineEdit *m_minimumPayout;
    QLineEdit *m_reserve;
};

} // namespace paydesk
