<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>paydesk::AuditPanel</name>
    <message numerus="yes">
        <location filename="../widgets/audit/AuditPanel.cpp" line="+169"/>
        <source>Intact: all %n record(s) verify.</source>
        <translation>
            <numerusform>Intact: the %n record verifies.</numerusform>
            <numerusform>Intact: all %n records verify.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>paydesk::FirstRunDialog</name>
    <message numerus="yes">
        <location filename="../widgets/shell/FirstRunDialog.cpp" line="+77"/>
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
        <location filename="../widgets/ledger/JournalPanel.cpp" line="+202"/>
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
    <name>paydesk::OperatorDialog</name>
    <message numerus="yes">
        <location filename="../widgets/operators/OperatorDialog.cpp" line="+105"/>
        <source>The password needs at least %n characters.</source>
        <translation>
            <numerusform>The password needs at least %n character.</numerusform>
            <numerusform>The password needs at least %n characters.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>paydesk::PasswordDialog</name>
    <message numerus="yes">
        <location filename="../widgets/common/PasswordDialog.cpp" line="+66"/>
        <source>At least %n characters.</source>
        <translation>
            <numerusform>At least %n character.</numerusform>
            <numerusform>At least %n characters.</numerusform>
        </translation>
    </message>
</context>
</TS>
