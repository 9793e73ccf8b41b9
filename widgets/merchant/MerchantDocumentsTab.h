#pragma once

#include "core/merchant/Merchant.h"
#include "core/merchant/MerchantDocument.h"
#include "widgets/common/BackgroundCalls.h"
#include "widgets/common/PageLoader.h"

#include <QWidget>

class QCheckBox;
class QLabel;
class QPushButton;
class QTableView;

namespace paydesk {

class DocumentPreview;
class MerchantDocumentModel;
class Session;

// A merchant's documents (资料备案): the list with kind, size and SHA-256, "Attach…" while the
// merchant is a draft or rejected, and a preview of the selected one (opening it needs
// merchant.view_sensitive and is audited by the core). Everything reaches the core off the GUI
// thread.
class MerchantDocumentsTab : public QWidget
{
    Q_OBJECT

public:
    explicit MerchantDocumentsTab(Session &session, QWidget *parent = nullptr);

    // Shows this merchant's documents; an id of 0 clears the tab.
    void setMerchant(const Merchant &merchant);
    // Read-only (the review queue): no attaching or removing whatever the status.
    void setReadOnly(bool readOnly);
    MerchantDocumentModel *model() const { return m_model; }
    DocumentPreview *preview() const { return m_preview; }
    QTableView *table() const { return m_table; }
    bool isLoading() const { return m_loader.isRunning(); }
    // The kinds a submission of this merchant needs that have no current document.
    QList<DocumentKind> missingKinds() const;

public slots:
    void reload();
    // Asks for a kind and a file, then attaches it.
    void attach();
    void attachFile(DocumentKind kind, const QString &path);
    void removeSelected();

signals:
    void loaded();
    // A document was attached or removed (the merchant's history changed too).
    void changed();
    // The selected document was opened: shown, or not (`ok` false, with the reason on screen).
    void previewFinished(bool ok);

protected:
    void changeEvent(QEvent *event) override;

private:
    void showList(Result<QList<MerchantDocument>> documents);
    void showContent(Result<DocumentContent> content);
    void openSelected();
    void updateButtons();
    void retranslate();
    void fail(const QString &message);

    Session &m_session;
    Merchant m_merchant;
    bool m_readOnly = false;
    MerchantDocumentModel *m_model;
    QTableView *m_table;
    DocumentPreview *m_preview;
    QPushButton *m_attach;
    QPushButton *m_remove;
    QCheckBox *m_superseded;
    QLabel *m_info;
    PageLoader<QList<MerchantDocument>> m_loader;
    PageLoader<DocumentContent> m_content;
    BackgroundCalls m_calls;
};

} // namespace paydesk
