#include "widgets/merchant/MerchantDetailView.h"

#include "core/PaydeskCore.h"
#include "core/merchant/MerchantValidator.h"
#include "widgets/common/Session.h"
#include "widgets/fee/MerchantRatesView.h"
#include "widgets/format/DisplayFormat.h"
#include "widgets/merchant/ApplicationsPanel.h"
#include "widgets/merchant/MerchantActions.h"
#include "widgets/merchant/MerchantBalancesTab.h"
#include "widgets/merchant/MerchantDocumentsTab.h"
#include "widgets/merchant/MerchantHistoryTab.h"
#include "widgets/merchant/MerchantModel.h"
#include "widgets/merchant/MerchantProfileForm.h"
#include "widgets/merchant/MerchantText.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollArea>
#include <QStackedWidget>
#include <QTabWidget>
#include <QVBoxLayout>

namespace paydesk {

namespace {
const QString kWarningStyle =
    QStringLiteral("QLabel { background: #fff4ce; border: 1px solid #e0b000; border-radius: 3px; padding: 6px; }");
const QString kGoodStyle =
    QStringLiteral("QLabel { background: #e6f4ea; border: 1px solid #8cc79f; border-radius: 3px; padding: 6px; }");
const QString kBadStyle =
    QStringLiteral("QLabel { background: #fde7e9; border: 1px solid #e8a0a8; border-radius: 3px; padding: 6px; }");
} // namespace

MerchantDetailView::MerchantDetailView(Session &session, QWidget *parent)
    : QWidget(parent), m_session(session), m_stack(new QStackedWidget(this)), m_placeholder(new QLabel(this)),
      m_title(new QLabel(this)), m_banner(new QLabel(this)), m_actions(new MerchantActions(session, this)),
      m_tabs(new QTabWidget(this)), m_profileScroll(new QScrollArea(this)), m_form(new MerchantProfileForm(this)),
      m_profileHint(new QLabel(this)), m_save(new QPushButton(this)), m_revert(new QPushButton(this)),
      m_documents(new MerchantDocumentsTab(session, this)), m_balances(new MerchantBalancesTab(session, this)),
      m_applications(new ApplicationsPanel(session, this)), m_rates(new MerchantRatesView(session, this)),
      m_history(new MerchantHistoryTab(session, this)),
      m_readinessLoader(this,
                        [this](Result<QStringList> problems) {
                            m_readinessKnown = problems.ok();
                            m_readiness = problems.value_or({});
                            m_readinessError = problems ? QString() : problems.error().message();
                            updateBanner();
                            emit bannerUpdated();
                        }),
      m_refreshLoader(this,
                      [this](Result<Merchant> merchant) {
                          if (merchant && merchant->id == m_merchant.id) {
                              showMerchant(*merchant, true);
                              emit merchantChanged(*merchant);
                          }
                      }),
      m_calls(this)
{
    setObjectName(QStringLiteral("merchantDetail"));
    m_placeholder->setObjectName(QStringLiteral("merchantPlaceholder"));
    m_title->setObjectName(QStringLiteral("merchantTitle"));
    m_banner->setObjectName(QStringLiteral("readinessBanner"));
    m_tabs->setObjectName(QStringLiteral("merchantTabs"));
    m_save->setObjectName(QStringLiteral("saveProfileButton"));
    m_revert->setObjectName(QStringLiteral("revertProfileButton"));
    m_profileHint->setObjectName(QStringLiteral("profileHint"));
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true);
    m_title->setTextFormat(Qt::RichText);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_banner->setWordWrap(true);
    m_banner->setTextFormat(Qt::PlainText);
    m_banner->hide();
    m_profileHint->setWordWrap(true);
    m_save->setDefault(true);
    m_documents->layout()->setContentsMargins(4, 4, 4, 4);

    m_profileScroll->setWidget(m_form);
    m_profileScroll->setWidgetResizable(true);
    m_profileScroll->setFrameShape(QFrame::NoFrame);
    auto *profilePage = new QWidget(this);
    auto *profileButtons = new QHBoxLayout;
    profileButtons->addWidget(m_profileHint, 1);
    profileButtons->addWidget(m_revert);
    profileButtons->addWidget(m_save);
    auto *profileLayout = new QVBoxLayout(profilePage);
    profileLayout->setContentsMargins(4, 4, 4, 4);
    profileLayout->addWidget(m_profileScroll, 1);
    profileLayout->addLayout(profileButtons);

    m_tabs->addTab(profilePage, QString());
    m_tabs->addTab(m_documents, QString());
    m_tabs->addTab(m_balances, QString());
    m_tabs->addTab(m_applications, QString());
    m_tabs->addTab(m_rates, QString());
    m_tabs->addTab(m_history, QString());

    auto *content = new QWidget(this);
    auto *heading = new QHBoxLayout;
    heading->addWidget(m_title, 1);
    heading->addWidget(m_actions);
    auto *contentLayout = new QVBoxLayout(content);
    contentLayout->setContentsMargins(0, 0, 0, 0);
    contentLayout->addLayout(heading);
    contentLayout->addWidget(m_banner);
    contentLayout->addWidget(m_tabs, 1);
    m_stack->addWidget(m_placeholder);
    m_stack->addWidget(content);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stack);

    m_form->setToday(session.core().clock().businessDate());
    connect(m_form, &MerchantProfileForm::edited, this, &MerchantDetailView::updateProfileButtons);
    connect(m_form, &MerchantProfileForm::validityChanged, this, &MerchantDetailView::updateProfileButtons);
    connect(m_save, &QPushButton::clicked, this, &MerchantDetailView::saveProfile);
    connect(m_revert, &QPushButton::clicked, this, &MerchantDetailView::revertProfile);
    connect(m_actions, &MerchantActions::performed, this, [this](const Merchant &merchant) {
        showMerchant(merchant, false);
        emit merchantChanged(merchant);
    });
    connect(m_actions, &MerchantActions::failed, this, [this](const Error &error) {
        if (error.code() == ErrorCode::MerchantChangedMeanwhile)
            refresh();
        if (error.code() == ErrorCode::MerchantFieldInvalid)
            m_form->showProblems(MerchantValidator::problemsOf(error));
    });
    // Documents change the banner and the history; applications and rates the readiness.
    connect(m_documents, &MerchantDocumentsTab::loaded, this, &MerchantDetailView::updateBanner);
    connect(m_documents, &MerchantDocumentsTab::changed, this, &MerchantDetailView::refresh);
    connect(m_applications, &ApplicationsPanel::changed, this, &MerchantDetailView::loadReadiness);
    connect(m_rates, &MerchantRatesView::changed, this, &MerchantDetailView::loadReadiness);
    // So do routing rules and channel accounts changed in their own panels, and a colleague's work
    // that View → Refresh brings in: the list hands back the same merchant, so check again here.
    connect(&session, &Session::dataChanged, this, &MerchantDetailView::loadReadiness);
    retranslate();
    setMerchant(Merchant());
}

void MerchantDetailView::setMerchant(const Merchant &merchant)
{
    const bool other = merchant.id != m_merchant.id;
    // The list handing back the merchant as shown (after a reload) changes nothing, edits included.
    if (!other && merchant.id != 0 && merchant.version == m_merchant.version && merchant.status == m_merchant.status)
        return;
    showMerchant(merchant, false);
    if (other && merchant.id != 0) {
        m_applications->setMerchant(merchant.id, merchant.merchantNo);
        m_rates->setMerchant(merchant.id);
    }
}

void MerchantDetailView::showMerchant(const Merchant &merchant, bool keepEdits)
{
    const bool statusChanged = merchant.status != m_merchant.status || merchant.id != m_merchant.id;
    m_merchant = merchant;
    m_stack->setCurrentIndex(merchant.id == 0 ? 0 : 1);
    m_actions->setMerchant(merchant);
    if (!(keepEdits && m_form->isModified())) {
        m_form->setProfile(merchant.profile, merchant.masked);
        m_form->setEditScope(m_session.can(Permission::MerchantEdit) ? MerchantWorkflow::editScope(merchant.status)
                                                                     : MerchantEditScope::None);
    }
    // A step or an edit changes what documents may do and adds to the story; approval opens accounts.
    m_documents->setMerchant(merchant);
    m_history->setMerchant(merchant.id);
    if (statusChanged)
        m_balances->setMerchant(merchant);
    m_readinessKnown = false;
    m_readinessError.clear();
    m_readiness.clear();
    loadReadiness();
    retranslate();
}

void MerchantDetailView::refresh()
{
    if (m_merchant.id == 0)
        return;
    PaydeskCore *core = &m_session.core();
    const Actor actor = m_session.actor();
    const qint64 id = m_merchant.id;
    m_refreshLoader.start([core, actor, id]() { return core->merchants().find(actor, id); });
}

void MerchantDetailView::loadReadiness()
{
    if (m_merchant.id == 0 || m_merchant.status != MerchantStatus::Approved) {
        m_readinessLoader.cancel();
        updateBanner();
        return;
    }
    PaydeskCore *core = &m_session.core();
    const Actor actor = m_session.actor();
    const qint64 id = m_merchant.id;
    m_readinessLoader.start([core, actor, id]() { return core->merchants().readinessProblems(actor, id); });
}

void MerchantDetailView::saveProfile()
{
    if (m_merchant.id == 0 || !m_form->isValid())
        return;
    auto profile = m_form->profile();
    if (!profile) {
        m_form->showProblems(MerchantValidator::problemsOf(profile.error()));
        return;
    }
    m_save->setEnabled(false);
    PaydeskCore *core = &m_session.core();
    const Actor actor = m_session.actor();
    const qint64 id = m_merchant.id;
    const int version = m_merchant.version;
    const MerchantProfile values = *profile;
    m_calls.run<Merchant>(
        [core, actor, id, version, values]() { return core->merchants().update(actor, id, version, values); },
        [this](Result<Merchant> saved) {
            if (saved) {
                showMerchant(*saved, false);
                emit merchantChanged(*saved);
                emit m_session.dataChanged();
                return;
            }
            updateProfileButtons();
            m_form->showProblems(MerchantValidator::problemsOf(saved.error()));
            QMessageBox box(QMessageBox::Warning, tr("Profile not saved"), saved.error().message(), QMessageBox::Ok,
                            this);
            box.setObjectName(QStringLiteral("profileSaveError"));
            box.exec();
        });
}

void MerchantDetailView::revertProfile()
{
    m_form->setProfile(m_merchant.profile, m_merchant.masked);
    updateProfileButtons();
}

void MerchantDetailView::updateProfileButtons()
{
    const bool editable = m_form->editScope() != MerchantEditScope::None;
    m_save->setVisible(editable);
    m_revert->setVisible(editable);
    m_save->setEnabled(editable && m_form->isModified() && m_form->isValid() && !m_calls.isBusy());
    m_revert->setEnabled(editable && m_form->isModified());
    QString hint;
    if (m_merchant.id != 0) {
        switch (m_form->editScope()) {
        case MerchantEditScope::Full:
            hint = m_form->isValid() ? QString() : m_form->problemSummary().join(QStringLiteral("; "));
            break;
        case MerchantEditScope::ContactAndSettlement:
            hint = tr("While %1, only contact and settlement fields can change.")
                       .arg(MerchantText::status(m_merchant.status));
            if (!m_form->isValid())
                hint += QLatin1Char(' ') + m_form->problemSummary().join(QStringLiteral("; "));
            break;
        case MerchantEditScope::None:
            hint = m_session.can(Permission::MerchantEdit)
                       ? tr("A %1 merchant's profile cannot change.").arg(MerchantText::status(m_merchant.status))
                       : tr("Read only: editing needs the merchant edit permission.");
            break;
        }
    }
    m_profileHint->setText(hint);
    m_profileHint->setStyleSheet(m_form->isValid() ? QString() : QStringLiteral("color: #b00020"));
}

void MerchantDetailView::updateBanner()
{
    const Merchant &m = m_merchant;
    QStringList lines;
    QString style = kWarningStyle;
    switch (m.status) {
    case MerchantStatus::Draft:
    case MerchantStatus::Rejected: {
        if (m.status == MerchantStatus::Rejected)
            lines << tr("Rejected by %1 on %2: %3")
                         .arg(m.reviewedBy, DisplayFormat::dateTime(m.reviewedAt), m.rejectionReason);
        QStringList missing;
        for (DocumentKind kind : m_documents->missingKinds())
            missing << MerchantText::documentKind(kind);
        for (const FieldProblem &problem : MerchantValidator::problems(m.profile, true)) {
            if (problem.reason == QLatin1String("required"))
                missing << MerchantText::field(problem.field);
        }
        if (!missing.isEmpty())
            lines << tr("Before submitting, add: %1").arg(missing.join(QStringLiteral(", ")));
        else if (m.status == MerchantStatus::Draft) {
            lines << tr("Complete: ready to submit for review.");
            style = kGoodStyle;
        }
        break;
    }
    case MerchantStatus::Submitted:
        lines << tr("Waiting for review since %1 (submitted by %2). A colleague other than the submitter reviews it.")
                     .arg(DisplayFormat::dateTime(m.submittedAt), m.submittedBy);
        style = kGoodStyle;
        break;
    case MerchantStatus::Approved:
        if (!m_readinessError.isEmpty()) {
            lines << m_readinessError;
            style = kBadStyle;
        } else if (m_readinessKnown && m_readiness.isEmpty()) {
            lines << tr("Approved by %1. Ready to activate.").arg(m.reviewedBy);
            style = kGoodStyle;
        } else if (m_readinessKnown) {
            lines << tr("Not ready to activate yet:");
            for (const QString &problem : m_readiness)
                lines << QStringLiteral("• ") + MerchantText::reason(problem);
        } else {
            lines << tr("Approved by %1. Checking whether it is ready to activate…").arg(m.reviewedBy);
            style = kGoodStyle;
        }
        break;
    case MerchantStatus::Frozen:
        lines << tr("Frozen: payouts are stopped and the available balance is held in the frozen account.");
        style = kBadStyle;
        break;
    case MerchantStatus::Active:
    case MerchantStatus::Closed:
        break;
    }
    m_banner->setVisible(m.id != 0 && !lines.isEmpty());
    m_banner->setStyleSheet(style);
    m_banner->setText(lines.join(QLatin1Char('\n')));
}

void MerchantDetailView::retranslate()
{
    m_placeholder->setText(
        tr("Select a merchant to see its profile, documents, accounts, applications, fees and history."));
    m_tabs->setTabText(ProfileTab, tr("Profile"));
    m_tabs->setTabText(DocumentsTab, tr("Documents"));
    m_tabs->setTabText(BalancesTab, tr("Accounts && balances"));
    m_tabs->setTabText(AppsTab, tr("Apps"));
    m_tabs->setTabText(FeesTab, tr("Fees"));
    m_tabs->setTabText(HistoryTab, tr("History"));
    m_save->setText(tr("&Save"));
    m_revert->setText(tr("Re&vert"));
    const Merchant &m = m_merchant;
    if (m.id != 0) {
        const QString name = m.profile.shortName.isEmpty() ? m.profile.legalName : m.profile.shortName;
        m_title->setText(QStringLiteral("<span style='font-size:large'><b>%1</b>&nbsp;&nbsp;%2</span>"
                                        "&nbsp;&nbsp;<span style='color:%3; font-weight:bold'>%4</span><br>"
                                        "<span style='color:#5f6368'>%5</span>")
                             .arg(m.merchantNo.toHtmlEscaped(), name.toHtmlEscaped(),
                                  MerchantModel::statusColor(m.status).name(),
                                  MerchantText::status(m.status).toHtmlEscaped(),
                                  tr("%1 · %2 · settles %3")
                                      .arg(m.profile.legalName, MerchantText::type(m.profile.type),
                                           MerchantText::cycle(m.profile.settlementCycle, m.profile.settlementDays))
                                      .toHtmlEscaped()));
    } else {
        m_title->clear();
    }
    updateProfileButtons();
    updateBanner();
}

void MerchantDetailView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

} // namespace paydesk
