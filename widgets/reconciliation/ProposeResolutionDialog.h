#pragma once

#include "core/reconciliation/ResolutionProposal.h"
#include "widgets/channel/ChannelDirectory.h"

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QPlainTextEdit;

namespace paydesk {

// Asks how one discrepancy should be settled: one of the resolutions that fit it (resolutionsFor),
// why (a note, required), and for money assigned to a merchant, which merchant. An approver other
// than the proposer then decides; nothing moves until then.
class ProposeResolutionDialog : public QDialog
{
    Q_OBJECT

public:
    static constexpr int kMaximumNoteLength = 2000; // the core's limit

    ProposeResolutionDialog(const PoolDiscrepancy &discrepancy, const QList<DiscrepancyResolution> &resolutions,
                            const QList<MerchantChoice> &merchants, QWidget *parent = nullptr);

    ResolutionProposal proposal() const;

    QComboBox *resolutionCombo() const { return m_resolution; }
    QComboBox *merchantCombo() const { return m_merchant; }
    QPlainTextEdit *noteEdit() const { return m_note; }
    QDialogButtonBox *buttons() const { return m_buttons; }

private:
    std::optional<DiscrepancyResolution> chosen() const;
    QString merchantNo() const;
    void update();

    PoolDiscrepancy m_discrepancy;
    QComboBox *m_resolution;
    QLabel *m_hint;
    QLabel *m_merchantLabel;
    QComboBox *m_merchant;
    QPlainTextEdit *m_note;
    QDialogButtonBox *m_buttons;
};

} // namespace paydesk
