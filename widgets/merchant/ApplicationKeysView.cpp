#include "widgets/merchant/ApplicationKeysView.h"

#include "core/PaydeskCore.h"
#include "widgets/common/RecordTable.h"
#include "widgets/common/Session.h"
#include "widgets/merchant/ApplicationKeyModel.h"
#include "widgets/merchant/MerchantText.h"
#include "widgets/merchant/RsaKeyDialog.h"
#include "widgets/merchant/SecretShownOnceDialog.h"
#include "widgets/merchant/TableColumns.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSpinBox>
#include <QTableView>
#include <QVBoxLayout>

namespace paydesk {

ApplicationKeysView::ApplicationKeysView(Session &session, QWidget *parent)
    : QWidget(parent), m_session(session), m_model(new ApplicationKeyModel(this)), m_title(new QLabel(this)),
      m_overlapLabel(new QLabel(this)), m_overlap(new QSpinBox(this)), m_rsa(new QPushButton(this)),
      m_hmac(new QPushButton(this)), m_revoke(new QPushButton(this)), m_table(new QTableView(this)),
      m_loader(this,
               [this](Result<QList<ApplicationKey>> keys) {
                   m_model->setKeys(keys.value_or({}), m_session.core().clock().nowUtc());
                   if (!keys)
                       m_title->setText(keys.error().message());
                   TableColumns::fit(m_table);
                   updateButtons();
                   emit loaded();
               }),
      m_calls(this)
{
    setObjectName(QStringLiteral("applicationKeysView"));
    m_title->setObjectName(QStringLiteral("keysTitle"));
    m_overlap->setObjectName(QStringLiteral("overlapSpin"));
    m_rsa->setObjectName(QStringLiteral("uploadRsaKeyButton"));
    m_hmac->setObjectName(QStringLiteral("generateHmacButton"));
    m_revoke->setObjectName(QStringLiteral("revokeKeyButton"));
    m_table->setObjectName(QStringLiteral("keyTable"));
    m_overlap->setRange(0, int(ApplicationService::kMaximumOverlapSeconds / 3600));
    m_overlap->setValue(int(ApplicationService::kDefaultOverlapSeconds / 3600));
    m_overlapLabel->setBuddy(m_overlap);
    m_table->setModel(m_model);
    setUpRecordTable(m_table);
    m_table->setWordWrap(false);

    auto *top = new QHBoxLayout;
    top->addWidget(m_title, 1);
    top->addWidget(m_overlapLabel);
    top->addWidget(m_overlap);
    top->addWidget(m_rsa);
    top->addWidget(m_hmac);
    top->addWidget(m_revoke);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(m_table, 1);
    connect(m_rsa, &QPushButton::clicked, this, &ApplicationKeysView::uploadRsaKey);
    connect(m_hmac, &QPushButton::clicked, this, &ApplicationKeysView::generateHmacSecret);
    connect(m_revoke, &QPushButton::clicked, this, &ApplicationKeysView::revokeSelected);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &ApplicationKeysView::updateButtons);
    retranslate();
    updateButtons();
}

void ApplicationKeysView::setApplication(const Application &application)
{
    m_application = application;
    retranslate();
    reload();
}

qint64 ApplicationKeysView::overlapSeconds() const
{
    return qint64(m_overlap->value()) * 3600;
}

void ApplicationKeysView::reload()
{
    updateButtons();
    if (m_application.id == 0) {
        m_loader.cancel();
        m_model->setKeys({}, QDateTime());
        TableColumns::fit(m_table);
        return;
    }
    PaydeskCore *core = &m_session.core();
    const Actor actor = m_session.actor();
    const qint64 id = m_application.id;
    m_loader.start([core, actor, id]() { return core->applications().keys(actor, id); });
}

void ApplicationKeysView::uploadRsaKey()
{
    if (m_application.id == 0)
        return;
    RsaKeyDialog dialog(m_application.appId, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    PaydeskCore *core = &m_session.core();
    const Actor actor = m_session.actor();
    const qint64 id = m_application.id;
    const QByteArray key = dialog.publicKey();
    const qint64 overlap = overlapSeconds();
    m_calls.run<ApplicationKey>(
        [core, actor, id, key, overlap]() { return core->applications().addRsaKey(actor, id, key, overlap); },
        [this](Result<ApplicationKey> added) {
            if (!added) {
                fail(added.error());
                return;
            }
            reload();
            emit changed();
        });
    updateButtons();
}

void ApplicationKeysView::generateHmacSecret()
{
    if (m_application.id == 0)
        return;
    PaydeskCore *core = &m_session.core();
    const Actor actor = m_session.actor();
    const qint64 id = m_application.id;
    const qint64 overlap = overlapSeconds();
    const QString appId = m_application.appId;
    m_calls.run<NewHmacKey>(
        [core, actor, id, overlap]() { return core->applications().generateHmacKey(actor, id, overlap); },
        [this, appId](Result<NewHmacKey> generated) {
            updateButtons();
            if (!generated) {
                fail(generated.error());
                return;
            }
            reload();
            emit changed();
            SecretShownOnceDialog dialog(appId, *generated, this);
            generated->secretBase64.fill(QLatin1Char('0'));
            dialog.exec();
        });
    updateButtons();
}

void ApplicationKeysView::revokeSelected()
{
    const QModelIndex current = m_table->currentIndex();
    if (!current.isValid())
        return;
    const ApplicationKey key = m_model->at(current.row());
    const auto answer = QMessageBox::question(this, tr("Revoke key"),
                                              tr("Revoke the %1 with fingerprint %2 now? Requests signed with it fail "
                                                 "from this moment on.")
                                                  .arg(MerchantText::keyKind(key.type), key.fingerprint.left(16)));
    if (answer != QMessageBox::Yes)
        return;
    PaydeskCore *core = &m_session.core();
    const Actor actor = m_session.actor();
    const qint64 id = key.id;
    m_calls.run<ApplicationKey>([core, actor, id]() { return core->applications().revokeKey(actor, id); },
                                [this](Result<ApplicationKey> revoked) {
                                    if (!revoked) {
                                        fail(revoked.error());
                                        return;
                                    }
                                    reload();
                                    emit changed();
                                });
}

void ApplicationKeysView::fail(const Error &error)
{
    updateButtons();
    QString text = error.message();
    if (error.code() == ErrorCode::VaultLocked || error.code() == ErrorCode::VaultNotInitialized)
        text += QLatin1Char('\n') + tr("HMAC secrets are kept in the vault: an administrator must unlock it first.");
    QMessageBox box(QMessageBox::Warning, tr("Signing keys"), text, QMessageBox::Ok, this);
    box.setObjectName(QStringLiteral("keyErrorBox"));
    box.exec();
}

void ApplicationKeysView::updateButtons()
{
    const bool manage = m_session.can(Permission::AppManage) && m_application.id != 0 && !m_calls.isBusy();
    m_rsa->setEnabled(manage);
    m_hmac->setEnabled(manage);
    m_overlap->setEnabled(manage);
    const QModelIndex current = m_table->currentIndex();
    m_revoke->setEnabled(manage && current.isValid() &&
                         m_model->state(current.row()) != ApplicationKeyModel::State::Ended);
}

void ApplicationKeysView::retranslate()
{
    m_title->setText(m_application.id == 0 ? tr("Select an application to see its signing keys.")
                                           : tr("Signing keys of %1").arg(m_application.appId));
    m_overlapLabel->setText(tr("Rotation &overlap:"));
    m_overlap->setSuffix(tr(" h"));
    m_overlap->setToolTip(tr("How long the keys a new key replaces stay valid (0: they end at once)."));
    m_rsa->setText(tr("Upload &RSA2 key…"));
    m_hmac->setText(tr("Generate &HMAC secret…"));
    m_revoke->setText(tr("Re&voke"));
}

void ApplicationKeysView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
        m_model->retranslate();
    }
    QWidget::changeEvent(event);
}

} // namespace paydesk
