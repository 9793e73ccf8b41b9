#pragma once

#include "core/merchant/Merchant.h"

#include <QMap>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QTimer;

namespace paydesk {

// The merchant list's search line (name, merchant no., registration no., phone) and status
// choice, with how many merchants each status holds for the text typed. Typing settles for a
// moment before the filter changes, so each keystroke does not start a query.
class MerchantFilterBar : public QWidget
{
    Q_OBJECT

public:
    explicit MerchantFilterBar(QWidget *parent = nullptr);

    MerchantFilter filter() const;
    // Counts per status for the current text (the status choice does not narrow them).
    void setCounts(const QMap<MerchantStatus, qint64> &counts);
    void setStatus(std::optional<MerchantStatus> status);
    QLineEdit *searchEdit() const { return m_search; }

signals:
    void filterChanged();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();

    QLineEdit *m_search;
    QComboBox *m_status;
    QLabel *m_summary;
    QTimer *m_settle;
    QMap<MerchantStatus, qint64> m_counts;
    bool m_hasCounts = false;
};

} // namespace paydesk
