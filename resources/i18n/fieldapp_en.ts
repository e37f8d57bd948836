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
    <name>SyncStatus</name>
    <message numerus="yes">
        <source>Waiting to sync: %n</source>
        <translation>
            <numerusform>Waiting to sync: %n</numerusform>
            <numerusform>Waiting to sync: %n</numerusform>
        </translation>
    </message>
</context>
</TS>
