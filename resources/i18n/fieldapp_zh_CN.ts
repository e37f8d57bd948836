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
    <message>
        <source>fill the data folder with realistic demo visits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>how many visits (1 to 100000, default 200)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>do nothing when the data folder already has visits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Added {count} demo visits in {seconds:.1f} s to {path}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>list records</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>print JSON instead of a table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>only visits whose customer, phone, number, model or serial contains this</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>documents</name>
    <message>
        <source>by phone call</source>
        <translation>电话通知</translation>
    </message>
    <message>
        <source>by text message (SMS)</source>
        <translation>短信通知</translation>
    </message>
    <message>
        <source>Receipt for a Product Handed In for Repair</source>
        <translation>收条（送修）</translation>
    </message>
    <message>
        <source>Receipt no.</source>
        <translation>收条编号</translation>
    </message>
    <message>
        <source>Visit no.</source>
        <translation>维修单号</translation>
    </message>
    <message>
        <source>Received at</source>
        <translation>收机时间</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Product received</source>
        <translation>送修产品</translation>
    </message>
    <message>
        <source>Fault reported</source>
        <translation>故障现象</translation>
    </message>
    <message>
        <source>Completion and pick-up</source>
        <translation>完成与取机</translation>
    </message>
    <message>
        <source>Promised completion date</source>
        <translation>承诺完成日期</translation>
    </message>
    <message>
        <source>We will notify you</source>
        <translation>通知方式</translation>
    </message>
    <message>
        <source>{how}, at {phone}</source>
        <translation>{how}，号码 {phone}</translation>
    </message>
    <message>
        <source>Keep this receipt: show it when you pick the product up. If the repair cannot be finished by the promised date we will tell you why and when it will be. Customer service: {phone}.</source>
        <translation>请妥善保管本收条，取机时凭本收条取机。如未能在承诺日期前修复，我们将告知原因及预计完成时间。客服电话：{phone}。</translation>
    </message>
    <message>
        <source>Handed in by (customer)</source>
        <translation>送修人（用户）</translation>
    </message>
    <message>
        <source>Received by</source>
        <translation>收机人</translation>
    </message>
    <message>
        <source>Picked up (customer)</source>
        <translation>取机人（用户）签字</translation>
    </message>
    <message>
        <source>Receipt for Compensation</source>
        <translation>收条</translation>
    </message>
    <message>
        <source>I, {payee}, have received from {payer} the compensation agreed in agreement {agreement}: {amount}.</source>
        <translation>今收到{payer}依据协议书（编号 {agreement}）支付的赔偿：{amount}。收款人：{payee}。</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Agreement no.</source>
        <translation>协议书编号</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Paid by</source>
        <translation>支付方式</translation>
    </message>
    <message>
        <source>For</source>
        <translation>事由</translation>
    </message>
    <message>
        <source>This receipt confirms payment only; it does not waive the customer&apos;s statutory three-guarantee rights (CPL Art. 26).</source>
        <translation>本收条仅确认收到上述款物，不免除用户依法享有的“三包”权利（《消费者权益保护法》第二十六条）。</translation>
    </message>
    <message>
        <source>Received by (customer), signature</source>
        <translation>收款人（用户）签字</translation>
    </message>
    <message>
        <source>Paid by (company representative)</source>
        <translation>付款方经办人</translation>
    </message>
    <message>
        <source>{name}, badge no. {badge}</source>
        <translation>{name}，工号 {badge}</translation>
    </message>
    <message>
        <source>This agreement settles only the compensation for the event described above. It does not waive or limit Party A&apos;s statutory rights to repair, exchange and return of the product (the three guarantees) or any other statutory consumer right (Consumer Rights Protection Law of the PRC, Art. 26).</source>
        <translation>本协议仅就上述事件的赔偿事宜达成一致，不免除、不限制甲方依法享有的修理、更换、退货（“三包”）权利及其他法定消费者权益（《中华人民共和国消费者权益保护法》第二十六条）。</translation>
    </message>
    <message>
        <source>Represented by</source>
        <translation>代表人</translation>
    </message>
    <message>
        <source>Badge no.</source>
        <translation>工号</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>RMB ¥{figures} (in capitals: {capitals})</source>
        <translation>人民币 ¥{figures}（大写：{capitals}）</translation>
    </message>
    <message>
        <source>goods: {goods}</source>
        <translation>物品：{goods}</translation>
    </message>
    <message>
        <source>Agreement</source>
        <translation>协议书</translation>
    </message>
    <message>
        <source>Party B compensates Party A: {amount}.</source>
        <translation>乙方向甲方赔偿：{amount}。</translation>
    </message>
    <message>
        <source>Related visit / case</source>
        <translation>关联维修单/案件</translation>
    </message>
    <message>
        <source>CS centre approval</source>
        <translation>客服中心批准号</translation>
    </message>
    <message>
        <source>Parties</source>
        <translation>协议双方</translation>
    </message>
    <message>
        <source>Party A (customer)</source>
        <translation>甲方（用户）</translation>
    </message>
    <message>
        <source>Party B (company)</source>
        <translation>乙方（公司）</translation>
    </message>
    <message>
        <source>The event</source>
        <translation>事件情况</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>事件经过</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>产品</translation>
    </message>
    <message>
        <source>The parties agree as follows</source>
        <translation>经甲乙双方友好协商，达成如下协议</translation>
    </message>
    <message>
        <source>Signed at {place} on {date}.</source>
        <translation>签订地点：{place}&#x3000;签订日期：{date}</translation>
    </message>
    <message>
        <source>Party A (customer), signature</source>
        <translation>甲方（用户）签字</translation>
    </message>
    <message>
        <source>Party B (company), authorised representative</source>
        <translation>乙方授权代表签字</translation>
    </message>
    <message>
        <source>No. {number}   SHA-256 {digest}</source>
        <translation>编号 {number}   SHA-256 {digest}</translation>
    </message>
    <message>
        <source>No. {number}   NOT SIGNED</source>
        <translation>编号 {number}   未签署 / NOT SIGNED</translation>
    </message>
    <message>
        <source>Page {page}</source>
        <translation>第 {page} 页</translation>
    </message>
    <message>
        <source>After-Sales Repair Record</source>
        <translation>《售后维修记录》</translation>
    </message>
    <message>
        <source>(customer copy)</source>
        <translation>（用户联）</translation>
    </message>
    <message>
        <source>Fault and repair</source>
        <translation>故障与维修</translation>
    </message>
    <message>
        <source>Diagnosis</source>
        <translation>检测诊断</translation>
    </message>
    <message>
        <source>Work done</source>
        <translation>维修内容</translation>
    </message>
    <message>
        <source>Parts and fees</source>
        <translation>配件与费用</translation>
    </message>
    <message>
        <source>Three-guarantee decision</source>
        <translation>三包判定</translation>
    </message>
    <message>
        <source>Full-function test and customer&apos;s opinion</source>
        <translation>全功能试机与用户意见</translation>
    </message>
    <message>
        <source>Full-function test</source>
        <translation>全功能试机</translation>
    </message>
    <message>
        <source>Customer&apos;s opinion</source>
        <translation>用户意见</translation>
    </message>
    <message>
        <source>Satisfaction</source>
        <translation>满意度</translation>
    </message>
    <message>
        <source>Correction</source>
        <translation>更正说明</translation>
    </message>
    <message>
        <source>Done in front of the customer</source>
        <translation>已当用户面完成试机</translation>
    </message>
    <message>
        <source>Not done</source>
        <translation>未试机</translation>
    </message>
    <message>
        <source>Free (three guarantees)</source>
        <translation>三包免费</translation>
    </message>
    <message>
        <source>No parts or fees</source>
        <translation>无配件及费用</translation>
    </message>
    <message>
        <source>Total charged (yuan)</source>
        <translation>合计收费（元）</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Qty</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation>单价</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>shown</source>
        <translation>已出示</translation>
    </message>
    <message>
        <source>not shown</source>
        <translation>未出示</translation>
    </message>
    <message>
        <source>Revision</source>
        <translation>修订版</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>服务方式</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation>手机</translation>
    </message>
    <message>
        <source>Landline</source>
        <translation>固定电话</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>型号</translation>
    </message>
    <message>
        <source>Serial no.</source>
        <translation>机身编号</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>批号</translation>
    </message>
    <message>
        <source>Purchase date</source>
        <translation>购买日期</translation>
    </message>
    <message>
        <source>Invoice date</source>
        <translation>发票日期</translation>
    </message>
    <message>
        <source>Installed</source>
        <translation>安装日期</translation>
    </message>
    <message>
        <source>Warranty card / invoice</source>
        <translation>保修卡/发票</translation>
    </message>
    <message>
        <source>Technician {name}, badge no. {badge}</source>
        <translation>维修人员 {name}，工号 {badge}</translation>
    </message>
    <message>
        <source>Customer&apos;s signature</source>
        <translation>用户签字</translation>
    </message>
    <message>
        <source>Technician</source>
        <translation>维修人员</translation>
    </message>
    <message>
        <source>Appointment</source>
        <translation>预约时间</translation>
    </message>
    <message>
        <source>Arrived</source>
        <translation>到达时间</translation>
    </message>
    <message>
        <source>Completed at</source>
        <translation>完成时间</translation>
    </message>
    <message>
        <source>Return for a refund</source>
        <translation>退货（退款）</translation>
    </message>
    <message>
        <source>Exchange for the same model</source>
        <translation>换同型号产品</translation>
    </message>
    <message>
        <source>Repair</source>
        <translation>修理</translation>
    </message>
    <message>
        <source>Free repair (parts and labour)</source>
        <translation>免费修理（免材料费和维修费）</translation>
    </message>
    <message>
        <source>Paid repair at company rates</source>
        <translation>按公司标准收费修理</translation>
    </message>
    <message>
        <source>7-day no-reason return</source>
        <translation>七日无理由退货</translation>
    </message>
    <message>
        <source>Free of charge (three guarantees)</source>
        <translation>三包免费</translation>
    </message>
    <message>
        <source>Charged at company rates</source>
        <translation>按公司收费标准收费</translation>
    </message>
    <message>
        <source>The business must prove misuse (CPL Art. 23)</source>
        <translation>由经营者承担举证责任（《消费者权益保护法》第二十三条）</translation>
    </message>
    <message>
        <source>General rules of proof</source>
        <translation>按一般举证规则</translation>
    </message>
    <message>
        <source>Three-Guarantee Decision</source>
        <translation>三包处理判定书</translation>
    </message>
    <message>
        <source>Customer and product</source>
        <translation>用户与产品</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>判定结果</translation>
    </message>
    <message>
        <source>If you disagree with this decision, call the customer-service centre at {phone} or contact your local consumer association (hotline 12315). This decision does not limit your statutory rights.</source>
        <translation>如对本判定有异议，请拨打客服电话 {phone}，或向当地消费者协会（12315）反映。本判定不限制您依法享有的权利。</translation>
    </message>
    <message>
        <source>No three-guarantee decision was recorded for this visit.</source>
        <translation>本次维修未记录三包判定。</translation>
    </message>
    <message>
        <source>The customer may choose</source>
        <translation>用户可选择</translation>
    </message>
    <message>
        <source>Charge</source>
        <translation>收费</translation>
    </message>
    <message>
        <source>Warranty period</source>
        <translation>三包有效期</translation>
    </message>
    <message>
        <source>Extended by</source>
        <translation>顺延</translation>
    </message>
    <message>
        <source>{days} days (repair and waiting time)</source>
        <translation>{days} 天（修理及等待配件时间）</translation>
    </message>
    <message>
        <source>Refund amount</source>
        <translation>退款金额</translation>
    </message>
    <message>
        <source>Burden of proof</source>
        <translation>举证责任</translation>
    </message>
    <message>
        <source>Policy version</source>
        <translation>政策版本</translation>
    </message>
    <message>
        <source>Clause</source>
        <translation>依据条款</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <source>Please note</source>
        <translation>注意事项</translation>
    </message>
    <message>
        <source>Tel. {phone}</source>
        <translation>电话 {phone}</translation>
    </message>
    <message>
        <source>Signed by {name}  {time}</source>
        <translation>签字人：{name}&#x3000;{time}</translation>
    </message>
    <message>
        <source>Signature / date (by hand)</source>
        <translation>签字／日期（手写）</translation>
    </message>
    <message>
        <source>NOT SIGNED — this copy carries no digest</source>
        <translation>未签署 / NOT SIGNED — 本件无防伪摘要</translation>
    </message>
    <message>
        <source>Number {number}. The content may still change; only a signed copy can be verified.</source>
        <translation>编号 {number}。内容尚可能变更，只有签署后的文件才能核验。</translation>
    </message>
    <message>
        <source>Scan the code or run “fieldapp verify {number}” to check that this copy matches the stored record.</source>
        <translation>扫描二维码或运行“fieldapp verify {number}”，可核验本件与系统记录是否一致。</translation>
    </message>
    <message>
        <source>Verification</source>
        <translation>防伪核验</translation>
    </message>
    <message>
        <source>Number: {number}</source>
        <translation>编号：{number}</translation>
    </message>
    <message>
        <source>SHA-256 of the signed content:</source>
        <translation>签署内容 SHA-256 摘要：</translation>
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
    <message>
        <source>--visits must be between 1 and {max}, not {value}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write {path}: {reason}</source>
        <translation>无法写入 {path}：{reason}</translation>
    </message>
    <message>
        <source>Unknown document kind {kind}; use one of {kinds}</source>
        <translation>未知的单据类型 {kind}，可用：{kinds}</translation>
    </message>
    <message>
        <source>Unknown paper size {paper}; use a4 or 80mm</source>
        <translation>未知的纸张 {paper}，请用 a4 或 80mm</translation>
    </message>
    <message>
        <source>Only the repair record and the carry-in receipt have an 80 mm layout</source>
        <translation>只有维修记录和送修收条有 80mm 小票格式</translation>
    </message>
    <message>
        <source>{number} is an on-site visit; only carry-in visits have a receipt</source>
        <translation>{number} 是上门服务，只有送修才有收条</translation>
    </message>
    <message>
        <source>Cannot read {path} as a PDF: {reason}</source>
        <translation>无法读取 PDF 文件 {path}：{reason}</translation>
    </message>
    <message>
        <source>{path} is not a FieldApp document (no record number found)</source>
        <translation>{path} 不是 FieldApp 单据（未找到记录编号）</translation>
    </message>
    <message>
        <source>The customer&apos;s name is missing</source>
        <translation>请填写用户姓名</translation>
    </message>
    <message>
        <source>A compensation amount cannot be negative</source>
        <translation>赔偿金额不能为负数</translation>
    </message>
    <message>
        <source>Give the compensation: an amount, goods or both</source>
        <translation>请填写赔偿内容：金额、物品或两者</translation>
    </message>
    <message>
        <source>Every party must sign with a drawn signature and a name ({roles})</source>
        <translation>各方都须手写签名并填写姓名（{roles}）</translation>
    </message>
    <message>
        <source>No document with number {number}</source>
        <translation>没有编号为 {number} 的单据</translation>
    </message>
    <message>
        <source>{number} is signed and can no longer change</source>
        <translation>{number} 已签署，不能再修改</translation>
    </message>
    <message>
        <source>No Chinese TrueType font was found for printing (tried: {tried}). Install one: on Debian/Ubuntu run “sudo apt-get install fonts-wqy-microhei”; on Windows install Microsoft YaHei or SimHei; or copy a .ttf/.ttc font (TrueType outlines, not CFF) into the resources/fonts folder or set its path in the settings.</source>
        <translation>未找到可用于打印的中文 TrueType 字体（已尝试：{tried}）。请安装字体：Debian/Ubuntu 运行“sudo apt-get install fonts-wqy-microhei”；Windows 请安装微软雅黑或黑体；或将 .ttf/.ttc 字体（TrueType 轮廓，非 CFF）复制到 resources/fonts 文件夹，或在设置中指定字体路径。</translation>
    </message>
</context>
<context>
    <name>money</name>
    <message>
        <source>“{text}” is not an amount of money</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An amount cannot be negative</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amounts have at most two decimals (fen)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The amount is too large</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>print</name>
    <message>
        <source>write a document of a stored record as PDF</source>
        <translation>将已存记录的单据输出为 PDF</translation>
    </message>
    <message>
        <source>document: {kinds}</source>
        <translation>单据类型：{kinds}</translation>
    </message>
    <message>
        <source>record number (a carry-in receipt also accepts its receipt number)</source>
        <translation>记录编号（送修收条也可用收条编号）</translation>
    </message>
    <message>
        <source>where to write the PDF</source>
        <translation>PDF 输出路径</translation>
    </message>
    <message>
        <source>paper: a4 (default) or 80mm receipt roll</source>
        <translation>纸张：a4（默认）或 80mm 小票</translation>
    </message>
    <message>
        <source>Warning: no installed font has these characters; they print blank: {chars} (install fonts-hanazono or fonts-babelstone-han)</source>
        <translation>警告：已安装的字体均不含以下字符，打印时将为空白：{chars}（请安装 fonts-hanazono 或 fonts-babelstone-han）</translation>
    </message>
    <message>
        <source>Wrote {path}</source>
        <translation>已生成 {path}</translation>
    </message>
</context>
<context>
    <name>products</name>
    <message>
        <source>Rice cooker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Induction cooker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Electric kettle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refrigerator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Air conditioner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Washing machine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Television</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Water heater</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>By phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TV shopping</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mail order</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>status</name>
    <message>
        <source>Scheduled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Completed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Received</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Repairing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ready for pick-up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Returned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On-site</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Carry-in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Very satisfied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Satisfied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Neutral</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dissatisfied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Labour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On-site call-out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transport</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>validation</name>
    <message>
        <source>Say why the signed record is being corrected</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>verify</name>
    <message>
        <source>check a printed PDF or a record number against the stored record</source>
        <translation>用系统记录核验打印的 PDF 或记录编号</translation>
    </message>
    <message>
        <source>a PDF printed by FieldApp, or a record number</source>
        <translation>FieldApp 打印的 PDF，或记录编号</translation>
    </message>
    <message>
        <source>{number} is not signed: there is no digest to check.</source>
        <translation>{number} 尚未签署，没有可核验的摘要。</translation>
    </message>
    <message>
        <source>This copy of {number} was printed before it was signed and carries no digest.</source>
        <translation>这份 {number} 是签署前打印的，没有防伪摘要。</translation>
    </message>
    <message>
        <source>MISMATCH: the stored record {number} was changed after it was signed.
digest at signing: {stored}
digest now:        {now}</source>
        <translation>不一致：系统记录 {number} 在签署后被改动。
签署时摘要：{stored}
当前摘要：  {now}</translation>
    </message>
    <message>
        <source>MISMATCH: this copy does not match the stored record {number}.
digest printed: {printed}
digest stored:  {stored}</source>
        <translation>不一致：本件与系统记录 {number} 不符。
打印摘要：{printed}
记录摘要：{stored}</translation>
    </message>
    <message>
        <source>OK: {number} matches the stored record (SHA-256 {digest}).</source>
        <translation>一致：{number} 与系统记录相符（SHA-256 {digest}）。</translation>
    </message>
</context>
</TS>
