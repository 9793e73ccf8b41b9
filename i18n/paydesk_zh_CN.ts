<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Cli</name>
    <message>
        <location filename="../app/cli/CliCommand.cpp" line="+21"/>
        <source>Database URL: sqlite:/path/file.db or postgresql://user[:password]@host[:port]/db. Default: $PAYDESK_DATABASE, else paydesk.db in the data directory.</source>
        <translation>数据库 URL：sqlite:/路径/文件.db 或 postgresql://用户[:密码]@主机[:端口]/库名。默认：$PAYDESK_DATABASE，未设置时为数据目录中的 paydesk.db。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Try &apos;%1 --help&apos;.</source>
        <translation>请运行“%1 --help”查看用法。</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>error: %1</source>
        <translation>错误：%1</translation>
    </message>
    <message>
        <location filename="../app/cli/DemoCommand.cpp" line="+15"/>
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
        <source>Fill an empty database with demo data: a month of payments, refunds, clearing, channel funds and payouts for twelve merchants on three channels.</source>
        <translation>向空数据库写入演示数据：十二个商户、三个渠道一个月的支付、退款、清算、渠道到账和结算出款。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>--days must be 1 to 3660 and --seed a whole number</source>
        <translation>--days 必须在 1 到 3660 之间，--seed 必须是整数</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>demo data: %1 journal entries (%2 payments, %3 refunds) over %4 days</source>
        <translation>演示数据：%4 天内共 %1 笔会计分录（支付 %2 笔，退款 %3 笔）</translation>
    </message>
    <message>
        <location filename="../app/cli/LedgerCommand.cpp" line="+34"/>
        <source>JSON file of journal entries.</source>
        <translation>会计分录的 JSON 文件。</translation>
    </message>
    <message>
        <location line="+1"/>
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
        <source>--file is required</source>
        <translation>必须指定 --file</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>posted 0 entries</source>
        <translation>已过账 0 笔分录</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>posted %1 entries (ids %2 to %3)</source>
        <translation>已过账 %1 笔分录（编号 %2 至 %3）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The journal entry to reverse.</source>
        <translation>要冲销的会计分录。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Business date of the reversal (default: today).</source>
        <translation>冲销分录的营业日期（默认：今天）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Why the entry is reversed.</source>
        <translation>冲销原因。</translation>
    </message>
    <message>
        <location line="+1"/>
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
        <location line="+7"/>
        <source>Balances at the end of this business date (default: all postings).</source>
        <translation>该营业日日终的余额（默认：全部过账）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Print JSON instead of a table.</source>
        <translation>以 JSON 输出，而非表格。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Print every account&apos;s balance (debit positive, credit negative) and the debit and credit totals per currency. Exit status 1 when they differ.</source>
        <translation>列出每个科目的余额（借方为正，贷方为负）以及各币种的借贷合计。借贷不等时退出码为 1。</translation>
    </message>
    <message>
        <location line="+37"/>
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
        <location line="+8"/>
        <source>List the chart of accounts with type, status and balance on the account&apos;s own side (a merchant&apos;s available money is positive).</source>
        <translation>列出会计科目表及各科目的类别、状态和按科目自身方向计的余额（商户可用资金显示为正数）。</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Account name, e.g. merchant:M001:pending.</source>
        <translation>科目名称，例如 merchant:M001:pending。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Currency of the account (default CNY).</source>
        <translation>科目币种（默认 CNY）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Close an account whose balance is zero; it then takes no postings.</source>
        <translation>关闭余额为零的科目；关闭后不再接受过账。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>give exactly one account name</source>
        <translation>请给出且只给出一个科目名称</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>closed %1</source>
        <translation>已关闭 %1</translation>
    </message>
    <message>
        <location line="+7"/>
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
        <location line="+2"/>
        <source>Write to this file instead of standard output.</source>
        <translation>写入该文件，而非标准输出。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export the whole journal. The ledger format can be read by ledger-cli, e.g. &apos;ledger -f FILE balance&apos;, to cross-check Paydesk&apos;s balances.</source>
        <translation>导出全部日记账。ledger 格式可由 ledger-cli 读取（例如“ledger -f 文件 balance”），用于交叉核对 Paydesk 的余额。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>unknown format &apos;%1&apos; (supported: ledger)</source>
        <translation>未知格式“%1”（支持：ledger）</translation>
    </message>
    <message>
        <location line="+23"/>
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
        <location line="+47"/>
        <source>unknown ledger subcommand &apos;%1&apos;; see &apos;paydesk-cli ledger --help&apos;</source>
        <translation>未知的 ledger 子命令“%1”；请参阅“paydesk-cli ledger --help”</translation>
    </message>
    <message>
        <location filename="../app/cli/main.cpp" line="+11"/>
        <source>Usage: paydesk-cli [--database URL] COMMAND [options]

Scripting and cron front end of the Paydesk payment core.

Commands:
  migrate        Create or upgrade the database schema.
  ledger         Post, reverse, check and export the double-entry ledger
                 (post, reverse, trial-balance, accounts, close-account, check, export).
  demo           Fill an empty database with a month of demo activity.

Global options:
  --database URL  sqlite:/path/file.db or postgresql://user[:password]@host[:port]/db.
                  Default: $PAYDESK_DATABASE, else paydesk.db in the user&apos;s data directory.
  -h, --help      Show this help; &apos;paydesk-cli COMMAND --help&apos; shows a command&apos;s help.
  --version       Show the version.

Exit status: 0 success, 1 failure (errors go to stderr), 2 usage error.
</source>
        <translation>用法：paydesk-cli [--database URL] 命令 [选项]

Paydesk 支付核心的脚本与定时任务前端。

命令：
  migrate        创建数据库结构或升级到当前版本。
  ledger         复式记账：过账、冲销、校验与导出
                 （post、reverse、trial-balance、accounts、close-account、check、export）。
  demo           向空数据库写入一个月的演示数据。

全局选项：
  --database URL  sqlite:/路径/文件.db 或 postgresql://用户[:密码]@主机[:端口]/库名。
                  默认：$PAYDESK_DATABASE，未设置时为用户数据目录中的 paydesk.db。
  -h, --help      显示本帮助；“paydesk-cli 命令 --help”显示该命令的帮助。
  --version       显示版本。

退出码：0 成功，1 失败（错误输出到 stderr），2 用法错误。
</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>error: unknown option %1 before the command</source>
        <translation>错误：命令之前出现未知选项 %1</translation>
    </message>
    <message>
        <location line="+20"/>
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
</context>
<context>
    <name>Console</name>
    <message>
        <location filename="../app/console/main.cpp" line="+22"/>
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
        <source>User interface language: zh_CN or en (default: system).</source>
        <translation>界面语言：zh_CN 或 en（默认：跟随系统）。</translation>
    </message>
    <message>
        <location line="+12"/>
        <location line="+7"/>
        <location line="+6"/>
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
    <name>DemoDataDialog</name>
    <message>
        <location filename="../widgets/shell/DemoDataDialog.cpp" line="+20"/>
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
    <name>Error</name>
    <message>
        <location filename="../core/util/Error.cpp" line="+26"/>
        <source>No error</source>
        <translation>无错误</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The amount is empty</source>
        <translation>金额为空</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The amount is not a plain decimal number</source>
        <translation>金额不是合法的十进制数</translation>
    </message>
    <message>
        <location line="+1"/>
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
        <location line="+1"/>
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
        <location line="+1"/>
        <source>The database URL is not valid</source>
        <translation>数据库 URL 无效</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The database cannot be opened</source>
        <translation>无法打开数据库</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The database was created by a newer Paydesk; upgrade this program</source>
        <translation>该数据库由更新版本的 Paydesk 创建，请升级本程序</translation>
    </message>
    <message>
        <location line="+1"/>
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
        <location line="+1"/>
        <source>The journal entry has no valid business date</source>
        <translation>会计分录缺少有效的营业日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A posting has a zero amount</source>
        <translation>分录明细金额为零</translation>
    </message>
    <message>
        <location line="+1"/>
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
        <location line="+1"/>
        <source>The posting&apos;s currency differs from the account&apos;s</source>
        <translation>明细币种与科目币种不一致</translation>
    </message>
    <message>
        <location line="+1"/>
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
        <location line="+1"/>
        <source>The journal entry has already been reversed</source>
        <translation>该会计分录已被冲销</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A reversal cannot itself be reversed</source>
        <translation>冲销分录本身不能再被冲销</translation>
    </message>
    <message>
        <location line="+1"/>
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
        <source>Unknown error</source>
        <translation>未知错误</translation>
    </message>
</context>
<context>
    <name>paydesk::LedgerPanel</name>
    <message>
        <location filename="../widgets/ledger/LedgerPanel.cpp" line="+113"/>
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
    <name>paydesk::MainWindow</name>
    <message>
        <location filename="../widgets/shell/MainWindow.cpp" line="+65"/>
        <source>Paydesk — payment operations console</source>
        <translation>Paydesk — 支付运营控制台</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ledger</source>
        <translation>账务</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
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
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;About Paydesk</source>
        <translation>关于 Paydesk(&amp;A)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Database: %1</source>
        <translation>数据库：%1</translation>
    </message>
    <message>
        <location line="+5"/>
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
    <name>paydesk::TrialBalanceModel</name>
    <message>
        <location filename="../widgets/ledger/TrialBalanceModel.cpp" line="+29"/>
        <source>Bank deposits</source>
        <translation>银行存款</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Channel receivable</source>
        <translation>应收账款-渠道</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Settlement in transit</source>
        <translation>在途资金</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Suspense</source>
        <translation>挂账</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Payable to merchants</source>
        <translation>应付商户</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fee income</source>
        <translation>手续费收入</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Channel fees</source>
        <translation>渠道手续费</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>%1, balance on its own side: %2</source>
        <translation>%1，按科目方向的余额：%2</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Open</source>
        <translation>正常</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Closed</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Code</source>
        <translation>科目代码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type</source>
        <translation>科目类别</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Account</source>
        <translation>科目</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Currency</source>
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
        <location line="+1"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
</context>
</TS>
