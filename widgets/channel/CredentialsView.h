#pragma once

#include "core/channel/account/ChannelAccount.h"
#include "core/channel/account/ChannelCredentialItems.h"
#include "core/channel/account/CredentialChange.h"
#include "widgets/common/PageLoader.h"

#include <QWidget>

class QLabel;
class QTableView;

namespace paydesk {

class CredentialStatusModel;
class Session;

// The credentials of one channel account: every item its channel needs, whether the vault holds
// it (never its value), what is still missing, and "Set…" per item, which proposes the item for
// a second operator's approval. Setting needs channel.manage and an unlocked vault; a locked
// vault is said plainly instead of offering buttons that fail.
class CredentialsView : public QWidget
{
    Q_OBJECT

public:
    explicit CredentialsView(Session &session, QWidget *parent = nullptr);

    // Shows `account`'s credentials (status loaded off the GUI thread); id 0 clears the view.
    void setAccount(const ChannelAccount &account);
    CredentialStatusModel *model() const { return m_model; }
    QLabel *vaultNotice() const { return m_vault; }

public slots:
    void reload();
    void setItem(const QString &name);

signals:
    void loaded();
    // An item was proposed (or, needing no approval, stored).
    void changed();
    void proposed(const CredentialChange &change);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void showStatus(Result<CredentialStatus> status);
    void placeButtons();

    Session &m_session;
    ChannelAccount m_account;
    CredentialStatusModel *m_model;
    QLabel *m_title;
    QLabel *m_vault;
    QTableView *m_table;
    QLabel *m_summary;
    PageLoader<CredentialStatus> m_loader;
};

} // namespace paydesk
