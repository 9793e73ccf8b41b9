#pragma once

#include "core/routing/RoutingRule.h"
#include "widgets/channel/ChannelDirectory.h"

#include <QDialog>

#include <optional>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QSpinBox;

namespace paydesk {

class Session;

// Creates or edits a routing rule: merchant (fixed once created), payment method, channel
// account (only accounts whose channel serves the method: shared ones, or the merchant's own),
// priority, weight and whether it is enabled. The core checks the rest (currency, duplicates).
class RoutingRuleDialog : public QDialog
{
    Q_OBJECT

public:
    RoutingRuleDialog(Session &session, const ChannelDirectory &directory, QWidget *parent = nullptr);
    RoutingRuleDialog(Session &session, const ChannelDirectory &directory, const RoutingRule &rule,
                      QWidget *parent = nullptr);

    // Starting values of a new rule.
    void preset(qint64 merchantId, std::optional<PayMethod> method);
    const RoutingRule &rule() const { return m_rule; }

public slots:
    void accept() override;

private:
    void build(bool create);
    void fillAccounts();
    void validate();

    Session &m_session;
    ChannelDirectory m_directory;
    RoutingRule m_rule;
    QComboBox *m_merchant = nullptr;
    QComboBox *m_method = nullptr;
    QComboBox *m_account = nullptr;
    QSpinBox *m_priority = nullptr;
    QSpinBox *m_weight = nullptr;
    QCheckBox *m_enabled = nullptr;
    QLabel *m_message = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace paydesk
