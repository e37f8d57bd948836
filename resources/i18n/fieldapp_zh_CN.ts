<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>DocumentPreview</name>
    <message>
        <source>Preview – {number}</source>
        <translation>预览 – {number}</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>Save as PDF…</source>
        <translation>另存为 PDF…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Rendering…</source>
        <translation>正在生成…</translation>
    </message>
    <message>
        <source>Rendering… (step {done} of {total})</source>
        <translation>正在生成…（第 {done} 步，共 {total} 步）</translation>
    </message>
    <message>
        <source>No font can draw these characters; they print blank: {chars}</source>
        <translation>没有字体能显示这些字，打印出来会是空白：{chars}</translation>
    </message>
    <message>
        <source>Save as PDF</source>
        <translation>另存为 PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Could not save {path}: {reason}</source>
        <translation>无法保存 {path}：{reason}</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>打印</translation>
    </message>
    <message>
        <source>No printer is set up on this computer. Save as PDF and print it elsewhere, or add a printer in the system settings.</source>
        <translation>这台电脑没有设置打印机。请另存为 PDF 后在别处打印，或在系统设置中添加打印机。</translation>
    </message>
</context>
<context>
    <name>EnrolmentBox</name>
    <message>
        <source>Sync with the CS centre</source>
        <translation>与客服中心同步</translation>
    </message>
    <message>
        <source>One-time code from the CS centre</source>
        <translation>客服中心给的一次性登记码</translation>
    </message>
    <message>
        <source>Central service address</source>
        <translation>客服中心服务地址</translation>
    </message>
    <message>
        <source>Enrolment code</source>
        <translation>登记码</translation>
    </message>
    <message>
        <source>This laptop is not enrolled yet: enter the address and the code, then enrol.</source>
        <translation>本机尚未登记：请填写地址和登记码，然后登记。</translation>
    </message>
    <message>
        <source>Enrol</source>
        <translation>登记</translation>
    </message>
    <message>
        <source>Enrolled as device {device} for {name} ({badge}){branch}, at {server}.</source>
        <translation>已登记为设备 {device}，技术员 {name}（{badge}）{branch}，服务地址 {server}。</translation>
    </message>
    <message>
        <source>Enrol again</source>
        <translation>重新登记</translation>
    </message>
    <message>
        <source>Enter the central service address, starting with https:// (or http:// inside the office network).</source>
        <translation>请填写客服中心服务地址，以 https:// 开头（办公室内网可用 http://）。</translation>
    </message>
    <message>
        <source>Enter the enrolment code the CS centre gave you.</source>
        <translation>请填写客服中心给您的登记码。</translation>
    </message>
    <message>
        <source>Enrolling…</source>
        <translation>正在登记…</translation>
    </message>
    <message>
        <source>Enrolled. Records are sent whenever the centre can be reached.</source>
        <translation>已登记。只要能连上客服中心，记录就会自动发送。</translation>
    </message>
</context>
<context>
    <name>HolidayDataWarning</name>
    <message>
        <source>⚠ The holiday data cannot be read: tell the CS centre</source>
        <translation>⚠ 节假日数据无法读取，请告知客服中心</translation>
    </message>
    <message>
        <source>⚠ A policy from the CS centre is not used: tell the CS centre</source>
        <translation>⚠ 客服中心下发的政策未被采用，请告知客服中心</translation>
    </message>
    <message>
        <source>⚠ No holiday data for {year}: tell the CS centre</source>
        <translation>⚠ 缺少{year}年节假日数据，请告知客服中心</translation>
    </message>
    <message>
        <source>Warranty deadlines in {year} are moved off weekends only, not off statutory holidays. The CS centre&apos;s administrator loads the State Council notice with “fieldapp policy holidays import”.</source>
        <translation>{year}年的三包期限只避开了周末，未避开法定节假日。客服中心管理员可用“fieldapp policy holidays import”导入国务院办公厅的通知。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>FieldApp – after-sales service</source>
        <translation>FieldApp 售后服务</translation>
    </message>
    <message>
        <source>Opening the records…</source>
        <translation>正在打开维修记录…</translation>
    </message>
    <message>
        <source>A sync is already running.</source>
        <translation>已有一次同步正在进行。</translation>
    </message>
    <message>
        <source>Enrol again</source>
        <translation>重新登记</translation>
    </message>
    <message>
        <source>Open Settings to enrol</source>
        <translation>打开设置以登记</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>稍后</translation>
    </message>
    <message>
        <source>Actions</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>New on-site visit</source>
        <translation>新建上门</translation>
    </message>
    <message>
        <source>New carry-in</source>
        <translation>新建送修</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <source>Print a document…</source>
        <translation>打印单据…</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>同步</translation>
    </message>
    <message>
        <source>Send and receive records now (F9)</source>
        <translation>立即发送和接收记录（F9）</translation>
    </message>
    <message>
        <source>Sync problems…</source>
        <translation>同步问题…</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Damaged drafts could not be restored and were moved to {folder}: {files}</source>
        <translation>已损坏的草稿无法恢复，已移至 {folder}：{files}</translation>
    </message>
    <message>
        <source>(no name)</source>
        <translation>（未填姓名）</translation>
    </message>
    <message numerus="yes">
        <source>Unsaved drafts (%n)</source>
        <translation>
            <numerusform>未保存的草稿（%n）</numerusform>
        </translation>
    </message>
    <message>
        <source>That draft was saved or discarded meanwhile.</source>
        <translation>该草稿已在此期间保存或丢弃。</translation>
    </message>
    <message numerus="yes">
        <source>%n visit(s)</source>
        <translation>
            <numerusform>共 %n 条维修记录</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReprintDialog</name>
    <message>
        <source>Print a document</source>
        <translation>打印单据</translation>
    </message>
    <message>
        <source>Repair record (customer copy)</source>
        <translation>维修记录（用户联）</translation>
    </message>
    <message>
        <source>Carry-in receipt (收条)</source>
        <translation>收条（送修）</translation>
    </message>
    <message>
        <source>Three-guarantee decision</source>
        <translation>三包判定书</translation>
    </message>
    <message>
        <source>Crisis agreement (协议书)</source>
        <translation>协议书</translation>
    </message>
    <message>
        <source>Compensation receipt (收条)</source>
        <translation>赔偿收条</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>单据</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>单号</translation>
    </message>
    <message>
        <source>Enter the number printed on the record.</source>
        <translation>请输入单据上的编号。</translation>
    </message>
    <message>
        <source>Looking up {number}…</source>
        <translation>正在查找 {number}…</translation>
    </message>
    <message>
        <source>Drawing {number}…</source>
        <translation>正在生成 {number}…</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>A4</source>
        <translation>A4</translation>
    </message>
    <message>
        <source>80 mm receipt roll</source>
        <translation>80 毫米小票</translation>
    </message>
    <message>
        <source>A new language applies when FieldApp starts again.</source>
        <translation>更改语言后，重新启动 FieldApp 生效。</translation>
    </message>
    <message>
        <source>Technician</source>
        <translation>维修人员</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Badge number (工作证号)</source>
        <translation>工作证号</translation>
    </message>
    <message>
        <source>Company (printed on documents)</source>
        <translation>公司（打印在单据上）</translation>
    </message>
    <message>
        <source>Company name</source>
        <translation>公司名称</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Service hotline</source>
        <translation>服务热线</translation>
    </message>
    <message>
        <source>Logo (PNG or JPEG)</source>
        <translation>标志（PNG 或 JPEG）</translation>
    </message>
    <message>
        <source>Service outlet (维修网点, printed beside the company)</source>
        <translation>维修网点（打印在公司名称旁）</translation>
    </message>
    <message>
        <source>Outlet name</source>
        <translation>网点名称</translation>
    </message>
    <message>
        <source>Outlet address</source>
        <translation>网点地址</translation>
    </message>
    <message>
        <source>Outlet phone</source>
        <translation>网点电话</translation>
    </message>
    <message>
        <source>App</source>
        <translation>程序</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Paper for documents</source>
        <translation>单据纸张</translation>
    </message>
    <message>
        <source>Enter the technician&apos;s name and badge number: every record carries them.</source>
        <translation>请填写维修人员姓名和工作证号：每张单据都要用到。</translation>
    </message>
    <message>
        <source>Enter the company name printed on documents.</source>
        <translation>请填写打印在单据上的公司名称。</translation>
    </message>
    <message>
        <source>The logo file does not exist: {path}</source>
        <translation>标志文件不存在：{path}</translation>
    </message>
    <message>
        <source>The server address starts with https://</source>
        <translation>服务器地址应以 https:// 开头</translation>
    </message>
    <message>
        <source>Could not save the settings: {reason}</source>
        <translation>无法保存设置：{reason}</translation>
    </message>
    <message>
        <source>The centre enrolled this laptop for badge {enrolled}, but Settings say {typed}: records with another badge are refused. Correct the badge number.</source>
        <translation>客服中心为工作证号 {enrolled} 登记了本机，但设置中填的是 {typed}：工作证号不同的记录会被拒收。请改正工作证号。</translation>
    </message>
    <message>
        <source>Logo</source>
        <translation>标志</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg)</source>
        <translation>图片 (*.png *.jpg *.jpeg)</translation>
    </message>
</context>
<context>
    <name>SignatureDialog</name>
    <message>
        <source>Customer signature</source>
        <translation>客户签字</translation>
    </message>
    <message>
        <source>Signature</source>
        <translation>签字</translation>
    </message>
    <message>
        <source>By signing, the customer confirms that the repair was done and that the full-function test was carried out in their presence.</source>
        <translation>客户签字即确认：本次维修已完成，且已当面进行全功能试机。</translation>
    </message>
    <message>
        <source>Name of the person signing</source>
        <translation>签字人姓名</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销一笔</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Confirm signature</source>
        <translation>确认签字</translation>
    </message>
    <message>
        <source>Signer&apos;s name:</source>
        <translation>签字人：</translation>
    </message>
    <message>
        <source>What the customer signs for</source>
        <translation>客户签字确认的内容</translation>
    </message>
    <message>
        <source>Part or fee</source>
        <translation>配件或费用</translation>
    </message>
    <message>
        <source>Qty</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Amount ¥</source>
        <translation>金额 ¥</translation>
    </message>
    <message>
        <source>Total to pay: ¥ {amount}</source>
        <translation>应付合计：¥ {amount}</translation>
    </message>
    <message>
        <source>(not written yet)</source>
        <translation>（尚未填写）</translation>
    </message>
    <message>
        <source>Fault</source>
        <translation>故障</translation>
    </message>
    <message>
        <source>Carry-in receipt: the customer signs</source>
        <translation>收条：客户签字</translation>
    </message>
    <message>
        <source>By signing, the customer confirms handing the product in as described below: its condition, its accessories, the fault and the promised completion date.</source>
        <translation>客户签字即确认按下列内容交付产品：外观及状况、随机附件、故障现象和承诺完成日期。</translation>
    </message>
    <message>
        <source>(serial {serial})</source>
        <translation>（序列号 {serial}）</translation>
    </message>
    <message>
        <source>by phone call</source>
        <translation>电话通知</translation>
    </message>
    <message>
        <source>by text message</source>
        <translation>短信通知</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>产品</translation>
    </message>
    <message>
        <source>Condition when handed in</source>
        <translation>外观及状况</translation>
    </message>
    <message>
        <source>Accessories handed in</source>
        <translation>随机附件</translation>
    </message>
    <message>
        <source>Promised completion</source>
        <translation>承诺完成日期</translation>
    </message>
    <message>
        <source>Notify the customer</source>
        <translation>通知客户</translation>
    </message>
    <message>
        <source>Diagnosis</source>
        <translation>诊断</translation>
    </message>
    <message>
        <source>Work done</source>
        <translation>维修内容</translation>
    </message>
    <message>
        <source>free (three guarantees)</source>
        <translation>免费（三包）</translation>
    </message>
    <message>
        <source>Three guarantees: no decision was made for this visit.</source>
        <translation>三包：本次维修尚无三包判定。</translation>
    </message>
    <message>
        <source>free repair</source>
        <translation>免费修理</translation>
    </message>
    <message>
        <source>paid repair</source>
        <translation>收费修理</translation>
    </message>
    <message>
        <source>, </source>
        <comment>between the items of a list</comment>
        <translation>、</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Three guarantees: {charge}; the customer may choose: {remedies}.</source>
        <translation>三包：{charge}；客户可选择：{remedies}。</translation>
    </message>
    <message>
        <source>Warranty until {end}.</source>
        <translation>保修至 {end}。</translation>
    </message>
    <message>
        <source>return (refund)</source>
        <translation>退货（退款）</translation>
    </message>
    <message>
        <source>exchange</source>
        <translation>换货</translation>
    </message>
    <message>
        <source>repair</source>
        <translation>修理</translation>
    </message>
    <message>
        <source>7-day no-reason return</source>
        <translation>七日无理由退货</translation>
    </message>
    <message>
        <source>Before signing</source>
        <translation>签字前须完成</translation>
    </message>
    <message>
        <source>Diagnosis written</source>
        <translation>已填写诊断</translation>
    </message>
    <message>
        <source>Work done described</source>
        <translation>已填写维修内容</translation>
    </message>
    <message>
        <source>Full-function test done in front of the customer</source>
        <translation>已当着客户面完成全功能试机</translation>
    </message>
    <message>
        <source>Customer&apos;s opinion written</source>
        <translation>客户已填写意见</translation>
    </message>
    <message>
        <source>Customer&apos;s satisfaction chosen</source>
        <translation>已选择客户满意度</translation>
    </message>
    <message>
        <source>Signature drawn in the box below</source>
        <translation>已在下方签名框签字</translation>
    </message>
    <message>
        <source>The unit&apos;s condition described</source>
        <translation>已填写产品外观及状况</translation>
    </message>
    <message>
        <source>The accessories listed</source>
        <translation>已列出随机附件</translation>
    </message>
    <message>
        <source>Cancel and complete on the visit form first: {steps}</source>
        <translation>请先取消，在维修单上完成：{steps}</translation>
    </message>
    <message>
        <source>; </source>
        <comment>between the steps of a list</comment>
        <translation>；</translation>
    </message>
</context>
<context>
    <name>SignaturePad</name>
    <message>
        <source>Sign here with the mouse, touchpad, pen or finger</source>
        <translation>请用鼠标、触控板、手写笔或手指在此签名</translation>
    </message>
    <message>
        <source>Signature pad</source>
        <translation>签名板</translation>
    </message>
    <message>
        <source>Sign here</source>
        <translation>请在此签名</translation>
    </message>
</context>
<context>
    <name>StartupDialog</name>
    <message>
        <source>Starting FieldApp…</source>
        <translation>正在启动 FieldApp…</translation>
    </message>
</context>
<context>
    <name>SyncAdvice</name>
    <message>
        <source>The case number on this record was not reserved for this laptop, or another record already uses it.</source>
        <translation>这条记录的案件编号不是分配给本机的，或已被另一条记录使用。</translation>
    </message>
    <message>
        <source>Sync again so the laptop gets fresh numbers, then correct the record; if it stays, call the CS centre. Nothing was deleted.</source>
        <translation>请再同步一次让本机取得新编号，然后修改记录；如果仍然如此，请致电客服中心。没有删除任何内容。</translation>
    </message>
    <message>
        <source>The record was changed at the CS centre after you edited it. Both versions are kept.</source>
        <translation>您修改之后，客服中心也改动了这条记录。两个版本都已保留。</translation>
    </message>
    <message>
        <source>Compare the two: keep yours (it is sent again) or take the centre&apos;s.</source>
        <translation>请比较两者：保留您的（会再次发送），或采用客服中心的。</translation>
    </message>
    <message>
        <source>The CS centre does not know this record, or only the centre may create or remove it.</source>
        <translation>客服中心没有这条记录，或这类记录只能由客服中心创建或删除。</translation>
    </message>
    <message>
        <source>Nothing is lost on this laptop. Tell the CS centre (support) the record number.</source>
        <translation>本机上的内容没有丢失。请把记录编号告诉客服中心（技术支持）。</translation>
    </message>
    <message>
        <source>The CS centre cannot read this record&apos;s format yet.</source>
        <translation>客服中心暂时无法读取这条记录的格式。</translation>
    </message>
    <message>
        <source>It is sent again at each sync. Update FieldApp when the centre asks you to.</source>
        <translation>每次同步都会再次发送。客服中心要求时请升级 FieldApp。</translation>
    </message>
    <message>
        <source>The record names another technician than the one this laptop is enrolled for.</source>
        <translation>记录上的技术员与本机登记的技术员不一致。</translation>
    </message>
    <message>
        <source>Check your name and badge number in Settings, correct the record and send it again.</source>
        <translation>请在设置中核对姓名和工作证号，修改记录后再次发送。</translation>
    </message>
    <message>
        <source>The signed content did not match its seal when the centre checked it.</source>
        <translation>客服中心核验时，签名内容与其防伪摘要不符。</translation>
    </message>
    <message>
        <source>Do not hand out copies of it. Call the CS centre: the record stays on this laptop for them to review.</source>
        <translation>请不要再发放这份记录的副本。请致电客服中心：记录保留在本机上供其复核。</translation>
    </message>
    <message>
        <source>The CS centre owns this work-order field (customer, product, fault, appointment): its value was kept and yours stored at the centre for review. Your own work was saved.</source>
        <translation>派工单的这一项（客户、产品、故障、预约）由客服中心负责：已保留客服中心的内容，您的内容存放在中心供复核。您自己的工作内容已保存。</translation>
    </message>
    <message>
        <source>Take the centre&apos;s value, or call the CS centre if yours is right.</source>
        <translation>采用客服中心的内容；如果您的内容正确，请致电客服中心。</translation>
    </message>
    <message>
        <source>The CS centre removed this record after you edited it. Your version is kept.</source>
        <translation>您修改之后，客服中心删除了这条记录。您的版本已保留。</translation>
    </message>
    <message>
        <source>Call the CS centre if it should stay.</source>
        <translation>如果应当保留，请致电客服中心。</translation>
    </message>
    <message>
        <source>The work order was given to another technician; your visit was stored all the same.</source>
        <translation>这张派工单已改派给其他技术员；您的上门记录照样已保存。</translation>
    </message>
    <message>
        <source>Nothing to do here: the CS centre decides who closes the work order.</source>
        <translation>这里无需操作：由客服中心决定谁来结单。</translation>
    </message>
    <message>
        <source>A signature or photo of this record has not reached the centre yet.</source>
        <translation>这条记录的签名或照片还没有传到客服中心。</translation>
    </message>
    <message>
        <source>It is sent again at the next sync; keep the laptop connected until it is through.</source>
        <translation>下次同步时会再次发送；请保持联网直到发送完成。</translation>
    </message>
    <message>
        <source>A text of this record holds an invisible control character (NUL, usually pasted in) that the CS centre cannot store.</source>
        <translation>这条记录的文字里含有客服中心无法保存的不可见控制字符（NUL，通常是粘贴进来的）。</translation>
    </message>
    <message>
        <source>Nothing is lost on this laptop and the rest was sent. Tell the CS centre (support) the record number; records saved from now on have such characters removed.</source>
        <translation>本机数据没有丢失，其余记录已上传。请把记录编号告诉客服中心（技术支持）；此后保存的记录会自动去掉这类字符。</translation>
    </message>
    <message>
        <source>The CS centre cannot check signed records right now.</source>
        <translation>客服中心暂时无法核验已签名的记录。</translation>
    </message>
    <message>
        <source>It is sent again at the next sync; nothing to do.</source>
        <translation>下次同步时会再次发送，无需操作。</translation>
    </message>
    <message>
        <source>The CS centre did not accept this record.</source>
        <translation>客服中心没有接受这条记录。</translation>
    </message>
    <message>
        <source>Nothing is lost on this laptop. Tell the CS centre (support) the record number and the reason below.</source>
        <translation>本机上的内容没有丢失。请把记录编号和下面的原因告诉客服中心（技术支持）。</translation>
    </message>
</context>
<context>
    <name>SyncController</name>
    <message>
        <source>This laptop is not enrolled yet: enter the server address and the enrolment code in Settings.</source>
        <translation>本机尚未登记：请在设置中填写服务地址和登记码。</translation>
    </message>
    <message>
        <source>Sync stopped. What was already sent stays sent; the rest goes at the next sync.</source>
        <translation>已停止同步。已发送的记录不受影响，其余的在下次同步时发送。</translation>
    </message>
    <message numerus="yes">
        <source>Synced; %n record(s) need your attention (Sync problems).</source>
        <translation>
            <numerusform>已同步；有 %n 条记录需要您处理（同步问题）。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SyncProblems</name>
    <message>
        <source>Refused</source>
        <translation>被拒收</translation>
    </message>
    <message>
        <source>Conflict</source>
        <translation>有冲突</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>等待中</translation>
    </message>
    <message>
        <source>Visit</source>
        <translation>维修记录</translation>
    </message>
    <message>
        <source>Work order</source>
        <translation>派工单</translation>
    </message>
    <message>
        <source>Crisis agreement</source>
        <translation>危机事件协议书</translation>
    </message>
    <message>
        <source>Compensation receipt</source>
        <translation>赔偿收条</translation>
    </message>
    <message>
        <source>Send again</source>
        <translation>再次发送</translation>
    </message>
    <message>
        <source>Keep mine</source>
        <translation>保留我的</translation>
    </message>
    <message>
        <source>Take the centre&apos;s</source>
        <translation>采用中心的</translation>
    </message>
    <message>
        <source>Seen, hide it</source>
        <translation>已知悉，不再显示</translation>
    </message>
</context>
<context>
    <name>SyncProblemsDialog</name>
    <message>
        <source>Sync problems</source>
        <translation>同步问题</translation>
    </message>
    <message>
        <source>These records are kept on this laptop; the CS centre did not take them as they are. Nothing was deleted.</source>
        <translation>这些记录保留在本机上；客服中心没有按原样接收。没有删除任何内容。</translation>
    </message>
    <message>
        <source>No sync problems: everything sent was accepted.</source>
        <translation>没有同步问题：发送的记录都已被接收。</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>发生了什么</translation>
    </message>
    <message>
        <source>What you can do</source>
        <translation>您可以怎么做</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Open the record</source>
        <translation>打开记录</translation>
    </message>
    <message>
        <source>The centre&apos;s reason ({code}): {message}</source>
        <translation>客服中心给出的原因（{code}）：{message}</translation>
    </message>
</context>
<context>
    <name>SyncStatus</name>
    <message>
        <source>Not enrolled for sync</source>
        <translation>未登记同步</translation>
    </message>
    <message>
        <source>● Offline</source>
        <translation>● 离线</translation>
    </message>
    <message>
        <source>● Online</source>
        <translation>● 在线</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>正在同步…</translation>
    </message>
    <message>
        <source>● Synced</source>
        <translation>● 已同步</translation>
    </message>
    <message>
        <source>Sync failed</source>
        <translation>同步失败</translation>
    </message>
    <message>
        <source>Enrol again</source>
        <translation>需重新登记</translation>
    </message>
    <message>
        <source>Waiting for another sync</source>
        <translation>等待另一次同步</translation>
    </message>
    <message>
        <source>Contacting the centre</source>
        <translation>正在连接客服中心</translation>
    </message>
    <message>
        <source>Case numbers</source>
        <translation>案件编号</translation>
    </message>
    <message>
        <source>Sending files</source>
        <translation>发送文件</translation>
    </message>
    <message>
        <source>Sending records</source>
        <translation>发送记录</translation>
    </message>
    <message>
        <source>Receiving</source>
        <translation>接收</translation>
    </message>
    <message>
        <source>Policies</source>
        <translation>政策</translation>
    </message>
    <message>
        <source>Finishing</source>
        <translation>收尾</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Stop this sync; what was already sent stays sent</source>
        <translation>停止这次同步；已发送的不受影响</translation>
    </message>
    <message numerus="yes">
        <source>Waiting to sync: %n</source>
        <translation>
            <numerusform>待同步：%n</numerusform>
        </translation>
    </message>
    <message>
        <source>Enrol this laptop in Settings to sync with the CS centre</source>
        <translation>请在设置中登记本机，才能与客服中心同步</translation>
    </message>
    <message>
        <source>The centre refused this laptop: click to enrol again (nothing is lost)</source>
        <translation>客服中心拒绝了本机：点击重新登记（不会丢失任何内容）</translation>
    </message>
    <message>
        <source>The centre cannot be reached; records wait on this laptop and are sent when it can</source>
        <translation>无法连接客服中心；记录保存在本机，能连上时自动发送</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>正在停止…</translation>
    </message>
    <message>
        <source>Never synced</source>
        <translation>尚未同步</translation>
    </message>
    <message>
        <source>Last sync {when}</source>
        <translation>上次同步 {when}</translation>
    </message>
    <message numerus="yes">
        <source>Sync problems: %n</source>
        <translation>
            <numerusform>同步问题：%n</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>VisitForm</name>
    <message>
        <source>Three-guarantee repair: parts and labour are free, nothing may be charged (不准巧立名目收取费用).</source>
        <translation>三包期内维修：配件和工时全部免费，不得收取任何费用（不准巧立名目收取费用）。</translation>
    </message>
    <message>
        <source>free</source>
        <translation>免费</translation>
    </message>
    <message>
        <source>Free: three-guarantee repair, nothing may be charged for this line.</source>
        <translation>免费：三包维修，此项不得收取任何费用。</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
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
        <source>Province</source>
        <translation>省</translation>
    </message>
    <message>
        <source>e.g. 广东省</source>
        <translation>例如 广东省</translation>
    </message>
    <message>
        <source>City</source>
        <translation>市</translation>
    </message>
    <message>
        <source>e.g. 深圳市</source>
        <translation>例如 深圳市</translation>
    </message>
    <message>
        <source>District</source>
        <translation>区/县</translation>
    </message>
    <message>
        <source>e.g. 南山区</source>
        <translation>例如 南山区</translation>
    </message>
    <message>
        <source>Street and number</source>
        <translation>街道门牌</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>产品</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>— choose —</source>
        <translation>— 请选择 —</translation>
    </message>
    <message>
        <source>Brand</source>
        <translation>品牌</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>型号</translation>
    </message>
    <message>
        <source>Serial number</source>
        <translation>机身编码</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>Sale date</source>
        <translation>购买日期</translation>
    </message>
    <message>
        <source>Invoice date</source>
        <translation>发票日期</translation>
    </message>
    <message>
        <source>Delivery date</source>
        <translation>交付日期</translation>
    </message>
    <message>
        <source>Installation date</source>
        <translation>安装日期</translation>
    </message>
    <message>
        <source>Factory date</source>
        <translation>出厂日期</translation>
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>年-月-日</translation>
    </message>
    <message>
        <source>The day the product reached the customer (delivered home, or installed by the seller). The three-guarantee periods run from it when it is later than the invoice date.</source>
        <translation>产品交到客户手中的日期（送货到家，或由销售者安装完成）。晚于发票日期时，三包期从这一天起算。</translation>
    </message>
    <message>
        <source>Bought</source>
        <translation>购买渠道</translation>
    </message>
    <message>
        <source>Warranty card shown (保修卡)</source>
        <translation>出示保修卡</translation>
    </message>
    <message>
        <source>Invoice shown (发票)</source>
        <translation>出示发票</translation>
    </message>
    <message>
        <source>Repair</source>
        <translation>维修</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>服务方式</translation>
    </message>
    <message>
        <source>Appointment</source>
        <translation>预约时间</translation>
    </message>
    <message>
        <source>YYYY-MM-DD HH:MM</source>
        <translation>年-月-日 时:分</translation>
    </message>
    <message>
        <source>CS authorisation no.</source>
        <translation>客服中心授权号</translation>
    </message>
    <message>
        <source>Promised completion</source>
        <translation>承诺完成日期</translation>
    </message>
    <message>
        <source>Notify the customer by</source>
        <translation>通知用户方式</translation>
    </message>
    <message>
        <source>Phone call</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Text message</source>
        <translation>短信</translation>
    </message>
    <message>
        <source>Fault reported (故障现象)</source>
        <translation>故障现象</translation>
    </message>
    <message>
        <source>Condition when handed in</source>
        <translation>外观及状况</translation>
    </message>
    <message>
        <source>Scratches, dents, missing screws…; or 完好 when there are none</source>
        <translation>划痕、磕碰、缺螺丝等；没有则填“完好”</translation>
    </message>
    <message>
        <source>Accessories handed in</source>
        <translation>随机附件</translation>
    </message>
    <message>
        <source>Remote control, power cord…; or 无 when there are none</source>
        <translation>遥控器、电源线等；没有则填“无”</translation>
    </message>
    <message>
        <source>Diagnosis</source>
        <translation>故障诊断</translation>
    </message>
    <message>
        <source>Work done</source>
        <translation>维修内容</translation>
    </message>
    <message>
        <source>Part</source>
        <translation>配件</translation>
    </message>
    <message>
        <source>Part no.</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Qty</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Unit price ¥</source>
        <translation>单价 ¥</translation>
    </message>
    <message>
        <source>三包</source>
        <translation>三包</translation>
    </message>
    <message>
        <source>Add part</source>
        <translation>添加配件</translation>
    </message>
    <message>
        <source>Remove part</source>
        <translation>删除配件</translation>
    </message>
    <message>
        <source>Parts</source>
        <translation>配件</translation>
    </message>
    <message>
        <source>Fee</source>
        <translation>费用</translation>
    </message>
    <message>
        <source>Amount ¥</source>
        <translation>金额 ¥</translation>
    </message>
    <message>
        <source>Charged on</source>
        <translation>收费依据</translation>
    </message>
    <message>
        <source>Add fee</source>
        <translation>添加费用</translation>
    </message>
    <message>
        <source>Remove fee</source>
        <translation>删除费用</translation>
    </message>
    <message>
        <source>Fees</source>
        <translation>费用</translation>
    </message>
    <message>
        <source>Total to pay</source>
        <translation>应收合计</translation>
    </message>
    <message>
        <source>Completion (in front of the customer)</source>
        <translation>完工（当着用户的面）</translation>
    </message>
    <message>
        <source>Try each function</source>
        <translation>逐项试机</translation>
    </message>
    <message>
        <source>Full-function test done in front of the customer (全功能试机)</source>
        <translation>已当着用户的面全功能试机</translation>
    </message>
    <message>
        <source>Test notes</source>
        <translation>试机情况</translation>
    </message>
    <message>
        <source>Customer&apos;s own opinion (用户意见)</source>
        <translation>用户意见（用户本人填写）</translation>
    </message>
    <message>
        <source>Satisfaction</source>
        <translation>满意程度</translation>
    </message>
    <message>
        <source>— ask the customer —</source>
        <translation>— 请询问用户 —</translation>
    </message>
    <message>
        <source>The customer signed the carry-in receipt for this: it cannot change.</source>
        <translation>客户已在收条上签字确认此项，不能再更改。</translation>
    </message>
    <message>
        <source>Not a date; type it as 2026-03-01</source>
        <translation>日期无效，请按 2026-03-01 的格式输入</translation>
    </message>
    <message>
        <source>Type the appointment as 2026-11-22 14:30</source>
        <translation>请按 2026-11-22 14:30 的格式输入预约时间</translation>
    </message>
    <message>
        <source>The quantity is a whole number</source>
        <translation>数量须为整数</translation>
    </message>
    <message>
        <source>This day does not exist: {month} has only {days} days</source>
        <translation>日期不存在：{month} 只有 {days} 天</translation>
    </message>
    <message>
        <source>There is no month {month}; months are 1 to 12</source>
        <translation>没有 {month} 月，月份为 1 至 12</translation>
    </message>
</context>
<context>
    <name>VisitListModel</name>
    <message>
        <source>The list could not be brought up to date; it is tried again in a few seconds. {error}</source>
        <translation>列表未能更新，几秒后会自动重试。{error}</translation>
    </message>
    <message>
        <source>Some visits could not be shown; scroll the list to try again. {error}</source>
        <translation>部分维修记录未能显示，滚动列表即可重试。{error}</translation>
    </message>
    <message>
        <source>Some visits could not be shown; scroll the list to try again.</source>
        <translation>部分维修记录未能显示，滚动列表即可重试。</translation>
    </message>
    <message>
        <source>⚠ Not read</source>
        <translation>⚠ 未能读取</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>加载中…</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>单号</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>产品</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>方式</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Registered</source>
        <translation>登记时间</translation>
    </message>
    <message>
        <source>Appointment</source>
        <translation>预约时间</translation>
    </message>
</context>
<context>
    <name>VisitListPage</name>
    <message>
        <source>Search customer, phone, number, model or serial</source>
        <translation>搜索客户、电话、单号、型号或机身编码</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>最近 7 天</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>最近 30 天</translation>
    </message>
    <message>
        <source>All dates</source>
        <translation>全部日期</translation>
    </message>
    <message>
        <source>Today: the jobs registered, appointed, visited or closed today</source>
        <translation>今天：今天登记、预约、上门或完结的维修单</translation>
    </message>
    <message>
        <source>Open jobs only</source>
        <translation>只看未完结</translation>
    </message>
</context>
<context>
    <name>VisitPage</name>
    <message>
        <source>← Visit list</source>
        <translation>← 返回列表</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Customer signs…</source>
        <translation>用户签字…</translation>
    </message>
    <message>
        <source>Correct (new revision)…</source>
        <translation>更正（新版本）…</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>Restored what was typed but not saved.</source>
        <translation>已恢复上次输入但未保存的内容。</translation>
    </message>
    <message>
        <source>Not saved: please correct the marked fields.</source>
        <translation>未保存：请更正标出的内容。</translation>
    </message>
    <message>
        <source>Saved {number}.</source>
        <translation>已保存 {number}。</translation>
    </message>
    <message>
        <source>Not signed: please complete the marked fields first.</source>
        <translation>未签字：请先补全标出的内容。</translation>
    </message>
    <message>
        <source>Signed and locked.</source>
        <translation>已签字并锁定。</translation>
    </message>
    <message>
        <source>Customer signs the receipt…</source>
        <translation>收条签字…</translation>
    </message>
    <message>
        <source>The customer signs the carry-in receipt (收条) for the unit as handed in: its condition and accessories can no longer change afterwards.</source>
        <translation>客户在收条上签字，确认送修产品的交付情况；签字后外观及状况、随机附件不能再更改。</translation>
    </message>
    <message>
        <source>Case number…</source>
        <translation>案件编号…</translation>
    </message>
    <message>
        <source>Complaint (TS)</source>
        <translation>投诉（TS）</translation>
    </message>
    <message>
        <source>Suggestion (JY)</source>
        <translation>建议（JY）</translation>
    </message>
    <message>
        <source>Consultation (ZX)</source>
        <translation>咨询（ZX）</translation>
    </message>
    <message>
        <source>Register the visit as a complaint, suggestion or consultation case with its own number</source>
        <translation>把这次服务登记为投诉、建议或咨询案件，并给出案件编号</translation>
    </message>
    <message>
        <source>Started from the CS centre&apos;s work order; check the details with the customer.</source>
        <translation>已按客服中心的派工单开始；请与客户核对信息。</translation>
    </message>
    <message>
        <source>Opening the visit…</source>
        <translation>正在打开维修记录…</translation>
    </message>
    <message>
        <source>Not signed: describe the unit as handed in first (marked fields).</source>
        <translation>未签字：请先填写送修产品的交付情况（见标记的栏目）。</translation>
    </message>
    <message>
        <source>The customer signed the carry-in receipt {receipt}; print it from Print…</source>
        <translation>客户已在收条 {receipt} 上签字；可从“打印…”打印。</translation>
    </message>
    <message>
        <source>Correct a signed visit</source>
        <translation>更正已签字的记录</translation>
    </message>
    <message>
        <source>Why is the signed record being corrected? The old revision is kept.</source>
        <translation>为什么要更正已签字的记录？原版本会保留。</translation>
    </message>
    <message>
        <source>Please correct the marked fields.</source>
        <translation>请更正标出的内容。</translation>
    </message>
    <message>
        <source>Case number {number} given.</source>
        <translation>已给出案件编号 {number}。</translation>
    </message>
    <message>
        <source>The database is busy, retrying… (another FieldApp or a sync is writing; nothing is lost)</source>
        <translation>数据库忙，正在重试…（另一个 FieldApp 窗口或同步正在写入；不会丢失任何内容）</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <source>New visit</source>
        <translation>新维修记录</translation>
    </message>
    <message>
        <source>Receipt</source>
        <translation>收条</translation>
    </message>
    <message>
        <source>revision {n}</source>
        <translation>第 {n} 版</translation>
    </message>
    <message>
        <source>(signed at intake)</source>
        <translation>（收机时已签字）</translation>
    </message>
    <message>
        <source>{number} (provisional)</source>
        <translation>{number}（临时）</translation>
    </message>
    <message>
        <source>A provisional number: the CS centre gives the final one at the next sync.</source>
        <translation>临时编号：下次同步时由客服中心给出正式编号。</translation>
    </message>
    <message>
        <source>Case number {number}</source>
        <translation>案件编号 {number}</translation>
    </message>
    <message>
        <source>Repair record (customer copy)</source>
        <translation>维修记录（用户联）</translation>
    </message>
    <message>
        <source>Carry-in receipt (收条)</source>
        <translation>收条</translation>
    </message>
    <message>
        <source>Three-guarantee decision</source>
        <translation>三包判定书</translation>
    </message>
    <message>
        <source>Arrived, start the repair</source>
        <translation>已到达，开始维修</translation>
    </message>
    <message>
        <source>Start the repair</source>
        <translation>开始维修</translation>
    </message>
    <message>
        <source>Repaired: tell the customer</source>
        <translation>已修好，通知取机</translation>
    </message>
    <message>
        <source>FieldApp</source>
        <translation>FieldApp</translation>
    </message>
</context>
<context>
    <name>WarrantyPanel</name>
    <message>
        <source>Three guarantees (三包)</source>
        <translation>三包判定</translation>
    </message>
    <message>
        <source>Performance fault (性能故障)</source>
        <translation>属于性能故障</translation>
    </message>
    <message>
        <source>Not used as the manual says</source>
        <translation>未按说明书使用</translation>
    </message>
    <message>
        <source>Improper storage or upkeep</source>
        <translation>保管、维护不当</translation>
    </message>
    <message>
        <source>Taken apart by an unauthorised repairer</source>
        <translation>非本公司授权人员拆动</translation>
    </message>
    <message>
        <source>Modified or add-ons fitted by the user</source>
        <translation>用户自行改装或加装</translation>
    </message>
    <message>
        <source>Force majeure (fire, flood, lightning…)</source>
        <translation>不可抗力（火灾、水灾、雷击等）</translation>
    </message>
    <message>
        <source>Card or invoice altered</source>
        <translation>保修卡或发票被涂改</translation>
    </message>
    <message>
        <source>Card is for another model</source>
        <translation>保修卡型号与实物不符</translation>
    </message>
    <message>
        <source>Normal goods</source>
        <translation>正品</translation>
    </message>
    <message>
        <source>Sold as substandard (等外品)</source>
        <translation>按等外品出售</translation>
    </message>
    <message>
        <source>Clearance goods (处理品)</source>
        <translation>按处理品出售</translation>
    </message>
    <message>
        <source>Fault is the defect disclosed at sale</source>
        <translation>故障即售前已说明的瑕疵</translation>
    </message>
    <message>
        <source>invoice price, for refunds</source>
        <translation>发票价格，用于退货计算</translation>
    </message>
    <message>
        <source>Goods intact (for a no-reason return)</source>
        <translation>商品完好（用于无理由退货）</translation>
    </message>
    <message>
        <source>Faulty part</source>
        <translation>故障部件</translation>
    </message>
    <message>
        <source>Sold as</source>
        <translation>销售性质</translation>
    </message>
    <message>
        <source>Price paid ¥</source>
        <translation>购买价格 ¥</translation>
    </message>
    <message>
        <source>Whole unit</source>
        <translation>整机</translation>
    </message>
    <message>
        <source>Fill in the product and its dates first.</source>
        <translation>请先填写产品类别及相关日期。</translation>
    </message>
    <message>
        <source>The earlier repairs of this serial number could not be read, so no decision is shown yet; it is tried again in a few seconds.</source>
        <translation>未能读取该机身编码以前的维修记录，暂不给出三包结论；几秒后会自动重试。</translation>
    </message>
    <message>
        <source>No decision was recorded for this visit.</source>
        <translation>此记录没有保存三包判定。</translation>
    </message>
    <message>
        <source>No decision yet</source>
        <translation>暂无判定</translation>
    </message>
    <message>
        <source>, </source>
        <comment>between the items of a list</comment>
        <translation>、</translation>
    </message>
    <message>
        <source>Return (refund) possible</source>
        <translation>可退货（退款）</translation>
    </message>
    <message>
        <source>Exchange possible</source>
        <translation>可换货</translation>
    </message>
    <message>
        <source>Free repair</source>
        <translation>免费维修</translation>
    </message>
    <message>
        <source>Paid repair</source>
        <translation>收费维修</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>The customer may choose: {remedies}</source>
        <translation>用户可选择：{remedies}</translation>
    </message>
    <message>
        <source>Warranty until {end} (extended {days} days)</source>
        <translation>保修期至 {end}（已顺延 {days} 天）</translation>
    </message>
    <message>
        <source>return (refund)</source>
        <translation>退货（退款）</translation>
    </message>
    <message>
        <source>exchange</source>
        <translation>换货</translation>
    </message>
    <message>
        <source>repair</source>
        <translation>修理</translation>
    </message>
    <message>
        <source>7-day no-reason return</source>
        <translation>7 日无理由退货</translation>
    </message>
    <message>
        <source>Compressor</source>
        <translation>压缩机</translation>
    </message>
    <message>
        <source>Motor</source>
        <translation>电机</translation>
    </message>
    <message>
        <source>Display panel</source>
        <translation>显示屏</translation>
    </message>
</context>
<context>
    <name>WorkOrderPanel</name>
    <message>
        <source>Appointment</source>
        <translation>预约时间</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>产品</translation>
    </message>
    <message>
        <source>Fault</source>
        <translation>故障</translation>
    </message>
    <message>
        <source>Double-click to start the visit for this work order</source>
        <translation>双击开始这张派工单的上门服务</translation>
    </message>
    <message numerus="yes">
        <source>Work orders from the CS centre (%n)</source>
        <translation>
            <numerusform>客服中心派工单（%n）</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cli</name>
    <message>
        <source>FieldApp: after-sales field service (售后维修).</source>
        <translation>FieldApp：售后上门与送修服务（售后维修）。</translation>
    </message>
    <message>
        <source>data folder (default: the platform&apos;s user data folder)</source>
        <translation>数据文件夹（默认：系统的用户数据文件夹）</translation>
    </message>
    <message>
        <source>language of messages (default: zh_CN)</source>
        <translation>提示语言（默认：zh_CN 简体中文）</translation>
    </message>
    <message>
        <source>FieldApp hit an unexpected error (a bug). Please send the text above to support{where}.</source>
        <translation>FieldApp 遇到意外错误（程序缺陷）。请将上面的内容发送给技术支持{where}。</translation>
    </message>
    <message>
        <source>start the desktop app (default)</source>
        <translation>启动桌面程序（默认）</translation>
    </message>
    <message>
        <source>render a screen to PNG and exit (works without a display)</source>
        <translation>把一个界面渲染成 PNG 后退出（无需显示器）</translation>
    </message>
    <message>
        <source>which screen to render (default: main)</source>
        <translation>要渲染的界面（默认：main 主界面）</translation>
    </message>
    <message>
        <source>fill the data folder with realistic demo visits</source>
        <translation>在数据文件夹中生成逼真的演示维修记录</translation>
    </message>
    <message>
        <source>how many visits (1 to 100000, default 200)</source>
        <translation>记录条数（1 至 100000，默认 200）</translation>
    </message>
    <message>
        <source>do nothing when the data folder already has visits</source>
        <translation>数据文件夹中已有维修记录时不做任何事</translation>
    </message>
    <message>
        <source>Added {count} demo visits in {seconds:.1f} s to {path}</source>
        <translation>已在 {seconds:.1f} 秒内向 {path} 添加 {count} 条演示维修记录</translation>
    </message>
    <message>
        <source>list records</source>
        <translation>列出记录</translation>
    </message>
    <message>
        <source>print JSON instead of a table</source>
        <translation>输出 JSON 而不是表格</translation>
    </message>
    <message>
        <source>only visits whose customer, phone, number, model or serial contains this</source>
        <translation>只列出客户、电话、单号、型号或机身编码包含此内容的记录</translation>
    </message>
    <message>
        <source>integrity check of the database (read-only)</source>
        <translation>检查数据库的完整性（只读）</translation>
    </message>
    <message>
        <source>OK: {path} passed the integrity check.</source>
        <translation>正常：{path} 通过了完整性检查。</translation>
    </message>
    <message>
        <source>DAMAGED: {path} failed the integrity check:</source>
        <translation>已损坏：{path} 未通过完整性检查：</translation>
    </message>
    <message>
        <source>There is no good backup in the backups folder.</source>
        <translation>备份文件夹中没有完好的备份。</translation>
    </message>
    <message>
        <source>The newest good backup is {backup}.</source>
        <translation>最新的完好备份是 {backup}。</translation>
    </message>
    <message>
        <source>check this installation in a temporary folder (database, records, every document, translations) and exit</source>
        <translation>在临时文件夹中自检本安装（数据库、记录、全部单据、翻译）后退出</translation>
    </message>
</context>
<context>
    <name>crash</name>
    <message>
        <source>FieldApp hit an unexpected error. What you typed is kept as a draft. Please send the details below to support.</source>
        <translation>FieldApp 遇到意外错误。已输入的内容已保存为草稿。请把下面的详细信息发给技术支持。</translation>
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
        <source>Condition when handed in</source>
        <translation>送修时外观及状况</translation>
    </message>
    <message>
        <source>Accessories handed in</source>
        <translation>随机附件</translation>
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
        <source>Goods model</source>
        <translation>物品型号</translation>
    </message>
    <message>
        <source>Goods serial no.</source>
        <translation>物品机身编号</translation>
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
        <source>No. {number}   to be signed on paper</source>
        <translation>编号 {number}   待签署（纸质签字）</translation>
    </message>
    <message>
        <source>Page {page} of {total}</source>
        <translation>第 {page} 页 / 共 {total} 页</translation>
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
        <source>{number} (provisional)</source>
        <translation>{number}（临时）</translation>
    </message>
    <message>
        <source>Case no.</source>
        <translation>案件编号</translation>
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
        <source>Delivered</source>
        <translation>交付日期</translation>
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
        <source>Fault reported on</source>
        <translation>报修日期</translation>
    </message>
    <message>
        <source>Period counted from</source>
        <translation>保修期起算依据</translation>
    </message>
    <message>
        <source>Warranty starts</source>
        <translation>保修期起始</translation>
    </message>
    <message>
        <source>Nominal end</source>
        <translation>名义到期日</translation>
    </message>
    <message>
        <source>Warranty ends</source>
        <translation>保修期截止</translation>
    </message>
    <message>
        <source>Return possible until</source>
        <translation>可退货截止</translation>
    </message>
    <message>
        <source>Exchange possible until</source>
        <translation>可换货截止</translation>
    </message>
    <message>
        <source>No-reason return until</source>
        <translation>无理由退货截止</translation>
    </message>
    <message>
        <source>Business bears the proof until</source>
        <translation>经营者举证责任截止</translation>
    </message>
    <message>
        <source>invoice date</source>
        <translation>发票日期</translation>
    </message>
    <message>
        <source>sale date</source>
        <translation>销售日期</translation>
    </message>
    <message>
        <source>installation date</source>
        <translation>安装日期</translation>
    </message>
    <message>
        <source>factory date (no invoice)</source>
        <translation>出厂日期（无发票）</translation>
    </message>
    <message>
        <source>exchange date</source>
        <translation>换货日期</translation>
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
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Within the three-guarantee period</source>
        <translation>在三包有效期内</translation>
    </message>
    <message>
        <source>Outside the three-guarantee period</source>
        <translation>已超出三包有效期</translation>
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
        <source>Service outlet: {outlet}</source>
        <translation>服务网点：{outlet}</translation>
    </message>
    <message>
        <source>The CS centre witnessed this signature: received {time}, centre key {fingerprint}.</source>
        <translation>客服中心已见证此签名：接收时间 {time}，客服中心密钥 {fingerprint}。</translation>
    </message>
    <message>
        <source>Signed by {name}  {time}</source>
        <translation>签字人：{name}&#x3000;{time}</translation>
    </message>
    <message>
        <source>Signature (by hand)</source>
        <translation>签字（手写）</translation>
    </message>
    <message>
        <source>Date (year / month / day): ______ / ____ / ____</source>
        <translation>日期：________年____月____日</translation>
    </message>
    <message>
        <source>To be signed (on paper)</source>
        <translation>待签署（纸质签字）</translation>
    </message>
    <message>
        <source>Number {number}. Sign and date by hand above; a copy printed after signing in the app carries the number, a digest and a QR code to verify it.</source>
        <translation>编号 {number}。请在上方手写签字并填写日期；在本系统内签字后打印的文本带有编号、防伪摘要和二维码，可供核验。</translation>
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
    <message>
        <source>To be determined separately</source>
        <translation>另行核定</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <source>Invalid command line: {detail}
See: fieldapp --help</source>
        <translation>命令行有误：{detail}
请参阅：fieldapp --help</translation>
    </message>
    <message>
        <source>the data folder must not be empty</source>
        <translation>数据文件夹不能为空</translation>
    </message>
    <message>
        <source>This database was written by a newer FieldApp (schema {revision}). Update FieldApp to open it.</source>
        <translation>此数据库由更新版本的 FieldApp 写入（结构版本 {revision}）。请先更新 FieldApp 再打开。</translation>
    </message>
    <message>
        <source>The database upgrade left broken references; the copy saved before it is at {backup}.</source>
        <translation>数据库升级后出现断开的关联；升级前保存的副本在 {backup}。</translation>
    </message>
    <message>
        <source>Cannot create the data folder {path}: {reason}</source>
        <translation>无法创建数据文件夹 {path}：{reason}</translation>
    </message>
    <message>
        <source>--visits must be between 1 and {max}, not {value}</source>
        <translation>--visits 必须在 1 到 {max} 之间，不能是 {value}</translation>
    </message>
    <message>
        <source>A visit cannot change between on-site and carry-in; start a new one</source>
        <translation>维修记录不能在上门与送修之间切换，请新建一条记录</translation>
    </message>
    <message>
        <source>The customer&apos;s signature closes a visit; use Sign to finish it</source>
        <translation>维修记录须由用户签字才能完结，请使用“签字”完成</translation>
    </message>
    <message>
        <source>Only a carry-in visit has a receipt for the customer to sign at intake</source>
        <translation>只有送修单才有供用户在收机时签字的收条</translation>
    </message>
    <message>
        <source>The customer already signed the carry-in receipt {number}</source>
        <translation>用户已在收条 {number} 上签字</translation>
    </message>
    <message>
        <source>The customer signed the carry-in receipt {number} for these, so they cannot change: {fields}. Undo the change, or register a new carry-in.</source>
        <translation>用户已在收条 {number} 上签字确认以下内容，不能再修改：{fields}。请撤销修改，或另行登记送修。</translation>
    </message>
    <message>
        <source>This visit is not signed yet; edit it directly</source>
        <translation>此记录尚未签字，请直接修改</translation>
    </message>
    <message>
        <source>Visit {number} has a newer revision; open that one</source>
        <translation>维修单 {number} 已有更新的版本，请打开最新版本</translation>
    </message>
    <message>
        <source>Visit {number} is signed and locked; make a correction (new revision) instead</source>
        <translation>维修单 {number} 已签字锁定，如需更正请新建更正版本</translation>
    </message>
    <message>
        <source>A visit cannot go from “{current}” to “{target}”</source>
        <translation>维修记录不能从“{current}”变为“{target}”</translation>
    </message>
    <message>
        <source>No visit {key}</source>
        <translation>找不到维修记录 {key}</translation>
    </message>
    <message>
        <source>Please correct these fields:
{lines}</source>
        <translation>请更正以下内容：
{lines}</translation>
    </message>
    <message>
        <source>The output file name is empty (-o)</source>
        <translation>输出文件名为空（-o）</translation>
    </message>
    <message>
        <source>{path} is a folder: give a file name, for example {example}</source>
        <translation>{path} 是文件夹：请给出文件名，例如 {example}</translation>
    </message>
    <message>
        <source>{path} is not a regular file (a device, pipe or socket): give the name of a PDF file</source>
        <translation>{path} 不是普通文件（设备、管道或套接字）：请给出 PDF 文件名</translation>
    </message>
    <message>
        <source>The folder {folder} does not exist</source>
        <translation>文件夹 {folder} 不存在</translation>
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
        <source>No Chinese TrueType font was found for printing (tried: {tried}). Install one: on Debian/Ubuntu run “sudo apt-get install fonts-wqy-microhei”; on Windows install Microsoft YaHei or SimHei; or copy a .ttf/.ttc font (TrueType outlines, not CFF) into the resources/fonts folder or set its path in the settings.</source>
        <translation>未找到可用于打印的中文 TrueType 字体（已尝试：{tried}）。请安装字体：Debian/Ubuntu 运行“sudo apt-get install fonts-wqy-microhei”；Windows 请安装微软雅黑或黑体；或将 .ttf/.ttc 字体（TrueType 轮廓，非 CFF）复制到 resources/fonts 文件夹，或在设置中指定字体路径。</translation>
    </message>
    <message>
        <source>{number} is an on-site visit; only carry-in visits have a receipt</source>
        <translation>{number} 是上门服务，只有送修才有收条</translation>
    </message>
    <message>
        <source>{path} carries no FieldApp seal; check the number printed on it with “fieldapp verify NUMBER”</source>
        <translation>{path} 上没有 FieldApp 防伪信息；请用其上印的编号核对：“fieldapp verify 编号”</translation>
    </message>
    <message>
        <source>Cannot read {path} as a PDF: {reason}</source>
        <translation>无法读取 PDF 文件 {path}：{reason}</translation>
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
        <source>There is no database to check: {path} does not exist.</source>
        <translation>没有可检查的数据库：{path} 不存在。</translation>
    </message>
    <message>
        <source>The database {path} is busy (another FieldApp window or sync is writing). Nothing was lost; try again in a moment.</source>
        <translation>数据库 {path} 正忙（另一个 FieldApp 窗口或同步正在写入）。没有丢失任何内容，请稍后再试。</translation>
    </message>
    <message>
        <source>The disk holding {path} is full. Nothing was saved; free some space and try again.</source>
        <translation>{path} 所在的磁盘已满。没有保存任何内容，请释放一些空间后再试。</translation>
    </message>
    <message>
        <source>The database {path} cannot be written (the file, its folder or the disk is read-only). Nothing was saved; check its permissions.</source>
        <translation>无法写入数据库 {path}（文件、所在文件夹或磁盘为只读）。没有保存任何内容，请检查其权限。</translation>
    </message>
    <message>
        <source>The database {path} is damaged. Nothing was saved; run &quot;fieldapp check&quot; and restore the newest backup.</source>
        <translation>数据库 {path} 已损坏。没有保存任何内容，请运行“fieldapp check”并恢复最新的备份。</translation>
    </message>
    <message>
        <source>Cannot open the database {path}: check that its folder exists and can be read and written.</source>
        <translation>无法打开数据库 {path}：请检查其文件夹是否存在且可读写。</translation>
    </message>
    <message>
        <source>The disk reported an error reading or writing {path}. Nothing was saved; check the disk and try again.</source>
        <translation>读写 {path} 时磁盘报告错误。没有保存任何内容，请检查磁盘后再试。</translation>
    </message>
    <message>
        <source>FieldApp will not open the database {path}: {problem}. The file was left untouched. There is no good backup in the backups folder; contact support before changing the file.</source>
        <translation>FieldApp 不会打开数据库 {path}：{problem}。该文件未被改动。备份文件夹中没有完好的备份，修改该文件之前请联系技术支持。</translation>
    </message>
    <message>
        <source>FieldApp will not open the database {path}: {problem}. The file was left untouched. The newest good backup is {backup}: close FieldApp, move the damaged file aside and copy the backup in its place.</source>
        <translation>FieldApp 不会打开数据库 {path}：{problem}。该文件未被改动。最新的完好备份是 {backup}：请关闭 FieldApp，把损坏的文件移到别处，再把该备份复制到原位置。</translation>
    </message>
    <message>
        <source>the file is empty (0 bytes)</source>
        <translation>文件为空（0 字节）</translation>
    </message>
    <message>
        <source>it is not a SQLite database</source>
        <translation>它不是 SQLite 数据库</translation>
    </message>
    <message>
        <source>the file is truncated ({size} of {expected} bytes)</source>
        <translation>文件被截断（{size} / {expected} 字节）</translation>
    </message>
    <message>
        <source>the integrity check failed: {detail}</source>
        <translation>完整性检查失败：{detail}</translation>
    </message>
    <message>
        <source>it is not a regular file</source>
        <translation>它不是普通文件</translation>
    </message>
    <message>
        <source>The backup {path} failed its check; the database was not changed.</source>
        <translation>备份 {path} 未通过检查；数据库未被改动。</translation>
    </message>
    <message>
        <source>All {max} {prefix} numbers of {day} are used on this laptop. Nothing was saved; save it on another laptop or tomorrow.</source>
        <translation>本机 {day} 的 {max} 个 {prefix} 编号已全部用完。没有保存任何内容，请在另一台电脑上或明天再保存。</translation>
    </message>
    <message>
        <source>a list of texts</source>
        <translation>文本列表</translation>
    </message>
    <message>
        <source>a text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>Cannot read the settings file {path}: {reason}</source>
        <translation>无法读取设置文件 {path}：{reason}</translation>
    </message>
    <message>
        <source>The settings file {path} is not valid JSON: {reason}</source>
        <translation>设置文件 {path} 不是有效的 JSON：{reason}</translation>
    </message>
    <message>
        <source>The settings file {path} must hold a JSON object</source>
        <translation>设置文件 {path} 必须是一个 JSON 对象</translation>
    </message>
    <message>
        <source>The settings file {path}: field &quot;{field}&quot; must be {wanted}</source>
        <translation>设置文件 {path}：字段“{field}”必须是{wanted}</translation>
    </message>
    <message>
        <source>This record was changed elsewhere (version {found}) after you opened version {expected}. Nothing was saved and what you typed is kept; reopen the record to see the change.</source>
        <translation>您打开第 {expected} 版后，此记录已在别处被修改（现为第 {found} 版）。未保存任何内容，您输入的内容仍保留；请重新打开记录查看改动。</translation>
    </message>
    <message>
        <source>There is no visit {id}.</source>
        <translation>没有维修记录 {id}。</translation>
    </message>
    <message>
        <source>The central service refused the sync ({code}: {message}). Nothing was lost; tell the CS centre if this persists.</source>
        <translation>客服中心拒绝了这次同步（{code}：{message}）。没有丢失任何内容；如果一直如此，请告知客服中心。</translation>
    </message>
    <message>
        <source>The central service at {server} cannot be reached ({detail}). Nothing was lost: your records stay on this laptop and are sent at the next sync.</source>
        <translation>无法连接位于 {server} 的客服中心服务（{detail}）。没有丢失任何内容：记录保存在本机，下次同步时发送。</translation>
    </message>
    <message>
        <source>This laptop is not enrolled with the central service yet. Ask the CS centre for an enrolment code, then run: fieldapp enroll --server URL --code CODE</source>
        <translation>本机尚未向客服中心登记。请向客服中心索取登记码，然后运行：fieldapp enroll --server URL --code CODE</translation>
    </message>
    <message>
        <source>The CS centre has revoked this laptop. Nothing was lost; ask the centre for a new enrolment code and enrol again to send your records.</source>
        <translation>客服中心已注销本机。没有丢失任何内容；请向客服中心索取新的登记码并重新登记，以便发送记录。</translation>
    </message>
    <message>
        <source>The central service no longer accepts this laptop&apos;s token. Nothing was lost; ask the CS centre for a new enrolment code and enrol again.</source>
        <translation>客服中心不再接受本机的令牌。没有丢失任何内容；请向客服中心索取新的登记码并重新登记。</translation>
    </message>
    <message>
        <source>The central service speaks sync protocol {server_min}-{server_max}, this app speaks {ours}. Please update FieldApp; nothing was sent or lost.</source>
        <translation>客服中心使用同步协议 {server_min}-{server_max}，本程序使用 {ours}。请升级 FieldApp；没有发送或丢失任何内容。</translation>
    </message>
    <message>
        <source>Another sync of this data folder is running. Try again when it has finished.</source>
        <translation>这个数据文件夹正在进行另一次同步。请等它结束后再试。</translation>
    </message>
    <message>
        <source>The central service does not know this enrolment code. Check it, or ask the CS centre for a new one.</source>
        <translation>客服中心不认识这个登记码。请核对，或向客服中心索取新的登记码。</translation>
    </message>
    <message>
        <source>This enrolment code was already used. Ask the CS centre for a new one.</source>
        <translation>这个登记码已被使用。请向客服中心索取新的登记码。</translation>
    </message>
    <message>
        <source>This enrolment code has expired. Ask the CS centre for a new one.</source>
        <translation>这个登记码已过期。请向客服中心索取新的登记码。</translation>
    </message>
    <message>
        <source>This data folder holds demo data and cannot be enrolled. Use a fresh data folder (--data-dir) for real work.</source>
        <translation>这个数据文件夹里是演示数据，不能登记。正式工作请使用新的数据文件夹（--data-dir）。</translation>
    </message>
    <message>
        <source>The central service refused the enrolment: {detail}</source>
        <translation>客服中心拒绝了登记：{detail}</translation>
    </message>
    <message>
        <source>Invalid server address {url}: give it as http://host:port or https://host</source>
        <translation>服务地址 {url} 无效：请写成 http://主机:端口 或 https://主机</translation>
    </message>
    <message>
        <source>This sync problem cannot be handled that way (any more); refresh the list.</source>
        <translation>这个同步问题（已）不能这样处理；请刷新列表。</translation>
    </message>
    <message>
        <source>These fields of a work order are set by the CS centre: {fields}</source>
        <translation>派工单的这些内容由客服中心填写：{fields}</translation>
    </message>
    <message>
        <source>There is no work order {id}.</source>
        <translation>没有派工单 {id}。</translation>
    </message>
    <message>
        <source>There is no visit {visit} or no work order {order}.</source>
        <translation>没有维修记录 {visit} 或没有派工单 {order}。</translation>
    </message>
    <message>
        <source>The compensation of ¥{amount} is above your settlement limit of ¥{limit} (settlement limit version {version}). Ask the CS centre to approve it and enter the approval number.</source>
        <translation>赔偿金额 ¥{amount} 超出您的现场处理权限 ¥{limit}（处理权限版本 {version}）。请先报客服中心审批，并填写审批编号。</translation>
    </message>
    <message>
        <source>There is no crisis agreement {agreement} on this laptop. Enter the number printed on the agreement, or leave it empty for compensation paid without one.</source>
        <translation>本机没有协议书 {agreement}。请填写协议书上印的编号；未签协议书直接赔付的，请留空。</translation>
    </message>
    <message>
        <source>Agreement {agreement} was approved by the CS centre under approval number {approved}; the receipt carries that number, not {typed}. Clear the approval number or enter {approved}.</source>
        <translation>协议书 {agreement} 已由客服中心审批，审批编号为 {approved}；本收据沿用该编号，而不是 {typed}。请清空审批编号或填写 {approved}。</translation>
    </message>
    <message>
        <source>The receipt&apos;s ¥{amount} is more than the ¥{agreed} agreed in agreement {agreement}. A receipt pays at most what the agreement settled.</source>
        <translation>本收据金额 ¥{amount} 超过协议书 {agreement} 约定的赔偿 ¥{agreed}。收据金额不能超过协议书约定的数额。</translation>
    </message>
    <message>
        <source>Agreement {agreement} settled ¥{agreed}, and receipts of ¥{earlier} are already registered under it: this one may pay at most ¥{left}, not ¥{amount}.</source>
        <translation>协议书 {agreement} 约定赔偿 ¥{agreed}，已登记的收据共 ¥{earlier}：本收据最多 ¥{left}，不能是 ¥{amount}。</translation>
    </message>
</context>
<context>
    <name>fields</name>
    <message>
        <source>Customer</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>产品</translation>
    </message>
    <message>
        <source>Fault reported</source>
        <translation>故障描述</translation>
    </message>
    <message>
        <source>Condition when handed in</source>
        <translation>送修时外观及状况</translation>
    </message>
    <message>
        <source>Accessories</source>
        <translation>随机附件</translation>
    </message>
    <message>
        <source>Promised completion date</source>
        <translation>承诺完成日期</translation>
    </message>
    <message>
        <source>Notify by</source>
        <translation>通知方式</translation>
    </message>
</context>
<context>
    <name>money</name>
    <message>
        <source>“{text}” is not an amount of money</source>
        <translation>“{text}”不是有效金额</translation>
    </message>
    <message>
        <source>An amount cannot be negative</source>
        <translation>金额不能为负数</translation>
    </message>
    <message>
        <source>Amounts have at most two decimals (fen)</source>
        <translation>金额最多保留两位小数（分）</translation>
    </message>
    <message>
        <source>The amount is too large</source>
        <translation>金额过大</translation>
    </message>
</context>
<context>
    <name>policy</name>
    <message>
        <source>WARNING: there is no holiday data for {year}. Warranty deadlines in {year} are moved off weekends only, not off statutory holidays. Import the State Council notice for {year}: fieldapp policy holidays import FILE</source>
        <translation>警告：尚无{year}年的节假日数据。{year}年的三包期限只避开了周末，未避开法定节假日。请导入国务院办公厅{year}年节假日安排的通知：fieldapp policy holidays import 文件</translation>
    </message>
    <message>
        <source>three-guarantee policy and holiday data</source>
        <translation>三包政策与节假日数据</translation>
    </message>
    <message>
        <source>versions, the years the holiday data covers, and what is missing</source>
        <translation>版本、节假日数据覆盖的年份及缺少的年份</translation>
    </message>
    <message>
        <source>print JSON</source>
        <translation>输出 JSON</translation>
    </message>
    <message>
        <source>statutory holiday data</source>
        <translation>法定节假日数据</translation>
    </message>
    <message>
        <source>load a year&apos;s official holiday schedule from a CSV or TOML file</source>
        <translation>从 CSV 或 TOML 文件导入某一年的官方节假日安排</translation>
    </message>
    <message>
        <source>the schedule: .csv (date,kind,name) or .toml</source>
        <translation>节假日安排文件：.csv（date,kind,name）或 .toml</translation>
    </message>
    <message>
        <source>replace a year that already has holiday data</source>
        <translation>替换已有节假日数据的年份</translation>
    </message>
    <message>
        <source>{year} (imported)</source>
        <translation>{year}（本地导入）</translation>
    </message>
    <message>
        <source>{year} (CS centre, version {version})</source>
        <translation>{year}（客服中心下发，版本 {version}）</translation>
    </message>
    <message>
        <source>from the CS centre, signature checked</source>
        <translation>客服中心下发，签名已校验</translation>
    </message>
    <message>
        <source>shipped with the app</source>
        <translation>随软件发布</translation>
    </message>
    <message>
        <source>Three-guarantee policy version: {version}</source>
        <translation>三包政策版本：{version}</translation>
    </message>
    <message>
        <source>Holiday data version: {version}</source>
        <translation>节假日数据版本：{version}</translation>
    </message>
    <message>
        <source>Years with holiday data: {years}</source>
        <translation>已有节假日数据的年份：{years}</translation>
    </message>
    <message>
        <source>Settlement limit: ¥{amount} (version {version}, {origin})</source>
        <translation>现场处理权限：¥{amount}（版本 {version}，{origin}）</translation>
    </message>
    <message>
        <source>Replaced the holiday data for {year}</source>
        <translation>已替换{year}年的节假日数据</translation>
    </message>
    <message>
        <source>Imported the holiday data for {year}</source>
        <translation>已导入{year}年的节假日数据</translation>
    </message>
    <message>
        <source>{done}: {holidays} days off, {workdays} weekend days made working days, from &quot;{notice}&quot;. Holiday data version: {version}</source>
        <translation>{done}：放假 {holidays} 天，调休上班 {workdays} 天，依据“{notice}”。节假日数据版本：{version}</translation>
    </message>
    <message>
        <source>Cannot import {file}, {where}: {problem}</source>
        <translation>无法导入 {file}，{where}：{problem}</translation>
    </message>
    <message>
        <source>Cannot import {file}: {problem}</source>
        <translation>无法导入 {file}：{problem}</translation>
    </message>
    <message>
        <source>line {line}</source>
        <translation>第 {line} 行</translation>
    </message>
    <message>
        <source>field {field}</source>
        <translation>字段 {field}</translation>
    </message>
    <message>
        <source>unknown file type {suffix}: use a .csv or .toml file</source>
        <translation>未知的文件类型 {suffix}：请使用 .csv 或 .toml 文件</translation>
    </message>
    <message>
        <source>cannot read the file: {detail}</source>
        <translation>无法读取文件：{detail}</translation>
    </message>
    <message>
        <source>is not UTF-8 text (save it as CSV UTF-8)</source>
        <translation>不是 UTF-8 文本（请另存为“CSV UTF-8”格式）</translation>
    </message>
    <message>
        <source>expected &quot;year,YYYY&quot;, &quot;source,…&quot; or the header &quot;date,kind,name&quot;, found &quot;{text}&quot;</source>
        <translation>应为“year,年份”、“source,…”或表头“date,kind,name”，实际为“{text}”</translation>
    </message>
    <message>
        <source>the header line &quot;date,kind,name&quot; is missing</source>
        <translation>缺少表头行“date,kind,name”</translation>
    </message>
    <message>
        <source>the year line</source>
        <translation>年份行</translation>
    </message>
    <message>
        <source>the source line</source>
        <translation>来源行</translation>
    </message>
    <message>
        <source>expected date,kind,name (3 columns), found {count} columns</source>
        <translation>应为 date,kind,name 三列，实际为 {count} 列</translation>
    </message>
    <message>
        <source>kind must be holiday (放假) or workday (调休上班), not &quot;{kind}&quot;</source>
        <translation>类型必须是 holiday（放假）或 workday（调休上班），不能是“{kind}”</translation>
    </message>
    <message>
        <source>is not valid TOML: {detail}</source>
        <translation>不是有效的 TOML：{detail}</translation>
    </message>
    <message>
        <source>unknown field (expected year, source, holidays, workdays)</source>
        <translation>未知字段（应为 year、source、holidays、workdays）</translation>
    </message>
    <message>
        <source>must be a list of dates [&quot;YYYY-MM-DD&quot;, …]</source>
        <translation>必须是日期列表 [&quot;YYYY-MM-DD&quot;, …]</translation>
    </message>
    <message>
        <source>the year is missing: declare it (CSV: a line &quot;year,2027&quot; before the header; TOML: year = 2027)</source>
        <translation>缺少年份：请声明年份（CSV：在表头前加一行“year,2027”；TOML：year = 2027）</translation>
    </message>
    <message>
        <source>&quot;{value}&quot; is not a year between {first} and {last}</source>
        <translation>“{value}”不是 {first} 至 {last} 之间的年份</translation>
    </message>
    <message>
        <source>&quot;{value}&quot; is not a real date YYYY-MM-DD</source>
        <translation>“{value}”不是有效日期（年-月-日）</translation>
    </message>
    <message>
        <source>the source is missing: name the State Council notice (e.g. 国务院办公厅关于{year}年部分节假日安排的通知)</source>
        <translation>缺少来源：请写明国务院办公厅的通知（例如 国务院办公厅关于{year}年部分节假日安排的通知）</translation>
    </message>
    <message>
        <source>no holiday is listed for {year}</source>
        <translation>没有列出{year}年的任何放假日</translation>
    </message>
    <message>
        <source>{date} is not in {year}, the year this file declares</source>
        <translation>{date} 不在本文件声明的{year}年内</translation>
    </message>
    <message>
        <source>{date} is listed twice (also at {first})</source>
        <translation>{date} 重复列出（另见{first}）</translation>
    </message>
    <message>
        <source>{date} cannot be both a holiday and a working day (also at {first})</source>
        <translation>{date} 不能既是放假日又是调休上班日（另见{first}）</translation>
    </message>
    <message>
        <source>{date} is a weekday: only a Saturday or Sunday can be made a working day (调休上班)</source>
        <translation>{date} 不是周六或周日：只有周末才能调休上班</translation>
    </message>
    <message>
        <source>{year} already has holiday data ({notice}); to replace it, import again with --replace</source>
        <translation>{year}年已有节假日数据（{notice}）；如需替换，请加 --replace 重新导入</translation>
    </message>
    <message>
        <source>the three-guarantee policy</source>
        <translation>三包政策</translation>
    </message>
    <message>
        <source>version {version} from the CS centre</source>
        <translation>客服中心下发的版本 {version}</translation>
    </message>
    <message>
        <source>version {version} shipped with the app</source>
        <translation>随软件发布的版本 {version}</translation>
    </message>
    <message>
        <source>the holiday data for {year}</source>
        <translation>{year}年节假日数据</translation>
    </message>
    <message>
        <source>holiday data version {version}</source>
        <translation>节假日数据版本 {version}</translation>
    </message>
    <message>
        <source>your settlement limit</source>
        <translation>现场处理权限</translation>
    </message>
    <message>
        <source>WARNING: version {version} of {what} from the CS centre failed its signature check and is not used; the app uses {using} instead. Sync again to fetch it anew; if this warning stays, tell the CS centre.</source>
        <translation>警告：客服中心下发的{what}（版本 {version}）未通过签名校验，不予使用；本机改用{using}。请再次同步以重新获取；如此警告仍在，请告知客服中心。</translation>
    </message>
    <message>
        <source>WARNING: version {version} of {what} from the CS centre cannot be read ({detail}) and is not used; the app uses {using} instead. Tell the CS centre.</source>
        <translation>警告：客服中心下发的{what}（版本 {version}）无法读取（{detail}），不予使用；本机改用{using}。请告知客服中心。</translation>
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
        <translation>电饭煲</translation>
    </message>
    <message>
        <source>Induction cooker</source>
        <translation>电磁炉</translation>
    </message>
    <message>
        <source>Electric kettle</source>
        <translation>电水壶</translation>
    </message>
    <message>
        <source>Refrigerator</source>
        <translation>电冰箱</translation>
    </message>
    <message>
        <source>Air conditioner</source>
        <translation>空调器</translation>
    </message>
    <message>
        <source>Washing machine</source>
        <translation>洗衣机</translation>
    </message>
    <message>
        <source>Television</source>
        <translation>电视机</translation>
    </message>
    <message>
        <source>Water heater</source>
        <translation>热水器</translation>
    </message>
    <message>
        <source>In store</source>
        <translation>门店购买</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>网购</translation>
    </message>
    <message>
        <source>By phone</source>
        <translation>电话购物</translation>
    </message>
    <message>
        <source>TV shopping</source>
        <translation>电视购物</translation>
    </message>
    <message>
        <source>Mail order</source>
        <translation>邮购</translation>
    </message>
</context>
<context>
    <name>startup</name>
    <message>
        <source>Opening the database file</source>
        <translation>打开数据库文件</translation>
    </message>
    <message>
        <source>Checking that it is intact</source>
        <translation>检查数据库是否完好</translation>
    </message>
    <message>
        <source>Saving a copy before the upgrade</source>
        <translation>升级前保存备份</translation>
    </message>
    <message>
        <source>Upgrading the database</source>
        <translation>升级数据库</translation>
    </message>
    <message>
        <source>Loading today&apos;s jobs</source>
        <translation>加载今天的工作</translation>
    </message>
</context>
<context>
    <name>status</name>
    <message>
        <source>Scheduled</source>
        <translation>待上门</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>维修中</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>已收机</translation>
    </message>
    <message>
        <source>Repairing</source>
        <translation>维修中</translation>
    </message>
    <message>
        <source>Ready for pick-up</source>
        <translation>待取机</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>已取机</translation>
    </message>
    <message>
        <source>On-site</source>
        <translation>上门</translation>
    </message>
    <message>
        <source>Carry-in</source>
        <translation>送修</translation>
    </message>
    <message>
        <source>Very satisfied</source>
        <translation>非常满意</translation>
    </message>
    <message>
        <source>Satisfied</source>
        <translation>满意</translation>
    </message>
    <message>
        <source>Neutral</source>
        <translation>一般</translation>
    </message>
    <message>
        <source>Dissatisfied</source>
        <translation>不满意</translation>
    </message>
    <message>
        <source>Labour</source>
        <translation>人工费</translation>
    </message>
    <message>
        <source>On-site call-out</source>
        <translation>上门费</translation>
    </message>
    <message>
        <source>Transport</source>
        <translation>运输费</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
</context>
<context>
    <name>sync</name>
    <message>
        <source>enrol this laptop with the central service (one-time code from the CS centre)</source>
        <translation>向客服中心登记本机（使用客服中心给的一次性登记码）</translation>
    </message>
    <message>
        <source>address of the central service, e.g. https://fieldcentral.example.com</source>
        <translation>客服中心服务地址，例如 https://fieldcentral.example.com</translation>
    </message>
    <message>
        <source>the enrolment code (XXXX-XXXX-XXXX-XXXX)</source>
        <translation>登记码（XXXX-XXXX-XXXX-XXXX）</translation>
    </message>
    <message>
        <source>one sync with the central service; JSON summary on stdout</source>
        <translation>与客服中心同步一次；JSON 摘要输出到标准输出</translation>
    </message>
    <message>
        <source>use this address instead of the enrolled one</source>
        <translation>使用这个地址代替登记时的地址</translation>
    </message>
    <message>
        <source>how long to wait for another running sync (default 5)</source>
        <translation>等待另一次正在进行的同步的秒数（默认 5）</translation>
    </message>
    <message>
        <source>the system keyring</source>
        <translation>系统密钥环</translation>
    </message>
    <message>
        <source>a file only you can read</source>
        <translation>只有您能读取的文件</translation>
    </message>
    <message>
        <source>Enrolled: device {device} of {name} (badge {badge}) with {server}. The token is kept in {where}.</source>
        <translation>已登记：设备 {device}，技术员 {name}（工作证号 {badge}），服务地址 {server}。令牌保存在{where}。</translation>
    </message>
    <message>
        <source>waiting for another sync</source>
        <translation>等待另一次同步</translation>
    </message>
    <message>
        <source>contacting the central service</source>
        <translation>正在连接客服中心</translation>
    </message>
    <message>
        <source>topping up case numbers</source>
        <translation>补充案件编号</translation>
    </message>
    <message>
        <source>sending</source>
        <translation>发送</translation>
    </message>
    <message>
        <source>receiving</source>
        <translation>接收</translation>
    </message>
    <message>
        <source>checking policies</source>
        <translation>核验政策</translation>
    </message>
    <message>
        <source>done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>WARNING: the CS centre sent policy versions whose signature does not check; they are not used: {versions}. Tell the CS centre.</source>
        <translation>警告：客服中心发来的以下政策版本未通过签名校验，不予使用：{versions}。请告知客服中心。</translation>
    </message>
    <message>
        <source>{pending} operations are still waiting ({deferred} deferred by the centre); they are sent at the next sync.</source>
        <translation>还有 {pending} 项操作等待发送（其中 {deferred} 项被客服中心暂缓）；下次同步时发送。</translation>
    </message>
</context>
<context>
    <name>validation</name>
    <message>
        <source>Say why the signed record is being corrected</source>
        <translation>请说明更正已签字记录的原因</translation>
    </message>
    <message>
        <source>Enter the diagnosis</source>
        <translation>请填写故障诊断</translation>
    </message>
    <message>
        <source>Describe the work done</source>
        <translation>请填写维修内容</translation>
    </message>
    <message>
        <source>Do the full-function test in front of the customer first</source>
        <translation>请先当着用户的面进行全功能试机</translation>
    </message>
    <message>
        <source>The customer must write their opinion</source>
        <translation>用户意见须由用户本人填写</translation>
    </message>
    <message>
        <source>Ask the customer how satisfied they are</source>
        <translation>请询问用户的满意程度</translation>
    </message>
    <message>
        <source>Describe the unit&apos;s condition as handed in (scratches, dents; or “完好” when none)</source>
        <translation>请填写送修时的外观及状况（划痕、凹陷等；没有则填“完好”）</translation>
    </message>
    <message>
        <source>List the accessories handed in with the unit (or “无” when none)</source>
        <translation>请填写随机送修的附件（没有则填“无”）</translation>
    </message>
    <message>
        <source>Enter the name of the person signing</source>
        <translation>请填写签字人姓名</translation>
    </message>
    <message>
        <source>The signature is empty</source>
        <translation>签名为空</translation>
    </message>
    <message>
        <source>Enter the customer&apos;s name</source>
        <translation>请填写用户姓名</translation>
    </message>
    <message>
        <source>A name has at most {max} characters</source>
        <translation>姓名最多 {max} 个字</translation>
    </message>
    <message>
        <source>Enter a mobile or a landline number</source>
        <translation>请填写手机或固定电话</translation>
    </message>
    <message>
        <source>A mobile number has 11 digits and starts with 13–19, e.g. 13800138000</source>
        <translation>手机号码为 11 位数字，以 13–19 开头，例如 13800138000</translation>
    </message>
    <message>
        <source>A landline is area code + number, e.g. 010-62345678 or 0755-2345678</source>
        <translation>固定电话为区号加号码，例如 010-62345678 或 0755-2345678</translation>
    </message>
    <message>
        <source>Enter the full address: province, city, district and street</source>
        <translation>请填写完整地址：省、市、区县及街道门牌</translation>
    </message>
    <message>
        <source>Choose the product category</source>
        <translation>请选择产品类别</translation>
    </message>
    <message>
        <source>Enter the product model</source>
        <translation>请填写产品型号</translation>
    </message>
    <message>
        <source>Choose where the product was bought</source>
        <translation>请选择购买渠道</translation>
    </message>
    <message>
        <source>This date is in the future</source>
        <translation>此日期晚于今天</translation>
    </message>
    <message>
        <source>This date is before the {other}</source>
        <translation>此日期早于{other}</translation>
    </message>
    <message>
        <source>factory date</source>
        <translation>出厂日期</translation>
    </message>
    <message>
        <source>sale date</source>
        <translation>购买日期</translation>
    </message>
    <message>
        <source>delivery date</source>
        <translation>交付日期</translation>
    </message>
    <message>
        <source>Describe the fault the customer reports</source>
        <translation>请填写用户反映的故障现象</translation>
    </message>
    <message>
        <source>At most {max} characters</source>
        <translation>最多 {max} 个字</translation>
    </message>
    <message>
        <source>Enter the technician&apos;s name (Settings)</source>
        <translation>请填写维修人员姓名（设置）</translation>
    </message>
    <message>
        <source>Enter the technician&apos;s badge number (Settings)</source>
        <translation>请填写维修人员工号（设置）</translation>
    </message>
    <message>
        <source>Unknown satisfaction level</source>
        <translation>未知的满意程度</translation>
    </message>
    <message>
        <source>{city} is outside the on-site service area: enter the CS centre&apos;s authorisation number, or make it a carry-in</source>
        <translation>{city}不在上门服务范围内：请填写客服中心的授权编号，或改为送修</translation>
    </message>
    <message>
        <source>Promise the customer a completion date</source>
        <translation>请向用户承诺完成日期</translation>
    </message>
    <message>
        <source>The promised date cannot be in the past</source>
        <translation>承诺完成日期不能早于今天</translation>
    </message>
    <message>
        <source>Choose how the customer will be told the repair is done</source>
        <translation>请选择修好后通知用户的方式</translation>
    </message>
    <message>
        <source>Enter the part&apos;s name</source>
        <translation>请填写配件名称</translation>
    </message>
    <message>
        <source>The quantity is at least 1</source>
        <translation>数量至少为 1</translation>
    </message>
    <message>
        <source>A price cannot be negative</source>
        <translation>价格不能为负数</translation>
    </message>
    <message>
        <source>Unknown kind of fee</source>
        <translation>未知的费用类别</translation>
    </message>
    <message>
        <source>A fee cannot be negative</source>
        <translation>费用不能为负数</translation>
    </message>
    <message>
        <source>Say what the fee is charged on (company rate, price bureau standard)</source>
        <translation>请注明收费依据（公司收费标准、物价局标准）</translation>
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
        <source>Exit status: 0 matches, 1 does not match or not signed, 2 bad input, 3 a genuine copy of a revision replaced by a correction.</source>
        <translation>退出状态：0 一致，1 不一致或未签署，2 输入有误，3 真实副本但该版本已被更正替换。</translation>
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
        <source>REPLACED: this copy is revision {revision} of {number}. It matches what was signed, but it was replaced by revision {by} on {date}, reason: {reason}</source>
        <translation>已被替换：此副本是 {number} 的第 {revision} 版，与签署时的内容一致，但已于 {date} 被第 {by} 版更正替换，更正原因：{reason}</translation>
    </message>
    <message>
        <source>OK: {number} matches the stored record (SHA-256 {digest}).</source>
        <translation>一致：{number} 与系统记录相符（SHA-256 {digest}）。</translation>
    </message>
    <message>
        <source>Not witnessed by the CS centre yet: sync to send it and receive the centre&apos;s witness.</source>
        <translation>尚未经客服中心见证：同步后发送并取得客服中心的见证。</translation>
    </message>
    <message>
        <source>WARNING: the CS centre&apos;s witness stored for this record does not check against the centre key: it was changed on this laptop. Ask the CS centre to verify the number.</source>
        <translation>警告：本机保存的此记录的客服中心见证未通过客服中心密钥校验，已在本机被改动。请客服中心核验此编号。</translation>
    </message>
    <message>
        <source>Witnessed by the CS centre: received {date} ({when}), centre key {fingerprint}; the centre&apos;s signature over the digest checked.</source>
        <translation>已经客服中心见证：于 {date}（{when}）收到，中心密钥 {fingerprint}；已核验中心对摘要的签名。</translation>
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
        <source>is nested too deeply to be facts</source>
        <translation>嵌套层数过多，不是有效的事实数据</translation>
    </message>
    <message>
        <source>has a number with too many digits</source>
        <translation>含有位数过多的数字</translation>
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
        <source>must be a date no later than the year {max_year}</source>
        <translation>必须是不晚于 {max_year} 年的日期</translation>
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
        <source>is before the day the goods were received ({received})</source>
        <translation>早于收货日期（{received}）</translation>
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
<context>
    <name>warranty_problems</name>
    <message>
        <source>The sale date</source>
        <translation>购买日期</translation>
    </message>
    <message>
        <source>The invoice date</source>
        <translation>发票日期</translation>
    </message>
    <message>
        <source>The installation date</source>
        <translation>安装日期</translation>
    </message>
    <message>
        <source>The factory date</source>
        <translation>出厂日期</translation>
    </message>
    <message>
        <source>The delivery date</source>
        <translation>交付日期</translation>
    </message>
    <message>
        <source>The exchange date</source>
        <translation>换货日期</translation>
    </message>
    <message>
        <source>The day the fault was reported</source>
        <translation>报修日期</translation>
    </message>
    <message>
        <source>An earlier repair of this serial number</source>
        <translation>该序列号较早的一次维修</translation>
    </message>
    <message>
        <source>The product category</source>
        <translation>产品类别</translation>
    </message>
    <message>
        <source>The faulty part</source>
        <translation>故障部件</translation>
    </message>
    <message>
        <source>The price paid</source>
        <translation>购买价格</translation>
    </message>
    <message>
        <source>A fact of this visit</source>
        <translation>本次维修的一项信息</translation>
    </message>
    <message>
        <source>{field} is after today ({today})</source>
        <translation>{field}晚于今天（{today}）</translation>
    </message>
    <message>
        <source>{field} is before the sale date ({sale})</source>
        <translation>{field}早于购买日期（{sale}）</translation>
    </message>
    <message>
        <source>{field} is before the delivery date ({received})</source>
        <translation>{field}早于交付日期（{received}）</translation>
    </message>
    <message>
        <source>{field} is after the sale date ({sale})</source>
        <translation>{field}晚于购买日期（{sale}）</translation>
    </message>
    <message>
        <source>{field} is not a date</source>
        <translation>{field}不是有效的日期</translation>
    </message>
    <message>
        <source>An earlier repair of this serial number is returned before it was received: check that visit&apos;s dates</source>
        <translation>该序列号较早的一次维修取机日期早于收机日期，请核对那次维修的日期</translation>
    </message>
    <message>
        <source>An earlier repair of this serial number is counted as fixed but is still open</source>
        <translation>该序列号较早的一次维修尚未结束，却被记为已修好</translation>
    </message>
    <message>
        <source>Two earlier repairs of this serial number overlap: one was not returned before the next was received. Return or correct the open one first</source>
        <translation>该序列号有两次较早的维修时间重叠：前一次尚未取机，后一次已收机。请先结束或更正未结束的那次维修</translation>
    </message>
    <message>
        <source>The price paid is not an amount in yuan; type it as 2999 or 2999.50</source>
        <translation>购买价格不是以元为单位的金额，请按 2999 或 2999.50 的格式填写</translation>
    </message>
    <message>
        <source>The three-guarantee rules have no period for this product category; choose the category again</source>
        <translation>三包规定中没有此产品类别的期限，请重新选择产品类别</translation>
    </message>
    <message>
        <source>The faulty part is not one of this category&apos;s main parts; choose it again</source>
        <translation>故障部件不是此类产品的主要部件，请重新选择</translation>
    </message>
    <message>
        <source>This category has no main parts with a period of their own; choose “Whole unit” as the faulty part</source>
        <translation>此类产品没有单独规定期限的主要部件，故障部件请选择“整机”</translation>
    </message>
    <message>
        <source>Goods sold as substandard or clearance: say whether the fault is the defect disclosed at sale</source>
        <translation>等外品或处理品：请说明故障是否为销售时已说明的瑕疵</translation>
    </message>
    <message>
        <source>{field} could not be read; check the product&apos;s details and the answers below</source>
        <translation>{field}无法识别，请核对产品信息和下方的选项</translation>
    </message>
</context>
</TS>
