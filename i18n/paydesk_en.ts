<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>Cli</name>
    <message numerus="yes">
        <location filename="../app/cli/FeeCommand.cpp" line="+279"/>
        <source>applied to %n merchant(s): %1 rate(s) from %2</source>
        <translation>
            <numerusform>applied to %n merchant: %1 rate(s) from %2</numerusform>
            <numerusform>applied to %n merchants: %1 rate(s) from %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../app/cli/MerchantCommand.cpp" line="+250"/>
        <source>imported %n merchant(s) as drafts</source>
        <translation>
            <numerusform>imported %n merchant as a draft</numerusform>
            <numerusform>imported %n merchants as drafts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../app/cli/OrdersCommand.cpp" line="+84"/>
        <source>%n attempt(s)</source>
        <translation>
            <numerusform>%n attempt</numerusform>
            <numerusform>%n attempts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+31"/>
        <source>%n notification(s) due again</source>
        <translation>
            <numerusform>%n notification due again</numerusform>
            <numerusform>%n notifications due again</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../app/cli/OrdersFind.cpp" line="+197"/>
        <source>%n order(s) written to %1</source>
        <translation>
            <numerusform>%n order written to %1</numerusform>
            <numerusform>%n orders written to %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../app/cli/ReconcileOutput.cpp" line="+283"/>
        <source>%n item(s) changed category:</source>
        <translation>
            <numerusform>%n item changed category:</numerusform>
            <numerusform>%n items changed category:</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MerchantText</name>
    <message numerus="yes">
        <location filename="../widgets/merchant/MerchantText.cpp" line="+277"/>
        <source>at least %n character(s)</source>
        <translation>
            <numerusform>at least %n character</numerusform>
            <numerusform>at least %n characters</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>at most %n character(s)</source>
        <translation>
            <numerusform>at most %n character</numerusform>
            <numerusform>at most %n characters</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>paydesk::ApplyTemplateDialog</name>
    <message numerus="yes">
        <location filename="../widgets/fee/ApplyTemplateDialog.cpp" line="+171"/>
        <source>%n of %1 merchant(s) checked.</source>
        <translation>
            <numerusform>%n of %1 merchants checked.</numerusform>
            <numerusform>%n of %1 merchants checked.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>paydesk::AuditPanel</name>
    <message numerus="yes">
        <location filename="../widgets/audit/AuditPanel.cpp" line="+160"/>
        <source>Intact: all %n record(s) verify.</source>
        <translation>
            <numerusform>Intact: the %n record verifies.</numerusform>
            <numerusform>Intact: all %n records verify.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>paydesk::ChannelAccountModel</name>
    <message numerus="yes">
        <location filename="../widgets/channel/ChannelAccountModel.cpp" line="+61"/>
        <source>%1 (%n payment(s))</source>
        <translation>
            <numerusform>%1 (%n payment)</numerusform>
            <numerusform>%1 (%n payments)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>Incomplete: %n missing</source>
        <translation>
            <numerusform>Incomplete: %n missing</numerusform>
            <numerusform>Incomplete: %n missing</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>paydesk::DiscrepancyChart</name>
    <message numerus="yes">
        <location filename="../widgets/reconciliation/DiscrepancyChart.cpp" line="+247"/>
        <source>%Ln discrepancy(ies) found in these days.</source>
        <translation>
            <numerusform>%Ln discrepancy found in these days.</numerusform>
            <numerusform>%Ln discrepancies found in these days.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>paydesk::DiscrepancyPoolView</name>
    <message numerus="yes">
        <location filename="../widgets/reconciliation/DiscrepancyPoolView.cpp" line="+173"/>
        <source>%Ln discrepancy(ies)</source>
        <translation>
            <numerusform>%Ln discrepancy</numerusform>
            <numerusform>%Ln discrepancies</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%Ln discrepancy(ies) shown, more as you scroll</source>
        <translation>
            <numerusform>%Ln discrepancy shown, more as you scroll</numerusform>
            <numerusform>%Ln discrepancies shown, more as you scroll</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>paydesk::FeeTemplatesView</name>
    <message numerus="yes">
        <location filename="../widgets/fee/FeeTemplatesView.cpp" line="+138"/>
        <source>%n merchant rate(s) set from the template.</source>
        <translation>
            <numerusform>%n merchant rate set from the template.</numerusform>
            <numerusform>%n merchant rates set from the template.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>paydesk::FirstRunDialog</name>
    <message numerus="yes">
        <location filename="../widgets/shell/FirstRunDialog.cpp" line="+71"/>
        <source>The password needs at least %n characters.</source>
        <translation>
            <numerusform>The password needs at least %n character.</numerusform>
            <numerusform>The password needs at least %n characters.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>paydesk::JournalPanel</name>
    <message numerus="yes">
        <location filename="../widgets/ledger/JournalPanel.cpp" line="+227"/>
        <source>%n entries</source>
        <translation>
            <numerusform>%n entry</numerusform>
            <numerusform>%n entries</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n entries shown; scroll for more</source>
        <translation>
            <numerusform>%n entry shown; scroll for more</numerusform>
            <numerusform>%n entries shown; scroll for more</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>paydesk::MerchantFilterBar</name>
    <message numerus="yes">
        <location filename="../widgets/merchant/MerchantFilterBar.cpp" line="+94"/>
        <source>%n merchant(s): %1</source>
        <translation>
            <numerusform>%n merchant: %1</numerusform>
            <numerusform>%n merchants: %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>paydesk::OperatorDialog</name>
    <message numerus="yes">
        <location filename="../widgets/operators/OperatorDialog.cpp" line="+107"/>
        <source>The password needs at least %n characters.</source>
        <translation>
            <numerusform>The password needs at least %n character.</numerusform>
            <numerusform>The password needs at least %n characters.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>paydesk::OrderStoryView</name>
    <message numerus="yes">
        <location filename="../widgets/payment/OrderStoryView.cpp" line="+275"/>
        <source>%n notification(s) will be sent again.</source>
        <translation>
            <numerusform>%n notification will be sent again.</numerusform>
            <numerusform>%n notifications will be sent again.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>paydesk::PasswordDialog</name>
    <message numerus="yes">
        <location filename="../widgets/common/PasswordDialog.cpp" line="+91"/>
        <source>At least %n characters.</source>
        <translation>
            <numerusform>At least %n character.</numerusform>
            <numerusform>At least %n characters.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>paydesk::RefundsPanel</name>
    <message numerus="yes">
        <location filename="../widgets/payment/RefundsPanel.cpp" line="+291"/>
        <source>%n refund(s) not settled by the channel for more than %1 hours. Paydesk keeps asking the channel under the same refund numbers; check them with the channel and its statement.</source>
        <translation>
            <numerusform>%n refund not settled by the channel for more than %1 hours. Paydesk keeps asking the channel under the same refund number; check it with the channel and its statement.</numerusform>
            <numerusform>%n refunds not settled by the channel for more than %1 hours. Paydesk keeps asking the channel under the same refund numbers; check them with the channel and its statement.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+63"/>
        <source>%n notification(s) will be sent again now.</source>
        <translation>
            <numerusform>%n notification will be sent again now.</numerusform>
            <numerusform>%n notifications will be sent again now.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>paydesk::ReviewQueuePanel</name>
    <message numerus="yes">
        <location filename="../widgets/merchant/ReviewQueuePanel.cpp" line="+170"/>
        <source>%n merchant(s) waiting for review, oldest first</source>
        <translation>
            <numerusform>%n merchant waiting for review</numerusform>
            <numerusform>%n merchants waiting for review, oldest first</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>At least %n merchant(s) waiting for review, oldest first</source>
        <translation>
            <numerusform>At least %n merchant waiting for review</numerusform>
            <numerusform>At least %n merchants waiting for review, oldest first</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>paydesk::RunDiffView</name>
    <message numerus="yes">
        <location filename="../widgets/reconciliation/RunDiffView.cpp" line="+248"/>
        <source>Run #%1 against run #%2: %3, %4; %Ln item(s) changed category.</source>
        <translation>
            <numerusform>Run #%1 against run #%2: %3, %4; %Ln item changed category.</numerusform>
            <numerusform>Run #%1 against run #%2: %3, %4; %Ln items changed category.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>paydesk::TransactionsPanel</name>
    <message numerus="yes">
        <location filename="../widgets/payment/TransactionsPanel.cpp" line="+184"/>
        <source>%1 of %Ln order(s) shown</source>
        <translation>
            <numerusform>%1 of %Ln order shown</numerusform>
            <numerusform>%1 of %Ln orders shown</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%Ln order(s) shown, counting all matches…</source>
        <translation>
            <numerusform>%Ln order shown, counting all matches…</numerusform>
            <numerusform>%Ln orders shown, counting all matches…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%Ln order(s) shown</source>
        <translation>
            <numerusform>%Ln order shown</numerusform>
            <numerusform>%Ln orders shown</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+69"/>
        <source>%Ln order(s) written to %1.</source>
        <translation>
            <numerusform>%Ln order written to %1.</numerusform>
            <numerusform>%Ln orders written to %1.</numerusform>
        </translation>
    </message>
</context>
</TS>
