#include "widgets/reconciliation/ProposeResolutionDialog.h"

#include "widgets/reconciliation/ReconciliationText.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace paydesk {

ProposeResolutionDialog::ProposeResolutionDialog(const PoolDiscrepancy &discrepancy,
                                                 const QList<DiscrepancyResolution> &resolutions,
                                                 const QList<MerchantChoice> &merchants, QWidget *parent)
    : QDialog(parent), m_discrepancy(discrepancy), m_resolution(new QComboBox(this)), m_hint(new QLabel(this)),
      m_merchantLabel(new QLabel(tr("Merchant:"), this)), m_merchant(new QComboBox(this)),
      m_note(new QPlainTextEdit(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("proposeResolution"));
    setWindowTitle(tr("Propose a resolution"));
    m_resolution->setObjectName(QStringLiteral("resolution"));
    m_merchant->setObjectName(QStringLiteral("resolutionMerchant"));
    m_note->setObjectName(QStringLiteral("resolutionNote"));
    for (DiscrepancyResolution resolution : resolutions)
        m_resolution->addItem(ReconciliationText::resolution(resolution), int(resolution));
    m_hint->setWordWrap(true);
    m_hint->setStyleSheet(QStringLiteral("color: #555"));
    // A merchant number typed or chosen: the list is a help, the core checks the number.
    m_merchant->setEditable(true);
    m_merchant->setInsertPolicy(QComboBox::NoInsert);
    for (const MerchantChoice &merchant : merchants)
        m_merchant->addItem(merchant.label(), merchant.merchantNo);
    m_merchant->setCurrentIndex(-1);
    m_merchant->lineEdit()->setPlaceholderText(tr("Merchant number, e.g. M1001"));
    m_note->setPlaceholderText(tr("Why this resolution: what the channel confirmed, ticket number, …"));
    m_note->setTabChangesFocus(true);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Propose"));

    auto *about =
        new QLabel(tr("Discrepancy #%1: %2, %3. An approver other than you decides; nothing is posted "
                      "until then.")
                       .arg(discrepancy.id)
                       .arg(ReconciliationText::category(discrepancy.category),
                            discrepancy.orderNo.isEmpty() ? discrepancy.channelTransactionId : discrepancy.orderNo),
                   this);
    about->setWordWrap(true);
    auto *form = new QFormLayout;
    form->addRow(tr("Resolution:"), m_resolution);
    form->addRow(QString(), m_hint);
    form->addRow(m_merchantLabel, m_merchant);
    form->addRow(tr("Note:"), m_note);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(about);
    layout->addLayout(form);
    layout->addWidget(m_buttons);
    resize(520, sizeHint().height());

    connect(m_resolution, &QComboBox::currentIndexChanged, this, &ProposeResolutionDialog::update);
    connect(m_merchant, &QComboBox::currentTextChanged, this, &ProposeResolutionDialog::update);
    connect(m_note, &QPlainTextEdit::textChanged, this, &ProposeResolutionDialog::update);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    update();
}

std::optional<DiscrepancyResolution> ProposeResolutionDialog::chosen() const
{
    if (m_resolution->currentIndex() < 0)
        return std::nullopt;
    return DiscrepancyResolution(m_resolution->currentData().toInt());
}

QString ProposeResolutionDialog::merchantNo() const
{
    const int index = m_merchant->currentIndex();
    if (index >= 0 && m_merchant->itemText(index) == m_merchant->currentText())
        return m_merchant->itemData(index).toString();
    return m_merchant->currentText().trimmed().section(QLatin1Char(' '), 0, 0);
}

ResolutionProposal ProposeResolutionDialog::proposal() const
{
    ResolutionProposal proposal;
    proposal.discrepancyId = m_discrepancy.id;
    proposal.expectedVersion = m_discrepancy.version;
    proposal.resolution = chosen().value_or(DiscrepancyResolution::ParkInSuspense);
    proposal.note = m_note->toPlainText().trimmed();
    if (proposal.resolution == DiscrepancyResolution::AssignToMerchant)
        proposal.merchantNo = merchantNo();
    return proposal;
}

void ProposeResolutionDialog::update()
{
    const auto resolution = chosen();
    const bool needsMerchant = resolution == DiscrepancyResolution::AssignToMerchant;
    m_hint->setText(resolution ? ReconciliationText::resolutionHint(*resolution) : QString());
    m_merchantLabel->setVisible(needsMerchant);
    m_merchant->setVisible(needsMerchant);
    if (m_note->toPlainText().size() > kMaximumNoteLength) {
        QString text = m_note->toPlainText().left(kMaximumNoteLength);
        m_note->setPlainText(text);
        m_note->moveCursor(QTextCursor::End);
    }
    const bool complete =
        resolution && !m_note->toPlainText().trimmed().isEmpty() && (!needsMerchant || !merchantNo().isEmpty());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(complete);
}

} // namespace paydesk
