<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AuditLog</name>
    <message>
        <location filename="../core/security/AuditLog.cpp" line="+44"/>
        <source>all records verify</source>
        <translation>所有记录均校验通过</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>record %1 was expected here: records were removed or inserted</source>
        <translation>此处应为第 %1 条记录：有记录被删除或插入</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>it does not follow the record before it: records were removed, inserted or reordered</source>
        <translation>与前一条记录衔接不上：有记录被删除、插入或调换了顺序</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>its content was changed after it was written</source>
        <translation>写入后内容被修改</translation>
    </message>
</context>
<context>
    <name>ChannelText</name>
    <message>
        <location filename="../widgets/channel/ChannelText.cpp" line="+16"/>
        <source>WeChat Pay</source>
        <translation>微信支付</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Alipay</source>
        <translation>支付宝</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>UnionPay</source>
        <translation>银联</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Shared</source>
        <translation>共享账户</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Merchant&apos;s own</source>
        <translation>商户自有账户</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>WeChat Pay QR code</source>
        <translation>微信支付扫码</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>WeChat Pay in-app (JSAPI)</source>
        <translation>微信支付 JSAPI（微信内支付）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Alipay QR code</source>
        <translation>支付宝扫码</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>UnionPay web payment</source>
        <translation>银联网关支付</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Chosen</source>
        <translation>选中</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Would be drawn</source>
        <translation>参与抽选</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not drawn</source>
        <translation>未抽中</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Skipped: a higher priority comes first</source>
        <translation>跳过：更高优先级优先</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Skipped: rule disabled</source>
        <translation>跳过：规则已停用</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Skipped: account disabled</source>
        <translation>跳过：账户已停用</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Skipped: excluded</source>
        <translation>跳过：已排除</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Skipped: other currency</source>
        <translation>跳过：币种不符</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Skipped: over the per-payment limit</source>
        <translation>跳过：超出单笔限额</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Skipped: over the daily limit</source>
        <translation>跳过：超出单日限额</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Merchant id (mchid):</source>
        <translation>商户号（mchid）：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Application id (app_id):</source>
        <translation>应用 ID（app_id）：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Merchant id (merId):</source>
        <translation>商户号（merId）：</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Merchant API private key (apiclient_key.pem)</source>
        <translation>商户 API 私钥（apiclient_key.pem）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Serial number of the merchant API certificate</source>
        <translation>商户 API 证书序列号</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>APIv3 key (32 characters)</source>
        <translation>APIv3 密钥（32 个字符）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>WeChat Pay platform certificates (PEM)</source>
        <translation>微信支付平台证书（PEM）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>WeChat Pay platform public key (public-key mode)</source>
        <translation>微信支付平台公钥（公钥模式）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Platform public key id (PUB_KEY_ID_…)</source>
        <translation>平台公钥 ID（PUB_KEY_ID_…）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Application private key</source>
        <translation>应用私钥</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Alipay public key</source>
        <translation>支付宝公钥</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Merchant signing certificate (.pfx)</source>
        <translation>商户签名证书（.pfx）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Password of the .pfx file</source>
        <translation>.pfx 文件的密码</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>CFCA root certificates (PEM)</source>
        <translation>CFCA 根证书（PEM）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>CFCA intermediate certificates (PEM)</source>
        <translation>CFCA 中级证书（PEM）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Private key (PEM)</source>
        <translation>私钥（PEM）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Public key (PEM)</source>
        <translation>公钥（PEM）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Certificates (PEM)</source>
        <translation>证书（PEM）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Certificate file (.pfx)</source>
        <translation>证书文件（.pfx）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Text</source>
        <translation>文本</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Secret key</source>
        <translation>密钥</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>%1 %</source>
        <comment>a rate in percent</comment>
        <translation>%1%</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 ppm</source>
        <comment>parts per million</comment>
        <translation>%1 ppm</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 (%2)</source>
        <comment>rate in percent (in ppm)</comment>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 %2</source>
        <comment>method rate</comment>
        <translation>%1 %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>, </source>
        <comment>list separator</comment>
        <translation>、</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No limit</source>
        <translation>无限额</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Connection OK in %1 ms: the channel accepted the credentials.</source>
        <translation>连接成功，用时 %1 毫秒：渠道已接受凭据。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Connection failed after %1 ms: %2</source>
        <translation>连接失败，用时 %1 毫秒：%2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Never tested</source>
        <translation>从未测试</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>OK</source>
        <translation>成功</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>certificate SHA-256 %1, serial %2</source>
        <translation>证书 SHA-256 %1，序列号 %2</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>key SHA-256 %1</source>
        <translation>密钥 SHA-256 %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>secret (HMAC) %1</source>
        <translation>密钥值（HMAC）%1</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1: %2 → %3</source>
        <translation>%1：%2 → %3</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Waiting for approval</source>
        <translation>待审批</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Approved</source>
        <translation>已批准</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rejected</source>
        <translation>已驳回</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Withdrawn</source>
        <translation>已撤回</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Expired</source>
        <translation>已过期</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stored (no approval needed)</source>
        <translation>已保存（无需审批）</translation>
    </message>
</context>
<context>
    <name>ChoiceCombos</name>
    <message>
        <location filename="../widgets/channel/ChoiceCombos.cpp" line="+48"/>
        <source>%1 (disabled)</source>
        <translation>%1（已停用）</translation>
    </message>
</context>
<context>
    <name>Cli</name>
    <message>
        <location filename="../app/cli/CliCommand.cpp" line="+27"/>
        <source>Database URL: sqlite:/path/file.db or postgresql://user[:password]@host[:port]/db. Default: $PAYDESK_DATABASE, else paydesk.db in the data directory.</source>
        <translation>数据库 URL：sqlite:/路径/文件.db 或 postgresql://用户[:密码]@主机[:端口]/库名。默认：$PAYDESK_DATABASE，未设置时为数据目录中的 paydesk.db。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Try &apos;%1 --help&apos;.</source>
        <translation>请运行“%1 --help”查看用法。</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Sign in as this operator (default: $PAYDESK_OPERATOR). The password comes from $PAYDESK_PASSWORD or the next line of standard input.</source>
        <translation>以该操作员身份登录（默认：$PAYDESK_OPERATOR）。密码取自 $PAYDESK_PASSWORD，或标准输入的下一行。</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>use &apos;paydesk-cli passwd&apos;</source>
        <translation>请使用“paydesk-cli passwd”</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>error: %1</source>
        <translation>错误：%1</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>unknown %1 subcommand &apos;%2&apos;; see &apos;paydesk-cli %1 --help&apos;</source>
        <translation>未知的 %1 子命令“%2”；请参阅“paydesk-cli %1 --help”</translation>
    </message>
    <message>
        <location filename="../app/cli/DemoCommand.cpp" line="+17"/>
        <source>Business days of activity (default 30).</source>
        <translation>生成多少个营业日的数据（默认 30）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Random seed (default 20261127).</source>
        <translation>随机种子（默认 20261127）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Merchants to onboard, at least 12 (default 50).</source>
        <translation>要入驻的商户数量，至少 12（默认 50）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Orders of the days before today, imported with their refunds and ledger entries (default 20000; 0: none).</source>
        <translation>今天之前那些天的订单，连同退款和账务分录一起导入（默认 20000；0 表示不导入）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Orders of today sent through the gateway (paydeskd in this process) and paid at the sandbox, with callbacks, notifications and refunds (default 60; 0: none).</source>
        <translation>今天的订单：经网关（本进程内的 paydeskd）发出并在沙箱中支付，包括回调、通知和退款（默认 60；0 表示不发送）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Leave the past days unreconciled (by default they are reconciled, the last with one discrepancy of each category).</source>
        <translation>不对账过去的日期（默认对账，最后一天每个类别各有一条差异）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The paydesk-sandbox state directory whose keys the channel accounts use; made if missing (default $PAYDESK_SANDBOX_DIR or the sandbox&apos;s default).</source>
        <translation>渠道账户所用密钥所在的 paydesk-sandbox 状态目录；不存在时自动创建（默认为 $PAYDESK_SANDBOX_DIR，未设置时为沙箱的默认目录）。</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>--live must be 0 to 100000</source>
        <translation>--live 须为 0 到 100000</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>onboarding: %1 merchants, %2 applications, %3 channel accounts (sandbox keys from %4), %5 routing rules</source>
        <translation>入驻：商户 %1 个，应用 %2 个，渠道账户 %3 个（沙箱密钥来自 %4），路由规则 %5 条</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>orders: %1 orders and %2 refunds of the last %3 days, imported with their ledger entries</source>
        <translation>订单：最近 %3 天的 %1 笔订单和 %2 笔退款，已连同账务分录导入</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>warning: no live orders: %1</source>
        <translation>警告：没有发出实时订单：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>live: %1 orders through the gateway and the sandbox, %2 paid, %3 refunded in part</source>
        <translation>实时：经网关和沙箱发出 %1 笔订单，%2 笔已支付，%3 笔部分退款</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>warning: channel accounts have no credentials: %1</source>
        <translation>警告：以下渠道账户没有凭据：%1</translation>
    </message>
    <message>
        <location line="-61"/>
        <source>--days must be 1 to 3660 and --seed a whole number</source>
        <translation>--days 必须在 1 到 3660 之间，--seed 必须是整数</translation>
    </message>
    <message>
        <location line="-16"/>
        <source>Fill an empty database with a demo platform: operators for every role (password Demo-Pass-2026!), the secret vault (master passphrase demo-master-passphrase), a month of payments, refunds, clearing, channel funds and payouts for twelve merchants on three channels, and about fifty merchants in every onboarding state with documents, applications, channel accounts on the local paydesk-sandbox (port 9443), fee rates and routing rules, and the orders and refunds of those days (imported as a migration would bring them).</source>
        <translation>向空数据库写入演示平台：各角色的操作员（密码 Demo-Pass-2026!）、密钥保险库（主口令 demo-master-passphrase）、十二个商户在三个渠道上一个月的支付、退款、清算、渠道到账和结算出款，约五十个处于各入驻状态的商户，连同其资料、应用、本地 paydesk-sandbox（端口 9443）上的渠道账户、费率和路由规则，以及这些天的订单和退款（按数据迁移的方式导入）。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>--merchants must be %1 to 10000</source>
        <translation>--merchants 必须在 %1 到 10000 之间</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>--orders must be 0 to 100000000</source>
        <translation>--orders 须为 0 到 100000000</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>demo data: %1 journal entries (%2 payments, %3 refunds) over %4 days</source>
        <translation>演示数据：%4 天内共 %1 笔会计分录（支付 %2 笔，退款 %3 笔）</translation>
    </message>
    <message>
        <location filename="../app/cli/LedgerCommand.cpp" line="+31"/>
        <source>JSON file of journal entries.</source>
        <translation>会计分录的 JSON 文件。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Post journal entries from a JSON file, all or nothing. Format:
[{&quot;date&quot;:&quot;2026-11-26&quot;,&quot;reference&quot;:&quot;ORD-1&quot;,&quot;memo&quot;:&quot;...&quot;,
  &quot;postings&quot;:[{&quot;account&quot;:&quot;channel_receivable:wx01&quot;,&quot;amount&quot;:&quot;99.40&quot;,&quot;currency&quot;:&quot;CNY&quot;}, ...]}]
Amounts are decimal strings, positive = debit, negative = credit. Accounts follow the chart of accounts (bank:&lt;id&gt;, channel_receivable:&lt;id&gt;, suspense, settlement_in_transit, merchant:&lt;id&gt;:pending|available|frozen, fee_income, channel_fee_expense) and are opened on first use. Optional per entry: &quot;kind&quot; (manual, payment, refund, clearing, ...) and &quot;event_key&quot; (posted at most once).</source>
        <translation>从 JSON 文件过账会计分录，要么全部成功，要么全部不记。格式：
[{&quot;date&quot;:&quot;2026-11-26&quot;,&quot;reference&quot;:&quot;ORD-1&quot;,&quot;memo&quot;:&quot;...&quot;,
  &quot;postings&quot;:[{&quot;account&quot;:&quot;channel_receivable:wx01&quot;,&quot;amount&quot;:&quot;99.40&quot;,&quot;currency&quot;:&quot;CNY&quot;}, ...]}]
金额为十进制字符串，正数为借方，负数为贷方。科目须符合会计科目表（bank:&lt;id&gt;、channel_receivable:&lt;id&gt;、suspense、settlement_in_transit、merchant:&lt;id&gt;:pending|available|frozen、fee_income、channel_fee_expense），首次使用时自动开立。每笔分录可选：&quot;kind&quot;（manual、payment、refund、clearing 等）和 &quot;event_key&quot;（同一事件只记一次）。</translation>
    </message>
    <message>
        <location line="+11"/>
        <location filename="../app/cli/MerchantCommand.cpp" line="+233"/>
        <location filename="../app/cli/OrdersCommand.cpp" line="+29"/>
        <location filename="../app/cli/StatementCommand.cpp" line="+119"/>
        <source>--file is required</source>
        <translation>必须指定 --file</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>posted 0 entries</source>
        <translation>已过账 0 笔分录</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>posted %1 entries (ids %2 to %3)</source>
        <translation>已过账 %1 笔分录（编号 %2 至 %3）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The journal entry to reverse.</source>
        <translation>要冲销的会计分录。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Business date of the reversal (default: today).</source>
        <translation>冲销分录的营业日期（默认：今天）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Why the entry is reversed.</source>
        <translation>冲销原因。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Correct a journal entry by posting its exact negation, linked to it. Entries are never edited or deleted.</source>
        <translation>通过过账一笔与原分录完全相反、并与之关联的分录来更正错误。分录永远不会被修改或删除。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>give exactly one entry id</source>
        <translation>请给出且只给出一个分录编号</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>entry %1 reversed by entry %2</source>
        <translation>分录 %1 已由分录 %2 冲销</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Balances at the end of this business date (default: all postings).</source>
        <translation>该营业日日终的余额（默认：全部过账）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Print JSON instead of a table.</source>
        <translation>以 JSON 输出，而非表格。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Print every account&apos;s balance (debit positive, credit negative) and the debit and credit totals per currency. Exit status 1 when they differ.</source>
        <translation>列出每个科目的余额（借方为正，贷方为负）以及各币种的借贷合计。借贷不等时退出码为 1。</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Account</source>
        <translation>科目</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cur</source>
        <translation>币种</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Debit</source>
        <translation>借方</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Credit</source>
        <translation>贷方</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>balanced</source>
        <translation>平衡</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>NOT BALANCED</source>
        <translation>不平衡</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>List the chart of accounts with type, status and balance on the account&apos;s own side (a merchant&apos;s available money is positive).</source>
        <translation>列出会计科目表及各科目的类别、状态和按科目自身方向计的余额（商户可用资金显示为正数）。</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Account name, e.g. merchant:M001:pending.</source>
        <translation>科目名称，例如 merchant:M001:pending。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Currency of the account (default CNY).</source>
        <translation>科目币种（默认 CNY）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Close an account whose balance is zero; it then takes no postings.</source>
        <translation>关闭余额为零的科目；关闭后不再接受过账。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>give exactly one account name</source>
        <translation>请给出且只给出一个科目名称</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>closed %1</source>
        <translation>已关闭 %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Verify every ledger invariant over the whole database: entries balance, the trial balance is zero, balances equal their postings, non-negative accounts never went below zero, reversals mirror their originals, each payment or refund is posted once. Exit status 0 when all hold, 1 with the violations listed otherwise.</source>
        <translation>对整个数据库校验全部账务不变量：每笔分录借贷平衡、试算平衡为零、余额等于其明细之和、不得为负的科目从未低于零、冲销分录与原分录完全相反、每笔支付或退款只记一次。全部成立时退出码为 0，否则列出违规项并以 1 退出。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>ledger check passed: %1 checks</source>
        <translation>账务校验通过：共 %1 项检查</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>ledger check failed: %1 violation(s)</source>
        <translation>账务校验失败：%1 处违规</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Output format: ledger (ledger-cli journal).</source>
        <translation>输出格式：ledger（ledger-cli 日记账）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Write to this file instead of standard output.</source>
        <translation>写入该文件，而非标准输出。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export the whole journal. The ledger format can be read by ledger-cli, e.g. &apos;ledger -f FILE balance&apos;, to cross-check Paydesk&apos;s balances.</source>
        <translation>导出全部日记账。ledger 格式可由 ledger-cli 读取（例如“ledger -f 文件 balance”），用于交叉核对 Paydesk 的余额。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>unknown format &apos;%1&apos; (supported: ledger)</source>
        <translation>未知格式“%1”（支持：ledger）</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>exported %1 entries to %2</source>
        <translation>已将 %1 笔分录导出到 %2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Usage: paydesk-cli ledger SUBCOMMAND [options]

Subcommands:
  post --file F             Post entries from a JSON file, all or nothing.
  reverse ENTRY_ID          Post the exact negation of an entry.
  trial-balance [--date D] [--json]
                            Balances per account and totals per currency.
  accounts                  The chart of accounts with balances.
  close-account NAME        Close an account with a zero balance.
  check                     Verify every ledger invariant (exit 1 on a violation).
  export --format ledger [--output F]
                            Export the journal for ledger-cli.

&apos;paydesk-cli ledger SUBCOMMAND --help&apos; shows the options of each.
</source>
        <translation>用法：paydesk-cli ledger 子命令 [选项]

子命令：
  post --file F             从 JSON 文件过账分录，全部成功或全部不记。
  reverse ENTRY_ID          过账一笔与原分录完全相反的冲销分录。
  trial-balance [--date D] [--json]
                            各科目余额及各币种合计。
  accounts                  会计科目表及余额。
  close-account NAME        关闭余额为零的科目。
  check                     校验全部账务不变量（有违规时退出码为 1）。
  export --format ledger [--output F]
                            导出供 ledger-cli 使用的日记账。

“paydesk-cli ledger 子命令 --help”显示各子命令的选项。
</translation>
    </message>
    <message>
        <location filename="../app/cli/main.cpp" line="+11"/>
        <source>Usage: paydesk-cli [--database URL] COMMAND [options]

Scripting and cron front end of the Paydesk payment core.

Commands:
  migrate        Create or upgrade the database schema.
  init           Create the first administrator (and the secret vault) of a new database.
  passwd         Change an operator&apos;s own password.
  operator       Operators: list, show, create, roles, disable, enable, reset-password, unlock.
  ledger         Post, reverse, check and export the double-entry ledger
                 (post, reverse, trial-balance, accounts, close-account, check, export).
  audit          Verify the audit log&apos;s hash chain, list records.
  vault          Secret vault: status, set, list.
  demo           Fill an empty database with a demo platform (operators, vault, a month of activity).
  statement      Parse and check a channel statement (WeChat Pay, Alipay, UnionPay): parse.
  merchant       Merchants: list, show, import (CSV), attach documents, workflow steps.
  app            Applications (应用): list, create, keys, add-rsa-key, new-hmac-key.
  channel-account  Channel accounts: list, create, credentials, set-credential (proposes), pending,
                 approve, reject, withdraw, enable, disable, test.
  fee            Fee rates: set, withdraw, history, templates, create-template, apply-template, quote.
  routing        Routing rules: list, add, delete, explain.
  orders         Orders: import (CSV, with ledger entries), notifications, resend, refund and
                 its approval (refund, refund-requests, approve-refund, reject-refund).
  reconcile      Reconciliation (对账): run a channel account&apos;s day (download or import), runs, show,
                 diff, discrepancies, and the pool&apos;s resolve, approve, reject.

Global options:
  --database URL  sqlite:/path/file.db or postgresql://user[:password]@host[:port]/db.
                  Default: $PAYDESK_DATABASE, else paydesk.db in the user&apos;s data directory.
  -h, --help      Show this help; &apos;paydesk-cli COMMAND --help&apos; shows a command&apos;s help.
  --version       Show the version.

Commands that read or change business data sign in an operator: --operator NAME (or
$PAYDESK_OPERATOR) with the password from $PAYDESK_PASSWORD or the next line of standard input.

Exit status: 0 success, 1 failure (errors go to stderr), 2 usage error (&apos;reconcile run
--fail-on-discrepancy&apos;: 3 when the run found discrepancies).
</source>
        <translation>用法：paydesk-cli [--database URL] 命令 [选项]

Paydesk 支付核心的脚本与定时任务前端。

命令：
  migrate        创建数据库结构或升级到当前版本。
  init           为新数据库创建首个管理员（及密钥保险库）。
  passwd         修改操作员本人的密码。
  operator       操作员：list、show、create、roles、disable、enable、reset-password、unlock。
  ledger         复式记账：过账、冲销、校验与导出
                 （post、reverse、trial-balance、accounts、close-account、check、export）。
  audit          校验审计日志的哈希链，列出记录。
  vault          密钥保险库：status、set、list。
  demo           向空数据库写入演示平台（操作员、保险库、一个月的业务）。
  statement      解析并核对渠道对账单（微信支付、支付宝、银联）：parse。
  merchant       商户：list、show、import（CSV）、上传资料、流程操作。
  app            应用：list、create、keys、add-rsa-key、new-hmac-key。
  channel-account  渠道账户：list、create、credentials、set-credential（提交变更）、pending、
                 approve、reject、withdraw、enable、disable、test。
  fee            费率：set、withdraw、history、templates、create-template、apply-template、quote。
  routing        路由规则：list、add、delete、explain。
  orders         订单：import（CSV，连同账务分录）、notifications、resend、退款及其审批
                 （refund、refund-requests、approve-refund、reject-refund）。
  reconcile      对账：对某渠道账户某一天对账（下载或导入对账单）、runs、show、diff、
                 discrepancies，以及差错池的 resolve、approve、reject。

全局选项：
  --database URL  sqlite:/路径/文件.db 或 postgresql://用户[:密码]@主机[:端口]/库名。
                  默认：$PAYDESK_DATABASE，未设置时为用户数据目录中的 paydesk.db。
  -h, --help      显示本帮助；“paydesk-cli 命令 --help”显示该命令的帮助。
  --version       显示版本。

读取或修改业务数据的命令需要登录操作员：--operator 用户名（或
$PAYDESK_OPERATOR），密码取自 $PAYDESK_PASSWORD 或标准输入的下一行。

退出码：0 成功，1 失败（错误输出到 stderr），2 用法错误（“reconcile run
--fail-on-discrepancy”：对账发现差错时为 3）。
</translation>
    </message>
    <message>
        <location line="+70"/>
        <source>error: unknown option %1 before the command</source>
        <translation>错误：命令之前出现未知选项 %1</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>error: unknown command &apos;%1&apos;; see &apos;paydesk-cli --help&apos;</source>
        <translation>错误：未知命令“%1”；请参阅“paydesk-cli --help”</translation>
    </message>
    <message>
        <location filename="../app/cli/MigrateCommand.cpp" line="+14"/>
        <source>Create the database schema or upgrade it to this program&apos;s version. A database written by a newer Paydesk is refused.</source>
        <translation>创建数据库结构或将其升级到本程序的版本。由更新版本 Paydesk 写入的数据库将被拒绝。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1: schema version %2 (latest %3)</source>
        <translation>%1：结构版本 %2（最新 %3）</translation>
    </message>
    <message>
        <location filename="../app/cli/AccessCommands.cpp" line="+16"/>
        <source>User name of the first administrator.</source>
        <translation>首个管理员的用户名。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>demo, test or production (default production).</source>
        <translation>demo、test 或 production（默认 production）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Set up a new database: create the first administrator, whose password is read from standard input (at least 12 characters), and record the environment. When $PAYDESK_MASTER_KEY_FILE names a file, its content becomes the master passphrase of the secret vault.</source>
        <translation>初始化新数据库：创建首个管理员（密码从标准输入读取，至少 12 个字符），并记录运行环境。若 $PAYDESK_MASTER_KEY_FILE 指向一个文件，其内容将作为密钥保险库的主口令。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>--admin is required</source>
        <translation>必须指定 --admin</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>--environment must be demo, test or production</source>
        <translation>--environment 必须是 demo、test 或 production</translation>
    </message>
    <message>
        <location line="+4"/>
        <location filename="../app/cli/CliCommand.cpp" line="-69"/>
        <source>Password for %1: </source>
        <translation>%1 的密码：</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>created administrator %1 (%2 environment)</source>
        <translation>已创建管理员 %1（%2 环境）</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>secret vault set up under the master passphrase from %1</source>
        <translation>已使用 %1 中的主口令建立密钥保险库</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Change an operator&apos;s own password. Reads the current password, then the new one, each on its own line of standard input.</source>
        <translation>修改操作员本人的密码。从标准输入依次读取当前密码和新密码，各占一行。</translation>
    </message>
    <message>
        <location line="+6"/>
        <location filename="../app/cli/CliCommand.cpp" line="-5"/>
        <source>this command needs an operator: --operator NAME or $PAYDESK_OPERATOR</source>
        <translation>该命令需要操作员：--operator 用户名 或 $PAYDESK_OPERATOR</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Current password: </source>
        <translation>当前密码：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New password: </source>
        <translation>新密码：</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>password changed for %1</source>
        <translation>%1 的密码已修改</translation>
    </message>
    <message>
        <location filename="../app/cli/AuditCommand.cpp" line="+16"/>
        <source>Verify the audit log&apos;s hash chain. Exit status 0 when every record is intact; 1 naming the first record that was changed, removed, inserted or reordered.</source>
        <translation>校验审计日志的哈希链。所有记录完好时退出码为 0；否则指出第一条被修改、删除、插入或调换顺序的记录，退出码为 1。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>audit log intact: %1 records</source>
        <translation>审计日志完好：共 %1 条记录</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>audit log broken at record %1: %2</source>
        <translation>审计日志在第 %1 条记录处断裂：%2</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Only records of this operator.</source>
        <translation>仅显示该操作员的记录。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Only this action or family (e.g. login).</source>
        <translation>仅显示该操作或该类操作（例如 login）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>At most this many, newest first (default 50).</source>
        <translation>最多显示这么多条，最新的在前（默认 50）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Print JSON lines.</source>
        <translation>以 JSON 行输出。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>List audit records, newest first.</source>
        <translation>列出审计记录，最新的在前。</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Usage: paydesk-cli audit SUBCOMMAND [options]

Subcommands:
  verify    Verify the hash chain (exit 1 naming the first broken record).
  list      List records newest first (needs an operator with audit.view).
</source>
        <translation>用法：paydesk-cli audit 子命令 [选项]

子命令：
  verify    校验哈希链（有断裂时指出第一条记录并以 1 退出）。
  list      列出记录，最新的在前（需要具有 audit.view 权限的操作员）。
</translation>
    </message>
    <message>
        <location filename="../app/cli/CliCommand.cpp" line="+24"/>
        <location filename="../app/cli/VaultCommand.cpp" line="+49"/>
        <source>set PAYDESK_MASTER_KEY_FILE to the file holding the master passphrase</source>
        <translation>请将 PAYDESK_MASTER_KEY_FILE 设为存放主口令的文件</translation>
    </message>
    <message>
        <location filename="../app/cli/VaultCommand.cpp" line="-37"/>
        <source>Tell whether the secret vault is set up and, with $PAYDESK_MASTER_KEY_FILE, whether that passphrase opens it (exit 1 if not).</source>
        <translation>显示密钥保险库是否已建立；若设置了 $PAYDESK_MASTER_KEY_FILE，还检查该口令能否打开保险库（不能则以 1 退出）。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>vault: not set up</source>
        <translation>保险库：未建立</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>vault: set up</source>
        <translation>保险库：已建立</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>vault: set up, and the master passphrase opens it</source>
        <translation>保险库：已建立，主口令可以打开</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Name of the secret.</source>
        <translation>密钥名称。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Store a secret read from standard input (the line after the operator&apos;s password when that is read from standard input too). Needs vault.write and $PAYDESK_MASTER_KEY_FILE.</source>
        <translation>保存从标准输入读取的密钥（若操作员密码也从标准输入读取，则取其后一行）。需要 vault.write 权限和 $PAYDESK_MASTER_KEY_FILE。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>give exactly one secret name</source>
        <translation>请给出且只给出一个密钥名称</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Secret value: </source>
        <translation>密钥内容：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>stored secret %1</source>
        <translation>已保存密钥 %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>List the names of the stored secrets (never their values). Needs vault.read.</source>
        <translation>列出已保存密钥的名称（绝不显示内容）。需要 vault.read 权限。</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Usage: paydesk-cli vault SUBCOMMAND [options]

Subcommands:
  status       Whether the vault is set up and the master passphrase opens it.
  set NAME     Store a secret from standard input.
  list         Names of the stored secrets.
</source>
        <translation>用法：paydesk-cli vault 子命令 [选项]

子命令：
  status       保险库是否已建立，主口令能否打开。
  set NAME     从标准输入保存一个密钥。
  list         已保存密钥的名称。
</translation>
    </message>
    <message>
        <location filename="../app/cli/StatementCommand.cpp" line="-25"/>
        <source>The statement: a WeChat Pay bill, an Alipay bill (the zip or its detail file), a UnionPay ZM file, zip or fileContent.</source>
        <translation>对账单文件：微信支付账单、支付宝账单（zip 或其中的明细文件）、银联 ZM 文件、zip 或 fileContent。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Print every line as one JSON object per line (amounts as decimal strings) and nothing else.</source>
        <translation>只输出每一笔明细，每行一个 JSON 对象（金额为十进制字符串），不输出其他内容。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Settlement date of a UnionPay ZM file, whose times carry no year, when its name does not tell it (INN&lt;yyMMdd&gt;…).</source>
        <translation>银联 ZM 文件的清算日期（其时间不带年份），文件名（INN&lt;yyMMdd&gt;…）无法给出时使用。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Refuse a compressed statement (a zip, a UnionPay fileContent) that unpacks to more than this many MiB (default %1).</source>
        <translation>拒绝解压后超过此大小（MiB，默认 %1）的压缩对账单（zip、银联 fileContent）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Parse a channel statement, recognising its format from the content, and check it against the totals it prints. Prints the format, the files read, the number of lines and the payments&apos; and refunds&apos; counts, amounts and fees. Exit status 0 when every line parsed and every total matched, 1 otherwise (the error names file and line); with --json the lines printed before an error are not to be used.</source>
        <translation>解析渠道对账单（按内容识别格式），并与其自身打印的合计核对。输出格式、读取的文件、明细笔数以及支付与退款的笔数、金额和手续费。全部明细解析成功且所有合计一致时退出码为 0，否则为 1（错误信息指明文件和行号）；使用 --json 时，出错前已输出的明细不可使用。</translation>
    </message>
    <message>
        <location filename="../app/cli/ReconcileCommand.cpp" line="+43"/>
        <source>Print JSON (amounts as decimal strings) instead of text.</source>
        <translation>以 JSON 输出（金额为十进制字符串），而非文本。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>--%1 wants yyyy-mm-dd, not &apos;%2&apos;</source>
        <translation>--%1 须为 yyyy-mm-dd 格式，而不是“%2”</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>--limit takes 1 to 100000</source>
        <translation>--limit 须为 1 到 100000</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>not an id: &apos;%1&apos;</source>
        <translation>不是有效的编号：“%1”</translation>
    </message>
    <message>
        <location line="+12"/>
        <location filename="../app/cli/StatementCommand.cpp" line="+9"/>
        <source>unexpected argument &apos;%1&apos;</source>
        <translation>多余的参数“%1”</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>The channel account to reconcile (required).</source>
        <translation>要对账的渠道账户（必填）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The bill date, the channel&apos;s business day (required).</source>
        <translation>账单日期，即渠道的营业日（必填）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Import this statement (format and encoding from its content) instead of downloading it through the channel account.</source>
        <translation>导入该对账单文件（格式和编码由内容识别），而不是通过渠道账户下载。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Exit with status 3 when the run found discrepancies (carried-over items do not count).</source>
        <translation>对账发现差错时以退出码 3 退出（跨日挂起的条目不计）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Reconcile one channel account and bill date: download the statement (or import --file), match it against our payments and refunds of the day, and print what it found. The same file again is not run twice; a different one supersedes the day&apos;s run. Exit status 0 when the run completed, with discrepancies or not (3 with --fail-on-discrepancy when there are some), 1 when it failed (the statement, the account, another run of the day under way: stderr says why), 2 on a usage error. Ctrl-C cancels the run; nothing of it is written.</source>
        <translation>对一个渠道账户的一个账单日对账：下载对账单（或导入 --file），与我方当天的支付和退款逐笔核对，并输出结果。同一文件不会重复对账；不同的文件会取代当天原有的对账批次。对账完成时退出码为 0，无论有无差错（指定 --fail-on-discrepancy 且有差错时为 3）；对账失败时为 1（对账单、渠道账户、当天另有对账正在进行：原因见 stderr）；用法错误时为 2。按 Ctrl-C 取消对账，不会写入任何结果。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>--channel-account is required</source>
        <translation>必须指定 --channel-account</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>--date is required</source>
        <translation>必须指定 --date</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>--file needs a path</source>
        <translation>--file 需要一个路径</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>the channel has no statement for %1 (yet): %2</source>
        <translation>渠道（尚）没有 %1 的对账单：%2</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>This statement was imported before: run %1 read it; nothing new was run.</source>
        <translation>该对账单此前已导入：对账批次 %1 已读取过它；本次未重新对账。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Run %1: %2 %3 %4</source>
        <translation>对账批次 %1：%2 %3 %4</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>It supersedes run %1.</source>
        <translation>本批次取代了对账批次 %1。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Missed callbacks the channel confirmed, resolved by themselves: %1</source>
        <translation>渠道已确认、自动处理的漏回调：%1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Discrepancies: %1</source>
        <translation>差错：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>See &apos;paydesk-cli reconcile show %1&apos; and &apos;paydesk-cli reconcile discrepancies --open&apos;.</source>
        <translation>请查看“paydesk-cli reconcile show %1”和“paydesk-cli reconcile discrepancies --open”。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Only this channel account&apos;s runs.</source>
        <translation>仅列出该渠道账户的对账批次。</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+138"/>
        <source>Bill dates from this one.</source>
        <translation>账单日期从该日起。</translation>
    </message>
    <message>
        <location line="-137"/>
        <location line="+138"/>
        <source>Bill dates up to this one.</source>
        <translation>账单日期截至该日。</translation>
    </message>
    <message>
        <location line="-136"/>
        <source>At most this many runs, newest first (default 100).</source>
        <translation>最多列出这么多个对账批次，最新的在前（默认 100）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>List reconciliation runs, newest first, with their status and counts.</source>
        <translation>列出对账批次，最新的在前，含状态和各类计数。</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>No runs.</source>
        <translation>没有对账批次。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The run&apos;s id.</source>
        <translation>对账批次编号。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Show a run: its summary and every item it did not match (its discrepancies and carried-over items).</source>
        <translation>显示一个对账批次：其汇总，以及所有未勾对上的条目（差错和跨日挂起的条目）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>give the run&apos;s id</source>
        <translation>请给出对账批次编号</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Started by %1 at %2; file %3</source>
        <translation>由 %1 于 %2 发起；文件 %3</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Error: %1</source>
        <translation>错误：%1</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>One run&apos;s id.</source>
        <translation>一个对账批次的编号。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Another run&apos;s id, of the same account and bill date.</source>
        <translation>另一个对账批次的编号，须为同一渠道账户、同一账单日期。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Compare two runs of the same channel account and bill date: which items changed category, and why (statement_changed, resolution, settings_changed, our_side_changed). The run begun first is the older, whichever id comes first.</source>
        <translation>比较同一渠道账户、同一账单日期的两个对账批次：哪些条目的类别变了，以及原因（statement_changed 对账单变更、resolution 差错已处理、settings_changed 设置变更、our_side_changed 我方数据变化）。无论编号顺序如何，先开始的批次为较早的一方。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>give two run ids</source>
        <translation>请给出两个对账批次编号</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Only the unresolved ones (open or proposed).</source>
        <translation>仅列出未解决的（open 或 proposed）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only this channel account&apos;s.</source>
        <translation>仅列出该渠道账户的。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Only this category: channel_only, platform_only, amount_mismatch, status_mismatch, fee_mismatch, duplicate_in_statement.</source>
        <translation>仅列出该类别：channel_only、platform_only、amount_mismatch、status_mismatch、fee_mismatch、duplicate_in_statement。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>At most this many, newest first (default 100).</source>
        <translation>最多列出这么多条，最新的在前（默认 100）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>List the discrepancy pool, newest first: each problem a run found, across runs, with its status and resolution.</source>
        <translation>列出差错池，最新的在前：各次对账发现的每个问题（跨批次合并），含状态和处理方式。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>--category: not a discrepancy category: &apos;%1&apos;</source>
        <translation>--category：不是差错类别：“%1”</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>No discrepancies.</source>
        <translation>没有差错。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Usage: paydesk-cli reconcile SUBCOMMAND [options]

Subcommands:
  run --channel-account ACC --date YYYY-MM-DD [--file F] [--json] [--fail-on-discrepancy]
                            Reconcile one channel account and bill date (download or import).
                            Exit 0 completed, 3 discrepancies (--fail-on-discrepancy), 1 failed, 2 usage.
  runs [--channel-account ACC] [--from D] [--to D] [--json]
                            The run history, newest first.
  show RUN [--json]         A run&apos;s summary and its items.
  diff RUN1 RUN2 [--json]   Which items changed category between two runs of a day, and why.
  discrepancies [--open] [--channel-account ACC] [--category C] [--json]
                            The discrepancy pool.
  resolve ID --action A --note N [--merchant M]
                            Propose a resolution (channel_only_mark_paid, park_in_suspense,
                            refund_to_payer, assign_to_merchant, reverse_payment, adjust_amount,
                            adjust_fee, acknowledge); another operator approves it.
  approve ID                Approve a proposed resolution (posts its ledger entry).
  reject ID --reason R      Reject a proposed resolution (open again, or still parked).

&apos;paydesk-cli reconcile SUBCOMMAND --help&apos; shows the options of each.
</source>
        <translation>用法：paydesk-cli reconcile 子命令 [选项]

子命令：
  run --channel-account ACC --date YYYY-MM-DD [--file F] [--json] [--fail-on-discrepancy]
                            对一个渠道账户的一个账单日对账（下载或导入对账单）。
                            退出码：0 完成，3 有差错（--fail-on-discrepancy），1 失败，2 用法错误。
  runs [--channel-account ACC] [--from D] [--to D] [--json]
                            对账历史，最新的在前。
  show RUN [--json]         一个对账批次的汇总及其条目。
  diff RUN1 RUN2 [--json]   同一天的两个对账批次之间哪些条目的类别变了，以及原因。
  discrepancies [--open] [--channel-account ACC] [--category C] [--json]
                            差错池。
  resolve ID --action A --note N [--merchant M]
                            提出处理方案（channel_only_mark_paid、park_in_suspense、
                            refund_to_payer、assign_to_merchant、reverse_payment、adjust_amount、
                            adjust_fee、acknowledge），由另一位操作员审批。
  approve ID                批准提出的处理方案（过账相应分录）。
  reject ID --reason R      驳回提出的处理方案（重新变为未处理，或仍为挂账）。

“paydesk-cli reconcile 子命令 --help”显示各子命令的选项。
</translation>
    </message>
    <message>
        <location filename="../app/cli/StatementCommand.cpp" line="+5"/>
        <source>--date wants yyyy-mm-dd, not &apos;%1&apos;</source>
        <translation>--date 须为 yyyy-mm-dd，而不是“%1”</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>--max-unpacked takes 1 to 65536 (MiB)</source>
        <translation>--max-unpacked 的取值为 1 到 65536（MiB）</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Format: %1</source>
        <translation>格式：%1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>File: %1 (%2, %3 lines)</source>
        <translation>文件：%1（%2，%3 行）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Lines: %1</source>
        <translation>明细：%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Payments: %1, amount %2, fee %3</source>
        <translation>支付：%1 笔，金额 %2，手续费 %3</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Refunds: %1, amount %2, fee %3</source>
        <translation>退款：%1 笔，金额 %2，手续费 %3</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Usage: paydesk-cli statement SUBCOMMAND [options]

Subcommands:
  parse --file F [--json] [--date D] [--max-unpacked MiB]
                            Parse a channel statement (WeChat Pay, Alipay, UnionPay), check its
                            totals, print a summary or every line as JSON.

&apos;paydesk-cli statement SUBCOMMAND --help&apos; shows the options of each.
</source>
        <translation>用法：paydesk-cli statement 子命令 [选项]

子命令：
  parse --file F [--json] [--date D] [--max-unpacked MiB]
                            解析渠道对账单（微信支付、支付宝、银联），核对其合计，
                            输出汇总，或以 JSON 输出每一笔明细。

“paydesk-cli statement 子命令 --help”显示各子命令的选项。
</translation>
    </message>
    <message>
        <location filename="../app/cli/ApplicationCommand.cpp" line="+22"/>
        <source>open-ended</source>
        <translation>长期有效</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Only this merchant&apos;s (number or id).</source>
        <translation>仅限该商户（商户号或 ID）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+38"/>
        <location filename="../app/cli/ChannelAccountCommand.cpp" line="+139"/>
        <location filename="../app/cli/FeeCommand.cpp" line="+29"/>
        <location line="+262"/>
        <location filename="../app/cli/RoutingCommand.cpp" line="+39"/>
        <location line="+34"/>
        <location line="+69"/>
        <source>merchant</source>
        <translation>商户</translation>
    </message>
    <message>
        <location line="-37"/>
        <source>Only the platform&apos;s own applications.</source>
        <translation>仅限平台自有应用。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>List applications: app_id, merchant, name, payment methods, state. Needs merchant.view.</source>
        <translation>列出应用：app_id、商户、名称、支付方式、状态。需要 merchant.view 权限。</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>platform</source>
        <translation>平台</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../app/cli/ChannelAccountCommand.cpp" line="-64"/>
        <location filename="../app/cli/RoutingCommand.cpp" line="-80"/>
        <source>enabled</source>
        <translation>已启用</translation>
    </message>
    <message>
        <location line="+0"/>
        <location filename="../app/cli/ChannelAccountCommand.cpp" line="+0"/>
        <location filename="../app/cli/RoutingCommand.cpp" line="+0"/>
        <source>disabled</source>
        <translation>已停用</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The merchant (number or id); without it a platform application.</source>
        <translation>所属商户（商户号或 ID）；不指定则为平台应用。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Application name.</source>
        <translation>应用名称。</translation>
    </message>
    <message>
        <location line="+0"/>
        <location filename="../app/cli/ChannelAccountCommand.cpp" line="+58"/>
        <location line="+120"/>
        <location filename="../app/cli/FeeCommand.cpp" line="-91"/>
        <location filename="../app/cli/OrdersFind.cpp" line="+75"/>
        <source>name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Payment methods, comma separated: %1.</source>
        <translation>支付方式，以逗号分隔：%1。</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+5"/>
        <location filename="../app/cli/FeeCommand.cpp" line="+5"/>
        <location line="+35"/>
        <location filename="../app/cli/MerchantCommand.cpp" line="-171"/>
        <location filename="../app/cli/OperatorCommand.cpp" line="+212"/>
        <source>list</source>
        <translation>列表</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>Where payment results are posted (https).</source>
        <translation>支付结果的通知地址（https）。</translation>
    </message>
    <message>
        <location line="+0"/>
        <location filename="../app/cli/ChannelAccountCommand.cpp" line="-107"/>
        <location line="+2"/>
        <location line="+2"/>
        <source>url</source>
        <translation>URL</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Addresses and CIDR ranges allowed to call, comma separated (default: any).</source>
        <translation>允许调用的地址和 CIDR 网段，以逗号分隔（默认：不限）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Create an application (应用) and print its app_id. Add a key with add-rsa-key or new-hmac-key. Needs app.manage.</source>
        <translation>创建应用并输出其 app_id。之后用 add-rsa-key 或 new-hmac-key 添加密钥。需要 app.manage 权限。</translation>
    </message>
    <message>
        <location line="+33"/>
        <location line="+43"/>
        <source>app_id or id.</source>
        <translation>app_id 或 ID。</translation>
    </message>
    <message>
        <location line="-39"/>
        <source>List an application&apos;s signing keys, newest first, with their validity. Needs merchant.view.</source>
        <translation>列出应用的签名密钥及其有效期，最新的在前。需要 merchant.view 权限。</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+55"/>
        <source>give exactly one application</source>
        <translation>请给出且只给出一个应用</translation>
    </message>
    <message>
        <location line="-28"/>
        <source>--overlap-hours takes a whole number of hours</source>
        <translation>--overlap-hours 须为整数小时</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The application&apos;s RSA public key (PEM), ≥ 2048 bits.</source>
        <translation>应用的 RSA 公钥（PEM），不少于 2048 位。</translation>
    </message>
    <message>
        <location line="+0"/>
        <location filename="../app/cli/ChannelAccountCommand.cpp" line="+2"/>
        <location line="+104"/>
        <location filename="../app/cli/MerchantCommand.cpp" line="+157"/>
        <location line="+44"/>
        <source>path</source>
        <translation>路径</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>How long the previous key of this kind keeps verifying (default 24).</source>
        <translation>同类型的上一个密钥继续用于验签的小时数（默认 24）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>hours</source>
        <translation>小时</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Add the application&apos;s RSA2 public key; an earlier RSA2 key stays valid for the overlap. Needs app.manage.</source>
        <translation>添加应用的 RSA2 公钥；之前的 RSA2 密钥在重叠期内仍然有效。需要 app.manage 权限。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Generate an HMAC-SHA256 secret, keep it in the vault and print it ONCE (Base64). An earlier HMAC key stays valid for the overlap. Needs app.manage and $PAYDESK_MASTER_KEY_FILE.</source>
        <translation>生成 HMAC-SHA256 密钥，存入保险库并仅输出一次（Base64）。之前的 HMAC 密钥在重叠期内仍然有效。需要 app.manage 权限和 $PAYDESK_MASTER_KEY_FILE。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>give one application and --file</source>
        <translation>请给出一个应用和 --file</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>%1: RSA2 key %2 added (sha256 %3)</source>
        <translation>%1：已添加 RSA2 密钥 %2（sha256 %3）</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1: HMAC key %2 generated; the secret below is shown this once:</source>
        <translation>%1：已生成 HMAC 密钥 %2；以下密钥内容仅显示这一次：</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Usage: paydesk-cli app SUBCOMMAND [options]

Subcommands:
  list [--merchant M | --platform]             Applications.
  create [--merchant M] --name N --methods L   Create an application; prints its app_id.
  keys APP                                     Its signing keys.
  add-rsa-key APP --file public.pem            Add the application&apos;s RSA2 public key.
  new-hmac-key APP                             Generate an HMAC secret (printed once).
</source>
        <translation>用法：paydesk-cli app 子命令 [选项]

子命令：
  list [--merchant M | --platform]             应用列表。
  create [--merchant M] --name N --methods L   创建应用；输出其 app_id。
  keys APP                                     应用的签名密钥。
  add-rsa-key APP --file public.pem            添加应用的 RSA2 公钥。
  new-hmac-key APP                             生成 HMAC 密钥（仅输出一次）。
</translation>
    </message>
    <message>
        <location filename="../app/cli/ChannelAccountCommand.cpp" line="-207"/>
        <source>Print the accounts as JSON.</source>
        <translation>以 JSON 输出渠道账户。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>List the channel accounts: id, name, channel, mode, channel merchant id, limits, state and the last connection test. Needs channel.view.</source>
        <translation>列出渠道账户：ID、名称、渠道、模式、渠道商户号、限额、状态及最近一次连接测试。需要 channel.view 权限。</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>never tested</source>
        <translation>从未测试</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+132"/>
        <location line="+31"/>
        <location line="+59"/>
        <source>Id or name of the channel account.</source>
        <translation>渠道账户的 ID 或名称。</translation>
    </message>
    <message>
        <location line="-219"/>
        <source>Call the channel with the account&apos;s credentials (a query for an order that cannot exist) and report whether they are accepted; exit 1 if not. Needs channel.manage and $PAYDESK_MASTER_KEY_FILE (the credentials are in the vault).</source>
        <translation>用该账户的凭据调用渠道（查询一笔不可能存在的订单），报告凭据是否被接受；未被接受时以 1 退出。需要 channel.manage 权限和 $PAYDESK_MASTER_KEY_FILE（凭据存放在保险库中）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+131"/>
        <location line="+89"/>
        <source>give exactly one channel account</source>
        <translation>请给出且只给出一个渠道账户</translation>
    </message>
    <message>
        <location line="-208"/>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: %2 (%3 ms)</source>
        <translation>%1：%2（%3 毫秒）</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>--%1: %2</source>
        <translation>--%1：%2</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Account name (letters, digits, _ and -), also its ledger id.</source>
        <translation>账户名称（字母、数字、_ 和 -），同时用作其账本 ID。</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../app/cli/OrdersFind.cpp" line="-2"/>
        <source>wechatpay, alipay or unionpay.</source>
        <translation>wechatpay、alipay 或 unionpay。</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../app/cli/OrdersFind.cpp" line="+1"/>
        <source>channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>shared (default) or own.</source>
        <translation>shared（默认）或 own。</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>mode</source>
        <translation>模式</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Own accounts: the merchant (number or id).</source>
        <translation>自有账户：所属商户（商户号或 ID）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>WeChat mchid, Alipay app_id or UnionPay merId.</source>
        <translation>微信支付 mchid、支付宝 app_id 或银联 merId。</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+2"/>
        <source>id</source>
        <translation>ID</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Service-provider mode: the sub-merchant id.</source>
        <translation>服务商模式：子商户号。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>WeChat Pay: the appid.</source>
        <translation>微信支付：appid。</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>appid</source>
        <translation>appid</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The channel&apos;s https address (default: production).</source>
        <translation>渠道的 https 地址（默认：生产环境）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>UnionPay: the file download address.</source>
        <translation>银联：文件下载地址。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Where the channel posts payment results.</source>
        <translation>渠道推送支付结果的通知地址。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Extra CA certificates (PEM) to trust for this channel.</source>
        <translation>该渠道额外信任的 CA 证书（PEM）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../app/cli/RoutingCommand.cpp" line="+84"/>
        <source>Currency (default CNY).</source>
        <translation>币种（默认 CNY）。</translation>
    </message>
    <message>
        <location line="+0"/>
        <location filename="../app/cli/RoutingCommand.cpp" line="+0"/>
        <source>code</source>
        <translation>代码</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Largest single payment, e.g. 5000.00 (default: none).</source>
        <translation>单笔限额，例如 5000.00（默认：不限）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+2"/>
        <location filename="../app/cli/FeeCommand.cpp" line="+56"/>
        <location filename="../app/cli/OrdersCommand.cpp" line="+146"/>
        <location filename="../app/cli/OrdersFind.cpp" line="+9"/>
        <location line="+1"/>
        <location filename="../app/cli/RoutingCommand.cpp" line="-1"/>
        <source>amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Most per business day (default: none).</source>
        <translation>单日限额，按营业日累计（默认：不限）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Create it disabled.</source>
        <translation>创建时即为停用状态。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Create a channel account. Its credentials go into the vault with set-credential. Needs channel.manage.</source>
        <translation>创建渠道账户。其凭据通过 set-credential 存入保险库。需要 channel.manage 权限。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>--channel takes wechatpay, alipay or unionpay</source>
        <translation>--channel 须为 wechatpay、alipay 或 unionpay</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>--mode takes shared or own</source>
        <translation>--mode 须为 shared 或 own</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>created channel account %1 (id %2); its credentials: %3</source>
        <translation>已创建渠道账户 %1（ID %2）；其凭据：%3</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Which credentials the account has in the vault and which are missing (names only, never values). Needs channel.view.</source>
        <translation>列出账户在保险库中已有哪些凭据、缺少哪些（只显示名称，绝不显示内容）。需要 channel.view 权限。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>set</source>
        <translation>已设置</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>missing</source>
        <translation>缺失</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>required</source>
        <translation>必需</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>alternative</source>
        <translation>任选其一</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>complete</source>
        <translation>完整</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>incomplete: %1</source>
        <translation>不完整：%1</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Credential item; repeat with --file for several at once (one change).</source>
        <translation>凭据项；可与 --file 配合重复使用，一次提交多项（同一个变更）。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Propose credentials of a channel account, checked first (a PEM that parses, a 32-byte APIv3 key, a PFX that opens with its password). Keys and certificates (trust material) wait, encrypted, until a second operator approves them with channel-account approve; only merchant_serial given alone is stored at once. Items: WeChat Pay %1; Alipay %2; UnionPay %3. Needs channel.manage and $PAYDESK_MASTER_KEY_FILE.</source>
        <translation>提交渠道账户的凭据变更，提交前先行校验（PEM 能够解析、APIv3 密钥为 32 字节、PFX 能用其密码打开）。密钥和证书（信任材料）加密等待，直到另一名操作员用 channel-account approve 批准；只有单独提交的 merchant_serial 会立即保存。凭据项：微信支付 %1；支付宝 %2；银联 %3。需要 channel.manage 权限和 $PAYDESK_MASTER_KEY_FILE。</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>%1: proposed change %2 of %3; it takes effect when a second operator approves it (paydesk-cli channel-account approve %2)</source>
        <translation>%1：已提交变更 %2（%3）；经另一名操作员审批后生效（paydesk-cli channel-account approve %2）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1: stored %2 (not trust material: no approval needed)</source>
        <translation>%1：已保存 %2（非信任材料，无需审批）</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Usage: paydesk-cli channel-account SUBCOMMAND [options]

Subcommands:
  list [--json]                     The channel accounts and their last connection test.
  create --name N --channel C …     Create a shared or own account (see create --help).
  credentials ACCOUNT               Which credentials are set and which are missing.
  set-credential ACCOUNT --item I --file F   Propose credentials (a second operator approves).
  pending [ACCOUNT] [--all]         Credential changes waiting for approval, with fingerprints.
  approve CHANGE [--note N]         Approve another operator&apos;s credential change.
  reject CHANGE --note N            Reject another operator&apos;s credential change.
  withdraw CHANGE                   Withdraw a credential change of one&apos;s own.
  enable | disable ACCOUNT          Let routing use the account, or not.
  test ACCOUNT                      Check the account&apos;s credentials against the channel.
</source>
        <translation>用法：paydesk-cli channel-account 子命令 [选项]

子命令：
  list [--json]                     渠道账户及其最近一次连接测试。
  create --name N --channel C …     创建共享账户或自有账户（见 create --help）。
  credentials ACCOUNT               哪些凭据已设置、哪些缺失。
  set-credential ACCOUNT --item I --file F   提交凭据变更（由另一名操作员审批）。
  pending [ACCOUNT] [--all]         待审批的凭据变更及其指纹。
  approve CHANGE [--note N]         审批其他操作员提交的凭据变更。
  reject CHANGE --note N            驳回其他操作员提交的凭据变更。
  withdraw CHANGE                   撤回本人提交的凭据变更。
  enable | disable ACCOUNT          允许或禁止路由使用该账户。
  test ACCOUNT                      向渠道校验该账户的凭据。
</translation>
    </message>
    <message>
        <location line="-79"/>
        <source>File holding the item&apos;s value (PEM, PFX, key text); one per --item.</source>
        <translation>存放该项内容的文件（PEM、PFX、密钥文本）；每个 --item 对应一个。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>give one channel account and as many --item as --file</source>
        <translation>请给出一个渠道账户，且 --item 与 --file 数量相同</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Enable a channel account for routing. Needs channel.manage.</source>
        <translation>启用渠道账户，使其参与路由。需要 channel.manage 权限。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Disable a channel account: routing skips it. Needs channel.manage.</source>
        <translation>停用渠道账户：路由将跳过该账户。需要 channel.manage 权限。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>%1: enabled</source>
        <translation>%1：已启用</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1: disabled</source>
        <translation>%1：已停用</translation>
    </message>
    <message>
        <location filename="../app/cli/FeeCommand.cpp" line="-268"/>
        <source>The merchant (number or id): its merchant rate.</source>
        <translation>商户（商户号或 ID）：对应其商户费率。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The channel account (name or id): its channel cost rate.</source>
        <translation>渠道账户（名称或 ID）：对应其渠道成本费率。</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+262"/>
        <location filename="../app/cli/RoutingCommand.cpp" line="-69"/>
        <source>account</source>
        <translation>账户</translation>
    </message>
    <message>
        <location line="-256"/>
        <source>give either --merchant or --account</source>
        <translation>请给出 --merchant 或 --account 之一</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>--%1 takes a date as YYYY-MM-DD</source>
        <translation>--%1 须为 YYYY-MM-DD 格式的日期</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Payment method: %1.</source>
        <translation>支付方式：%1。</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+215"/>
        <location filename="../app/cli/OrdersFind.cpp" line="-6"/>
        <location filename="../app/cli/RoutingCommand.cpp" line="-2"/>
        <location line="+69"/>
        <source>method</source>
        <translation>支付方式</translation>
    </message>
    <message>
        <location line="-214"/>
        <source>Rate in percent, e.g. 0.38%.</source>
        <translation>百分比费率，例如 0.38%。</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>percent</source>
        <translation>百分比</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The future effective date to withdraw.</source>
        <translation>要撤回的未来生效日期。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>First business day of the rate (default today).</source>
        <translation>费率生效的首个营业日（默认今天）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+158"/>
        <location line="+55"/>
        <location filename="../app/cli/OrdersFind.cpp" line="+8"/>
        <location line="+1"/>
        <location line="+2"/>
        <location line="+1"/>
        <source>date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location line="-208"/>
        <source>Withdraw a rate change that is not in effect yet. Needs fee.manage.</source>
        <translation>撤回尚未生效的费率变更。需要 fee.manage 权限。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Set a merchant rate or a channel cost rate from a date on (effective-dated: earlier days keep their rate). Needs fee.manage.</source>
        <translation>自某日起设置商户费率或渠道成本费率（按生效日期：此前各日保持原费率）。需要 fee.manage 权限。</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+207"/>
        <location filename="../app/cli/RoutingCommand.cpp" line="-125"/>
        <source>--method takes one of: %1</source>
        <translation>--method 须为以下之一：%1</translation>
    </message>
    <message>
        <location line="-198"/>
        <source>--from is required</source>
        <translation>必须指定 --from</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>%1 %2: the change from %3 is withdrawn</source>
        <translation>%1 %2：自 %3 起的变更已撤回</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1 %2: %3 from %4</source>
        <translation>%1 %2：自 %4 起为 %3</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Every rate of a merchant or channel account, newest effective date first: method, rate, from, template, set by. Needs channel.view.</source>
        <translation>商户或渠道账户的全部费率，按生效日期从新到旧：支付方式、费率、生效日期、模板、设置人。需要 channel.view 权限。</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>template %1</source>
        <translation>模板 %1</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>List the fee templates with their rates. Needs channel.view.</source>
        <translation>列出费率模板及其费率。需要 channel.view 权限。</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Template name.</source>
        <translation>模板名称。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What it is for.</source>
        <translation>用途说明。</translation>
    </message>
    <message>
        <location filename="../app/cli/CredentialChangeCommands.cpp" line="+24"/>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>certificate sha256 %1 serial %2 (%3, until %4)</source>
        <translation>证书 sha256 %1 序列号 %2（%3，有效期至 %4）</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>key sha256 %1</source>
        <translation>密钥 sha256 %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>secret hmac %1</source>
        <translation>密钥值 hmac %1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>waiting for approval</source>
        <translation>待审批</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>approved</source>
        <translation>已批准</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>rejected</source>
        <translation>已驳回</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>withdrawn</source>
        <translation>已撤回</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>expired</source>
        <translation>已过期</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>stored (no approval needed)</source>
        <translation>已保存（无需审批）</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>give one credential change id (see channel-account pending)</source>
        <translation>请给出一个凭据变更编号（见 channel-account pending）</translation>
    </message>
    <message>
        <location line="+13"/>
        <location filename="../app/cli/ReconcileResolveCommand.cpp" line="+70"/>
        <location line="+46"/>
        <source>Why (required).</source>
        <translation>原因（必填）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../app/cli/FeeCommand.cpp" line="+0"/>
        <location filename="../app/cli/MerchantCommand.cpp" line="-197"/>
        <location line="+235"/>
        <location filename="../app/cli/OperatorCommand.cpp" line="+2"/>
        <location filename="../app/cli/OrdersCommand.cpp" line="+1"/>
        <location line="+63"/>
        <source>text</source>
        <translation>文本</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The credential change&apos;s id (see channel-account pending).</source>
        <translation>凭据变更的编号（见 channel-account pending）。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>give the reason with --note</source>
        <translation>请用 --note 给出原因</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>change %1	%2	%3	%4	proposed by %5 at %6</source>
        <translation>变更 %1	%2	%3	%4	由 %5 于 %6 提交</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>  waits for a second operator (channel.approve) until %1</source>
        <translation>  等待另一名操作员（channel.approve）审批，截止 %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>  %1 by %2 at %3%4</source>
        <translation>  %1，操作员 %2，时间 %3%4</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>  %1
    old: %2
    new: %3</source>
        <translation>  %1
    原：%2
    新：%3</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Decided changes too (approved, rejected, withdrawn, expired).</source>
        <translation>同时列出已决定的变更（已批准、已驳回、已撤回、已过期）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Print the changes as JSON.</source>
        <translation>以 JSON 输出变更。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Only the changes of this account&apos;s credentials (id or name).</source>
        <translation>只列出该账户凭据的变更（编号或名称）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Credential changes waiting for a second operator, newest first: id, account, items, who proposed them, until when they wait, and each item&apos;s old and new fingerprints (never the material). Needs channel.view.</source>
        <translation>等待另一名操作员审批的凭据变更，按时间倒序：编号、账户、凭据项、提交人、等待截止时间，以及每项的原指纹和新指纹（从不显示材料本身）。需要 channel.view 权限。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>give at most one channel account</source>
        <translation>最多给出一个渠道账户</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Approve a credential change proposed by another operator: its items go into the vault and take effect at once for every account sharing them, and for 24 hours each callback of those accounts is confirmed by a query to the channel before anything is posted. Compare the fingerprints first. Needs channel.approve and $PAYDESK_MASTER_KEY_FILE.</source>
        <translation>批准其他操作员提交的凭据变更：凭据项存入保险库，立即对共用这些凭据的所有账户生效；此后 24 小时内，这些账户的每笔回调在入账前都先向渠道主动查询核实。请先核对指纹。需要 channel.approve 权限和 $PAYDESK_MASTER_KEY_FILE。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Reject a credential change proposed by another operator; the proposed material is discarded. Needs channel.approve.</source>
        <translation>驳回其他操作员提交的凭据变更；提交的材料将被丢弃。需要 channel.approve 权限。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Withdraw a credential change you proposed; the proposed material is discarded. Needs channel.manage.</source>
        <translation>撤回本人提交的凭据变更；提交的材料将被丢弃。需要 channel.manage 权限。</translation>
    </message>
    <message>
        <location filename="../app/cli/FeeCommand.cpp" line="+2"/>
        <source>METHOD=PERCENT pairs, comma separated, e.g. wechat.native=0.38%,alipay.precreate=0.38%.</source>
        <translation>以逗号分隔的 METHOD=PERCENT 对，例如 wechat.native=0.38%,alipay.precreate=0.38%。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Create a fee template (a set of merchant rates). Needs fee.manage.</source>
        <translation>创建费率模板（一组商户费率）。需要 fee.manage 权限。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>--rates: &apos;%1&apos; is not METHOD=PERCENT with a method of: %2</source>
        <translation>--rates：“%1”不是 METHOD=PERCENT 格式，或其支付方式不属于：%2</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>created fee template %1 (id %2)</source>
        <translation>已创建费率模板 %1（ID %2）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Template id or name.</source>
        <translation>模板 ID 或名称。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Merchants (numbers or ids), comma separated.</source>
        <translation>商户（商户号或 ID），以逗号分隔。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>First business day of the rates (default today).</source>
        <translation>费率生效的首个营业日（默认今天）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Give every listed merchant the template&apos;s rates from a date on, all or nothing. Needs fee.manage.</source>
        <translation>自某日起为所列每个商户套用该模板的费率，要么全部成功，要么全部不生效。需要 fee.manage 权限。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>give one template and --merchants</source>
        <translation>请给出一个模板和 --merchants</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>no fee template &apos;%1&apos;</source>
        <translation>没有费率模板“%1”</translation>
    </message>
    <message numerus="yes">
        <location line="+11"/>
        <source>applied to %n merchant(s): %1 rate(s) from %2</source>
        <translation>
            <numerusform>已为 %n 个商户套用：%1 项费率，自 %2 起生效</numerusform>
        </translation>
    </message>
    <message>
        <location line="+11"/>
        <location filename="../app/cli/RoutingCommand.cpp" line="+54"/>
        <location line="+69"/>
        <source>The merchant (number or id).</source>
        <translation>商户（商户号或 ID）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The channel account (name or id).</source>
        <translation>渠道账户（名称或 ID）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../app/cli/RoutingCommand.cpp" line="-67"/>
        <location line="+69"/>
        <source>Payment method.</source>
        <translation>支付方式。</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../app/cli/RoutingCommand.cpp" line="+1"/>
        <source>Payment amount, e.g. 88.00.</source>
        <translation>支付金额，例如 88.00。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Business day (default today).</source>
        <translation>营业日期（默认今天）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>What one payment would cost: merchant fee, channel cost and margin. Needs channel.view.</source>
        <translation>计算一笔支付的费用：商户手续费、渠道成本和毛利。需要 channel.view 权限。</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>amount %1; merchant fee %2 (%3); channel cost %4 (%5); margin %6</source>
        <translation>金额 %1；商户手续费 %2（%3）；渠道成本 %4（%5）；毛利 %6</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Usage: paydesk-cli fee SUBCOMMAND [options]

Subcommands:
  set --merchant M | --account A --method X --rate P [--from D]   Set a rate from a date.
  withdraw --merchant M | --account A --method X --from D         Withdraw a future change.
  history --merchant M | --account A                               Every rate, newest first.
  templates                                                        Fee templates.
  create-template --name N --rates X=P,…                           New fee template.
  apply-template T --merchants M1,M2 [--from D]                    Apply a template.
  quote --merchant M --account A --method X --amount N             Fees of one payment.
</source>
        <translation>用法：paydesk-cli fee 子命令 [选项]

子命令：
  set --merchant M | --account A --method X --rate P [--from D]   自某日起设置费率。
  withdraw --merchant M | --account A --method X --from D         撤回尚未生效的变更。
  history --merchant M | --account A                               全部费率，最新的在前。
  templates                                                        费率模板。
  create-template --name N --rates X=P,…                           新建费率模板。
  apply-template T --merchants M1,M2 [--from D]                    套用模板。
  quote --merchant M --account A --method X --amount N             一笔支付的费用。
</translation>
    </message>
    <message>
        <location filename="../app/cli/MerchantCommand.cpp" line="-241"/>
        <source>Only these statuses (comma separated: draft, submitted, approved, rejected, active, frozen, closed).</source>
        <translation>仅限这些状态（以逗号分隔：draft、submitted、approved、rejected、active、frozen、closed）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Name part, or a whole merchant number, registration number or phone.</source>
        <translation>名称中的部分文字，或完整的商户号、证件号码或电话。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>At most this many (default 100, at most 1000).</source>
        <translation>最多显示条数（默认 100，最多 1000）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../app/cli/OrdersFind.cpp" line="+4"/>
        <location filename="../app/cli/RoutingCommand.cpp" line="-66"/>
        <location line="+3"/>
        <source>n</source>
        <translation>数量</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+45"/>
        <location filename="../app/cli/OperatorCommand.cpp" line="-63"/>
        <location line="+31"/>
        <source>Print JSON.</source>
        <translation>以 JSON 输出。</translation>
    </message>
    <message>
        <location line="-42"/>
        <source>List merchants, newest first. Needs merchant.view (personal data masked without merchant.view_sensitive).</source>
        <translation>列出商户，最新的在前。需要 merchant.view 权限（无 merchant.view_sensitive 权限时个人信息脱敏显示）。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>unknown status &apos;%1&apos;</source>
        <translation>未知状态“%1”</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>--limit takes 1 to 1000</source>
        <translation>--limit 须为 1 到 1000</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Merchant number (M1004) or id.</source>
        <translation>商户号（如 M1004）或 ID。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Show a merchant: profile, status, balances, documents, applications, fee rates in effect today and routing rules. Needs merchant.view (and channel.view for rates and routing).</source>
        <translation>查看商户：基本信息、状态、余额、资料、应用、今日生效的费率及路由规则。需要 merchant.view 权限（查看费率和路由还需 channel.view 权限）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+187"/>
        <source>give exactly one merchant</source>
        <translation>请给出且只给出一个商户</translation>
    </message>
    <message>
        <location line="-114"/>
        <source>pending %1, available %2, frozen %3</source>
        <translation>待结算 %1，可用 %2，冻结 %3</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>CSV file (UTF-8 or GB18030) with a header row.</source>
        <translation>带表头行的 CSV 文件（UTF-8 或 GB18030）。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Create merchants (as drafts) from a CSV file, all or nothing: any problem is reported with its line number and nothing is created. Columns, English or Chinese header, * required: %1. type: enterprise|individual (企业|个人); settlement_cycle: T1, T+N or manual; minimum_payout in yuan; reserve_percent in percent. Needs merchant.edit.</source>
        <translation>从 CSV 文件创建商户（草稿状态），要么全部成功，要么全部不导入：任何问题都会连同行号报告，且不会创建任何商户。列（表头可用英文或中文，* 为必填）：%1。type：enterprise|individual（企业|个人）；settlement_cycle：T1、T+N 或 manual；minimum_payout 以元为单位；reserve_percent 为百分比。需要 merchant.edit 权限。</translation>
    </message>
    <message numerus="yes">
        <location line="+24"/>
        <source>imported %n merchant(s) as drafts</source>
        <translation>
            <numerusform>已导入 %n 个商户（草稿）</numerusform>
        </translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+41"/>
        <source>Merchant number or id.</source>
        <translation>商户号或 ID。</translation>
    </message>
    <message>
        <location line="-38"/>
        <source>business_licence, legal_id_front, legal_id_back, bank_account_proof or other.</source>
        <translation>business_licence、legal_id_front、legal_id_back、bank_account_proof 或 other。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PNG, JPEG or PDF file.</source>
        <translation>PNG、JPEG 或 PDF 文件。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Attach a document to a draft or rejected merchant. Needs merchant.edit.</source>
        <translation>为草稿或已驳回的商户上传资料。需要 merchant.edit 权限。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>give a merchant, --kind and --file</source>
        <translation>请给出商户、--kind 和 --file</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>%1: attached %2 (%3, %4 bytes, sha256 %5)</source>
        <translation>%1：已上传 %2（%3，%4 字节，sha256 %5）</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Reason (reject, freeze: required) or note.</source>
        <translation>原因（驳回、冻结时必填）或备注。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Move a merchant one step in its workflow (draft → submitted → approved | rejected; approved → active ⇄ frozen → closed). Review needs merchant.review and another operator than the submitter; activate, freeze, unfreeze and close need merchant.manage.</source>
        <translation>将商户在流程中推进一步（draft → submitted → approved | rejected；approved → active ⇄ frozen → closed）。审核需要 merchant.review 权限，且须由提交人以外的操作员进行；激活、冻结、解冻和注销需要 merchant.manage 权限。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>%1: %2 → %3</source>
        <translation>%1：%2 → %3</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Usage: paydesk-cli merchant SUBCOMMAND [options]

Subcommands:
  list [--status S] [--search T] [--json]   Merchants, newest first.
  show MERCHANT [--json]                    Profile, balances, documents, apps, rates, routing.
  import --file F.csv                       Create merchants from a CSV file, all or nothing.
  attach MERCHANT --kind K --file F         Attach a document (PNG, JPEG, PDF).
  submit | approve | reject | reopen | activate | freeze | unfreeze | close MERCHANT
                                            One workflow step (--reason / --note).
</source>
        <translation>用法：paydesk-cli merchant 子命令 [选项]

子命令：
  list [--status S] [--search T] [--json]   商户列表，最新的在前。
  show MERCHANT [--json]                    基本信息、余额、资料、应用、费率、路由。
  import --file F.csv                       从 CSV 文件创建商户，全部成功或全部不导入。
  attach MERCHANT --kind K --file F         上传资料（PNG、JPEG、PDF）。
  submit | approve | reject | reopen | activate | freeze | unfreeze | close MERCHANT
                                            执行一个流程步骤（--reason / --note）。
</translation>
    </message>
    <message>
        <location filename="../app/cli/RoutingCommand.cpp" line="-51"/>
        <source>--%1 takes a whole number from 1</source>
        <translation>--%1 须为不小于 1 的整数</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Only this merchant&apos;s rules (number or id).</source>
        <translation>仅限该商户的规则（商户号或 ID）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>List routing rules: id, merchant, method, account, priority, weight, state. Needs channel.view.</source>
        <translation>列出路由规则：ID、商户、支付方式、渠道账户、优先级、权重、状态。需要 channel.view 权限。</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Channel account (name or id).</source>
        <translation>渠道账户（名称或 ID）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>1 is tried first (default 1).</source>
        <translation>1 最先尝试（默认 1）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Share among rules of the same priority, 1–10000 (default 1).</source>
        <translation>同一优先级的规则之间的分配权重，1–10000（默认 1）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Add a routing rule: payments of the merchant with this method may go to this channel account. Needs routing.manage.</source>
        <translation>添加路由规则：该商户使用此支付方式的支付可走此渠道账户。需要 routing.manage 权限。</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>rule %1: %2 %3 → %4 (priority %5, weight %6)</source>
        <translation>规则 %1：%2 %3 → %4（优先级 %5，权重 %6）</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Rule id.</source>
        <translation>规则 ID。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delete a routing rule. Needs routing.manage.</source>
        <translation>删除路由规则。需要 routing.manage 权限。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>give exactly one rule id</source>
        <translation>请给出且只给出一个规则 ID</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>rule %1 deleted</source>
        <translation>规则 %1 已删除</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Which channel account a payment would go to today, and why each rule would or would not be used; exit 1 when no account can take it. Needs channel.view.</source>
        <translation>说明一笔支付今天会走哪个渠道账户，以及每条规则为何会或不会被使用；没有账户能承接时以 1 退出。需要 channel.view 权限。</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>no routing rule for %1 %2</source>
        <translation>没有适用于 %1 %2 的路由规则</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>no channel account can take this payment</source>
        <translation>没有渠道账户能承接这笔支付</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Usage: paydesk-cli routing SUBCOMMAND [options]

Subcommands:
  list [--merchant M]                                        Routing rules.
  add --merchant M --method X --account A [--priority P] [--weight W]   Add a rule.
  delete RULE                                                Delete a rule.
  explain --merchant M --method X --amount N                 Why this account.
</source>
        <translation>用法：paydesk-cli routing 子命令 [选项]

子命令：
  list [--merchant M]                                        路由规则列表。
  add --merchant M --method X --account A [--priority P] [--weight W]   添加规则。
  delete RULE                                                删除规则。
  explain --merchant M --method X --amount N                 为何选择该账户。
</translation>
    </message>
    <message>
        <location filename="../app/cli/OrdersCommand.cpp" line="-219"/>
        <source>The CSV file (UTF-8; columns in docs/payments.md).</source>
        <translation>CSV 文件（UTF-8；列见 docs/payments.md）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../app/cli/OrdersFind.cpp" line="+7"/>
        <source>file</source>
        <translation>文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No progress on standard error.</source>
        <translation>不在标准错误输出上显示进度。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Import historical orders and refunds with their ledger entries, all or nothing: the file is checked first and every problem reported with its line. Needs ledger.post.</source>
        <translation>导入历史订单和退款及其账务分录，全部成功或全部不做：先检查整个文件，每个问题都报出所在行。需要 ledger.post 权限。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>writing: %1 %</source>
        <translation>写入：%1 %</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>checking: %1 %</source>
        <translation>检查：%1 %</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>imported %1 orders and %2 refunds (%3 ledger entries) from %4 lines in %5 s (check %6 s, write %7 s): %8 orders/s</source>
        <translation>已从 %4 行导入 %1 笔订单和 %2 笔退款（%3 条账务分录），用时 %5 秒（检查 %6 秒，写入 %7 秒）：每秒 %8 笔订单</translation>
    </message>
    <message>
        <location line="+19"/>
        <location line="+32"/>
        <location line="+77"/>
        <source>Our order number (P…).</source>
        <translation>本平台订单号（P…）。</translation>
    </message>
    <message>
        <location line="-108"/>
        <source>An order&apos;s notifications to its application and every attempt to deliver them. Needs payment.view.</source>
        <translation>订单发给其应用的通知及每一次投递尝试。需要 payment.view 权限。</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+33"/>
        <source>give one order number</source>
        <translation>请给出一个订单号</translation>
    </message>
    <message numerus="yes">
        <location line="-23"/>
        <source>%n attempt(s)</source>
        <translation>
            <numerusform>%n 次尝试</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>next %1</source>
        <translation>下次 %1</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Post an order&apos;s notifications again now (paydeskd sends them; the retry schedule starts over). Needs payment.operate.</source>
        <translation>立即重发订单的通知（由 paydeskd 发送；重试计划从头开始）。需要 payment.operate 权限。</translation>
    </message>
    <message numerus="yes">
        <location line="+12"/>
        <source>%n notification(s) due again</source>
        <translation>
            <numerusform>%n 条通知已重新排入发送</numerusform>
        </translation>
    </message>
    <message>
        <location line="+18"/>
        <source>no answer yet</source>
        <translation>尚无应答</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the channel has no such refund yet</source>
        <translation>渠道尚无此退款</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the channel says it failed</source>
        <translation>渠道称退款失败</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the channel could not pay it back (abnormal)</source>
        <translation>渠道未能退回款项（退款异常）</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>refund %1 failed at the channel: %2</source>
        <translation>退款 %1 在渠道失败：%2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>refund %1 is recorded, but the channel has not taken it: %2. Paydesk asks the channel again under the same refund number until it settles; it is never refunded twice.</source>
        <translation>退款 %1 已记录，但渠道尚未受理：%2。Paydesk 会以同一退款单号继续向渠道询问，直至有结果；不会重复退款。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>How much to refund, e.g. 30.00.</source>
        <translation>退款金额，例如 30.00。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Why (kept with the refund).</source>
        <translation>原因（随退款保存）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Refund (part of) a paid order. At or below the approval threshold it is made at once; above it, it waits for an approver. Exit status 1, with the reason, when the channel did not take the refund (Paydesk keeps asking it). Needs refund.request.</source>
        <translation>对已支付订单退款（可部分退款）。不超过审批阈值时立即发起；超过时等待审批人批准。渠道未受理退款时以 1 退出并给出原因（Paydesk 会继续向渠道询问）。需要 refund.request 权限。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>give one order number, --amount and --reason</source>
        <translation>请给出一个订单号以及 --amount 和 --reason</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Only these: pending, approved, rejected, executed, failed.</source>
        <translation>只列出这些状态：pending、approved、rejected、executed、failed。</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../app/cli/OrdersFind.cpp" line="-20"/>
        <source>status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Refund requests of operators, newest first: id, order, merchant, amount, status, requested by, decided by, refund, reason. Needs payment.view.</source>
        <translation>操作员发起的退款申请，最新的在前：编号、订单、商户、金额、状态、申请人、审批人、退款单、原因。需要 payment.view 权限。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>--status must be one of pending, approved, rejected, executed, failed</source>
        <translation>--status 须为 pending、approved、rejected、executed 或 failed 之一</translation>
    </message>
    <message>
        <location filename="../app/cli/CredentialChangeCommands.cpp" line="-122"/>
        <location filename="../app/cli/OrdersCommand.cpp" line="+18"/>
        <source>A note for the record.</source>
        <translation>备注，存档用。</translation>
    </message>
    <message>
        <location filename="../app/cli/OrdersCommand.cpp" line="+0"/>
        <source>Why not (required).</source>
        <translation>拒绝原因（必填）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The refund request&apos;s id.</source>
        <translation>退款申请的编号。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Approve a refund request (not one&apos;s own); the refund is made at once. Needs refund.approve.</source>
        <translation>批准退款申请（不能批准本人的申请）；退款随即发起。需要 refund.approve 权限。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reject a refund request (not one&apos;s own). Needs refund.approve.</source>
        <translation>拒绝退款申请（不能处理本人的申请）。需要 refund.approve 权限。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>give one request id</source>
        <translation>请给出一个申请编号</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Usage: paydesk-cli orders SUBCOMMAND [options]

Subcommands:
  find [TEXT] [filters]        Find orders by any id and filters (--json, --count, --csv F).
  import --file F.csv          Import historical orders and refunds (all or nothing).
  notifications ORDER          An order&apos;s notifications and their attempts.
  resend ORDER                 Send an order&apos;s notifications again.
  refund ORDER --amount A --reason R   Refund; above the threshold an approver decides.
  refund-requests [--status S] Operators&apos; refund requests.
  approve-refund ID [--note N] Approve a refund request (not one&apos;s own).
  reject-refund ID --note N    Reject a refund request.
</source>
        <translation>用法：paydesk-cli orders 子命令 [选项]

子命令：
  find [编号] [筛选条件]        按任意编号和筛选条件查找订单（--json、--count、--csv F）。
  import --file F.csv          导入历史订单和退款（全部成功或全部不做）。
  notifications ORDER          订单的通知及其投递尝试。
  resend ORDER                 重发订单的通知。
  refund ORDER --amount A --reason R   退款；超过阈值时由审批人决定。
  refund-requests [--status S] 操作员的退款申请。
  approve-refund ID [--note N] 批准退款申请（不能批准本人的）。
  reject-refund ID --note N    拒绝退款申请。
</translation>
    </message>
    <message>
        <location filename="../app/cli/OrdersFind.cpp" line="-14"/>
        <source>Any id: our order or refund no, the merchant&apos;s order or refund no, the channel&apos;s transaction or refund id, or a payer id (optional).</source>
        <translation>任意编号：本平台订单号或退款单号、商户订单号或商户退款单号、渠道交易号或渠道退款单号、付款人标识（可省略）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Merchant number, e.g. M1001.</source>
        <translation>商户编号，例如 M1001。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no</source>
        <translation>编号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Application (app_id).</source>
        <translation>应用（app_id）。</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>app_id</source>
        <translation>app_id</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Channel account name.</source>
        <translation>渠道账户名称。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>wechat.native, wechat.jsapi, alipay.precreate or unionpay.front.</source>
        <translation>wechat.native、wechat.jsapi、alipay.precreate 或 unionpay.front。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>created, paying, succeeded, failed, closed, partially_refunded or refunded.</source>
        <translation>created、paying、succeeded、failed、closed、partially_refunded 或 refunded。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Smallest amount, e.g. 88.00.</source>
        <translation>最小金额，例如 88.00。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Largest amount.</source>
        <translation>最大金额。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Created on or after this day (YYYY-MM-DD, platform time).</source>
        <translation>创建于该日或之后（YYYY-MM-DD，平台时间）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Created on or before this day.</source>
        <translation>创建于该日或之前。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Paid on or after this day.</source>
        <translation>支付于该日或之后。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Paid on or before this day.</source>
        <translation>支付于该日或之前。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>yes: only orders with a refund; no: only without.</source>
        <translation>yes：只看有退款的订单；no：只看没有退款的。</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>yes|no</source>
        <translation>yes|no</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Orders per page (1–1000, default 50).</source>
        <translation>每页订单数（1–1000，默认 50）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Continue after this cursor (printed as next: …).</source>
        <translation>从此游标之后继续（即输出中 next: 后的值）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cursor</source>
        <translation>游标</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Print the page as JSON.</source>
        <translation>以 JSON 输出本页。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Print only how many orders match.</source>
        <translation>只输出匹配的订单数。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Write every matching order as CSV to this file (- for standard output).</source>
        <translation>把所有匹配的订单以 CSV 写入该文件（- 表示标准输出）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Find orders by any id and any filters, newest first. Needs payment.view; payer ids are masked without merchant.view_sensitive.</source>
        <translation>按任意编号和任意筛选条件查找订单，最新的在前。需要 payment.view 权限；没有 merchant.view_sensitive 时付款人标识会脱敏。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>give at most one id (quote it if it has spaces)</source>
        <translation>最多给一个编号（含空格时请加引号）</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>--channel: unknown channel %1</source>
        <translation>--channel：未知渠道 %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>--method: unknown method %1</source>
        <translation>--method：未知支付方式 %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>--status: unknown status %1</source>
        <translation>--status：未知状态 %1</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>--%1: not a date (YYYY-MM-DD): %2</source>
        <translation>--%1：不是日期（YYYY-MM-DD）：%2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>--refunded: yes or no</source>
        <translation>--refunded：yes 或 no</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>--limit: 1 to %1</source>
        <translation>--limit：1 到 %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>--after: a cursor as printed after next:</source>
        <translation>--after：需为输出中 next: 后的游标</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>%n order(s) written to %1</source>
        <translation>
            <numerusform>已将 %n 笔订单写入 %1</numerusform>
        </translation>
    </message>
    <message>
        <location line="+23"/>
        <source>refunded %1</source>
        <translation>已退款 %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>no orders match</source>
        <translation>没有匹配的订单</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>next: %1 (use --after to continue)</source>
        <translation>next: %1（用 --after 继续）</translation>
    </message>
    <message>
        <location filename="../app/cli/OperatorCommand.cpp" line="-88"/>
        <source>unknown role &apos;%1&apos; (roles: %2)</source>
        <translation>未知角色“%1”（可用角色：%2）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>give at least one role</source>
        <translation>请至少指定一个角色</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>New password for %1: </source>
        <translation>%1 的新密码：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Again: </source>
        <translation>再输一次：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the two passwords differ</source>
        <translation>两次输入的密码不一致</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>no new password: set $PAYDESK_NEW_PASSWORD or give it on standard input</source>
        <translation>没有新密码：请设置 $PAYDESK_NEW_PASSWORD 或从标准输入提供</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The new password comes from $PAYDESK_NEW_PASSWORD, else from the next line of standard input (after the signed-in operator&apos;s own password when that comes from standard input too); on a terminal it is asked twice and not echoed.</source>
        <translation>新密码取自 $PAYDESK_NEW_PASSWORD，否则取自标准输入的下一行（若登录操作员本人的密码也来自标准输入，则在其后一行）；在终端上会询问两次且不回显。</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+111"/>
        <source>The operator&apos;s user name.</source>
        <translation>操作员的用户名。</translation>
    </message>
    <message>
        <location line="-107"/>
        <source>give exactly one operator</source>
        <translation>请指定且只指定一个操作员</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>List the operators by user name: state (active, disabled, locked), roles and name. Needs operator.view.</source>
        <translation>按用户名列出操作员：状态（active 启用、disabled 停用、locked 锁定）、角色和姓名。需要 operator.view 权限。</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Show one operator: roles, state, failed sign-ins, whether a password change is due, last sign-in. Needs operator.view.</source>
        <translation>显示一个操作员：角色、状态、登录失败次数、是否须修改密码、最近登录时间。需要 operator.view 权限。</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Comma-separated roles: admin, onboarding, support, finance, approver, auditor.</source>
        <translation>以逗号分隔的角色：admin、onboarding、support、finance、approver、auditor。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The person&apos;s name as people read it.</source>
        <translation>供人阅读的姓名。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Do not make the operator choose a new password at the first sign-in.</source>
        <translation>不要求操作员在首次登录时设置新密码。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Create an operator. The initial password needs at least 12 characters; the operator must change it at the first sign-in unless --no-forced-change. %1 Needs operator.manage.</source>
        <translation>创建操作员。初始密码至少 12 个字符；除非指定 --no-forced-change，操作员须在首次登录时修改。%1 需要 operator.manage 权限。</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>created operator %1 (%2)</source>
        <translation>已创建操作员 %1（%2）</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The new roles, comma separated (they replace the old ones).</source>
        <translation>新的角色，以逗号分隔（取代原有角色）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Replace an operator&apos;s roles: paydesk-cli operator roles NAME admin,finance. The last active administrator keeps the admin role, and nobody takes it from themselves. Needs operator.manage.</source>
        <translation>替换操作员的角色：paydesk-cli operator roles 用户名 admin,finance。最后一个启用的管理员保留 admin 角色，任何人都不能取消自己的管理员角色。需要 operator.manage 权限。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>give an operator and the roles</source>
        <translation>请指定操作员和角色</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1: roles %2 → %3</source>
        <translation>%1：角色 %2 → %3</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Allow a disabled operator to sign in again (a lockout is lifted too). Needs operator.manage.</source>
        <translation>允许已停用的操作员重新登录（同时解除锁定）。需要 operator.manage 权限。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stop an operator from signing in; sessions already open lose their permissions at their next action. Nobody disables themselves or the last active administrator. Needs operator.manage.</source>
        <translation>禁止操作员登录；已打开的会话在下一次操作时失去权限。任何人都不能停用自己或最后一个启用的管理员。需要 operator.manage 权限。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1 enabled</source>
        <translation>已启用 %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 disabled</source>
        <translation>已停用 %1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Set a temporary password that the operator must change at the next sign-in; a lockout is lifted. %1 Needs operator.manage.</source>
        <translation>设置临时密码，操作员须在下次登录时修改；同时解除锁定。%1 需要 operator.manage 权限。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>temporary password set for %1; it must be changed at the next sign-in</source>
        <translation>已为 %1 设置临时密码；须在下次登录时修改</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Lift the lockout of an operator after too many failed sign-ins; the password stays as it is. Needs operator.manage.</source>
        <translation>解除操作员因多次登录失败而被锁定的状态；密码保持不变。需要 operator.manage 权限。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1 unlocked</source>
        <translation>已解锁 %1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Usage: paydesk-cli operator SUBCOMMAND [options]

Subcommands:
  list [--json]                      Operators: state, roles, name.
  show NAME [--json]                 One operator.
  create NAME --roles R[,R…] [--display-name T] [--no-forced-change]
                                     A new operator (password from $PAYDESK_NEW_PASSWORD or stdin).
  roles NAME R[,R…]                  Replace an operator&apos;s roles.
  disable NAME | enable NAME         Stop or allow signing in.
  reset-password NAME                A temporary password, to be changed at the next sign-in.
  unlock NAME                        Lift a lockout after failed sign-ins.

Roles: admin, onboarding, support, finance, approver, auditor. list and show need
operator.view, the others operator.manage; every change is audited.
</source>
        <translation>用法：paydesk-cli operator 子命令 [选项]

子命令：
  list [--json]                      操作员：状态、角色、姓名。
  show 用户名 [--json]               单个操作员。
  create 用户名 --roles 角色[,角色…] [--display-name 姓名] [--no-forced-change]
                                     新建操作员（密码取自 $PAYDESK_NEW_PASSWORD 或标准输入）。
  roles 用户名 角色[,角色…]          替换操作员的角色。
  disable 用户名 | enable 用户名     禁止或允许登录。
  reset-password 用户名              设置临时密码，下次登录时须修改。
  unlock 用户名                      解除登录失败导致的锁定。

角色：admin、onboarding、support、finance、approver、auditor。list 和 show 需要
operator.view 权限，其余需要 operator.manage 权限；每项变更都记入审计日志。
</translation>
    </message>
    <message>
        <location filename="../app/cli/ReconcileOutput.cpp" line="+64"/>
        <source>channel %1</source>
        <translation>渠道 %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>ours %1</source>
        <translation>我方 %1</translation>
    </message>
    <message>
        <location line="+169"/>
        <source>%1  %2  %3  %4  matched %5, discrepancies %6, carried over %7%8</source>
        <translation>%1  %2  %3  %4  勾对 %5，差错 %6，跨日挂起 %7%8</translation>
    </message>
    <message>
        <location line="+6"/>
        <source> (superseded by %1)</source>
        <translation>（已被 %1 取代）</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>%1  %2  %3  %4  %5  %6  %7  version %8%9</source>
        <translation>%1  %2  %3  %4  %5  %6  %7  版本 %8%9</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>  %1 by %2</source>
        <translation>  %1，提出人 %2</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Runs %1 and %2 of %3 for %4</source>
        <translation>%3 在 %4 的对账批次 %1 与 %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Statement: the same file</source>
        <translation>对账单：同一文件</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Statement: different files</source>
        <translation>对账单：不同文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Settings: the same</source>
        <translation>设置：相同</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Settings: changed</source>
        <translation>设置：已变更</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No item changed category.</source>
        <translation>没有条目改变类别。</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n item(s) changed category:</source>
        <translation>
            <numerusform>%n 个条目改变了类别：</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/cli/ReconcileResolveCommand.cpp" line="-90"/>
        <source>give exactly one discrepancy id</source>
        <translation>请给出且只给出一个差错编号</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Discrepancy %1 (%2 %3): %4, %5</source>
        <translation>差错 %1（%2 %3）：%4，%5</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>no resolution</source>
        <translation>无处理方案</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Ledger entry %1</source>
        <translation>会计分录 %1</translation>
    </message>
    <message>
        <location line="+25"/>
        <location line="+34"/>
        <location line="+16"/>
        <source>The discrepancy&apos;s id.</source>
        <translation>差错编号。</translation>
    </message>
    <message>
        <location line="-48"/>
        <source>The resolution: channel_only_mark_paid, park_in_suspense, refund_to_payer, assign_to_merchant, reverse_payment, adjust_amount, adjust_fee, acknowledge.</source>
        <translation>处理方式：channel_only_mark_paid、park_in_suspense、refund_to_payer、assign_to_merchant、reverse_payment、adjust_amount、adjust_fee、acknowledge。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>assign_to_merchant: the merchant the money belongs to.</source>
        <translation>assign_to_merchant：这笔资金所属的商户。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Propose how a discrepancy of the pool is settled. Another operator approves it (&apos;reconcile approve&apos;), which posts its ledger entry.</source>
        <translation>为差错池中的一个差错提出处理方案。由另一位操作员审批（“reconcile approve”），审批时过账相应分录。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>--action is required</source>
        <translation>必须指定 --action</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>--action: unknown resolution &apos;%1&apos;</source>
        <translation>--action：未知的处理方式“%1”</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>--note is required</source>
        <translation>必须指定 --note</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Approve a proposed resolution: the discrepancy is resolved and the resolution&apos;s ledger entry is posted. Not one&apos;s own proposal.</source>
        <translation>批准提出的处理方案：差错变为已解决，并过账该处理方案的会计分录。不能批准自己提出的方案。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Reject a proposed resolution: the discrepancy is open again (a follow-up of parked money leaves it parked).</source>
        <translation>驳回提出的处理方案：差错重新变为未处理（若是挂账资金的后续处理，则资金仍挂账）。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>--reason is required</source>
        <translation>必须指定 --reason</translation>
    </message>
</context>
<context>
    <name>Console</name>
    <message>
        <location filename="../app/console/main.cpp" line="+24"/>
        <source>Paydesk payment operations console.</source>
        <translation>Paydesk 支付运营控制台。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Database URL (default: $PAYDESK_DATABASE, else paydesk.db in the user&apos;s data directory).</source>
        <translation>数据库 URL（默认：$PAYDESK_DATABASE，未设置时为用户数据目录中的 paydesk.db）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>User interface language: zh_CN or en (default: the last one chosen, else the system&apos;s).</source>
        <translation>界面语言：zh_CN 或 en（默认：上次选择的语言，否则跟随系统）。</translation>
    </message>
    <message>
        <location line="+15"/>
        <location line="+7"/>
        <location line="+12"/>
        <source>Paydesk</source>
        <translation>Paydesk</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The demo data could not be created: %1</source>
        <translation>无法创建演示数据：%1</translation>
    </message>
</context>
<context>
    <name>Daemon</name>
    <message>
        <location filename="../app/daemon/main.cpp" line="+63"/>
        <source>The Paydesk payment core, headless: the gateway API for applications (/api/v1), channel callbacks (/callback/&lt;channel account&gt;), merchant notifications with retries, the scheduled query of pending orders and refunds, the daily T+1 reconciliation of every enabled channel account (yesterday&apos;s bill, Asia/Shanghai, downloaded after the time of day in the setting recon.schedule_time, default 10:30, tried again every recon.schedule_retry_minutes, default 30, while the channel has no bill yet, at most recon.schedule_max_attempts times, default 12; a day that already has a completed run is skipped), and /metrics for Prometheus. The vault must be unlocked: $PAYDESK_MASTER_KEY_FILE names the file holding the master passphrase.</source>
        <translation>Paydesk 支付核心的无界面进程：为应用提供网关接口（/api/v1）、接收渠道回调（/callback/&lt;渠道账户&gt;）、带重试的商户通知、定时查询未决订单和退款、每天对所有启用的渠道账户进行 T+1 对账（昨天的账单，按 Asia/Shanghai 计，在设置 recon.schedule_time 指定的时刻之后下载，默认 10:30；渠道尚未生成账单时每隔 recon.schedule_retry_minutes 分钟重试，默认 30，每天最多 recon.schedule_max_attempts 次，默认 12；已有完成的对账批次的日期会跳过），以及供 Prometheus 抓取的 /metrics。密钥保险库须解锁：$PAYDESK_MASTER_KEY_FILE 指向保存主口令的文件。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>sqlite:/path/file.db or postgresql://user[:password]@host[:port]/db. Default: $PAYDESK_DATABASE, else paydesk.db in the user&apos;s data directory.</source>
        <translation>sqlite:/路径/文件.db 或 postgresql://用户[:密码]@主机[:端口]/库名。默认：$PAYDESK_DATABASE，未设置时为用户数据目录中的 paydesk.db。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Address to listen on (default 127.0.0.1).</source>
        <translation>监听地址（默认 127.0.0.1）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Port to listen on; 0 picks a free one (default 8080).</source>
        <translation>监听端口；0 表示任选空闲端口（默认 8080）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The public address channels post callbacks to; /callback/&lt;channel account&gt; is appended (default: the address served on).</source>
        <translation>渠道回调所用的公网地址，其后拼接 /callback/&lt;渠道账户&gt;（默认：本进程的服务地址）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>PEM certificate: serve HTTPS (with --tls-key).</source>
        <translation>PEM 证书：启用 HTTPS（需同时给出 --tls-key）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>PEM private key of --tls-cert.</source>
        <translation>--tls-cert 对应的 PEM 私钥。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Request worker threads (default 16).</source>
        <translation>处理请求的工作线程数（默认 16）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Seconds between queries of pending orders and refunds; 0 turns the sweep off (default 30).</source>
        <translation>查询未决订单和退款的间隔秒数；0 表示关闭定时查询（默认 30）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Do not post merchant notifications from this process.</source>
        <translation>本进程不发送商户通知。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Do not run the scheduled reconciliation from this process.</source>
        <translation>本进程不执行定时对账。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Largest request body accepted, in KiB; larger ones are answered 413 before they are read (default %1).</source>
        <translation>可接受的最大请求体（KiB）；更大的请求体在读取之前即以 413 拒绝（默认 %1）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Open connections at most; past it new ones are closed at once. Never more than the descriptor limit minus --fd-reserve (default %1).</source>
        <translation>最多同时打开的连接数；超出后新连接立即关闭。不超过文件描述符上限减去 --fd-reserve（默认 %1）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Open connections from one address (an IPv6 /64 counts as one) at most; 0: no cap (behind a proxy on this host, every client is the proxy) (default %1).</source>
        <translation>来自同一地址（一个 IPv6 /64 网段算作一个地址）的连接数上限；0 表示不限（在本机的代理之后，所有客户端都是该代理）（默认 %1）。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>File descriptors kept free for the database and the channel calls (default %1).</source>
        <translation>为数据库和渠道调用预留的文件描述符数（默认 %1）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Seconds from a request&apos;s first byte to the end of its header; slower ones are answered 408 and closed (default %1).</source>
        <translation>从请求的第一个字节到请求头结束的秒数；更慢的请求以 408 应答并关闭连接（默认 %1）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Seconds from the end of a request&apos;s header to the end of its body (default %1).</source>
        <translation>从请求头结束到请求体结束的秒数（默认 %1）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Seconds a kept-alive connection may wait for its next request (default %1).</source>
        <translation>保持连接（keep-alive）等待下一个请求的秒数（默认 %1）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Write the address served on to this file once listening.</source>
        <translation>开始监听后把服务地址写入该文件。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>--listen: not an IP address: %1</source>
        <translation>--listen：不是 IP 地址：%1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>--port: 0 to 65535</source>
        <translation>--port：0 到 65535</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>--threads: 1 to 256</source>
        <translation>--threads：1 到 256</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>--sweep-seconds: 0 or more</source>
        <translation>--sweep-seconds：须为 0 或更大</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>--max-body-kib: 1 to 65536</source>
        <translation>--max-body-kib：1 至 65536</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>--max-connections: 1 to 1000000</source>
        <translation>--max-connections：1 至 1000000</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>--max-connections-per-ip: 0 to 1000000</source>
        <translation>--max-connections-per-ip：0 至 1000000</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>--fd-reserve: 0 to 100000</source>
        <translation>--fd-reserve：0 至 100000</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>--%1: 1 to 3600 seconds</source>
        <translation>--%1：1 至 3600 秒</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>--public-url: an http(s) address</source>
        <translation>--public-url：须为 http(s) 地址</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>set PAYDESK_MASTER_KEY_FILE to the file holding the master passphrase (channel credentials and application secrets are in the vault)</source>
        <translation>请将 PAYDESK_MASTER_KEY_FILE 设为保存主口令的文件（渠道凭据和应用密钥都在保险库中）</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>channels would post callbacks over plain http: give an https --public-url (or --tls-cert and --tls-key), or turn the setting %1 on for a development platform</source>
        <translation>渠道将通过明文 http 发送回调：请提供 https 的 --public-url（或 --tls-cert 与 --tls-key），开发平台可开启设置 %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>paydeskd serving %1 on %2</source>
        <translation>paydeskd 正在 %1 提供服务，数据库 %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>cannot write %1</source>
        <translation>无法写入 %1</translation>
    </message>
</context>
<context>
    <name>DemoDataDialog</name>
    <message>
        <location filename="../app/console/DemoDataDialog.cpp" line="+22"/>
        <source>Creating a demo database…</source>
        <translation>正在创建演示数据库…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Paydesk — first start</source>
        <translation>Paydesk — 首次启动</translation>
    </message>
</context>
<context>
    <name>DisplayFormat</name>
    <message>
        <location filename="../widgets/format/DisplayFormat.cpp" line="+48"/>
        <source>Manual</source>
        <translation>手工</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Payment</source>
        <translation>支付</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Refund</source>
        <translation>退款</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Clearing</source>
        <translation>清算</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Channel funds</source>
        <translation>渠道到账</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Payout</source>
        <translation>出款</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Payout confirmed</source>
        <translation>出款成功</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Payout failed</source>
        <translation>出款失败</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Freeze</source>
        <translation>冻结</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unfreeze</source>
        <translation>解冻</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Adjustment</source>
        <translation>调账</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reversal</source>
        <translation>冲销</translation>
    </message>
</context>
<context>
    <name>Error</name>
    <message>
        <location filename="../core/util/Error.cpp" line="+16"/>
        <source>No error</source>
        <translation>无错误</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The amount is empty</source>
        <translation>金额为空</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The amount is not a plain decimal number</source>
        <translation>金额不是合法的十进制数</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The amount has more decimals than its currency allows</source>
        <translation>金额的小数位数超过该币种允许的位数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The amount is too large</source>
        <translation>金额过大</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unknown currency</source>
        <translation>未知币种</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The amounts are in different currencies</source>
        <translation>金额币种不一致</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The calculation overflows</source>
        <translation>计算结果溢出</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The rate is not a valid number</source>
        <translation>费率不是合法的数值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The rate is out of range</source>
        <translation>费率超出范围</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Invalid argument</source>
        <translation>参数无效</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The database URL is not valid</source>
        <translation>数据库 URL 无效</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The database cannot be opened</source>
        <translation>无法打开数据库</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The database was created by a newer Paydesk; upgrade this program</source>
        <translation>该数据库由更新版本的 Paydesk 创建，请升级本程序</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Upgrading the database schema failed</source>
        <translation>升级数据库结构失败</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A database query failed</source>
        <translation>数据库查询失败</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The database transaction failed</source>
        <translation>数据库事务失败</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The journal entry needs at least two postings</source>
        <translation>会计分录至少需要两条明细</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The journal entry does not balance</source>
        <translation>会计分录借贷不平衡</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The journal entry has no valid business date</source>
        <translation>会计分录缺少有效的营业日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A posting has a zero amount</source>
        <translation>分录明细金额为零</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The account name does not follow the chart of accounts</source>
        <translation>科目名称不符合会计科目表</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The account does not exist</source>
        <translation>科目不存在</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The account is closed</source>
        <translation>科目已关闭</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The posting&apos;s currency differs from the account&apos;s</source>
        <translation>明细币种与科目币种不一致</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The account would go below zero</source>
        <translation>科目余额将低于零</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The account still has a balance</source>
        <translation>科目仍有余额</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The account already exists</source>
        <translation>科目已存在</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The journal entry does not exist</source>
        <translation>会计分录不存在</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The journal entry has already been reversed</source>
        <translation>该会计分录已被冲销</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A reversal cannot itself be reversed</source>
        <translation>冲销分录本身不能再被冲销</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This event has already been posted</source>
        <translation>该事件已经记过账</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The file cannot be read</source>
        <translation>无法读取文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The file cannot be written</source>
        <translation>无法写入文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The JSON is malformed</source>
        <translation>JSON 格式错误</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>An external tool failed</source>
        <translation>外部工具执行失败</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>You do not have permission for this action</source>
        <translation>您没有执行此操作的权限</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Wrong user name or password</source>
        <translation>用户名或密码错误</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The operator is locked after too many failed logins</source>
        <translation>登录失败次数过多，该操作员已被锁定</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The operator is disabled</source>
        <translation>该操作员已停用</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No such operator</source>
        <translation>没有该操作员</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>An operator with this user name already exists</source>
        <translation>该用户名的操作员已存在</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>User names are 3 to 32 letters, digits, dots, dashes or underscores</source>
        <translation>用户名为 3 到 32 个字母、数字、点、连字符或下划线</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unknown role</source>
        <translation>未知角色</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The password must have at least 12 characters</source>
        <translation>密码至少需要 12 个字符</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The password was used recently; choose another</source>
        <translation>该密码最近用过，请换一个</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The password must not contain the user name</source>
        <translation>密码中不能包含用户名</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The password must be changed before anything else</source>
        <translation>必须先修改密码</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Paydesk already has operators; sign in instead</source>
        <translation>Paydesk 已有操作员，请直接登录</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This would leave no active administrator</source>
        <translation>这样将没有可用的管理员</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>You cannot disable yourself or remove your own administrator role</source>
        <translation>不能停用自己，也不能去掉自己的管理员角色</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The secret vault has not been set up</source>
        <translation>密钥保险库尚未建立</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The secret vault is already set up</source>
        <translation>密钥保险库已经建立</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The secret vault is locked; unlock it with the master passphrase</source>
        <translation>密钥保险库已锁定，请用主口令解锁</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wrong master passphrase</source>
        <translation>主口令错误</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No such secret in the vault</source>
        <translation>保险库中没有该密钥</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A cryptographic operation failed</source>
        <translation>加密运算失败</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The encrypted data failed its integrity check</source>
        <translation>加密数据未通过完整性校验</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The file is not a statement format Paydesk knows</source>
        <translation>该文件不是 Paydesk 认识的对账单格式</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The statement has a malformed line</source>
        <translation>对账单中有格式错误的行</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The statement&apos;s totals do not match its lines</source>
        <translation>对账单的合计与明细不符</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The statement ends early (no totals)</source>
        <translation>对账单不完整（缺少合计）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The statement is not in the expected text encoding</source>
        <translation>对账单的文字编码不符合预期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The key or certificate cannot be read</source>
        <translation>无法读取密钥或证书</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The certificate is not valid or not trusted</source>
        <translation>证书无效或不受信任</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The signature does not verify</source>
        <translation>签名验证失败</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The channel did not answer in time</source>
        <translation>渠道未能及时应答</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The channel could not be reached or failed</source>
        <translation>无法连接渠道或渠道出错</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The channel refused the request</source>
        <translation>渠道拒绝了请求</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The channel has no such order or refund</source>
        <translation>渠道没有该订单或退款</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The order&apos;s state at the channel does not allow this</source>
        <translation>该订单在渠道的状态不允许此操作</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The channel refused our signature or credentials</source>
        <translation>渠道拒绝了我方的签名或凭据</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The channel&apos;s answer cannot be understood</source>
        <translation>无法解读渠道的应答</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The callback is too old or from the future</source>
        <translation>回调已过期或时间超前</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The callback cannot be understood</source>
        <translation>无法解读回调内容</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No such merchant</source>
        <translation>没有该商户</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A merchant field is missing or invalid</source>
        <translation>商户字段缺失或无效</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The merchant&apos;s status does not allow this step</source>
        <translation>商户当前状态不允许此操作</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A submission must be reviewed by another operator</source>
        <translation>提交的申请须由另一名操作员审核</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The merchant is not ready to transact</source>
        <translation>该商户尚不能交易</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The merchant still has money in its accounts</source>
        <translation>该商户的账户中仍有资金</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Someone else changed this record meanwhile; reload it</source>
        <translation>该记录已被他人修改，请重新加载</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The document is too large</source>
        <translation>资料文件过大</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Only PNG, JPEG and PDF documents are accepted</source>
        <translation>仅接受 PNG、JPEG 和 PDF 格式的资料</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The document file is damaged or incomplete</source>
        <translation>资料文件已损坏或不完整</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No such document</source>
        <translation>没有该资料</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No such application</source>
        <translation>没有该应用</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The application key is not usable</source>
        <translation>应用密钥不可用</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The application&apos;s request signature does not verify</source>
        <translation>应用请求的签名验证失败</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Documents the submission needs are missing</source>
        <translation>缺少提交审核所需的资料</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>An application field is missing or invalid</source>
        <translation>应用字段缺失或无效</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No such channel account</source>
        <translation>没有该渠道账户</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A channel account field is missing or invalid</source>
        <translation>渠道账户字段缺失或无效</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unknown payment method</source>
        <translation>未知的支付方式</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The fee rate is invalid</source>
        <translation>费率无效</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No such fee template</source>
        <translation>没有该费率模板</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The routing rule is invalid</source>
        <translation>路由规则无效</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No channel account can take this payment</source>
        <translation>没有渠道账户能承接这笔支付</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Someone else changed this channel account meanwhile; reload it</source>
        <translation>该渠道账户已被他人修改，请重新加载</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No fee rate is in effect on that date</source>
        <translation>该日期没有生效的费率</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The fee template has been applied to merchants and is kept for the record</source>
        <translation>该费率模板已套用到商户，需保留备查</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The import failed; nothing was imported</source>
        <translation>导入失败，未导入任何数据</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The order&apos;s status does not allow this step</source>
        <translation>订单当前状态不允许此操作</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The refunds would exceed the paid amount</source>
        <translation>退款金额将超过实付金额</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No such order</source>
        <translation>没有这个订单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The order request is invalid</source>
        <translation>订单请求无效</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The order changed meanwhile; try again</source>
        <translation>订单已被他人更新，请重试</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This number was already used for a different request</source>
        <translation>该单号已用于另一笔不同的请求</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The gateway request is malformed</source>
        <translation>网关请求格式不正确</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The request&apos;s timestamp is outside the accepted window</source>
        <translation>请求的时间戳超出允许的时间窗口</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The request&apos;s nonce was already used</source>
        <translation>请求的随机串（nonce）已被使用过</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No such notification</source>
        <translation>没有这条通知</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A refund must be approved by another operator than the one who asked for it</source>
        <translation>退款须由申请人以外的操作员批准</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No such refund request</source>
        <translation>没有这条退款申请</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The refund request was already decided</source>
        <translation>该退款申请已处理过</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The statement unpacks to more than a day&apos;s statement may hold</source>
        <translation>对账单解压后超出一天对账单可能的大小</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No such credential change</source>
        <translation>没有该凭据变更</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The credential change is no longer waiting for approval</source>
        <translation>该凭据变更已不在待审批状态</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A credential change must be approved by another operator than the one who proposed it</source>
        <translation>凭据变更必须由提交人以外的另一名操作员审批</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The channel&apos;s query does not confirm what the callback says</source>
        <translation>渠道查询结果与回调内容不符</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Too many refused callbacks from this sender; try again later</source>
        <translation>该来源被拒绝的回调过多，请稍后再试</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A reconciliation of this channel account and date is already under way</source>
        <translation>该渠道账户该日期的对账正在进行中</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No such reconciliation run</source>
        <translation>没有这次对账</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The reconciliation run is no longer running</source>
        <translation>这次对账已不在进行中</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No such kept statement file</source>
        <translation>没有这份已保存的对账单文件</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The kept statement file no longer matches its SHA-256</source>
        <translation>已保存的对账单文件与其 SHA-256 不再相符</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The statement belongs to another channel account or date</source>
        <translation>该对账单属于其他渠道账户或日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No such discrepancy</source>
        <translation>没有这条差错</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The discrepancy was changed meanwhile; reload it and try again</source>
        <translation>该差错已被他人修改，请刷新后重试</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The discrepancy&apos;s status does not allow this</source>
        <translation>该差错当前的状态不允许此操作</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A resolution must be approved by another operator than the one who proposed it</source>
        <translation>处理方案须由提出人以外的操作员审批</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Unknown error</source>
        <translation>未知错误</translation>
    </message>
</context>
<context>
    <name>MerchantText</name>
    <message>
        <location filename="../widgets/merchant/MerchantText.cpp" line="+20"/>
        <source>required</source>
        <translation>必填</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>control characters are not allowed</source>
        <translation>不允许包含控制字符</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>not a mobile number (11 digits) or a landline with its area code</source>
        <translation>不是手机号码（11 位）或带区号的固定电话号码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>not an e-mail address</source>
        <translation>不是有效的电子邮件地址</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>8 to 30 digits</source>
        <translation>8 到 30 位数字</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>only CNY is supported</source>
        <translation>仅支持 CNY</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>T+N needs N between 2 and 30</source>
        <translation>T+N 的 N 须在 2 到 30 之间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>only T+N takes a number of days</source>
        <translation>只有 T+N 需要填写天数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>must be in the merchant&apos;s currency</source>
        <translation>必须使用商户的币种</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cannot be negative</source>
        <translation>不能为负数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>between 0 and 1,000,000 parts per million</source>
        <translation>须在 0 到 1,000,000 之间（单位：百万分之一）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>characters 3 to 8 must be the digits of an administrative division code</source>
        <translation>第 3 至 8 位必须是行政区划代码数字</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the first 17 characters of a resident ID number are digits</source>
        <translation>居民身份证号码的前 17 位应为数字</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the last character of a resident ID number is a digit or X</source>
        <translation>居民身份证号码的最后一位应为数字或 X</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>characters 1 to 6 are not a region code</source>
        <translation>第 1 至 6 位不是有效的地区代码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>characters 7 to 14 are not a birth date</source>
        <translation>第 7 至 14 位不是有效的出生日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>enable at least one payment method</source>
        <translation>请至少启用一种支付方式</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>not an absolute URL</source>
        <translation>不是绝对 URL</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>must not carry a user name or password</source>
        <translation>不得包含用户名或密码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>must not have a fragment</source>
        <translation>不得包含片段（# 部分）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>must be an https URL (plain http only with development endpoints on)</source>
        <translation>必须是 https URL（仅在开启开发端点时允许明文 http）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>must be an http or https URL</source>
        <translation>必须是 http 或 https URL</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>loopback, private and carrier-grade NAT addresses are allowed only with development endpoints on</source>
        <translation>回环、私有和运营商级 NAT 地址仅在开启开发端点时允许</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>link-local, unspecified, multicast and reserved addresses are refused</source>
        <translation>不接受链路本地、未指定、组播和保留地址</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a host name with a trailing dot is refused</source>
        <translation>不接受以点结尾的主机名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>write an IPv4 address as four decimal numbers</source>
        <translation>IPv4 地址请写成四个十进制数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>names of private networks (localhost, .local, .internal) are allowed only with development endpoints on</source>
        <translation>私有网络的名称（localhost、.local、.internal）仅在开启开发端点时允许</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>no enabled application</source>
        <translation>没有已启用的应用</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no enabled routing rule on an enabled channel account</source>
        <translation>没有指向已启用渠道账户的已启用路由规则</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Submitted</source>
        <translation>待审核</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+83"/>
        <source>Approved</source>
        <translation>已通过</translation>
    </message>
    <message>
        <location line="-81"/>
        <location line="+82"/>
        <source>Rejected</source>
        <translation>已驳回</translation>
    </message>
    <message>
        <location line="-80"/>
        <source>Active</source>
        <translation>已激活</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+81"/>
        <source>Frozen</source>
        <translation>已冻结</translation>
    </message>
    <message>
        <location line="-79"/>
        <location line="+81"/>
        <source>Closed</source>
        <translation>已注销</translation>
    </message>
    <message>
        <location line="-72"/>
        <source>Individual</source>
        <translation>个人</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Enterprise</source>
        <translation>企业</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>T+1</source>
        <translation>T+1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>T+N</source>
        <translation>T+N</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Manual</source>
        <translation>手动</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>T+%1</source>
        <translation>T+%1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Submit for review</source>
        <translation>提交审核</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Approve…</source>
        <translation>审核通过…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reject…</source>
        <translation>驳回…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reopen</source>
        <translation>重新编辑</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Activate</source>
        <translation>激活</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Freeze…</source>
        <translation>冻结…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unfreeze…</source>
        <translation>解冻…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Close…</source>
        <translation>注销…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Created</source>
        <translation>已创建</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Edited</source>
        <translation>已编辑</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Document attached</source>
        <translation>已添加资料</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Document removed</source>
        <translation>已移除资料</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Submitted for review</source>
        <translation>已提交审核</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Reopened</source>
        <translation>已重新编辑</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Activated</source>
        <translation>已激活</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unfrozen</source>
        <translation>已解冻</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Business licence</source>
        <translation>营业执照</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Legal person&apos;s ID (front)</source>
        <translation>法人身份证（人像面）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Legal person&apos;s ID (back)</source>
        <translation>法人身份证（国徽面）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Bank account proof</source>
        <translation>银行开户证明</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>RSA2 public key</source>
        <translation>RSA2 公钥</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>HMAC-SHA256 secret</source>
        <translation>HMAC-SHA256 密钥</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>WeChat Pay QR code (Native)</source>
        <translation>微信支付扫码（Native）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>WeChat Pay in-app (JSAPI)</source>
        <translation>微信支付公众号/小程序（JSAPI）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Alipay QR code (precreate)</source>
        <translation>支付宝扫码（precreate）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>UnionPay online (front)</source>
        <translation>银联在线支付（前台）</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Legal name</source>
        <translation>商户全称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Short name</source>
        <translation>商户简称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Registration no.</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contact</source>
        <translation>联系人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>E-mail</source>
        <translation>电子邮件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Industry</source>
        <translation>行业</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Account name</source>
        <translation>账户名称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bank</source>
        <translation>开户银行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Branch</source>
        <translation>开户支行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Account no.</source>
        <translation>账号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Currency</source>
        <translation>币种</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Settlement cycle</source>
        <translation>结算周期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Settlement days</source>
        <translation>结算天数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Minimum payout</source>
        <translation>最低结算金额</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reserve</source>
        <translation>保证金</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Payment methods</source>
        <translation>支付方式</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Notify URL</source>
        <translation>通知地址</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>IP allowlist</source>
        <translation>IP 白名单</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>no merchant rate for %1 in effect on %2</source>
        <translation>%2 没有生效的%1商户费率</translation>
    </message>
    <message numerus="yes">
        <location line="+9"/>
        <source>at least %n character(s)</source>
        <translation>
            <numerusform>至少 %n 个字符</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>at most %n character(s)</source>
        <translation>
            <numerusform>最多 %n 个字符</numerusform>
        </translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
</context>
<context>
    <name>PaymentText</name>
    <message>
        <location filename="../widgets/payment/PaymentText.cpp" line="+74"/>
        <source>Order created</source>
        <translation>创建订单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Channel prepay</source>
        <translation>渠道下单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Channel query</source>
        <translation>渠道查询</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Channel callback</source>
        <translation>渠道回调</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Channel callback, checked by a query</source>
        <translation>渠道回调（经主动查询核实）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refund callback, checked by a query</source>
        <translation>退款回调（经主动查询核实）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Closed</source>
        <translation>关闭订单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Merchant notification</source>
        <translation>商户通知</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refund</source>
        <translation>退款</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refund query</source>
        <translation>退款查询</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refund request</source>
        <translation>退款申请</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Imported</source>
        <translation>导入</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>waiting for approval</source>
        <translation>等待审批</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>rejected</source>
        <translation>已驳回</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>made (no approval needed)</source>
        <translation>已发起（无需审批）</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>gave up</source>
        <translation>已放弃</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>refund</source>
        <translation>退款</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>payment</source>
        <translation>支付</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>ok</source>
        <translation>成功</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>no answer yet</source>
        <translation>尚无应答</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>refunded by the channel</source>
        <translation>渠道已退款</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the channel is processing it</source>
        <translation>渠道处理中</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the channel says it failed</source>
        <translation>渠道称退款失败</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the channel has no such refund yet</source>
        <translation>渠道尚无此退款</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the channel could not pay it back (abnormal)</source>
        <translation>渠道未能退回款项（退款异常）</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>%1 d %2 h</source>
        <translation>%1 天 %2 小时</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 h %2 min</source>
        <translation>%1 小时 %2 分钟</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 min</source>
        <translation>%1 分钟</translation>
    </message>
    <message>
        <location line="-219"/>
        <location line="+21"/>
        <location line="+55"/>
        <location line="+70"/>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>duplicate</source>
        <translation>重复</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>refused</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>posted</source>
        <translation>已记账</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>sent again</source>
        <translation>已重新发送</translation>
    </message>
    <message>
        <location line="-57"/>
        <location line="+17"/>
        <source>delivered</source>
        <translation>已送达</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>refused by the application</source>
        <translation>被应用拒收</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>unreachable</source>
        <translation>无法连接</translation>
    </message>
    <message>
        <location line="-116"/>
        <source>paid</source>
        <translation>已支付</translation>
    </message>
    <message>
        <location line="-4"/>
        <location line="+158"/>
        <source>created</source>
        <translation>已创建</translation>
    </message>
    <message>
        <location line="-156"/>
        <location line="+157"/>
        <source>waiting for payment</source>
        <translation>等待支付</translation>
    </message>
    <message>
        <location line="-151"/>
        <location line="+153"/>
        <source>closed</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <location line="-151"/>
        <location line="+152"/>
        <source>partially refunded</source>
        <translation>部分退款</translation>
    </message>
    <message>
        <location line="-150"/>
        <location line="+13"/>
        <location line="+138"/>
        <source>refunded</source>
        <translation>已退款</translation>
    </message>
    <message>
        <location line="-142"/>
        <location line="+143"/>
        <source>requested</source>
        <translation>已申请</translation>
    </message>
    <message>
        <location line="-141"/>
        <location line="+142"/>
        <source>at the channel</source>
        <translation>渠道处理中</translation>
    </message>
    <message>
        <location line="-130"/>
        <source>Ledger entry</source>
        <translation>记账分录</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Reconciled: matched</source>
        <translation>对账：已匹配</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reconciliation run</source>
        <translation>对账批次</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Discrepancy found</source>
        <translation>发现差错</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resolution proposed</source>
        <translation>已提出处理方案</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resolution approved</source>
        <translation>处理方案已批准</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resolution rejected</source>
        <translation>处理方案已驳回</translation>
    </message>
    <message>
        <location line="+54"/>
        <location line="+60"/>
        <source>pending</source>
        <translation>待发送</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>succeeded</source>
        <translation>成功</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>amount does not match</source>
        <translation>金额不符</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no change</source>
        <translation>无变化</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ignored</source>
        <translation>已忽略</translation>
    </message>
    <message>
        <location line="-92"/>
        <source>approved</source>
        <translation>已批准</translation>
    </message>
    <message>
        <location line="+103"/>
        <source>order no</source>
        <translation>订单号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>merchant order no</source>
        <translation>商户订单号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>channel transaction id</source>
        <translation>渠道交易号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>payer id</source>
        <translation>付款人标识</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>refund no</source>
        <translation>退款单号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>merchant refund no</source>
        <translation>商户退款单号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>channel refund id</source>
        <translation>渠道退款单号</translation>
    </message>
</context>
<context>
    <name>ReconciliationText</name>
    <message>
        <location filename="../widgets/reconciliation/ReconciliationText.cpp" line="+22"/>
        <source>Matched</source>
        <translation>已匹配</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Channel only</source>
        <translation>长款（渠道单边）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Platform only</source>
        <translation>短款（平台单边）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Amount mismatch</source>
        <translation>金额不符</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Status mismatch</source>
        <translation>状态不符</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Fee mismatch</source>
        <translation>手续费不符</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Duplicate in statement</source>
        <translation>账单重复</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Carried to next day</source>
        <translation>日切顺延</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Running</source>
        <translation>进行中</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Completed</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Abandoned</source>
        <translation>已中断</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Open</source>
        <translation>待处理</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Waiting for approval</source>
        <translation>待审批</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Resolved</source>
        <translation>已解决</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Gone in a later run</source>
        <translation>重新对账后已消失</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Mark the order paid</source>
        <translation>补记订单为已支付</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Park in suspense</source>
        <translation>转入挂账</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Refund to the payer</source>
        <translation>退还付款人</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Assign to a merchant</source>
        <translation>划归商户</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reverse our payment posting</source>
        <translation>冲销平台的支付记账</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Adjust the amount</source>
        <translation>调整金额差额</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Adjust the channel fee</source>
        <translation>调整渠道手续费</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Acknowledge, no money moves</source>
        <translation>确认无误，不涉及资金</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The channel has the payment and our order is unpaid: the order is marked paid the way a callback would, posted once, and the merchant notified.</source>
        <translation>渠道确有这笔支付而平台订单未支付：按支付回调的同一路径将订单记为已支付，只记账一次，并通知商户。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Money nobody can place yet goes to the suspense account until it is refunded or assigned.</source>
        <translation>暂时无法归属的资金转入挂账科目，直到退还或划归为止。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The parked money goes back to the payer out of suspense.</source>
        <translation>已挂账的资金从挂账科目退还给付款人。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The parked money belongs to a merchant after all: it moves from suspense to the merchant&apos;s pending balance.</source>
        <translation>已挂账的资金确属某个商户：从挂账科目转入该商户的待结算余额。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The channel confirms it never took the money: our payment posting is reversed by a new entry.</source>
        <translation>渠道确认从未收到这笔款项：以一笔新的分录冲销平台的支付记账。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The difference between the two amounts is posted by an adjustment entry.</source>
        <translation>两边金额的差额以一笔调整分录入账。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Our channel fee posting is adjusted to the channel&apos;s fee.</source>
        <translation>将平台记账的渠道手续费调整为渠道实收的手续费。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nothing is posted: no money differs (a line listed twice, say). The note says why.</source>
        <translation>不记账：资金没有差异（例如同一笔交易在账单中列了两次）。请在说明中写明原因。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Parked in suspense</source>
        <translation>已挂账</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Another statement file</source>
        <translation>对账单不同</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Resolved in between</source>
        <translation>期间已处理</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Settings changed</source>
        <translation>对账设置已变更</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Our records changed</source>
        <translation>平台记录已变更</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Downloading the statement</source>
        <translation>正在下载对账单</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Archiving the statement</source>
        <translation>正在归档对账单</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reading the statement</source>
        <translation>正在读取对账单</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reading our payments and refunds</source>
        <translation>正在读取平台的支付与退款</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Matching</source>
        <translation>正在匹配</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Writing the results</source>
        <translation>正在写入结果</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Refund</source>
        <translation>退款</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Payment</source>
        <translation>支付</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+13"/>
        <source>Succeeded</source>
        <translation>成功</translation>
    </message>
    <message>
        <location line="-11"/>
        <source>Not paid yet</source>
        <translation>尚未支付</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Failed or closed</source>
        <translation>失败或已关闭</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Revoked</source>
        <translation>已撤销</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Refund in progress</source>
        <translation>退款处理中</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Refund closed</source>
        <translation>退款已关闭</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Refund abnormal</source>
        <translation>退款异常</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>under 1 ms</source>
        <translation>不足 1 毫秒</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 ms</source>
        <translation>%1 毫秒</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 min %2 s</source>
        <translation>%1 分 %2 秒</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Another operator changed this discrepancy meanwhile. It has been reloaded: look at it again before you act.</source>
        <translation>另一位操作员刚刚修改了这条差错，现已重新载入：请再查看一遍后再操作。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>You proposed this resolution yourself: another approver must approve or reject it.</source>
        <translation>该处理方案是您本人提出的，须由另一位审批人批准或驳回。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The discrepancy&apos;s status no longer allows this. It has been reloaded.</source>
        <translation>这条差错的状态已不允许此操作，现已重新载入。</translation>
    </message>
</context>
<context>
    <name>RefundRequestFlow</name>
    <message>
        <location filename="../widgets/payment/RefundRequestFlow.cpp" line="+23"/>
        <location line="+6"/>
        <source>Request refund</source>
        <translation>申请退款</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>Amount to refund of %1 (at most %2):</source>
        <translation>订单 %1 的退款金额（最多 %2）：</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Reason (kept with the refund):</source>
        <translation>原因（随退款保存）：</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Refund request %1 waits for an approver.</source>
        <translation>退款申请 %1 等待审批人审批。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Refund %1 of %2 requested from the channel.</source>
        <translation>已向渠道发起退款 %1，金额 %2。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Refund %1 of %2 failed at the channel: %3.</source>
        <translation>%2 的退款 %1 在渠道失败：%3。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Refund %1 of %2 is recorded, but the channel has not taken it: %3. Paydesk asks the channel again under the same refund number until it settles; it is never refunded twice.</source>
        <translation>%2 的退款 %1 已记录，但渠道尚未受理：%3。Paydesk 会以同一退款单号继续向渠道询问，直至有结果；不会重复退款。</translation>
    </message>
</context>
<context>
    <name>RoleText</name>
    <message>
        <location filename="../widgets/operators/RoleText.cpp" line="+12"/>
        <source>Administrator</source>
        <translation>管理员</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Onboarding</source>
        <translation>入驻</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Support</source>
        <translation>客服</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Finance</source>
        <translation>财务</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Approver</source>
        <translation>审批</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Auditor</source>
        <translation>审计</translation>
    </message>
</context>
<context>
    <name>Sandbox</name>
    <message>
        <location filename="../app/sandbox/main.cpp" line="+34"/>
        <source>paydesk-sandbox listening on %1 (loopback only)</source>
        <translation>paydesk-sandbox 正在 %1 监听（仅本机回环）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>  CA certificate (trust this):  %1</source>
        <translation>  CA 证书（请信任此证书）：%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>  credentials directory:        %1</source>
        <translation>  凭据目录：                   %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>  WeChat Pay v3:   %1  mchid %2, appid %3, merchant serial %4, platform public key %5</source>
        <translation>  微信支付 v3：    %1  商户号 %2，appid %3，商户证书序列号 %4，平台公钥 %5</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>  Alipay gateway:  %1/gateway.do  app_id %2</source>
        <translation>  支付宝网关：      %1/gateway.do  app_id %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>  UnionPay:        %1/gateway/api/  file %1/unionpay/file  merId %2, certId %3</source>
        <translation>  银联：            %1/gateway/api/  文件 %1/unionpay/file  商户号 %2，certId %3</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Stop with Ctrl+C.</source>
        <translation>按 Ctrl+C 停止。</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>  control API:     %1/__sandbox  (pay, faults, merchants, trades, callbacks, settings, statement)</source>
        <translation>  控制接口：        %1/__sandbox（pay、faults、merchants、trades、callbacks、settings、statement）</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>A local stand-in for WeChat Pay v3, the Alipay gateway and the UnionPay gateway, over HTTPS on 127.0.0.1.

Commands:
  serve                 Run the sandbox (the default). Keys and certificates are made on first start.
  pay ORDER             The simulated payer pays ORDER (--fail: the payment fails).
  fault NAME            Switch a fault on (or --off) for the run or one --trade. Faults:
                        drop-callback, duplicate-callback, delay (--value ms), timeout (the request is
                        carried out, the answer never comes), server-error, bad-signature,
                        unsigned-answers (WeChat Pay answers without Wechatpay-* headers),
                        rate-limited (HTTP 429 from a front limiter), refund-fails (a new refund fails:
                        WeChat Pay takes it, then closes it; Alipay refuses it; UnionPay takes it, then
                        reports it failed);
                        statement faults (on until --off): statement-amount-differs (--value fen,
                        default 1), missing-from-statement, extra-trade-in-statement (--value fen),
                        refund-at-channel-only (--value fen, default all);
                        bill faults, for one --merchant (id or channel name) and --date (default
                        today), on the next --times bills (default: until --off): bill-missing-line,
                        bill-extra-line (--value fen), bill-wrong-amount and bill-wrong-fee (--value
                        fen off, default 1), bill-refunded-at-channel (--value fen, default all),
                        bill-duplicate-line; --trade names the order (default: the day&apos;s first).
  faults                List the faults switched on (--clear: switch all off).
  merchants             Each channel&apos;s merchant and the fee rate it is charged.
  merchant ID           Charge the merchant its own fee rate (--fee-ppm N), or the default again
                        (--default).
  trades, callbacks     Show the sandbox&apos;s trades, or its notifications and their delivery attempts.</source>
        <translation>在 127.0.0.1 上通过 HTTPS 模拟微信支付 v3、支付宝网关和银联网关的本地替身。

命令：
  serve                 运行沙箱（默认）。首次启动时生成密钥和证书。
  pay ORDER             模拟付款人支付订单 ORDER（--fail：支付失败）。
  fault NAME            为整个运行或某一 --trade 打开（或 --off 关闭）故障。故障：
                        drop-callback、duplicate-callback、delay（--value 毫秒）、timeout（请求已执行，
                        但应答永不返回）、server-error、bad-signature、
                        unsigned-answers（微信支付应答不带 Wechatpay-* 头）、
                        rate-limited（前置限流返回 HTTP 429）、refund-fails（新的退款在渠道失败：
                        微信支付先受理，随后关闭；支付宝直接拒绝；银联先受理，随后报告失败）；
                        对账单类故障（持续到 --off）：statement-amount-differs（--value 分，
                        默认 1）、missing-from-statement、extra-trade-in-statement（--value 分）、
                        refund-at-channel-only（--value 分，默认全额）；
                        账单故障，针对某一 --merchant（商户号或渠道名）和 --date（默认今天），
                        作用于接下来 --times 份账单（默认：直到 --off）：bill-missing-line、
                        bill-extra-line（--value 分）、bill-wrong-amount 和 bill-wrong-fee（--value
                        为相差的分，默认 1）、bill-refunded-at-channel（--value 分，默认全额）、
                        bill-duplicate-line；--trade 指定订单（默认：当天第一笔）。
  faults                列出已打开的故障（--clear：全部关闭）。
  merchants             各渠道的商户及其被收取的费率。
  merchant ID           按该商户自己的费率收费（--fee-ppm N），或恢复默认费率（--default）。
  trades, callbacks     显示沙箱的交易，或其通知及各次投递尝试。</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Directory of keys and certificates (default: $PAYDESK_SANDBOX_DIR or %1).</source>
        <translation>密钥与证书目录（默认：$PAYDESK_SANDBOX_DIR 或 %1）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>dir</source>
        <translation>目录</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>serve: port on 127.0.0.1 (default 9443; 0: any free port).</source>
        <translation>serve：127.0.0.1 上的端口（默认 9443；0 表示任一空闲端口）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>port</source>
        <translation>端口</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>serve: payers pay every new order after this many milliseconds (default: only when told).</source>
        <translation>serve：付款人在新订单创建后这么多毫秒自动支付（默认：仅在指令下支付）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+8"/>
        <source>ms</source>
        <translation>毫秒</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>serve: share of automatic payments that succeed, 0 to 1 (default 1).</source>
        <translation>serve：自动支付的成功比例，0 到 1（默认 1）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>rate</source>
        <translation>比例</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>serve: WeChat Pay and UnionPay refunds finish after this many milliseconds (default 500).</source>
        <translation>serve：微信支付和银联退款在这么多毫秒后完成（默认 500）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>serve: multiply the channels&apos; callback retry intervals (default 1; 0.001 turns 15 s into 15 ms).</source>
        <translation>serve：渠道回调重试间隔的倍数（默认 1；0.001 把 15 秒变为 15 毫秒）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>factor</source>
        <translation>倍数</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>pay, fault, faults, trades, callbacks: the sandbox&apos;s base URL (default: the one serve wrote to the state directory).</source>
        <translation>pay、fault、faults、trades、callbacks：沙箱的基础 URL（默认：serve 写入状态目录的地址）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>url</source>
        <translation>URL</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>pay: the payment fails.</source>
        <translation>pay：支付失败。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>pay: look ORDER up in this channel only (wechatpay, alipay, unionpay).</source>
        <translation>pay：只在该渠道中查找 ORDER（wechatpay、alipay、unionpay）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>fault: only for this order number.</source>
        <translation>fault：仅对该订单号生效。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>order</source>
        <translation>订单号</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>fault: milliseconds (delay) or fen (amounts).</source>
        <translation>fault：毫秒（延迟）或分（金额）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+5"/>
        <location line="+11"/>
        <source>n</source>
        <translation>数量</translation>
    </message>
    <message>
        <location line="-14"/>
        <source>fault: apply this many times (bill faults: to this many bills), then switch off (default: until --off; the per-trade statement faults: always until --off).</source>
        <translation>fault：生效这么多次（账单故障：作用于这么多份账单）后自动关闭（默认：直到 --off；按交易的对账单类故障总是持续到 --off）。</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>serve (default), pay, fault, faults, merchants, merchant, trades, callbacks</source>
        <translation>serve（默认）、pay、fault、faults、merchants、merchant、trades、callbacks</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>error: --value, --times and --fee-ppm take whole numbers</source>
        <translation>错误：--value、--times 和 --fee-ppm 须为整数</translation>
    </message>
    <message>
        <location line="-46"/>
        <source>fault: switch the fault off.</source>
        <translation>fault：关闭该故障。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>fault: the merchant (id or channel name) whose bill a bill fault changes.</source>
        <translation>fault：账单故障所改动账单的商户（商户号或渠道名）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>id</source>
        <translation>商户号</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>fault: the bill&apos;s date, yyyy-MM-dd (default: today).</source>
        <translation>fault：账单日期，yyyy-MM-dd（默认：今天）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>merchant: its fee rate in parts per million (2500: 0.25 %).</source>
        <translation>merchant：该商户的费率，以百万分之一计（2500 即 0.25%）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>merchant: charge it the default rate again.</source>
        <translation>merchant：恢复按默认费率收费。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>faults: switch every fault off.</source>
        <translation>faults：关闭所有故障。</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>error: serve takes no arguments</source>
        <translation>错误：serve 不接受参数</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>error: invalid option value; see &apos;paydesk-sandbox --help&apos;</source>
        <translation>错误：选项值无效；参见“paydesk-sandbox --help”</translation>
    </message>
    <message>
        <location line="+6"/>
        <location filename="../app/sandbox/SandboxClient.cpp" line="+99"/>
        <location line="+3"/>
        <source>error: %1</source>
        <translation>错误：%1</translation>
    </message>
    <message>
        <location filename="../app/sandbox/SandboxClient.cpp" line="-72"/>
        <source>error: no running sandbox found in %1 (start one with &apos;paydesk-sandbox serve&apos;, or pass --url)</source>
        <translation>错误：在 %1 中找不到正在运行的沙箱（请用“paydesk-sandbox serve”启动，或传入 --url）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>error: cannot read the sandbox CA: %1</source>
        <translation>错误：无法读取沙箱 CA：%1</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>usage: paydesk-sandbox pay ORDER [--fail] [--channel wechatpay|alipay|unionpay]</source>
        <translation>用法：paydesk-sandbox pay 订单号 [--fail] [--channel wechatpay|alipay|unionpay]</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>usage: paydesk-sandbox fault NAME [--trade ORDER] [--value N] [--times N] [--off] [--merchant ID --date YYYY-MM-DD]</source>
        <translation>用法：paydesk-sandbox fault 故障名 [--trade 订单号] [--value N] [--times N] [--off] [--merchant 商户号 --date YYYY-MM-DD]</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>usage: paydesk-sandbox merchant ID (--fee-ppm N | --default)</source>
        <translation>用法：paydesk-sandbox merchant 商户号 (--fee-ppm N | --default)</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>error: unknown command &apos;%1&apos;; see &apos;paydesk-sandbox --help&apos;</source>
        <translation>错误：未知命令“%1”；参见“paydesk-sandbox --help”</translation>
    </message>
</context>
<context>
    <name>paydesk::ApplicationDialog</name>
    <message>
        <location filename="../widgets/merchant/ApplicationDialog.cpp" line="+37"/>
        <source>New application</source>
        <translation>新建应用</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Assigned when the application is created</source>
        <translation>创建应用时自动分配</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Application %1</source>
        <translation>应用 %1</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Merchant no. such as M1001; empty for a platform application</source>
        <translation>商户号，如 M1001；平台应用留空</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>https://shop.example.com/pay/notify (empty: no notifications)</source>
        <translation>https://shop.example.com/pay/notify（留空：不发送通知）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>One address or CIDR range per line, e.g. 203.0.113.7 or 10.8.0.0/16. Empty: any address.</source>
        <translation>每行一个地址或 CIDR 网段，例如 203.0.113.7 或 10.8.0.0/16。留空：允许任何地址。</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>App ID:</source>
        <translation>App ID：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Merchant:</source>
        <translation>商户：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Payment methods:</source>
        <translation>支付方式：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Notify URL:</source>
        <translation>通知地址：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>IP allowlist:</source>
        <translation>IP 白名单：</translation>
    </message>
    <message>
        <location line="+67"/>
        <source>not a merchant number (M1001)</source>
        <translation>不是商户号（如 M1001）</translation>
    </message>
</context>
<context>
    <name>paydesk::ApplicationKeyModel</name>
    <message>
        <location filename="../widgets/merchant/ApplicationKeyModel.cpp" line="+34"/>
        <source>Not yet valid</source>
        <translation>尚未生效</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Valid</source>
        <translation>有效</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Valid, ending (rotation overlap)</source>
        <translation>有效，即将失效（轮换重叠期）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ended</source>
        <translation>已失效</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>open-ended</source>
        <translation>长期有效</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Fingerprint (SHA-256)</source>
        <translation>指纹（SHA-256）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Valid from</source>
        <translation>生效时间</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Valid until</source>
        <translation>失效时间</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Created by</source>
        <translation>创建人</translation>
    </message>
</context>
<context>
    <name>paydesk::ApplicationKeysView</name>
    <message>
        <location filename="../widgets/merchant/ApplicationKeysView.cpp" line="+157"/>
        <source>Revoke key</source>
        <translation>吊销密钥</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Revoke the %1 with fingerprint %2 now? Requests signed with it fail from this moment on.</source>
        <translation>立即吊销指纹为 %2 的 %1 吗？从此刻起，使用它签名的请求将全部失败。</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>HMAC secrets are kept in the vault: an administrator must unlock it first.</source>
        <translation>HMAC 密钥保存在保险库中：需要管理员先解锁保险库。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Signing keys</source>
        <translation>签名密钥</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Select an application to see its signing keys.</source>
        <translation>选择一个应用以查看其签名密钥。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Signing keys of %1</source>
        <translation>%1 的签名密钥</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rotation &amp;overlap:</source>
        <translation>轮换重叠期(&amp;O)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> h</source>
        <translation> 小时</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How long the keys a new key replaces stay valid (0: they end at once).</source>
        <translation>新密钥所替换的旧密钥继续有效的时长（0：立即失效）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Upload &amp;RSA2 key…</source>
        <translation>上传 RSA2 密钥(&amp;R)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Generate &amp;HMAC secret…</source>
        <translation>生成 HMAC 密钥(&amp;H)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Re&amp;voke</source>
        <translation>吊销(&amp;V)</translation>
    </message>
</context>
<context>
    <name>paydesk::ApplicationModel</name>
    <message>
        <location filename="../widgets/merchant/ApplicationModel.cpp" line="+79"/>
        <source>Platform</source>
        <translation>平台</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Any address</source>
        <translation>任何地址</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Enabled</source>
        <translation>已启用</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Disabled</source>
        <translation>已停用</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>App ID</source>
        <translation>App ID</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Merchant</source>
        <translation>商户</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Payment methods</source>
        <translation>支付方式</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Notify URL</source>
        <translation>通知地址</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>IP allowlist</source>
        <translation>IP 白名单</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
</context>
<context>
    <name>paydesk::ApplicationsPanel</name>
    <message>
        <location filename="../widgets/merchant/ApplicationsPanel.cpp" line="+161"/>
        <source>E&amp;nable</source>
        <translation>启用(&amp;N)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Disable</source>
        <translation>停用(&amp;D)</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>Applications</source>
        <translation>应用</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Search app ID or name</source>
        <translation>搜索 App ID 或名称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All applications</source>
        <translation>全部应用</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Platform applications</source>
        <translation>平台应用</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New &amp;application…</source>
        <translation>新建应用(&amp;A)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Edit…</source>
        <translation>编辑(&amp;E)…</translation>
    </message>
</context>
<context>
    <name>paydesk::ApplyTemplateDialog</name>
    <message>
        <location filename="../widgets/fee/ApplyTemplateDialog.cpp" line="+28"/>
        <source>Apply fee template</source>
        <translation>应用费率模板</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Filter merchants by number or name</source>
        <translation>按商户号或名称筛选商户</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Loading templates and merchants…</source>
        <translation>正在加载模板和商户…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Check all shown</source>
        <translation>勾选全部显示项</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Uncheck all</source>
        <translation>全部取消勾选</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Template:</source>
        <translation>模板：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Effective from:</source>
        <translation>生效日期：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Merchants (each one&apos;s rates for the template&apos;s methods are set from that date):</source>
        <translation>商户（所勾选商户在该模板所含支付方式上的费率自该日期起按模板设置）：</translation>
    </message>
    <message>
        <location line="+89"/>
        <source>There is no fee template yet: create one on the Templates tab.</source>
        <translation>尚无费率模板：请先在“费率模板”选项卡中创建。</translation>
    </message>
    <message numerus="yes">
        <location line="+21"/>
        <source>%n of %1 merchant(s) checked.</source>
        <translation>
            <numerusform>已勾选 %n 个商户（共 %1 个）。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Apply</source>
        <translation>应用</translation>
    </message>
</context>
<context>
    <name>paydesk::AttachDocumentDialog</name>
    <message>
        <location filename="../widgets/merchant/AttachDocumentDialog.cpp" line="+21"/>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+51"/>
        <source>Attach document</source>
        <translation>添加资料</translation>
    </message>
    <message>
        <location line="-44"/>
        <source>%1 — missing</source>
        <translation>%1 — 缺失</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>A PNG, JPEG or PDF file</source>
        <translation>PNG、JPEG 或 PDF 文件</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Kind:</source>
        <translation>资料类型：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>File:</source>
        <translation>文件：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Attaching a business licence, ID side or bank account proof again replaces the current one (it stays on record as superseded). At most %1.</source>
        <translation>再次添加营业执照、身份证任一面或银行开户证明时，将替换当前资料（原资料作为已取代记录保留）。文件大小不超过 %1。</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Documents (*.png *.jpg *.jpeg *.pdf);;All files (*)</source>
        <translation>资料 (*.png *.jpg *.jpeg *.pdf);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>There is no such file.</source>
        <translation>文件不存在。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This file cannot be read.</source>
        <translation>无法读取此文件。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This file is larger than %1.</source>
        <translation>此文件超过 %1。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This file is empty.</source>
        <translation>此文件为空。</translation>
    </message>
</context>
<context>
    <name>paydesk::AuditModel</name>
    <message>
        <location filename="../widgets/audit/AuditModel.cpp" line="+43"/>
        <source>ok</source>
        <translation>成功</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>denied</source>
        <translation>拒绝</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Operator</source>
        <translation>操作员</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Object</source>
        <translation>对象</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>From</source>
        <translation>来源</translation>
    </message>
</context>
<context>
    <name>paydesk::AuditPanel</name>
    <message>
        <location filename="../widgets/audit/AuditPanel.cpp" line="+95"/>
        <source>Record %1 · %2 · hash %3
%4</source>
        <translation>记录 %1 · %2 · 哈希 %3
%4</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Verifying…</source>
        <translation>正在校验…</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Operator</source>
        <translation>操作员</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. login, ledger.post</source>
        <translation>例如 login、ledger.post</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dates</source>
        <translation>日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Search</source>
        <translation>查询(&amp;S)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Verify chain</source>
        <translation>校验哈希链(&amp;V)</translation>
    </message>
    <message numerus="yes">
        <location line="+8"/>
        <source>Intact: all %n record(s) verify.</source>
        <translation>
            <numerusform>完好：全部 %n 条记录校验通过。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Tampering detected at record %1: %2</source>
        <translation>发现篡改，位于第 %1 条记录：%2</translation>
    </message>
</context>
<context>
    <name>paydesk::BalancesView</name>
    <message>
        <location filename="../widgets/ledger/BalancesView.cpp" line="+103"/>
        <location line="+6"/>
        <source>Export trial balance</source>
        <translation>导出试算平衡表</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Balances as of</source>
        <translation>余额截至</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Latest (all postings)</source>
        <translation>最新（全部过账）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>balanced</source>
        <translation>平衡</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>NOT balanced</source>
        <translation>不平衡</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: debits %2, credits %3 — %4</source>
        <translation>%1：借方合计 %2，贷方合计 %3 — %4</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No accounts yet.</source>
        <translation>尚无科目。</translation>
    </message>
</context>
<context>
    <name>paydesk::ChannelAccountDialog</name>
    <message>
        <location filename="../widgets/channel/ChannelAccountDialog.cpp" line="+35"/>
        <source>New channel account</source>
        <translation>新建渠道账户</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Channel account %1</source>
        <translation>渠道账户 %1</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Load PEM file…</source>
        <translation>加载 PEM 文件…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Enabled: routing may send payments to this account</source>
        <translation>已启用：路由可将支付分配到此账户</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>(choose the merchant)</source>
        <translation>（请选择商户）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>e.g. wx-shared-01 (letters, digits, _ . -; also the ledger account&apos;s name)</source>
        <translation>例如 wx-shared-01（字母、数字、_ . -；同时用作账本科目名称）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>optional: the sub-merchant id in service-provider mode</source>
        <translation>可选：服务商模式下的子商户号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>where the channel posts payment results</source>
        <translation>渠道推送支付结果的地址</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only for a test channel such as the sandbox: PEM certificates to trust besides the system&apos;s. Not secret.</source>
        <translation>仅用于沙箱等测试渠道：除系统证书外额外信任的 PEM 证书。非机密信息。</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+1"/>
        <source>empty: no limit</source>
        <translation>留空：不限额</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Channel:</source>
        <translation>渠道：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mode:</source>
        <translation>模式：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Owner merchant:</source>
        <translation>所属商户：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>WeChat appid:</source>
        <translation>微信 appid：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sub-merchant id:</source>
        <translation>子商户号：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Channel address:</source>
        <translation>渠道地址：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>File download address:</source>
        <translation>文件下载地址：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Notification address:</source>
        <translation>通知地址：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Extra CA certificates:</source>
        <translation>额外 CA 证书：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Currency:</source>
        <translation>币种：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Per payment limit:</source>
        <translation>单笔限额：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Daily limit:</source>
        <translation>单日限额：</translation>
    </message>
    <message>
        <location line="+83"/>
        <source>CA certificates</source>
        <translation>CA 证书</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PEM certificates (*.pem *.crt *.cer);;All files (*)</source>
        <translation>PEM 证书 (*.pem *.crt *.cer);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
</context>
<context>
    <name>paydesk::ChannelAccountModel</name>
    <message>
        <location filename="../widgets/channel/ChannelAccountModel.cpp" line="+47"/>
        <source>Own: %1</source>
        <translation>自有：%1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 / sub %2</source>
        <translation>%1 / 子商户 %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Enabled</source>
        <translation>已启用</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Disabled</source>
        <translation>已停用</translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>%1 (%n payment(s))</source>
        <translation>
            <numerusform>%1（%n 笔支付）</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Complete</source>
        <translation>完整</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Incomplete: %n missing</source>
        <translation>
            <numerusform>不完整：缺少 %n 项</numerusform>
        </translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Still needed: %1</source>
        <translation>尚缺：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tested %1: %2</source>
        <translation>测试于 %1：%2</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Account</source>
        <translation>账户</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Mode</source>
        <translation>模式</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Channel merchant id</source>
        <translation>渠道商户号</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Per payment limit</source>
        <translation>单笔限额</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Daily limit</source>
        <translation>单日限额</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Used today</source>
        <translation>今日已用</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Credentials</source>
        <translation>凭据</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last connection test</source>
        <translation>最近连接测试</translation>
    </message>
</context>
<context>
    <name>paydesk::ChannelAccountsPanel</name>
    <message>
        <location filename="../widgets/channel/ChannelAccountsPanel.cpp" line="+186"/>
        <source>Last test %1: %2</source>
        <translation>上次测试于 %1：%2</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>E&amp;nable</source>
        <translation>启用(&amp;N)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Disable</source>
        <translation>停用(&amp;D)</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Change %1 proposed for %2 (%3): it takes effect when a second operator approves it.</source>
        <translation>已为 %2 提交变更 %1（%3）：经另一名操作员审批后生效。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 stored for %2: it verifies nothing, so no approval is needed.</source>
        <translation>已为 %2 保存 %1：该项不用于任何验签，无需审批。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Channel account %1 created. Set its credentials, then test the connection.</source>
        <translation>渠道账户 %1 已创建。请设置其凭据，然后测试连接。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Channel account %1 saved.</source>
        <translation>渠道账户 %1 已保存。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1 disabled: routing skips it.</source>
        <translation>%1 已停用：路由将跳过该账户。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 enabled.</source>
        <translation>%1 已启用。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Testing %1: asking %2 about an order that cannot exist…</source>
        <translation>正在测试 %1：向%2查询一笔不可能存在的订单…</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>%1: the test could not run: %2</source>
        <translation>%1：无法执行测试：%2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;New account…</source>
        <translation>新建账户(&amp;N)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Edit…</source>
        <translation>编辑(&amp;E)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Test connection</source>
        <translation>测试连接(&amp;T)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Connection test</source>
        <translation>连接测试</translation>
    </message>
</context>
<context>
    <name>paydesk::ConsoleApp</name>
    <message>
        <location filename="../widgets/shell/ConsoleApp.cpp" line="+52"/>
        <source>Choose your own password</source>
        <translation>设置您自己的密码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your password was set by an administrator. Choose your own before you continue.</source>
        <translation>您的密码由管理员设置，请先设置自己的密码再继续。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Unlock the secret vault</source>
        <translation>解锁密钥保险库</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enter the master passphrase to use channel keys and application secrets in this session. You can skip this and unlock later from the Account menu.</source>
        <translation>输入主口令后，本次会话即可使用渠道密钥和应用密钥。也可以跳过，稍后从“账户”菜单解锁。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Skip</source>
        <translation>跳过</translation>
    </message>
</context>
<context>
    <name>paydesk::CredentialChangeModel</name>
    <message>
        <location filename="../widgets/channel/CredentialChangeModel.cpp" line="+39"/>
        <source>%1 (%2 %3)</source>
        <translation>%1（%2 %3）</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Change</source>
        <translation>变更</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Credentials of</source>
        <translation>所属凭据</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Items</source>
        <translation>凭据项</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Proposed by</source>
        <translation>提交人</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Proposed at</source>
        <translation>提交时间</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Waits until</source>
        <translation>等待至</translation>
    </message>
</context>
<context>
    <name>paydesk::CredentialChangesView</name>
    <message>
        <location filename="../widgets/channel/CredentialChangesView.cpp" line="+122"/>
        <source>The vault is locked: unlock it with the master passphrase before approving credentials.</source>
        <translation>保险库已锁定：请先用主口令解锁，再审批凭据。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Approve change %1 of the credentials of %2?

%3

Compare the fingerprints with what the channel&apos;s merchant platform shows. Once approved they are in effect at once for every account sharing them, and for 24 hours each of their callbacks is confirmed by a query to the channel.</source>
        <translation>批准 %2 的凭据变更 %1？

%3

请将指纹与渠道商户平台上显示的核对。批准后，新凭据立即对共用这些凭据的所有账户生效；此后 24 小时内，这些账户的每笔回调都先向渠道主动查询核实。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Approve credential change</source>
        <translation>批准凭据变更</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Change %1 approved: the new credentials of %2 are in effect; for 24 hours its callbacks are confirmed by a query to the channel.</source>
        <translation>变更 %1 已批准：%2 的新凭据已生效；此后 24 小时内，其回调都先向渠道主动查询核实。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Reject credential change</source>
        <translation>驳回凭据变更</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Why is change %1 of %2 rejected?</source>
        <translation>驳回 %2 的变更 %1 的原因：</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>A rejection needs a reason.</source>
        <translation>驳回需要填写原因。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Change %1 rejected: the proposed credentials were discarded.</source>
        <translation>变更 %1 已驳回：提交的凭据已丢弃。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Withdraw credential change</source>
        <translation>撤回凭据变更</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Withdraw your change %1 of the credentials of %2? The proposed credentials are discarded.</source>
        <translation>撤回您对 %2 凭据提交的变更 %1？提交的凭据将被丢弃。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Change %1 withdrawn: the proposed credentials were discarded.</source>
        <translation>变更 %1 已撤回：提交的凭据已丢弃。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Credential changes waiting for a second operator (%1)</source>
        <translation>等待另一名操作员审批的凭据变更（%1）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Approve…</source>
        <translation>批准(&amp;A)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Re&amp;ject…</source>
        <translation>驳回(&amp;J)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Withdraw…</source>
        <translation>撤回(&amp;W)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No credential change waits for approval.</source>
        <translation>没有待审批的凭据变更。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Change %1, proposed by %2: old → new fingerprints</source>
        <translation>变更 %1，由 %2 提交：原指纹 → 新指纹</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>You proposed it: another operator who may approve credentials decides.</source>
        <translation>此变更由您提交：须由另一名有凭据审批权限的操作员决定。</translation>
    </message>
</context>
<context>
    <name>paydesk::CredentialStatusModel</name>
    <message>
        <location filename="../widgets/channel/CredentialStatusModel.cpp" line="+56"/>
        <source>Vault item %1%2</source>
        <translation>保险库条目 %1%2</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Required</source>
        <translation>必需</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>One of two alternatives</source>
        <translation>二选一</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Set</source>
        <translation>已设置</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Missing</source>
        <translation>缺失</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Credential</source>
        <translation>凭据</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Needed</source>
        <translation>要求</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>In the vault</source>
        <translation>保险库中</translation>
    </message>
</context>
<context>
    <name>paydesk::CredentialsView</name>
    <message>
        <location filename="../widgets/channel/CredentialsView.cpp" line="+86"/>
        <source>Complete: everything the channel needs is in the vault.</source>
        <translation>完整：渠道所需的全部凭据均已存入保险库。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Still needed: %1</source>
        <translation>尚缺：%1</translation>
    </message>
    <message>
        <location line="+12"/>
        <location line="+42"/>
        <source>Set…</source>
        <translation>设置…</translation>
    </message>
    <message>
        <location line="-12"/>
        <source>Credentials of %1 (%2, channel merchant id %3)</source>
        <translation>%1 的凭据（%2，渠道商户号 %3）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Credentials: choose a channel account</source>
        <translation>凭据：请选择渠道账户</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The vault is locked, so credentials cannot be set now. An administrator must unlock it with the master passphrase first; what is stored stays listed below.</source>
        <translation>保险库已锁定，目前无法设置凭据。需先由管理员使用主口令解锁；已存储的项目仍列于下方。</translation>
    </message>
</context>
<context>
    <name>paydesk::CurrentRateModel</name>
    <message>
        <location filename="../widgets/fee/CurrentRateModel.cpp" line="+38"/>
        <source>not set</source>
        <translation>未设置</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 from %2</source>
        <translation>%1（自 %2 起）</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Payment method</source>
        <translation>支付方式</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rate today</source>
        <translation>今日费率</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>ppm</source>
        <translation>ppm</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Since</source>
        <translation>起始日期</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Next change</source>
        <translation>下次变更</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Template</source>
        <translation>模板</translation>
    </message>
</context>
<context>
    <name>paydesk::DateRangeFilter</name>
    <message>
        <location filename="../widgets/payment/DateRangeFilter.cpp" line="+111"/>
        <source>Any time</source>
        <translation>不限时间</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Yesterday</source>
        <translation>昨天</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last 7 days</source>
        <translation>最近 7 天</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Last 30 days</source>
        <translation>最近 30 天</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Days…</source>
        <translation>指定日期…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>First day</source>
        <translation>起始日</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last day</source>
        <translation>截止日</translation>
    </message>
</context>
<context>
    <name>paydesk::DiscrepancyChart</name>
    <message>
        <location filename="../widgets/reconciliation/DiscrepancyChart.cpp" line="+219"/>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No discrepancies</source>
        <translation>没有差错</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Discrepancies found per bill date, last %1 days</source>
        <translation>最近 %1 天每个账单日发现的差错</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Bill date</source>
        <translation>账单日</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Discrepancies</source>
        <translation>差错数</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No discrepancies were found in these days.</source>
        <translation>这些天没有发现差错。</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%Ln discrepancy(ies) found in these days.</source>
        <translation>
            <numerusform>这些天共发现 %Ln 条差错。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>paydesk::DiscrepancyDetailView</name>
    <message>
        <location filename="../widgets/reconciliation/DiscrepancyDetailView.cpp" line="+87"/>
        <source>Channel statement</source>
        <translation>渠道对账单</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Paydesk</source>
        <translation>本平台</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Listed</source>
        <translation>是否有记录</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Channel fee</source>
        <translation>渠道手续费</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+77"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="-77"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Recorded at</source>
        <translation>记录位置</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Choose a discrepancy to see both sides.</source>
        <translation>选择一条差错，查看双方的记录。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Discrepancy #%1: %2, %3 of %4 on %5</source>
        <translation>差错 #%1：%2，%4 账户 %5 的%3</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Order number</source>
        <translation>订单号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refund number</source>
        <translation>退款单号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Channel transaction id</source>
        <translation>渠道交易号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Channel refund number</source>
        <translation>渠道退款单号</translation>
    </message>
    <message>
        <location line="+27"/>
        <location line="+1"/>
        <source>Yes</source>
        <translation>有</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Not in the statement</source>
        <translation>对账单中没有</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No such record</source>
        <translation>平台无此记录</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>%1, line %2 (first on line %3)</source>
        <translation>%1 第 %2 行（首次出现在第 %3 行）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1, line %2</source>
        <translation>%1 第 %2 行</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>refund record #%1</source>
        <translation>退款记录 #%1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>order record #%1</source>
        <translation>订单记录 #%1</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Found</source>
        <translation>发现时间</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Runs</source>
        <translation>对账批次</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+12"/>
        <location line="+2"/>
        <source>#%1</source>
        <translation>#%1</translation>
    </message>
    <message>
        <location line="-13"/>
        <source>first #%1, latest #%2</source>
        <translation>首次 #%1，最近 #%2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Resolution</source>
        <translation>处理方案</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Proposed</source>
        <translation>提出</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+4"/>
        <source>by %1 at %2</source>
        <translation>%1 于 %2</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>Merchant</source>
        <translation>商户</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Decided</source>
        <translation>审批</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rejected because</source>
        <translation>驳回原因</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ledger entry</source>
        <translation>记账分录</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Parked by entry</source>
        <translation>挂账分录</translation>
    </message>
</context>
<context>
    <name>paydesk::DiscrepancyFilterBar</name>
    <message>
        <location filename="../widgets/reconciliation/DiscrepancyFilterBar.cpp" line="+94"/>
        <location line="+33"/>
        <source>All accounts</source>
        <translation>全部账户</translation>
    </message>
    <message>
        <location line="-12"/>
        <source>Show:</source>
        <translation>显示：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open and waiting for approval</source>
        <translation>待处理和待审批</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Category:</source>
        <translation>类别：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All categories</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Account:</source>
        <translation>账户：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Bill dates:</source>
        <translation>账单日：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
</context>
<context>
    <name>paydesk::DiscrepancyModel</name>
    <message>
        <location filename="../widgets/reconciliation/DiscrepancyModel.cpp" line="+167"/>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Bill date</source>
        <translation>账单日</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Channel account</source>
        <translation>渠道账户</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Order / refund number</source>
        <translation>订单号/退款单号</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Channel transaction id</source>
        <translation>渠道交易号</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Channel amount</source>
        <translation>渠道金额</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Our amount</source>
        <translation>平台金额</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Resolution</source>
        <translation>处理方案</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Age</source>
        <translation>已过时间</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Proposed by</source>
        <translation>提出人</translation>
    </message>
</context>
<context>
    <name>paydesk::DiscrepancyPoolView</name>
    <message numerus="yes">
        <location filename="../widgets/reconciliation/DiscrepancyPoolView.cpp" line="+174"/>
        <source>%Ln discrepancy(ies)</source>
        <translation>
            <numerusform>共 %Ln 条差错</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%Ln discrepancy(ies) shown, more as you scroll</source>
        <translation>
            <numerusform>已显示 %Ln 条差错，向下滚动加载更多</numerusform>
        </translation>
    </message>
    <message>
        <location line="+18"/>
        <source>You proposed this resolution: another approver decides it.</source>
        <translation>此方案由您提出，须由另一位审批人决定。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Waiting for an approver.</source>
        <translation>等待审批人审批。</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Proposed: %1. An approver decides next.</source>
        <translation>已提出：%1。接下来由审批人决定。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Approve the resolution</source>
        <translation>批准处理方案</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Approve &quot;%1&quot; for discrepancy #%2, proposed by %3? Its ledger entry is posted now.</source>
        <translation>批准 %3 为差错 #%2 提出的“%1”吗？批准后立即记账。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Approved: %1. The discrepancy is resolved.</source>
        <translation>已批准：%1。该差错已解决。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Reject the resolution</source>
        <translation>驳回处理方案</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Why is the proposed resolution rejected? The discrepancy opens again for a new proposal.</source>
        <translation>为什么驳回该处理方案？驳回后差错重新变为待处理，可以再次提出方案。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Rejected: the discrepancy is open again.</source>
        <translation>已驳回：该差错重新变为待处理。</translation>
    </message>
    <message>
        <location line="+69"/>
        <source>Propose a resolution…</source>
        <translation>提出处理方案…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Approve…</source>
        <translation>批准…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reject…</source>
        <translation>驳回…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open the order&apos;s story</source>
        <translation>查看订单全貌</translation>
    </message>
</context>
<context>
    <name>paydesk::DocumentPreview</name>
    <message>
        <location filename="../widgets/merchant/DocumentPreview.cpp" line="+58"/>
        <location line="+70"/>
        <source>Select a document to see it here.</source>
        <translation>选择一份资料以在此处查看。</translation>
    </message>
    <message>
        <location line="-51"/>
        <source>This PDF cannot be shown.</source>
        <translation>无法显示此 PDF。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>This image cannot be shown.</source>
        <translation>无法显示此图片。</translation>
    </message>
</context>
<context>
    <name>paydesk::FeeQuoteView</name>
    <message>
        <location filename="../widgets/fee/FeeQuoteView.cpp" line="+114"/>
        <source>e.g. %1</source>
        <translation>例如 %1</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Calculating…</source>
        <translation>正在计算…</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Amount: %1 on %2</source>
        <translation>金额：%1，日期：%2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Merchant fee: %1 at %2</source>
        <translation>商户手续费：%1，费率 %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Channel cost: %1 at %2</source>
        <translation>渠道成本：%1，费率 %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Platform margin: %1 (the account costs more than the merchant pays)</source>
        <translation>平台毛利：%1（该账户的成本高于商户支付的手续费）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Platform margin: %1</source>
        <translation>平台毛利：%1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Merchant:</source>
        <translation>商户：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Payment method:</source>
        <translation>支付方式：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Channel account:</source>
        <translation>渠道账户：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Amount:</source>
        <translation>金额：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>On:</source>
        <translation>日期：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Quote</source>
        <translation>试算(&amp;Q)</translation>
    </message>
</context>
<context>
    <name>paydesk::FeeTemplateDialog</name>
    <message>
        <location filename="../widgets/fee/FeeTemplateDialog.cpp" line="+26"/>
        <source>New fee template</source>
        <translation>新建费率模板</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Fee template %1</source>
        <translation>费率模板 %1</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Description:</source>
        <translation>描述：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Merchant rates by payment method</source>
        <translation>各支付方式的商户费率</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>e.g. 0.38</source>
        <translation>例如 0.38</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Applying a template copies its rates into each merchant&apos;s own rates; editing the template later does not change them.</source>
        <translation>应用模板会将其费率复制为各商户自己的费率；之后编辑模板不会改变这些费率。</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>The template needs a name.</source>
        <translation>请填写模板名称。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Check at least one payment method and give its rate.</source>
        <translation>请至少勾选一种支付方式并填写其费率。</translation>
    </message>
</context>
<context>
    <name>paydesk::FeeTemplateModel</name>
    <message>
        <location filename="../widgets/fee/FeeTemplateModel.cpp" line="+36"/>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Applied (kept)</source>
        <translation>已应用（保留记录）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Not applied yet</source>
        <translation>尚未应用</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Template</source>
        <translation>模板</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rates</source>
        <translation>费率</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Use</source>
        <translation>使用情况</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Description</source>
        <translation>描述</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last changed</source>
        <translation>最后修改</translation>
    </message>
</context>
<context>
    <name>paydesk::FeeTemplatesView</name>
    <message>
        <location filename="../widgets/fee/FeeTemplatesView.cpp" line="+100"/>
        <source>Template %1 created.</source>
        <translation>模板 %1 已创建。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Template %1 saved. Rates set from it earlier are unchanged.</source>
        <translation>模板 %1 已保存。之前根据该模板设置的费率不变。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Delete template</source>
        <translation>删除模板</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Delete the fee template %1?</source>
        <translation>确定删除费率模板 %1 吗？</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Template %1 deleted.</source>
        <translation>模板 %1 已删除。</translation>
    </message>
    <message numerus="yes">
        <location line="+13"/>
        <source>%n merchant rate(s) set from the template.</source>
        <translation>
            <numerusform>已根据模板设置 %n 条商户费率。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+16"/>
        <source>&amp;New template…</source>
        <translation>新建模板(&amp;N)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Edit…</source>
        <translation>编辑(&amp;E)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Delete</source>
        <translation>删除(&amp;D)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Apply to merchants…</source>
        <translation>应用到商户(&amp;A)…</translation>
    </message>
</context>
<context>
    <name>paydesk::FeesPanel</name>
    <message>
        <location filename="../widgets/fee/FeesPanel.cpp" line="+122"/>
        <source>Merchant rates</source>
        <translation>商户费率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Channel costs</source>
        <translation>渠道成本</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rate templates</source>
        <translation>费率模板</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fee calculator</source>
        <translation>手续费试算</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Merchant:</source>
        <translation>商户：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Channel account:</source>
        <translation>渠道账户：</translation>
    </message>
</context>
<context>
    <name>paydesk::FirstRunDialog</name>
    <message>
        <location filename="../widgets/shell/FirstRunDialog.cpp" line="+23"/>
        <source>Paydesk — first start</source>
        <translation>Paydesk — 首次启动</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Production</source>
        <translation>生产</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Test</source>
        <translation>测试</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Demo</source>
        <translation>演示</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This database has no operators yet. Create the first administrator, and choose the master passphrase that encrypts channel keys and application secrets. Paydesk cannot recover a lost master passphrase.</source>
        <translation>该数据库还没有操作员。请创建首个管理员，并设置用于加密渠道密钥和应用密钥的主口令。主口令丢失后 Paydesk 无法找回。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Administrator:</source>
        <translation>管理员：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Password:</source>
        <translation>密码：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Password again:</source>
        <translation>再次输入密码：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Master passphrase:</source>
        <translation>主口令：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Passphrase again:</source>
        <translation>再次输入主口令：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Environment:</source>
        <translation>运行环境：</translation>
    </message>
    <message numerus="yes">
        <location line="+21"/>
        <source>The password needs at least %n characters.</source>
        <translation>
            <numerusform>密码至少需要 %n 个字符。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The two passwords differ.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The master passphrase needs at least 12 characters.</source>
        <translation>主口令至少需要 12 个字符。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The two passphrases differ.</source>
        <translation>两次输入的主口令不一致。</translation>
    </message>
</context>
<context>
    <name>paydesk::JournalModel</name>
    <message>
        <location filename="../widgets/ledger/JournalModel.cpp" line="+46"/>
        <source>This entry has lines in more than one currency; the amount is the sum of its debit lines.</source>
        <translation>该分录含多个币种的明细，金额为其借方明细之和。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1 of #%2</source>
        <translation>%1 #%2</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Entry</source>
        <translation>分录</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Business date</source>
        <translation>营业日期</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reference</source>
        <translation>业务单号</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Memo</source>
        <translation>摘要</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Posted by</source>
        <translation>过账人</translation>
    </message>
</context>
<context>
    <name>paydesk::JournalPanel</name>
    <message>
        <location filename="../widgets/ledger/JournalPanel.cpp" line="+58"/>
        <location line="+251"/>
        <source>All accounts</source>
        <translation>全部科目</translation>
    </message>
    <message>
        <location line="-243"/>
        <location line="+67"/>
        <location line="+168"/>
        <source>from (e.g. %1)</source>
        <translation>从（如 %1）</translation>
    </message>
    <message>
        <location line="-118"/>
        <source>Choose an account to filter by amount.</source>
        <translation>按金额筛选请先选择一个账户。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The ledger keeps amounts in %1: choose an account to filter by amount.</source>
        <translation>账簿中的金额涉及多个币种（%1）：按金额筛选请先选择一个账户。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Amounts in %1 are written like %2.</source>
        <translation>%1 金额格式如 %2。</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n entries</source>
        <translation>
            <numerusform>共 %n 笔分录</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n entries shown; scroll for more</source>
        <translation>
            <numerusform>已显示 %n 笔分录，向下滚动加载更多</numerusform>
        </translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Entry #%1 · %2 · %3 · %4</source>
        <translation>分录 #%1 · %2 · %3 · %4</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>reverses #%1</source>
        <translation>冲销 #%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>reversed by #%1</source>
        <translation>已被 #%1 冲销</translation>
    </message>
    <message>
        <location line="+35"/>
        <location line="+6"/>
        <source>Export journal</source>
        <translation>导出日记账</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>ledger-cli journals (*.ledger *.dat)</source>
        <translation>ledger-cli 日记账 (*.ledger *.dat)</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+9"/>
        <source>Account</source>
        <translation>科目</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>Business dates</source>
        <translation>营业日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reference</source>
        <translation>业务单号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>order no., refund no., batch…</source>
        <translation>订单号、退款单号、批次号…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Search</source>
        <translation>查询(&amp;S)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export journal…</source>
        <translation>导出日记账…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Currency</source>
        <translation>币种</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Debit</source>
        <translation>借方</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Credit</source>
        <translation>贷方</translation>
    </message>
</context>
<context>
    <name>paydesk::LedgerPanel</name>
    <message>
        <location filename="../widgets/ledger/LedgerPanel.cpp" line="+36"/>
        <source>Balances &amp;&amp; trial balance</source>
        <translation>余额与试算平衡</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Journal</source>
        <translation>日记账</translation>
    </message>
</context>
<context>
    <name>paydesk::LoginDialog</name>
    <message>
        <location filename="../widgets/shell/LoginDialog.cpp" line="+18"/>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Paydesk — sign in</source>
        <translation>Paydesk — 登录</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Database: %1</source>
        <translation>数据库：%1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>User name:</source>
        <translation>用户名：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Password:</source>
        <translation>密码：</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Environment: %1</source>
        <translation>环境：%1</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Enter your user name and password.</source>
        <translation>请输入用户名和密码。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Signing in…</source>
        <translation>正在登录…</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Too many failed sign-ins: this operator is locked until %1.</source>
        <translation>登录失败次数过多：该操作员已锁定至 %1。</translation>
    </message>
</context>
<context>
    <name>paydesk::MainWindow</name>
    <message>
        <location filename="../widgets/shell/MainWindow.cpp" line="+215"/>
        <source>Paydesk — payment operations console</source>
        <translation>Paydesk — 支付运营控制台</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Ledger</source>
        <translation>账务</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Merchants</source>
        <translation>商户</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Review queue</source>
        <translation>审核队列</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Applications</source>
        <translation>应用</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Channel accounts</source>
        <translation>渠道账户</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Fee rates &amp; templates</source>
        <translation>费率与费率模板</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Routing rules</source>
        <translation>路由规则</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Transactions</source>
        <translation>交易查询</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Refunds &amp; notifications</source>
        <translation>退款与通知</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reconciliation</source>
        <translation>对账</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Audit log</source>
        <translation>审计日志</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Operators &amp; roles</source>
        <translation>操作员与角色</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Welcome</source>
        <translation>欢迎</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your roles (%1) have no panels in this version yet.</source>
        <translation>您的角色（%1）在当前版本中暂无可用面板。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sign &amp;out</source>
        <translation>退出登录(&amp;O)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Serve the &amp;gateway on loopback</source>
        <translation>在本机回环地址上提供网关服务(&amp;G)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Account</source>
        <translation>账户(&amp;A)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Change &amp;password…</source>
        <translation>修改密码(&amp;P)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unlock secret &amp;vault…</source>
        <translation>解锁密钥保险库(&amp;V)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Lock screen</source>
        <translation>锁定屏幕(&amp;L)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;About Paydesk</source>
        <translation>关于 Paydesk(&amp;A)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Signed in as %1 (%2)</source>
        <translation>当前登录：%1（%2）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Production</source>
        <translation>生产</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Test</source>
        <translation>测试</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Demo</source>
        <translation>演示</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Environment: %1</source>
        <translation>环境：%1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Database: %1</source>
        <translation>数据库：%1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Vault: not set up</source>
        <translation>保险库：未建立</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Vault: unlocked</source>
        <translation>保险库：已解锁</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Vault: locked</source>
        <translation>保险库：已锁定</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Gateway: %1</source>
        <translation>网关：%1</translation>
    </message>
    <message>
        <location line="+12"/>
        <location line="+6"/>
        <source>Gateway</source>
        <translation>网关</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>Unlock the secret vault first: the gateway needs the channel credentials and the applications&apos; keys.</source>
        <translation>请先解锁密钥保险库：网关需要渠道凭据和应用密钥。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The gateway could not start: %1</source>
        <translation>网关无法启动：%1</translation>
    </message>
    <message>
        <location line="-93"/>
        <location line="+111"/>
        <location line="+14"/>
        <source>Paydesk is locked</source>
        <translation>Paydesk 已锁定</translation>
    </message>
    <message>
        <location line="-13"/>
        <source>Paydesk locked itself after a time without use. Enter the password of %1 to go on.</source>
        <translation>Paydesk 在一段时间无操作后已自动锁定。请输入 %1 的密码以继续。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Sign out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Change password</source>
        <translation>修改密码</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Choose a new password of at least 12 characters that you have not used recently.</source>
        <translation>请设置一个至少 12 个字符、最近未使用过的新密码。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Unlock the secret vault</source>
        <translation>解锁密钥保险库</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Enter the master passphrase.</source>
        <translation>请输入主口令。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>About Paydesk</source>
        <translation>关于 Paydesk</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;h3&gt;Paydesk %1&lt;/h3&gt;&lt;p&gt;Console for an aggregated payment platform: merchants, channels, orders, reconciliation, clearing and settlement over a double-entry ledger.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Paydesk %1&lt;/h3&gt;&lt;p&gt;聚合支付平台运营控制台：基于复式记账的商户、渠道、订单、对账、清算与结算管理。&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>paydesk::MerchantActions</name>
    <message>
        <location filename="../widgets/merchant/MerchantActions.cpp" line="+69"/>
        <source>Approve %1</source>
        <translation>审核通过 %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Approving opens the merchant&apos;s ledger accounts. A note for the record (optional):</source>
        <translation>审核通过后将开立该商户的账本科目。记录备注（可选）：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Reject %1</source>
        <translation>驳回 %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Why is the submission rejected? The submitter will see this reason.</source>
        <translation>驳回此次提交的原因是什么？提交人将看到该原因。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Freeze %1</source>
        <translation>冻结 %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Freezing moves the available balance to the frozen account and stops payouts. Why?</source>
        <translation>冻结会将可用余额转入冻结科目，并暂停结算出款。请说明原因：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Unfreeze %1</source>
        <translation>解冻 %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unfreezing moves back what the freeze held. A note for the record (optional):</source>
        <translation>解冻会将冻结时扣留的资金转回。记录备注（可选）：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Close %1</source>
        <translation>注销 %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Closing is final: the merchant&apos;s accounts must be at zero and are closed. A note (optional):</source>
        <translation>注销后不可恢复：商户各科目余额必须为零，注销时科目将被关闭。备注（可选）：</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>These documents are missing: %1</source>
        <translation>缺少以下资料：%1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The profile is not complete:
%1</source>
        <translation>基本信息不完整：
%1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 refused</source>
        <translation>%1 被拒绝</translation>
    </message>
</context>
<context>
    <name>paydesk::MerchantBalancesTab</name>
    <message>
        <location filename="../widgets/merchant/MerchantBalancesTab.cpp" line="+103"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pending</source>
        <translation>待结算</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Available</source>
        <translation>可用</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Frozen</source>
        <translation>冻结</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Paid by customers, not yet due to the merchant</source>
        <translation>客户已付款、尚未到期应付给商户的款项</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Due to the merchant: what the next payout may pay</source>
        <translation>应付给商户的款项：下次结算出款可支付的金额</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Held back: the reserve, or everything while the merchant is frozen</source>
        <translation>暂扣款项：保证金，或商户冻结期间的全部资金</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Ledger accounts of %1 (%2)</source>
        <translation>%1（%2）的账本科目</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>The ledger accounts open when the merchant is approved.</source>
        <translation>商户审核通过后开立账本科目。</translation>
    </message>
</context>
<context>
    <name>paydesk::MerchantDetailView</name>
    <message>
        <location filename="../widgets/merchant/MerchantDetailView.cpp" line="+229"/>
        <source>Profile not saved</source>
        <translation>基本信息未保存</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>While %1, only contact and settlement fields can change.</source>
        <translation>状态为“%1”时，只能修改联系信息和结算信息。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>A %1 merchant&apos;s profile cannot change.</source>
        <translation>状态为“%1”的商户不能修改基本信息。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Read only: editing needs the merchant edit permission.</source>
        <translation>只读：编辑需要商户编辑权限。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Rejected by %1 on %2: %3</source>
        <translation>%1 于 %2 驳回：%3</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Before submitting, add: %1</source>
        <translation>提交前请补充：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Complete: ready to submit for review.</source>
        <translation>信息已完整：可以提交审核。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Waiting for review since %1 (submitted by %2). A colleague other than the submitter reviews it.</source>
        <translation>自 %1 起等待审核（提交人：%2）。须由提交人以外的同事审核。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Approved by %1. Ready to activate.</source>
        <translation>已由 %1 审核通过，可以激活。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not ready to activate yet:</source>
        <translation>尚不能激活：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Approved by %1. Checking whether it is ready to activate…</source>
        <translation>已由 %1 审核通过。正在检查是否可以激活…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Frozen: payouts are stopped and the available balance is held in the frozen account.</source>
        <translation>已冻结：结算出款已暂停，可用余额已转入冻结科目。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Select a merchant to see its profile, documents, accounts, applications, fees and history.</source>
        <translation>选择一个商户以查看其基本信息、资料、科目、应用、费率和历史记录。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Profile</source>
        <translation>基本信息</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Documents</source>
        <translation>资料</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Accounts &amp;&amp; balances</source>
        <translation>科目与余额</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Apps</source>
        <translation>应用</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fees</source>
        <translation>费率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>History</source>
        <translation>历史记录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Re&amp;vert</source>
        <translation>撤销修改(&amp;V)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1 · %2 · settles %3</source>
        <translation>%1 · %2 · 结算周期 %3</translation>
    </message>
</context>
<context>
    <name>paydesk::MerchantDocumentModel</name>
    <message>
        <location filename="../widgets/merchant/MerchantDocumentModel.cpp" line="+49"/>
        <source>Replaced by a newer document of this kind</source>
        <translation>已被同类型的新资料取代</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1 (superseded)</source>
        <translation>%1（已取代）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>PDF</source>
        <translation>PDF</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>PNG image</source>
        <translation>PNG 图片</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>JPEG image</source>
        <translation>JPEG 图片</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Kind</source>
        <translation>资料类型</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Type</source>
        <translation>格式</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>SHA-256</source>
        <translation>SHA-256</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Uploaded by</source>
        <translation>上传人</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Uploaded at</source>
        <translation>上传时间</translation>
    </message>
</context>
<context>
    <name>paydesk::MerchantDocumentsTab</name>
    <message>
        <location filename="../widgets/merchant/MerchantDocumentsTab.cpp" line="+155"/>
        <source>Opening documents needs the permission to see personal data.</source>
        <translation>打开资料需要查看个人信息的权限。</translation>
    </message>
    <message>
        <location line="+67"/>
        <source>Remove document</source>
        <translation>移除资料</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove %1 (%2)? It stays on record as superseded.</source>
        <translation>移除 %1（%2）？它将作为已取代记录保留。</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Documents</source>
        <translation>资料</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>&amp;Attach…</source>
        <translation>添加(&amp;A)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Remove…</source>
        <translation>移除(&amp;R)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show superseded</source>
        <translation>显示已取代的资料</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>All documents a submission needs are attached.</source>
        <translation>提交所需的资料均已添加。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Missing for submission: %1</source>
        <translation>提交前还缺少：%1</translation>
    </message>
</context>
<context>
    <name>paydesk::MerchantFilterBar</name>
    <message>
        <location filename="../widgets/merchant/MerchantFilterBar.cpp" line="+80"/>
        <source>Search name, merchant no., registration no. or phone</source>
        <translation>搜索名称、商户号、证件号码或电话</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>All statuses (%1)</source>
        <translation>全部状态（%1）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n merchant(s): %1</source>
        <translation>
            <numerusform>%n 个商户：%1</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No merchants match.</source>
        <translation>没有匹配的商户。</translation>
    </message>
</context>
<context>
    <name>paydesk::MerchantHistoryModel</name>
    <message>
        <location filename="../widgets/merchant/MerchantHistoryModel.cpp" line="+54"/>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Operator</source>
        <translation>操作员</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reason / details</source>
        <translation>原因/详情</translation>
    </message>
</context>
<context>
    <name>paydesk::MerchantModel</name>
    <message>
        <location filename="../widgets/merchant/MerchantModel.cpp" line="+101"/>
        <source>Rejected: %1</source>
        <translation>已驳回：%1</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Merchant no.</source>
        <translation>商户号</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Short name</source>
        <translation>商户简称</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Legal name</source>
        <translation>商户全称</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Registration no.</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Contact</source>
        <translation>联系人</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Submitted by</source>
        <translation>提交人</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Submitted at</source>
        <translation>提交时间</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
</context>
<context>
    <name>paydesk::MerchantProfileForm</name>
    <message>
        <location filename="../widgets/merchant/MerchantProfileForm.cpp" line="+26"/>
        <source>not an amount with at most two decimals</source>
        <translation>金额格式不正确（最多两位小数）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>not a percentage between 0% and 100%</source>
        <translation>不是 0% 到 100% 之间的百分比</translation>
    </message>
    <message>
        <location line="+316"/>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Unified social credit code</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Resident ID number</source>
        <translation>居民身份证号码</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Legal name</source>
        <translation>商户全称</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reserve held back</source>
        <translation>保证金比例</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Contact person</source>
        <translation>联系人</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Merchant</source>
        <translation>商户</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contact</source>
        <translation>联系方式</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Settlement bank account</source>
        <translation>结算银行账户</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Settlement</source>
        <translation>结算</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>T+1 (next business day)</source>
        <translation>T+1（下一个工作日）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>T+N (after N days)</source>
        <translation>T+N（N 天后）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Manual (on request only)</source>
        <translation>手动（仅按申请结算）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1:</source>
        <translation>%1：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>18 characters, e.g. 91440300708461136T</source>
        <translation>18 位，例如 91440300708461136T</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>18 characters, e.g. 11010519491231002X</source>
        <translation>18 位，例如 11010519491231002X</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mobile 13812345678 or landline 010-12345678</source>
        <translation>手机 13812345678 或固话 010-12345678</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>8 to 30 digits</source>
        <translation>8 到 30 位数字</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Share of each payout held back in the frozen account, as a percentage (e.g. 5%).</source>
        <translation>每次结算出款中扣留到冻结科目的比例，以百分比表示（例如 5%）。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Payouts smaller than this wait for the next settlement (%1).</source>
        <translation>低于此金额的结算款将顺延至下次结算（%1）。</translation>
    </message>
</context>
<context>
    <name>paydesk::MerchantRatesView</name>
    <message>
        <location filename="../widgets/fee/MerchantRatesView.cpp" line="+64"/>
        <source>Apply &amp;template…</source>
        <translation>应用模板(&amp;T)…</translation>
    </message>
</context>
<context>
    <name>paydesk::MerchantsPanel</name>
    <message>
        <location filename="../widgets/merchant/MerchantsPanel.cpp" line="+169"/>
        <source>&amp;New merchant…</source>
        <translation>新建商户(&amp;N)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Registering merchants needs the merchant edit permission.</source>
        <translation>登记商户需要商户编辑权限。</translation>
    </message>
</context>
<context>
    <name>paydesk::NewMerchantDialog</name>
    <message>
        <location filename="../widgets/merchant/NewMerchantDialog.cpp" line="+20"/>
        <source>New merchant</source>
        <translation>新建商户</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Create draft</source>
        <translation>创建草稿</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The merchant starts as a draft. Only the legal and short names are needed now; everything else, and the documents, before it is submitted for review.</source>
        <translation>商户创建后为草稿状态。现在只需填写商户全称和商户简称；其他信息及资料在提交审核前补充即可。</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Before creating: %1</source>
        <translation>创建前请补充：%1</translation>
    </message>
</context>
<context>
    <name>paydesk::OperatorDialog</name>
    <message>
        <location filename="../widgets/operators/OperatorDialog.cpp" line="+21"/>
        <source>New operator</source>
        <translation>新建操作员</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Roles of %1</source>
        <translation>%1 的角色</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Must choose a new password at the first sign-in</source>
        <translation>首次登录时必须设置新密码</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>User name:</source>
        <translation>用户名：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name:</source>
        <translation>姓名：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Initial password:</source>
        <translation>初始密码：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Again:</source>
        <translation>再次输入：</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Roles</source>
        <translation>角色</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Choose at least one role.</source>
        <translation>请至少选择一个角色。</translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>The password needs at least %n characters.</source>
        <translation>
            <numerusform>密码至少需要 %n 个字符。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The two passwords differ.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
</context>
<context>
    <name>paydesk::OperatorModel</name>
    <message>
        <location filename="../widgets/operators/OperatorModel.cpp" line="+48"/>
        <source>Disabled</source>
        <translation>已停用</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Locked until %1</source>
        <translation>锁定至 %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Active, must change password</source>
        <translation>正常，须修改密码</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Active</source>
        <translation>正常</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Roles</source>
        <translation>角色</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last sign-in</source>
        <translation>最近登录</translation>
    </message>
</context>
<context>
    <name>paydesk::OperatorsPanel</name>
    <message>
        <location filename="../widgets/operators/OperatorsPanel.cpp" line="+87"/>
        <source>&amp;Enable</source>
        <translation>启用(&amp;E)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Disable</source>
        <translation>停用(&amp;D)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Done.</source>
        <translation>已完成。</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Reset password of %1</source>
        <translation>重置 %1 的密码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Set a temporary password. %1 must choose a new one at the next sign-in; a lockout is lifted.</source>
        <translation>设置一个临时密码。%1 下次登录时必须设置新密码；锁定状态同时解除。</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>&amp;New operator…</source>
        <translation>新建操作员(&amp;N)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>R&amp;oles…</source>
        <translation>角色(&amp;O)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reset &amp;password…</source>
        <translation>重置密码(&amp;P)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Unlock</source>
        <translation>解锁(&amp;U)</translation>
    </message>
</context>
<context>
    <name>paydesk::OrderFilterBar</name>
    <message>
        <location filename="../widgets/payment/OrderFilterBar.cpp" line="+121"/>
        <location line="+59"/>
        <source>All accounts</source>
        <translation>全部账户</translation>
    </message>
    <message>
        <location line="-57"/>
        <location line="+43"/>
        <source>All methods</source>
        <translation>全部支付方式</translation>
    </message>
    <message>
        <location line="-17"/>
        <source>All channels</source>
        <translation>全部渠道</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>With or without refunds</source>
        <translation>有无退款均可</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>With refunds</source>
        <translation>有退款</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Without refunds</source>
        <translation>无退款</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>All merchants</source>
        <translation>全部商户</translation>
    </message>
    <message>
        <location line="+80"/>
        <source>choose a merchant to filter by amount</source>
        <translation>按金额筛选请先选择商户</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>merchants are paid in %1: choose one to filter by amount</source>
        <translation>商户涉及多个结算币种（%1）：按金额筛选请先选择一个商户</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Any id: order no, merchant order no, channel transaction id, refund no, payer id…</source>
        <translation>任意编号：订单号、商户订单号、渠道交易号、退款单号、付款人标识…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search</source>
        <translation>查询</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clear</source>
        <translation>清空</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>from</source>
        <translation>从</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>to</source>
        <translation>到</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>app_id</source>
        <translation>app_id</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Merchant</source>
        <translation>商户</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Account</source>
        <translation>账户</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Method</source>
        <translation>支付方式</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refunds</source>
        <translation>退款</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Paid</source>
        <translation>支付时间</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>App</source>
        <translation>应用</translation>
    </message>
</context>
<context>
    <name>paydesk::OrderResultsModel</name>
    <message>
        <location filename="../widgets/payment/OrderResultsModel.cpp" line="+101"/>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Order no</source>
        <translation>订单号</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Merchant</source>
        <translation>商户</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Merchant order no</source>
        <translation>商户订单号</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Method</source>
        <translation>支付方式</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Refunded</source>
        <translation>已退金额</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Channel transaction id</source>
        <translation>渠道交易号</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Payer</source>
        <translation>付款人</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Matched</source>
        <translation>匹配项</translation>
    </message>
</context>
<context>
    <name>paydesk::OrderStoryView</name>
    <message>
        <location filename="../widgets/payment/OrderStoryView.cpp" line="+135"/>
        <location line="+163"/>
        <source>Choose an order to see its story.</source>
        <translation>选择一笔订单，查看它的全部经过。</translation>
    </message>
    <message>
        <location line="-154"/>
        <source>Merchant</source>
        <translation>商户</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Merchant order no</source>
        <translation>商户订单号</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Method</source>
        <translation>支付方式</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Channel account</source>
        <translation>渠道账户</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Merchant fee</source>
        <translation>商户手续费</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Channel fee</source>
        <translation>渠道成本</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Refunded</source>
        <translation>已退金额</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Refunds</source>
        <translation>退款</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Paid</source>
        <translation>支付时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>not paid</source>
        <translation>未支付</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Channel transaction id</source>
        <translation>渠道交易号</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Payer</source>
        <translation>付款人</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Notifications</source>
        <translation>通知</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ledger entry</source>
        <translation>记账分录</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Working…</source>
        <translation>处理中…</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Close order</source>
        <translation>关闭订单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close %1 at the channel? The payer can no longer pay it.</source>
        <translation>在渠道关闭 %1？关闭后付款人将无法再支付。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1 is %2.</source>
        <translation>%1 现为%2。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The channel says %1 is %2.</source>
        <translation>渠道答复：%1 现为%2。</translation>
    </message>
    <message numerus="yes">
        <location line="+14"/>
        <source>%n notification(s) will be sent again.</source>
        <translation>
            <numerusform>将重新发送 %n 条通知。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+17"/>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>What</source>
        <translation>事项</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Refund</source>
        <translation>退款</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Details (open a line for its snapshot)</source>
        <translation>详情（展开一行查看原始报文）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Request refund…</source>
        <translation>申请退款…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close order…</source>
        <translation>关闭订单…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Query channel now</source>
        <translation>立即查询渠道</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resend notifications</source>
        <translation>重新发送通知</translation>
    </message>
</context>
<context>
    <name>paydesk::PasswordDialog</name>
    <message>
        <location filename="../widgets/common/PasswordDialog.cpp" line="+28"/>
        <source>Current:</source>
        <translation>当前：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>New:</source>
        <translation>新的：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Again:</source>
        <translation>再次输入：</translation>
    </message>
    <message numerus="yes">
        <location line="+60"/>
        <source>At least %n characters.</source>
        <translation>
            <numerusform>至少 %n 个字符。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The two entries differ.</source>
        <translation>两次输入不一致。</translation>
    </message>
</context>
<context>
    <name>paydesk::ProposeResolutionDialog</name>
    <message>
        <location filename="../widgets/reconciliation/ProposeResolutionDialog.cpp" line="+20"/>
        <source>Merchant:</source>
        <translation>商户：</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Propose a resolution</source>
        <translation>提出处理方案</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Merchant number, e.g. M1001</source>
        <translation>商户编号，例如 M1001</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Why this resolution: what the channel confirmed, ticket number, …</source>
        <translation>为何采用此方案：渠道确认了什么、工单号……</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Propose</source>
        <translation>提交</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Discrepancy #%1: %2, %3. An approver other than you decides; nothing is posted until then.</source>
        <translation>差错 #%1：%2，%3。须由您以外的审批人决定，在此之前不会记账。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Resolution:</source>
        <translation>处理方案：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Note:</source>
        <translation>说明：</translation>
    </message>
</context>
<context>
    <name>paydesk::RateHistoryModel</name>
    <message>
        <location filename="../widgets/fee/RateHistoryModel.cpp" line="+79"/>
        <source>In effect</source>
        <translation>生效中</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Scheduled</source>
        <translation>待生效</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Superseded</source>
        <translation>已被取代</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Effective from</source>
        <translation>生效日期</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Payment method</source>
        <translation>支付方式</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rate</source>
        <translation>费率</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>ppm</source>
        <translation>ppm</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Template</source>
        <translation>模板</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Set by</source>
        <translation>设置人</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Set at</source>
        <translation>设置时间</translation>
    </message>
</context>
<context>
    <name>paydesk::RateScheduleView</name>
    <message>
        <location filename="../widgets/fee/RateScheduleView.cpp" line="+159"/>
        <source>Set merchant rate</source>
        <translation>设置商户费率</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Set channel cost rate</source>
        <translation>设置渠道成本费率</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Rate set.</source>
        <translation>费率已设置。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The change from %1 was withdrawn.</source>
        <translation>自 %1 起的变更已撤回。</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Rates in effect today (%1):</source>
        <translation>今日生效的费率（%1）：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Changes, newest first (a scheduled change can be withdrawn until it takes effect):</source>
        <translation>变更记录，最新的在前（待生效的变更在生效前可撤回）：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Set rate…</source>
        <translation>设置费率(&amp;S)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Withdraw scheduled change</source>
        <translation>撤回待生效变更(&amp;W)</translation>
    </message>
</context>
<context>
    <name>paydesk::ReasonDialog</name>
    <message>
        <location filename="../widgets/merchant/ReasonDialog.cpp" line="+43"/>
        <source>A reason is required.</source>
        <translation>必须填写原因。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
</context>
<context>
    <name>paydesk::ReconciliationPanel</name>
    <message>
        <location filename="../widgets/reconciliation/ReconciliationPanel.cpp" line="+100"/>
        <source>Runs</source>
        <translation>对账批次</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Discrepancy pool</source>
        <translation>差错池</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last 30 days</source>
        <translation>最近 30 天</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Compare runs</source>
        <translation>批次对比</translation>
    </message>
</context>
<context>
    <name>paydesk::RefundsPanel</name>
    <message>
        <location filename="../widgets/payment/RefundsPanel.cpp" line="+141"/>
        <source>Our order number (P…)</source>
        <translation>本平台订单号（P…）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Look up</source>
        <translation>查询</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Notifications to the application</source>
        <translation>发给应用的通知</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+3"/>
        <location line="+4"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>Attempts</source>
        <translation>尝试次数</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Last attempt</source>
        <translation>最近一次尝试</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Next attempt</source>
        <translation>下次尝试</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resend notifications</source>
        <translation>重发通知</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Request refund…</source>
        <translation>申请退款…</translation>
    </message>
    <message>
        <location line="+140"/>
        <source>Refund requests</source>
        <translation>退款申请</translation>
    </message>
    <message>
        <location line="-139"/>
        <source>ID</source>
        <translation>编号</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+3"/>
        <source>Order</source>
        <translation>订单</translation>
    </message>
    <message>
        <location line="-3"/>
        <location line="+3"/>
        <source>Merchant</source>
        <translation>商户</translation>
    </message>
    <message>
        <location line="-3"/>
        <location line="+4"/>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>Requested by</source>
        <translation>申请人</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Decided by</source>
        <translation>审批人</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+2"/>
        <source>Refund</source>
        <translation>退款单</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Refund status</source>
        <translation>退款状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+3"/>
        <source>Channel&apos;s last answer</source>
        <translation>渠道最近应答</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Channel account</source>
        <translation>渠道账户</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Age</source>
        <translation>已过时间</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Sent</source>
        <translation>发送次数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Answered</source>
        <translation>应答时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Approve…</source>
        <translation>批准…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reject…</source>
        <translation>拒绝…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Change threshold…</source>
        <translation>修改阈值…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Waiting for approval</source>
        <translation>等待审批</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All requests</source>
        <translation>全部申请</translation>
    </message>
    <message>
        <location line="+70"/>
        <source>Enter an order number to see its refunds and notifications.</source>
        <translation>输入订单号，查看其退款和通知。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&lt;b&gt;%1&lt;/b&gt; · merchant %2 · %3 · &lt;b&gt;%4&lt;/b&gt;&lt;br&gt;paid %5 · refunded %6 · channel account %7 · created %8</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; · 商户 %2 · %3 · &lt;b&gt;%4&lt;/b&gt;&lt;br&gt;支付时间 %5 · 已退款 %6 · 渠道账户 %7 · 创建于 %8</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>not yet</source>
        <translation>尚未支付</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>none yet</source>
        <translation>尚无</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 (HTTP %2, %3)</source>
        <translation>%1（HTTP %2，%3）</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Approval needed above %1</source>
        <translation>超过 %1 需审批</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Needing attention (%1)</source>
        <translation>待关注（%1）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Needing attention</source>
        <translation>待关注</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n refund(s) not settled by the channel for more than %1 hours. Paydesk keeps asking the channel under the same refund numbers; check them with the channel and its statement.</source>
        <translation>
            <numerusform>有 %n 笔退款超过 %1 小时仍未被渠道办结。Paydesk 会以原退款单号继续向渠道询问；请与渠道及其对账单核对。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Every refund was settled by the channel within %1 hours.</source>
        <translation>所有退款均已在 %1 小时内由渠道办结。</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Working…</source>
        <translation>处理中…</translation>
    </message>
    <message numerus="yes">
        <location line="+20"/>
        <source>%n notification(s) will be sent again now.</source>
        <translation>
            <numerusform>%n 条通知将立即重新发送。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Approve refund</source>
        <translation>批准退款</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Approve refunding %1 of %2 (asked by %3)? Note:</source>
        <translation>批准为订单 %2 退款 %1（申请人 %3）吗？备注：</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Approved. %1</source>
        <translation>已批准。%1</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Reject refund</source>
        <translation>拒绝退款</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Why is the refund of %1 rejected?</source>
        <translation>为什么拒绝订单 %1 的退款？</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Refund request %1 rejected.</source>
        <translation>退款申请 %1 已拒绝。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Approval threshold</source>
        <translation>审批阈值</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Refunds above this amount need an approver:</source>
        <translation>退款金额超过此数时需要审批人批准：</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Refunds above %1 now need an approver.</source>
        <translation>退款金额超过 %1 时现需审批人批准。</translation>
    </message>
</context>
<context>
    <name>paydesk::ReviewQueuePanel</name>
    <message>
        <location filename="../widgets/merchant/ReviewQueuePanel.cpp" line="+162"/>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Profile</source>
        <translation>基本信息</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Documents</source>
        <translation>资料</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No merchant is waiting for review.</source>
        <translation>没有等待审核的商户。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Select a merchant to review its profile and documents.</source>
        <translation>选择一个商户以审核其基本信息和资料。</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n merchant(s) waiting for review, oldest first</source>
        <translation>
            <numerusform>%n 个商户等待审核，按提交时间由早到晚排列</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>At least %n merchant(s) waiting for review, oldest first</source>
        <translation>
            <numerusform>至少 %n 个商户等待审核，按提交时间由早到晚排列</numerusform>
        </translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1 · submitted by %2 at %3</source>
        <translation>%1 · 由 %2 于 %3 提交</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>You submitted this merchant: a colleague must review it (four-eyes rule).</source>
        <translation>此商户由您提交：须由其他同事审核（双人复核原则）。</translation>
    </message>
</context>
<context>
    <name>paydesk::RouteExplainModel</name>
    <message>
        <location filename="../widgets/routing/RouteExplainModel.cpp" line="+43"/>
        <source>Takes it: the only account that can at priority %1</source>
        <translation>承接：优先级 %1 下唯一可承接的账户</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Can take it: drawn for %1 of the payments at priority %2</source>
        <translation>可承接：在优先级 %2 下分得 %1 的支付</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Can take it, but another account was drawn</source>
        <translation>可承接，但抽中了其他账户</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Can take it, but priority %1 comes first</source>
        <translation>可承接，但优先级 %1 优先</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The rule is disabled</source>
        <translation>该规则已停用</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The channel account is disabled</source>
        <translation>该渠道账户已停用</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Already failed for this payment</source>
        <translation>本笔支付已在此账户失败过</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The account takes another currency than %1</source>
        <translation>该账户的币种不是 %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 is over its per payment limit of %2</source>
        <translation>%1 超出其单笔限额 %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 used on %2 + %3 would pass its daily limit of %4</source>
        <translation>%2 已用 %1，再加 %3 将超出其单日限额 %4</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>; credentials incomplete: the channel would refuse it</source>
        <translation>；凭据不完整：渠道会拒绝此支付</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>Channel account</source>
        <translation>渠道账户</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Weight</source>
        <translation>权重</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Share</source>
        <translation>占比</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Why</source>
        <translation>原因</translation>
    </message>
</context>
<context>
    <name>paydesk::RouteExplainView</name>
    <message>
        <location filename="../widgets/routing/RouteExplainView.cpp" line="+120"/>
        <source>e.g. %1</source>
        <translation>例如 %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Choose a merchant, a payment method and an amount, then Explain.</source>
        <translation>请选择商户、支付方式并输入金额，然后点击“解释”。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Asking the router…</source>
        <translation>正在查询路由…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 by %2 for %3 today:</source>
        <translation>今日 %3 通过%2收款 %1：</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 no routing rule covers this payment method.</source>
        <translation>%1没有路由规则覆盖此支付方式。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 no channel account can take this payment.</source>
        <translation>%1没有渠道账户可承接此支付。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 routed to %2 (priority %3).</source>
        <translation>%1路由至 %2（优先级 %3）。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 drawn by weight at priority %2 between %3.</source>
        <translation>%1在优先级 %2 下按权重在以下账户中抽选：%3。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Warning: %1 lacks credentials in the vault; the channel would refuse payments routed there.</source>
        <translation>警告：%1 在保险库中缺少凭据，路由到该处的支付将被渠道拒绝。</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Merchant:</source>
        <translation>商户：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Method:</source>
        <translation>支付方式：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Amount:</source>
        <translation>金额：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>E&amp;xplain</source>
        <translation>解释(&amp;X)</translation>
    </message>
</context>
<context>
    <name>paydesk::RoutingPanel</name>
    <message>
        <location filename="../widgets/routing/RoutingPanel.cpp" line="+119"/>
        <location line="+108"/>
        <source>All merchants</source>
        <translation>全部商户</translation>
    </message>
    <message>
        <location line="-76"/>
        <source>E&amp;nable</source>
        <translation>启用(&amp;N)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Disable</source>
        <translation>停用(&amp;D)</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Rule created: %1 of %2 to %3.</source>
        <translation>已创建规则：%2 的%1路由至 %3。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Rule saved.</source>
        <translation>规则已保存。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Rule disabled.</source>
        <translation>规则已停用。</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Rule enabled.</source>
        <translation>规则已启用。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1 of %2 to %3</source>
        <translation>%2 的%1路由至 %3</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Delete routing rule</source>
        <translation>删除路由规则</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Delete the rule %1?</source>
        <translation>确定删除规则“%1”吗？</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Rule deleted: %1.</source>
        <translation>已删除规则：%1。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Merchant:</source>
        <translation>商户：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Method:</source>
        <translation>支付方式：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;New rule…</source>
        <translation>新建规则(&amp;N)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Edit…</source>
        <translation>编辑(&amp;E)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>De&amp;lete</source>
        <translation>删除(&amp;L)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Explain: which account would take a payment, and why</source>
        <translation>解释：支付会由哪个账户承接，以及原因</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All methods</source>
        <translation>全部支付方式</translation>
    </message>
</context>
<context>
    <name>paydesk::RoutingRuleDialog</name>
    <message>
        <location filename="../widgets/routing/RoutingRuleDialog.cpp" line="+23"/>
        <source>New routing rule</source>
        <translation>新建路由规则</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Routing rule %1</source>
        <translation>路由规则 %1</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Enabled</source>
        <translation>已启用</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Merchant:</source>
        <translation>商户：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Payment method:</source>
        <translation>支付方式：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Channel account:</source>
        <translation>渠道账户：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Priority:</source>
        <translation>优先级：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Weight:</source>
        <translation>权重：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Priority 1 is tried first; a later priority only when no account of an earlier one can take the payment (disabled, over a limit). Among rules of the same priority the account is drawn in proportion to the weights.</source>
        <translation>优先尝试优先级 1；仅当前一优先级中没有账户能承接该支付（已停用、超出限额）时，才使用后续优先级。同一优先级的多条规则之间，按权重比例抽选账户。</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Choose the merchant.</source>
        <translation>请选择商户。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No channel account serves this payment method for this merchant: create one first.</source>
        <translation>该商户没有支持此支付方式的渠道账户：请先创建一个。</translation>
    </message>
</context>
<context>
    <name>paydesk::RoutingRuleModel</name>
    <message>
        <location filename="../widgets/routing/RoutingRuleModel.cpp" line="+76"/>
        <source>%1 (account disabled)</source>
        <translation>%1（账户已停用）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Enabled</source>
        <translation>已启用</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Disabled</source>
        <translation>已停用</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Merchant</source>
        <translation>商户</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Payment method</source>
        <translation>支付方式</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Weight</source>
        <translation>权重</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Channel account</source>
        <translation>渠道账户</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last changed</source>
        <translation>最后修改</translation>
    </message>
</context>
<context>
    <name>paydesk::RsaKeyDialog</name>
    <message>
        <location filename="../widgets/merchant/RsaKeyDialog.cpp" line="+18"/>
        <source>From &amp;file…</source>
        <translation>从文件(&amp;F)…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>RSA2 public key for %1</source>
        <translation>%1 的 RSA2 公钥</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Paste the public key of the merchant&apos;s own key pair (PEM, or the bare Base64 as Alipay shows it). Only the public key: never accept a private key.</source>
        <translation>粘贴商户自有密钥对的公钥（PEM 格式，或支付宝显示的裸 Base64）。只接受公钥：切勿接受私钥。</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Public key file</source>
        <translation>公钥文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Public keys (*.pem *.pub *.txt *.key);;All files (*)</source>
        <translation>公钥 (*.pem *.pub *.txt *.key);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 cannot be read as a key file.</source>
        <translation>无法将 %1 作为密钥文件读取。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>This is a private key. Ask the merchant for the public key only, and have them replace this key pair: its private key has left their hands.</source>
        <translation>这是私钥。请让商户只提供公钥，并让其更换此密钥对：该私钥已不再只由商户掌握。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>RSA public key, fingerprint %1</source>
        <translation>RSA 公钥，指纹 %1</translation>
    </message>
</context>
<context>
    <name>paydesk::RunDiffModel</name>
    <message>
        <location filename="../widgets/reconciliation/RunDiffModel.cpp" line="+51"/>
        <source>Order / refund number</source>
        <translation>订单号/退款单号</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Channel transaction id</source>
        <translation>渠道交易号</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Older run</source>
        <translation>较早批次</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Newer run</source>
        <translation>较新批次</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Why it changed</source>
        <translation>变化原因</translation>
    </message>
</context>
<context>
    <name>paydesk::RunDiffView</name>
    <message>
        <location filename="../widgets/reconciliation/RunDiffView.cpp" line="+140"/>
        <source>#%1 · %2 · %3 · %4</source>
        <translation>#%1 · %2 · %3 · %4</translation>
    </message>
    <message>
        <location line="+65"/>
        <source>Comparing…</source>
        <translation>正在对比…</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Channel account:</source>
        <translation>渠道账户：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bill date:</source>
        <translation>账单日：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Older run:</source>
        <translation>较早批次：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Newer run:</source>
        <translation>较新批次：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Compare</source>
        <translation>对比</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>the same statement file</source>
        <translation>对账单相同</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>different statement files</source>
        <translation>对账单不同</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the same settings</source>
        <translation>设置相同</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>different settings</source>
        <translation>设置不同</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Run #%1 against run #%2: %3, %4; %Ln item(s) changed category.</source>
        <translation>
            <numerusform>批次 #%1 对比批次 #%2：%3，%4；%Ln 笔交易的类别有变化。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No channel accounts to compare.</source>
        <translation>没有可对比的渠道账户。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This day needs two completed runs to compare; it has %1.</source>
        <translation>对比需要该日有两个已完成的批次，目前有 %1 个。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Choose two runs of the day and compare them.</source>
        <translation>选择该日的两个批次进行对比。</translation>
    </message>
</context>
<context>
    <name>paydesk::RunItemModel</name>
    <message>
        <location filename="../widgets/reconciliation/RunItemModel.cpp" line="+100"/>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Order number</source>
        <translation>订单号</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Refund number</source>
        <translation>退款单号</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Channel transaction id</source>
        <translation>渠道交易号</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Channel amount</source>
        <translation>渠道金额</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Our amount</source>
        <translation>平台金额</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Channel fee</source>
        <translation>渠道手续费</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Our fee</source>
        <translation>平台手续费</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Channel status</source>
        <translation>渠道状态</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Our status</source>
        <translation>平台状态</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Line</source>
        <translation>行号</translation>
    </message>
</context>
<context>
    <name>paydesk::RunModel</name>
    <message>
        <location filename="../widgets/reconciliation/RunModel.cpp" line="+160"/>
        <source>%1, superseded by #%2</source>
        <translation>%1，已被 #%2 取代</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Run</source>
        <translation>批次</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Bill date</source>
        <translation>账单日</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Channel account</source>
        <translation>渠道账户</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Started by</source>
        <translation>发起人</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Started at</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Duration</source>
        <translation>耗时</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Statement file</source>
        <translation>对账单文件</translation>
    </message>
</context>
<context>
    <name>paydesk::RunsView</name>
    <message>
        <location filename="../widgets/reconciliation/RunsView.cpp" line="+137"/>
        <location line="+92"/>
        <source>All accounts</source>
        <translation>全部账户</translation>
    </message>
    <message>
        <location line="-47"/>
        <source>Choose a run to see its summary and the items it did not match.</source>
        <translation>选择一个批次，查看其汇总及未匹配的明细。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>%1 payments (%2), %3 refunds (%4)</source>
        <translation>支付 %1 笔（%2），退款 %3 笔（%4）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Run #%1 of %2 for %3: %4</source>
        <translation>批次 #%1 · %2 · %3：%4</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Statement: %1. Ours: %2.</source>
        <translation>对账单：%1。平台：%2。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Why: %1</source>
        <translation>原因：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Started by %1 at %2</source>
        <translation>由 %1 于 %2 发起</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1, took %2</source>
        <translation>%1，耗时 %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1, file %2</source>
        <translation>%1，文件 %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1.</source>
        <comment>a sentence&apos;s full stop</comment>
        <translation>%1。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Bill dates:</source>
        <translation>账单日：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Channel account:</source>
        <translation>渠道账户：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Compare runs of this day…</source>
        <translation>对比该日各批次…</translation>
    </message>
</context>
<context>
    <name>paydesk::SecretShownOnceDialog</name>
    <message>
        <location filename="../widgets/merchant/SecretShownOnceDialog.cpp" line="+20"/>
        <source>&amp;Copy</source>
        <translation>复制(&amp;C)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>I have stored this secret in the merchant&apos;s system</source>
        <translation>我已将此密钥保存到商户系统中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>New HMAC secret for %1</source>
        <translation>%1 的新 HMAC 密钥</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&lt;b&gt;This secret is shown only now.&lt;/b&gt; Copy it into the merchant&apos;s system before you close this window: Paydesk keeps it only in its encrypted vault and cannot show it again. If it is lost, generate a new one. The clipboard is cleared when this window closes.</source>
        <translation>&lt;b&gt;此密钥仅在此时显示。&lt;/b&gt;请在关闭此窗口前将其复制到商户系统中：Paydesk 只将其保存在加密的保险库中，无法再次显示。如果丢失，请重新生成。此窗口关闭时将清空剪贴板。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Secret (Base64, 32 bytes):</source>
        <translation>密钥（Base64，32 字节）：</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Fingerprint (SHA-256):</source>
        <translation>指纹（SHA-256）：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Valid from:</source>
        <translation>生效时间：</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Copied to the clipboard.</source>
        <translation>已复制到剪贴板。</translation>
    </message>
</context>
<context>
    <name>paydesk::SetCredentialDialog</name>
    <message>
        <location filename="../widgets/channel/SetCredentialDialog.cpp" line="+35"/>
        <source>%1 of %2</source>
        <translation>%2 的%1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Proposed for a second operator&apos;s approval: until then it waits encrypted and the current credentials stay in effect. Once approved it is stored in the vault as %1, shared by every %2 account with the channel merchant id %3, and never shown again.</source>
        <translation>提交后须由另一名操作员审批：在此之前它加密等待，当前凭据继续生效。批准后以 %1 存入保险库，由渠道商户号为 %3 的所有%2账户共用，且不再显示。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Stored encrypted in the vault as %1 (it verifies nothing, so no approval is needed). It is shared by every %2 account with the channel merchant id %3, and never shown again.</source>
        <translation>以 %1 加密存入保险库（该项不用于任何验签，无需审批）。由渠道商户号为 %3 的所有%2账户共用，且不再显示。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>-----BEGIN PRIVATE KEY-----
…</source>
        <translation>-----BEGIN PRIVATE KEY-----
…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>-----BEGIN PUBLIC KEY-----
…</source>
        <translation>-----BEGIN PUBLIC KEY-----
…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>-----BEGIN CERTIFICATE-----
…</source>
        <translation>-----BEGIN CERTIFICATE-----
…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Load from file…</source>
        <translation>从文件加载…</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>path of the .pfx file</source>
        <translation>.pfx 文件路径</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>File:</source>
        <translation>文件：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Its password:</source>
        <translation>密码：</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Certificate file</source>
        <translation>证书文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PKCS#12 files (*.pfx *.p12);;All files (*)</source>
        <translation>PKCS#12 文件 (*.pfx *.p12);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>PEM files (*.pem *.crt *.cer *.key);;All files (*)</source>
        <translation>PEM 文件 (*.pem *.crt *.cer *.key);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+36"/>
        <source>Cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <location line="-25"/>
        <source>Paste the PEM text or load it from a file.</source>
        <translation>请粘贴 PEM 文本或从文件加载。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Type the value.</source>
        <translation>请输入值。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Choose the .pfx file.</source>
        <translation>请选择 .pfx 文件。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Type the password of the .pfx file.</source>
        <translation>请输入 .pfx 文件的密码。</translation>
    </message>
</context>
<context>
    <name>paydesk::SetRateDialog</name>
    <message>
        <location filename="../widgets/fee/SetRateDialog.cpp" line="+32"/>
        <source>e.g. 0.38</source>
        <translation>例如 0.38</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Payment method:</source>
        <translation>支付方式：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rate:</source>
        <translation>费率：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Effective from:</source>
        <translation>生效日期：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rates take effect at the start of the day, today or later. A rate in effect is never changed: set a new one from a later date.</source>
        <translation>费率自当天零点起生效，生效日期可为今天或以后。已生效的费率不会被修改：如需调整，请设置一个从较晚日期起生效的新费率。</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>%1 = %2</source>
        <translation>%1 = %2</translation>
    </message>
</context>
<context>
    <name>paydesk::StartRunBox</name>
    <message>
        <location filename="../widgets/reconciliation/StartRunBox.cpp" line="+107"/>
        <source>Choose the channel&apos;s statement</source>
        <translation>选择渠道对账单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Statements (*.csv *.txt *.zip *.gz ZM_*);;All files (*)</source>
        <translation>对账单 (*.csv *.txt *.zip *.gz ZM_*);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+73"/>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1: %2 lines read</source>
        <translation>%1：已读取 %2 行</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The run was cancelled; none of its results were written.</source>
        <translation>对账已取消，未写入任何结果。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The run failed: %1</source>
        <translation>对账失败：%1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This statement was imported before: run #%1 already reconciled it, so nothing new was done.</source>
        <translation>此对账单之前已导入：批次 #%1 已用它完成对账，本次未做任何处理。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Run #%1 completed. Matched: %2; discrepancies: %3; carried to the next day: %4.</source>
        <translation>批次 #%1 已完成。已匹配：%2；差错：%3；日切顺延：%4。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>It supersedes run #%1.</source>
        <translation>它取代了批次 #%1。</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Reconcile a day</source>
        <translation>发起对账</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Channel account:</source>
        <translation>渠道账户：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bill date:</source>
        <translation>账单日：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Download</source>
        <translation>下载并对账</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Download the day&apos;s statement from the channel and reconcile it</source>
        <translation>从渠道下载当日对账单并对账</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose file…</source>
        <translation>选择文件…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reconcile the day against a statement file you have</source>
        <translation>用已有的对账单文件对当日对账</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>paydesk::TransactionsPanel</name>
    <message numerus="yes">
        <location filename="../widgets/payment/TransactionsPanel.cpp" line="+184"/>
        <source>%1 of %Ln order(s) shown</source>
        <translation>
            <numerusform>已显示 %1 笔，共 %Ln 笔订单</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%Ln order(s) shown, counting all matches…</source>
        <translation>
            <numerusform>已显示 %Ln 笔订单，正在统计匹配总数…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%Ln order(s) shown</source>
        <translation>
            <numerusform>已显示 %Ln 笔订单</numerusform>
        </translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Export orders</source>
        <translation>导出订单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Exporting orders…</source>
        <translation>正在导出订单…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message numerus="yes">
        <location line="+46"/>
        <source>%Ln order(s) written to %1.</source>
        <translation>
            <numerusform>已将 %Ln 笔订单写入 %1。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Export cancelled; no file was written.</source>
        <translation>导出已取消，未写入任何文件。</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Load more</source>
        <translation>加载更多</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
</context>
<context>
    <name>paydesk::TrialBalanceModel</name>
    <message>
        <location filename="../widgets/ledger/TrialBalanceModel.cpp" line="+20"/>
        <source>Bank deposits</source>
        <translation>银行存款</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Channel receivable</source>
        <translation>应收账款-渠道</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Settlement in transit</source>
        <translation>在途资金</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Suspense</source>
        <translation>挂账</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Payable to merchants</source>
        <translation>应付商户</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Fee income</source>
        <translation>手续费收入</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Channel fees</source>
        <translation>渠道手续费</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>%1, balance on its own side: %2</source>
        <translation>%1，按科目方向的余额：%2</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Open</source>
        <translation>正常</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Closed</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Code</source>
        <translation>科目代码</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Type</source>
        <translation>科目类别</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Account</source>
        <translation>科目</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Currency</source>
        <translation>币种</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Debit</source>
        <translation>借方</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Credit</source>
        <translation>贷方</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
</context>
</TS>
