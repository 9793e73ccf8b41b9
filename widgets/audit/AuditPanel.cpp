#include "widgets/audit/AuditPanel.h"

#include "core/PaydeskCore.h"
#include "widgets/audit/AuditModel.h"
#include "widgets/common/RecordTable.h"
#include "widgets/common/Session.h"

#include <QCheckBox>
#include <QDateEdit>
#include <QEvent>
#include <QGridLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace paydesk {

AuditPanel::AuditPanel(Session &session, QWidget *parent)
    : QWidget(parent), m_session(session), m_model(new AuditModel(session, this)), m_actor(new QLineEdit(this)),
      m_action(new QLineEdit(this)), m_useDates(new QCheckBox(this)), m_from(new QDateEdit(this)),
      m_to(new QDateEdit(this)), m_apply(new QPushButton(this)), m_verify(new QPushButton(this)),
      m_verdict(new QLabel(this)), m_table(new QTableView(this)), m_detail(new QPlainTextEdit(this)),
      m_actorLabel(new QLabel(this)), m_actionLabel(new QLabel(this)),
      m_verifier(this, [this](Result<AuditVerification> result) { showVerification(std::move(result)); })
{
    setObjectName(QStringLiteral("auditPanel"));
    m_actor->setObjectName(QStringLiteral("auditActorFilter"));
    m_action->setObjectName(QStringLiteral("auditActionFilter"));
    m_apply->setObjectName(QStringLiteral("auditApplyButton"));
    m_verify->setObjectName(QStringLiteral("verifyChainButton"));
    m_verdict->setObjectName(QStringLiteral("verifyResult"));
    m_table->setObjectName(QStringLiteral("auditTable"));
    m_detail->setObjectName(QStringLiteral("auditDetail"));

    const QDate today = m_session.core().clock().businessDate();
    m_from->setDate(today.addDays(-7));
    m_to->setDate(today);
    for (QDateEdit *edit : {m_from, m_to}) {
        edit->setCalendarPopup(true);
        edit->setEnabled(false);
    }
    m_verify->setEnabled(session.can(Permission::AuditVerify));
    m_verdict->setTextFormat(Qt::RichText);
    m_verdict->setWordWrap(true);
    m_table->setModel(m_model);
    setUpRecordTable(m_table);
    m_detail->setReadOnly(true);

    auto *filters = new QGridLayout;
    filters->addWidget(m_actorLabel, 0, 0);
    filters->addWidget(m_actor, 0, 1);
    filters->addWidget(m_actionLabel, 0, 2);
    filters->addWidget(m_action, 0, 3);
    filters->addWidget(m_useDates, 0, 4);
    filters->addWidget(m_from, 0, 5);
    filters->addWidget(m_to, 0, 6);
    filters->addWidget(m_apply, 0, 7);
    auto *verifyRow = new QHBoxLayout;
    verifyRow->addWidget(m_verify);
    verifyRow->addWidget(m_verdict, 1);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_table);
    splitter->addWidget(m_detail);
    splitter->setStretchFactor(0, 4);
    splitter->setStretchFactor(1, 1);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(filters);
    layout->addLayout(verifyRow);
    layout->addWidget(splitter, 1);

    connect(m_useDates, &QCheckBox::toggled, m_from, &QWidget::setEnabled);
    connect(m_useDates, &QCheckBox::toggled, m_to, &QWidget::setEnabled);
    connect(m_apply, &QPushButton::clicked, this, &AuditPanel::applyFilter);
    connect(m_actor, &QLineEdit::returnPressed, this, &AuditPanel::applyFilter);
    connect(m_action, &QLineEdit::returnPressed, this, &AuditPanel::applyFilter);
    connect(m_verify, &QPushButton::clicked, this, &AuditPanel::verifyChain);
    connect(
        m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex &current) {
            if (!current.isValid())
                return;
            const AuditRecord &record = m_model->record(current.row());
            QString detail = record.detail;
            const QJsonDocument json = QJsonDocument::fromJson(record.detail.toUtf8());
            if (!json.isNull())
                detail = QString::fromUtf8(json.toJson(QJsonDocument::Indented));
            m_detail->setPlainText(
                tr("Record %1 · %2 · hash %3\n%4").arg(record.seq).arg(record.source, record.hash.left(16), detail));
        });
    connect(&session, &Session::dataChanged, m_model, &AuditModel::reload);
    connect(m_model, &AuditModel::pageLoaded, this, [this]() {
        if (m_model->rowCount() <= AuditModel::PageSize)
            m_table->resizeColumnsToContents();
    });
    retranslate();
    applyFilter();
}

void AuditPanel::applyFilter()
{
    AuditFilter filter;
    filter.actor = m_actor->text().trimmed();
    filter.action = m_action->text().trimmed();
    if (m_useDates->isChecked()) {
        const QTimeZone zone = Clock::platformTimeZone();
        filter.from = QDateTime(m_from->date(), QTime(0, 0), zone).toUTC();
        filter.to = QDateTime(m_to->date().addDays(1), QTime(0, 0), zone).toUTC();
    }
    m_detail->clear();
    m_model->setFilter(filter);
}

void AuditPanel::verifyChain()
{
    m_verify->setEnabled(false);
    m_verdict->setText(tr("Verifying…"));
    PaydeskCore *core = &m_session.core();
    const Actor actor = m_session.actor();
    m_verifier.start([core, actor]() { return core->audit().verify(actor); });
}

void AuditPanel::showVerification(Result<AuditVerification> result)
{
    m_verify->setEnabled(m_session.can(Permission::AuditVerify));
    if (!result) {
        m_hasVerification = false;
        m_verdict->setText(
            QStringLiteral("<span style='color:#b00020'>%1</span>").arg(result.error().message().toHtmlEscaped()));
        return;
    }
    m_hasVerification = true;
    m_lastVerification = *result;
    retranslate();
    m_model->reload(); // the check itself is now on record
    emit verified(result->intact());
}

void AuditPanel::retranslate()
{
    m_actorLabel->setText(tr("Operator"));
    m_actionLabel->setText(tr("Action"));
    m_action->setPlaceholderText(tr("e.g. login, ledger.post"));
    m_useDates->setText(tr("Dates"));
    m_apply->setText(tr("&Search"));
    m_verify->setText(tr("&Verify chain"));
    for (QDateEdit *edit : {m_from, m_to})
        edit->setDisplayFormat(QLocale().dateFormat(QLocale::ShortFormat));
    if (m_hasVerification) {
        const AuditVerification &v = m_lastVerification;
        if (v.intact()) {
            m_verdict->setText(
                QStringLiteral("<span style='color:#1b7f3b'>%1</span>")
                    .arg(tr("Intact: all %n record(s) verify.", nullptr, int(v.records)).toHtmlEscaped()));
        } else {
            m_verdict->setText(
                QStringLiteral("<b style='color:#b00020'>%1</b>")
                    .arg(tr("Tampering detected at record %1: %2").arg(v.brokenSeq).arg(v.reason()).toHtmlEscaped()));
        }
    }
}

void AuditPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
        m_model->retranslate();
    }
    QWidget::changeEvent(event);
}

} // namespace paydesk
