<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>cli</name>
    <message>
        <source>FieldApp: after-sales field service (售后维修).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>data folder (default: the platform&apos;s user data folder)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>language of messages (default: zh_CN)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>start the desktop app (default)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <source>Invalid command line: {detail}
See: fieldapp --help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This database was written by a newer FieldApp (schema {revision}). Update FieldApp to open it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database upgrade left broken references; the copy saved before it is at {backup}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create the data folder {path}: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database is busy (another FieldApp window or sync is writing). Nothing was lost; try again in a moment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The disk is full. Nothing was saved; free some space and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database reported: {detail}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
