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
<context>
    <name>warranty</name>
    <message>
        <source>cannot read the file: {detail}</source>
        <translation>无法读取文件：{detail}</translation>
    </message>
    <message>
        <source>is not valid JSON: {detail}</source>
        <translation>不是有效的 JSON：{detail}</translation>
    </message>
    <message>
        <source>three-guarantee (三包) eligibility</source>
        <translation>三包资格判定</translation>
    </message>
    <message>
        <source>decide from JSON facts and print the decision as JSON</source>
        <translation>根据 JSON 格式的事实进行判定，并以 JSON 输出判定结果</translation>
    </message>
    <message>
        <source>JSON facts file, or - for standard input</source>
        <translation>JSON 事实文件，用 - 表示标准输入</translation>
    </message>
    <message>
        <source>is required</source>
        <translation>必须填写</translation>
    </message>
    <message>
        <source>is not a known field</source>
        <translation>不是可识别的字段</translation>
    </message>
    <message>
        <source>must be a date in the form YYYY-MM-DD</source>
        <translation>必须是 YYYY-MM-DD 格式的日期</translation>
    </message>
    <message>
        <source>must be true or false</source>
        <translation>必须是 true 或 false</translation>
    </message>
    <message>
        <source>must be an object</source>
        <translation>必须是对象</translation>
    </message>
    <message>
        <source>must be a list</source>
        <translation>必须是列表</translation>
    </message>
    <message>
        <source>must be text</source>
        <translation>必须是文字</translation>
    </message>
    <message>
        <source>must be an amount in yuan, zero or more</source>
        <translation>必须是不小于零的金额（元）</translation>
    </message>
    <message>
        <source>must be one of: {choices}</source>
        <translation>必须是以下之一：{choices}</translation>
    </message>
    <message>
        <source>is after today ({today})</source>
        <translation>晚于今天（{today}）</translation>
    </message>
    <message>
        <source>is before the sale date ({sale})</source>
        <translation>早于销售日期（{sale}）</translation>
    </message>
    <message>
        <source>is after the sale date ({sale})</source>
        <translation>晚于销售日期（{sale}）</translation>
    </message>
    <message>
        <source>is before the date the repair was received ({received})</source>
        <translation>早于送修日期（{received}）</translation>
    </message>
    <message>
        <source>cannot be true while the repair is still open</source>
        <translation>维修尚未完成时不能为 true</translation>
    </message>
    <message>
        <source>overlaps repairs[{other}], which was not yet returned</source>
        <translation>与尚未交还的维修记录 repairs[{other}] 时间重叠</translation>
    </message>
    <message>
        <source>is required when the goods were sold as substandard or clearance</source>
        <translation>商品作为等外品或处理品出售时必须填写</translation>
    </message>
    <message>
        <source>is not a known category; known: {choices}</source>
        <translation>不是已知的产品类别；已知类别：{choices}</translation>
    </message>
    <message>
        <source>is not a main part of this category; main parts: {choices}</source>
        <translation>不是该类别的主要部件；主要部件：{choices}</translation>
    </message>
    <message>
        <source>must be null: this category has no main parts with their own period</source>
        <translation>必须为 null：该类别没有单独保修期的主要部件</translation>
    </message>
    <message>
        <source>Invalid three-guarantee policy at {where}: {problem}</source>
        <translation>三包政策数据有误（{where}）：{problem}</translation>
    </message>
</context>
</TS>
