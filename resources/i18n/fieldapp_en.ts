<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>Unsaved drafts (%n)</source>
        <translation>
            <numerusform>Unsaved draft (%n)</numerusform>
            <numerusform>Unsaved drafts (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n visit(s)</source>
        <translation>
            <numerusform>%n visit</numerusform>
            <numerusform>%n visits</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SyncController</name>
    <message numerus="yes">
        <source>Synced; %n record(s) need your attention (Sync problems).</source>
        <translation>
            <numerusform>Synced; %n record needs your attention (Sync problems).</numerusform>
            <numerusform>Synced; %n records need your attention (Sync problems).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SyncStatus</name>
    <message numerus="yes">
        <source>Waiting to sync: %n</source>
        <translation>
            <numerusform>Waiting to sync: %n</numerusform>
            <numerusform>Waiting to sync: %n</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Sync problems: %n</source>
        <translation>
            <numerusform>Sync problem: %n</numerusform>
            <numerusform>Sync problems: %n</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>WorkOrderPanel</name>
    <message numerus="yes">
        <source>Work orders from the CS centre (%n)</source>
        <translation>
            <numerusform>Work order from the CS centre (%n)</numerusform>
            <numerusform>Work orders from the CS centre (%n)</numerusform>
        </translation>
    </message>
</context>
</TS>
