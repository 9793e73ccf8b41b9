#pragma once

#include "core/channel/ChannelTypes.h"
#include "core/money/Rate.h"
#include "core/util/Result.h"

#include <QDate>
#include <QDialog>

#include <functional>

class QComboBox;
class QDateEdit;
class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace paydesk {

// Sets one rate from a date: payment method, percent (exact, to 0.0001 %) and the first day it
// applies (today or later). Validates as you type; `apply` (the core) decides on OK, and its
// error keeps the dialog open with the message shown.
class SetRateDialog : public QDialog
{
    Q_OBJECT

public:
    using Apply = std::function<Status(PayMethod method, Rate rate, const QDate &effectiveFrom)>;

    SetRateDialog(const QString &title, const QList<PayMethod> &methods, const QDate &today, Apply apply,
                  QWidget *parent = nullptr);

    void setMethod(PayMethod method);
    void setPercent(const QString &percent);

public slots:
    void accept() override;

private:
    void validate();

    Apply m_apply;
    QComboBox *m_method;
    QLineEdit *m_percent;
    QDateEdit *m_from;
    QLabel *m_hint;
    QLabel *m_message;
    QDialogButtonBox *m_buttons;
};

} // namespace paydesk
