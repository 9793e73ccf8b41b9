#include "widgets/fee/ApplyTemplateDialog.h"

#include "core/PaydeskCore.h"
#include "widgets/channel/ChannelText.h"
#include "widgets/common/Session.h"

#include <QComboBox>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace paydesk {

ApplyTemplateDialog::ApplyTemplateDialog(Session &session, QWidget *parent)
    : QDialog(parent), m_session(session), m_template(new QComboBox(this)), m_rates(new QLabel(this)),
      m_filter(new QLineEdit(this)), m_merchants(new QListWidget(this)), m_from(new QDateEdit(this)),
      m_count(new QLabel(this)), m_message(new QLabel(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this)),
      m_loader(this, [this](Result<Lists> lists) { showLists(std::move(lists)); })
{
    setObjectName(QStringLiteral("applyTemplateDialog"));
    setWindowTitle(tr("Apply fee template"));
    m_template->setObjectName(QStringLiteral("applyTemplateCombo"));
    m_filter->setObjectName(QStringLiteral("applyMerchantFilter"));
    m_merchants->setObjectName(QStringLiteral("applyMerchantList"));
    m_from->setObjectName(QStringLiteral("applyEffectiveDate"));
    m_message->setObjectName(QStringLiteral("applyTemplateMessage"));
    m_count->setObjectName(QStringLiteral("applyCount"));
    const QDate today = session.core().clock().businessDate();
    m_from->setCalendarPopup(true);
    m_from->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    m_from->setMinimumDate(today);
    m_from->setDate(today.addDays(1));
    m_filter->setPlaceholderText(tr("Filter merchants by number or name"));
    m_filter->setClearButtonEnabled(true);
    m_rates->setWordWrap(true);
    m_rates->setStyleSheet(QStringLiteral("color: #606060"));
    m_message->setWordWrap(true);
    m_message->setStyleSheet(QStringLiteral("color: #b00020"));
    m_message->setText(tr("Loading templates and merchants…"));

    auto *all = new QPushButton(tr("Check all shown"), this);
    auto *none = new QPushButton(tr("Uncheck all"), this);
    auto *checks = new QHBoxLayout;
    checks->addWidget(m_filter, 1);
    checks->addWidget(all);
    checks->addWidget(none);
    auto *form = new QFormLayout;
    form->addRow(tr("Template:"), m_template);
    form->addRow(QString(), m_rates);
    form->addRow(tr("Effective from:"), m_from);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(
        new QLabel(tr("Merchants (each one's rates for the template's methods are set from that date):"), this));
    layout->addLayout(checks);
    layout->addWidget(m_merchants, 1);
    layout->addWidget(m_count);
    layout->addWidget(m_message);
    layout->addWidget(m_buttons);
    resize(560, 520);

    connect(m_template, &QComboBox::currentIndexChanged, this, &ApplyTemplateDialog::validate);
    connect(m_merchants, &QListWidget::itemChanged, this, &ApplyTemplateDialog::validate);
    connect(m_filter, &QLineEdit::textChanged, this, &ApplyTemplateDialog::filterMerchants);
    connect(all, &QPushButton::clicked, this, [this]() {
        for (int row = 0; row < m_merchants->count(); ++row) {
            if (!m_merchants->item(row)->isHidden())
                m_merchants->item(row)->setCheckState(Qt::Checked);
        }
    });
    connect(none, &QPushButton::clicked, this, [this]() {
        for (int row = 0; row < m_merchants->count(); ++row)
            m_merchants->item(row)->setCheckState(Qt::Unchecked);
    });
    connect(m_buttons, &QDialogButtonBox::accepted, this, &ApplyTemplateDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    validate();

    PaydeskCore *core = &session.core();
    const Actor actor = session.actor();
    m_loader.start([core, actor]() -> Result<Lists> {
        auto templates = core->fees().templates(actor);
        if (!templates)
            return templates.error();
        auto directory = ChannelDirectory::load(*core, actor);
        if (!directory)
            return directory.error();
        return Lists{*templates, *directory};
    });
}

void ApplyTemplateDialog::selectTemplate(qint64 templateId)
{
    m_wantedTemplate = templateId;
    if (m_loaded) {
        const int index = m_template->findData(templateId);
        if (index >= 0)
            m_template->setCurrentIndex(index);
    }
}

void ApplyTemplateDialog::checkMerchants(const QList<qint64> &merchantIds)
{
    m_wantedMerchants = merchantIds;
    for (int row = 0; row < m_merchants->count(); ++row) {
        QListWidgetItem *item = m_merchants->item(row);
        item->setCheckState(merchantIds.contains(item->data(Qt::UserRole).toLongLong()) ? Qt::Checked : Qt::Unchecked);
    }
}

QList<qint64> ApplyTemplateDialog::checkedMerchants() const
{
    QList<qint64> ids;
    for (int row = 0; row < m_merchants->count(); ++row) {
        if (m_merchants->item(row)->checkState() == Qt::Checked)
            ids << m_merchants->item(row)->data(Qt::UserRole).toLongLong();
    }
    return ids;
}

void ApplyTemplateDialog::showLists(Result<Lists> lists)
{
    if (!lists) {
        m_message->setText(lists.error().message());
        return;
    }
    m_templates = lists->templates;
    m_template->clear();
    for (const FeeTemplate &feeTemplate : std::as_const(m_templates))
        m_template->addItem(feeTemplate.name, feeTemplate.id);
    m_merchants->clear();
    for (const MerchantChoice &merchant : std::as_const(lists->directory.merchants)) {
        if (merchant.status == MerchantStatus::Closed)
            continue; // the core would refuse the whole application
        auto *item = new QListWidgetItem(merchant.label(), m_merchants);
        item->setData(Qt::UserRole, merchant.id);
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(Qt::Unchecked);
    }
    m_loaded = true;
    m_message->clear();
    if (m_templates.isEmpty())
        m_message->setText(tr("There is no fee template yet: create one on the Templates tab."));
    selectTemplate(m_wantedTemplate);
    checkMerchants(m_wantedMerchants);
    validate();
    emit loaded();
}

void ApplyTemplateDialog::filterMerchants(const QString &text)
{
    for (int row = 0; row < m_merchants->count(); ++row) {
        QListWidgetItem *item = m_merchants->item(row);
        item->setHidden(!text.trimmed().isEmpty() && !item->text().contains(text.trimmed(), Qt::CaseInsensitive));
    }
}

void ApplyTemplateDialog::validate()
{
    const int index = m_template->currentIndex();
    m_rates->setText(index >= 0 && index < m_templates.size() ? ChannelText::rates(m_templates[index].rates)
                                                              : QString());
    const int checked = int(checkedMerchants().size());
    m_count->setText(tr("%n of %1 merchant(s) checked.", nullptr, checked).arg(m_merchants->count()));
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Apply"));
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(m_loaded && index >= 0 && checked > 0);
}

void ApplyTemplateDialog::accept()
{
    const qint64 templateId = m_template->currentData().toLongLong();
    auto applied =
        m_session.core().fees().applyTemplate(m_session.actor(), templateId, checkedMerchants(), m_from->date());
    if (!applied) {
        m_message->setText(applied.error().message());
        return;
    }
    m_rowsWritten = *applied;
    QDialog::accept();
}

} // namespace paydesk
