#pragma once

#include <QMainWindow>

#include <memory>

class QLabel;
class QListWidget;
class QStackedWidget;

namespace paydesk {

class Database;
class LedgerPanel;

// The console's main window: a navigation sidebar on the left, the chosen panel on the
// right, and the database in use in the status bar. Remembers geometry and the last panel.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(std::shared_ptr<Database> database, QWidget *parent = nullptr);

    LedgerPanel *ledgerPanel() const { return m_ledgerPanel; }

protected:
    void changeEvent(QEvent *event) override;
    void closeEvent(QCloseEvent *event) override;

private:
    void createMenus();
    void retranslate();
    void showAbout();

    std::shared_ptr<Database> m_database;
    QListWidget *m_navigation;
    QStackedWidget *m_panels;
    LedgerPanel *m_ledgerPanel;
    QLabel *m_databaseLabel;
    QMenu *m_fileMenu = nullptr;
    QMenu *m_viewMenu = nullptr;
    QMenu *m_helpMenu = nullptr;
    QAction *m_quitAction = nullptr;
    QAction *m_refreshAction = nullptr;
    QAction *m_aboutAction = nullptr;
};

} // namespace paydesk
