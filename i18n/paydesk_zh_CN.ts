<?xml version='1.0' encoding='utf-8'?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AuditLog</name>
    <message>
        <location filename="../core/security/AuditLog.cpp" line="+59" />
        <source>all records verify</source>
        <translation>所有记录均校验通过</translation>
    </message>
    <message>
        <location line="+2" />
        <source>record %1 was expected here: records were removed or inserted</source>
        <translation>此处应为第 %1 条记录：有记录被删除或插入</translation>
    </message>
    <message>
        <location line="+2" />
        <source>it does not follow the record before it: records were removed, inserted or reordered</source>
        <translation>与前一条记录衔接不上：有记录被删除、插入或调换了顺序</translation>
    </message>
    <message>
        <location line="+1" />
        <source>its content was changed after it was written</source>
        <translation>写入后内容被修改</translation>
    </message>
</context>
<context>
    <name>Cli</name>
    <message>
        <location filename="../app/cli/CliCommand.cpp" line="+27" />
        <source>Database URL: sqlite:/path/file.db or postgresql://user[:password]@host[:port]/db. Default: $PAYDESK_DATABASE, else paydesk.db in the data directory.</source>
        <translation>数据库 URL：sqlite:/路径/文件.db 或 postgresql://用户[:密码]@主机[:端口]/库名。默认：$PAYDESK_DATABASE，未设置时为数据目录中的 paydesk.db。</translation>
    </message>
    <message>
        <location line="+9" />
        <source>Try '%1 --help'.</source>
        <translation>请运行“%1 --help”查看用法。</translation>
    </message>
    <message>
        <location line="+46" />
        <source>Sign in as this operator (default: $PAYDESK_OPERATOR). The password comes from $PAYDESK_PASSWORD or the next line of standard input.</source>
        <translation>以该操作员身份登录（默认：$PAYDESK_OPERATOR）。密码取自 $PAYDESK_PASSWORD，或标准输入的下一行。</translation>
    </message>
    <message>
        <location line="+49" />
        <source>use 'paydesk-cli passwd'</source>
        <translation>请使用“paydesk-cli passwd”</translation>
    </message>
    <message>
        <location line="+15" />
        <source>error: %1</source>
        <translation>错误：%1</translation>
    </message>
    <message>
        <location line="+27" />
        <source>unknown %1 subcommand '%2'; see 'paydesk-cli %1 --help'</source>
        <translation>未知的 %1 子命令“%2”；请参阅“paydesk-cli %1 --help”</translation>
    </message>
    <message>
        <location filename="../app/cli/DemoCommand.cpp" line="+15" />
        <source>Business days of activity (default 30).</source>
        <translation>生成多少个营业日的数据（默认 30）。</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Random seed (default 20261127).</source>
        <translation>随机种子（默认 20261127）。</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Fill an empty database with a demo platform: operators for every role (password Demo-Pass-2026!), the secret vault (master passphrase demo-master-passphrase), and a month of payments, refunds, clearing, channel funds and payouts for twelve merchants on three channels.</source>
        <translation>向空数据库写入演示平台：各角色的操作员（密码 Demo-Pass-2026!）、密钥保险库（主口令 demo-master-passphrase），以及十二个商户、三个渠道一个月的支付、退款、清算、渠道到账和结算出款。</translation>
    </message>
    <message>
        <location line="+11" />
        <source>--days must be 1 to 3660 and --seed a whole number</source>
        <translation>--days 必须在 1 到 3660 之间，--seed 必须是整数</translation>
    </message>
    <message>
        <location line="+7" />
        <source>demo data: %1 journal entries (%2 payments, %3 refunds) over %4 days</source>
        <translation>演示数据：%4 天内共 %1 笔会计分录（支付 %2 笔，退款 %3 笔）</translation>
    </message>
    <message>
        <location filename="../app/cli/LedgerCommand.cpp" line="+31" />
        <source>JSON file of journal entries.</source>
        <translation>会计分录的 JSON 文件。</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Post journal entries from a JSON file, all or nothing. Format:
[{"date":"2026-11-26","reference":"ORD-1","memo":"...",
  "postings":[{"account":"channel_receivable:wx01","amount":"99.40","currency":"CNY"}, ...]}]
Amounts are decimal strings, positive = debit, negative = credit. Accounts follow the chart of accounts (bank:&lt;id&gt;, channel_receivable:&lt;id&gt;, suspense, settlement_in_transit, merchant:&lt;id&gt;:pending|available|frozen, fee_income, channel_fee_expense) and are opened on first use. Optional per entry: "kind" (manual, payment, refund, clearing, ...) and "event_key" (posted at most once).</source>
        <translation>从 JSON 文件过账会计分录，要么全部成功，要么全部不记。格式：
[{"date":"2026-11-26","reference":"ORD-1","memo":"...",
  "postings":[{"account":"channel_receivable:wx01","amount":"99.40","currency":"CNY"}, ...]}]
金额为十进制字符串，正数为借方，负数为贷方。科目须符合会计科目表（bank:&lt;id&gt;、channel_receivable:&lt;id&gt;、suspense、settlement_in_transit、merchant:&lt;id&gt;:pending|available|frozen、fee_income、channel_fee_expense），首次使用时自动开立。每笔分录可选："kind"（manual、payment、refund、clearing 等）和 "event_key"（同一事件只记一次）。</translation>
    </message>
    <message>
        <location line="+11" />
        <location filename="../app/cli/StatementCommand.cpp" line="+112" />
        <source>--file is required</source>
        <translation>必须指定 --file</translation>
    </message>
    <message>
        <location line="+15" />
        <source>posted 0 entries</source>
        <translation>已过账 0 笔分录</translation>
    </message>
    <message>
        <location line="+2" />
        <source>posted %1 entries (ids %2 to %3)</source>
        <translation>已过账 %1 笔分录（编号 %2 至 %3）</translation>
    </message>
    <message>
        <location line="+7" />
        <source>The journal entry to reverse.</source>
        <translation>要冲销的会计分录。</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Business date of the reversal (default: today).</source>
        <translation>冲销分录的营业日期（默认：今天）。</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Why the entry is reversed.</source>
        <translation>冲销原因。</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Correct a journal entry by posting its exact negation, linked to it. Entries are never edited or deleted.</source>
        <translation>通过过账一笔与原分录完全相反、并与之关联的分录来更正错误。分录永远不会被修改或删除。</translation>
    </message>
    <message>
        <location line="+6" />
        <source>give exactly one entry id</source>
        <translation>请给出且只给出一个分录编号</translation>
    </message>
    <message>
        <location line="+12" />
        <source>entry %1 reversed by entry %2</source>
        <translation>分录 %1 已由分录 %2 冲销</translation>
    </message>
    <message>
        <location line="+7" />
        <source>Balances at the end of this business date (default: all postings).</source>
        <translation>该营业日日终的余额（默认：全部过账）。</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Print JSON instead of a table.</source>
        <translation>以 JSON 输出，而非表格。</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Print every account's balance (debit positive, credit negative) and the debit and credit totals per currency. Exit status 1 when they differ.</source>
        <translation>列出每个科目的余额（借方为正，贷方为负）以及各币种的借贷合计。借贷不等时退出码为 1。</translation>
    </message>
    <message>
        <location line="+38" />
        <source>Account</source>
        <translation>科目</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Cur</source>
        <translation>币种</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Debit</source>
        <translation>借方</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Credit</source>
        <translation>贷方</translation>
    </message>
    <message>
        <location line="+13" />
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <location line="+5" />
        <source>balanced</source>
        <translation>平衡</translation>
    </message>
    <message>
        <location line="+0" />
        <source>NOT BALANCED</source>
        <translation>不平衡</translation>
    </message>
    <message>
        <location line="+9" />
        <source>List the chart of accounts with type, status and balance on the account's own side (a merchant's available money is positive).</source>
        <translation>列出会计科目表及各科目的类别、状态和按科目自身方向计的余额（商户可用资金显示为正数）。</translation>
    </message>
    <message>
        <location line="+26" />
        <source>Account name, e.g. merchant:M001:pending.</source>
        <translation>科目名称，例如 merchant:M001:pending。</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Currency of the account (default CNY).</source>
        <translation>科目币种（默认 CNY）。</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Close an account whose balance is zero; it then takes no postings.</source>
        <translation>关闭余额为零的科目；关闭后不再接受过账。</translation>
    </message>
    <message>
        <location line="+3" />
        <source>give exactly one account name</source>
        <translation>请给出且只给出一个科目名称</translation>
    </message>
    <message>
        <location line="+11" />
        <source>closed %1</source>
        <translation>已关闭 %1</translation>
    </message>
    <message>
        <location line="+7" />
        <source>Verify every ledger invariant over the whole database: entries balance, the trial balance is zero, balances equal their postings, non-negative accounts never went below zero, reversals mirror their originals, each payment or refund is posted once. Exit status 0 when all hold, 1 with the violations listed otherwise.</source>
        <translation>对整个数据库校验全部账务不变量：每笔分录借贷平衡、试算平衡为零、余额等于其明细之和、不得为负的科目从未低于零、冲销分录与原分录完全相反、每笔支付或退款只记一次。全部成立时退出码为 0，否则列出违规项并以 1 退出。</translation>
    </message>
    <message>
        <location line="+12" />
        <source>ledger check passed: %1 checks</source>
        <translation>账务校验通过：共 %1 项检查</translation>
    </message>
    <message>
        <location line="+6" />
        <source>ledger check failed: %1 violation(s)</source>
        <translation>账务校验失败：%1 处违规</translation>
    </message>
    <message>
        <location line="+7" />
        <source>Output format: ledger (ledger-cli journal).</source>
        <translation>输出格式：ledger（ledger-cli 日记账）。</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Write to this file instead of standard output.</source>
        <translation>写入该文件，而非标准输出。</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Export the whole journal. The ledger format can be read by ledger-cli, e.g. 'ledger -f FILE balance', to cross-check Paydesk's balances.</source>
        <translation>导出全部日记账。ledger 格式可由 ledger-cli 读取（例如“ledger -f 文件 balance”），用于交叉核对 Paydesk 的余额。</translation>
    </message>
    <message>
        <location line="+4" />
        <source>unknown format '%1' (supported: ledger)</source>
        <translation>未知格式“%1”（支持：ledger）</translation>
    </message>
    <message>
        <location line="+23" />
        <source>exported %1 entries to %2</source>
        <translation>已将 %1 笔分录导出到 %2</translation>
    </message>
    <message>
        <location line="+6" />
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

'paydesk-cli ledger SUBCOMMAND --help' shows the options of each.
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
        <location filename="../app/cli/main.cpp" line="+11" />
        <source>Usage: paydesk-cli [--database URL] COMMAND [options]

Scripting and cron front end of the Paydesk payment core.

Commands:
  migrate        Create or upgrade the database schema.
  init           Create the first administrator (and the secret vault) of a new database.
  passwd         Change an operator's own password.
  ledger         Post, reverse, check and export the double-entry ledger
                 (post, reverse, trial-balance, accounts, close-account, check, export).
  audit          Verify the audit log's hash chain, list records.
  vault          Secret vault: status, set, list.
  demo           Fill an empty database with a demo platform (operators, vault, a month of activity).
  statement      Parse and check a channel statement (WeChat Pay, Alipay, UnionPay): parse.

Global options:
  --database URL  sqlite:/path/file.db or postgresql://user[:password]@host[:port]/db.
                  Default: $PAYDESK_DATABASE, else paydesk.db in the user's data directory.
  -h, --help      Show this help; 'paydesk-cli COMMAND --help' shows a command's help.
  --version       Show the version.

Commands that read or change business data sign in an operator: --operator NAME (or
$PAYDESK_OPERATOR) with the password from $PAYDESK_PASSWORD or the next line of standard input.

Exit status: 0 success, 1 failure (errors go to stderr), 2 usage error.
</source>
        <translation>用法：paydesk-cli [--database URL] 命令 [选项]

Paydesk 支付核心的脚本与定时任务前端。

命令：
  migrate        创建数据库结构或升级到当前版本。
  init           为新数据库创建首个管理员（及密钥保险库）。
  passwd         修改操作员本人的密码。
  ledger         复式记账：过账、冲销、校验与导出
                 （post、reverse、trial-balance、accounts、close-account、check、export）。
  audit          校验审计日志的哈希链，列出记录。
  vault          密钥保险库：status、set、list。
  demo           向空数据库写入演示平台（操作员、保险库、一个月的业务）。
  statement      解析并核对渠道对账单（微信支付、支付宝、银联）：parse。

全局选项：
  --database URL  sqlite:/路径/文件.db 或 postgresql://用户[:密码]@主机[:端口]/库名。
                  默认：$PAYDESK_DATABASE，未设置时为用户数据目录中的 paydesk.db。
  -h, --help      显示本帮助；“paydesk-cli 命令 --help”显示该命令的帮助。
  --version       显示版本。

读取或修改业务数据的命令需要登录操作员：--operator 用户名（或
$PAYDESK_OPERATOR），密码取自 $PAYDESK_PASSWORD 或标准输入的下一行。

退出码：0 成功，1 失败（错误输出到 stderr），2 用法错误。
</translation>
    </message>
    <message>
        <location line="+57" />
        <source>error: unknown option %1 before the command</source>
        <translation>错误：命令之前出现未知选项 %1</translation>
    </message>
    <message>
        <location line="+30" />
        <source>error: unknown command '%1'; see 'paydesk-cli --help'</source>
        <translation>错误：未知命令“%1”；请参阅“paydesk-cli --help”</translation>
    </message>
    <message>
        <location filename="../app/cli/MigrateCommand.cpp" line="+14" />
        <source>Create the database schema or upgrade it to this program's version. A database written by a newer Paydesk is refused.</source>
        <translation>创建数据库结构或将其升级到本程序的版本。由更新版本 Paydesk 写入的数据库将被拒绝。</translation>
    </message>
    <message>
        <location line="+10" />
        <source>%1: schema version %2 (latest %3)</source>
        <translation>%1：结构版本 %2（最新 %3）</translation>
    </message>
    <message>
        <location filename="../app/cli/AccessCommands.cpp" line="+15" />
        <source>User name of the first administrator.</source>
        <translation>首个管理员的用户名。</translation>
    </message>
    <message>
        <location line="+1" />
        <source>demo, test or production (default production).</source>
        <translation>demo、test 或 production（默认 production）。</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Set up a new database: create the first administrator, whose password is read from standard input (at least 12 characters), and record the environment. When $PAYDESK_MASTER_KEY_FILE names a file, its content becomes the master passphrase of the secret vault.</source>
        <translation>初始化新数据库：创建首个管理员（密码从标准输入读取，至少 12 个字符），并记录运行环境。若 $PAYDESK_MASTER_KEY_FILE 指向一个文件，其内容将作为密钥保险库的主口令。</translation>
    </message>
    <message>
        <location line="+8" />
        <source>--admin is required</source>
        <translation>必须指定 --admin</translation>
    </message>
    <message>
        <location line="+2" />
        <source>--environment must be demo, test or production</source>
        <translation>--environment 必须是 demo、test 或 production</translation>
    </message>
    <message>
        <location line="+4" />
        <location filename="../app/cli/CliCommand.cpp" line="-49" />
        <source>Password for %1: </source>
        <translation>%1 的密码：</translation>
    </message>
    <message>
        <location line="+7" />
        <source>created administrator %1 (%2 environment)</source>
        <translation>已创建管理员 %1（%2 环境）</translation>
    </message>
    <message>
        <location line="+13" />
        <source>secret vault set up under the master passphrase from %1</source>
        <translation>已使用 %1 中的主口令建立密钥保险库</translation>
    </message>
    <message>
        <location line="+9" />
        <source>Change an operator's own password. Reads the current password, then the new one, each on its own line of standard input.</source>
        <translation>修改操作员本人的密码。从标准输入依次读取当前密码和新密码，各占一行。</translation>
    </message>
    <message>
        <location line="+6" />
        <location filename="../app/cli/CliCommand.cpp" line="-5" />
        <source>this command needs an operator: --operator NAME or $PAYDESK_OPERATOR</source>
        <translation>该命令需要操作员：--operator 用户名 或 $PAYDESK_OPERATOR</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Current password: </source>
        <translation>当前密码：</translation>
    </message>
    <message>
        <location line="+1" />
        <source>New password: </source>
        <translation>新密码：</translation>
    </message>
    <message>
        <location line="+7" />
        <source>password changed for %1</source>
        <translation>%1 的密码已修改</translation>
    </message>
    <message>
        <location filename="../app/cli/AuditCommand.cpp" line="+16" />
        <source>Verify the audit log's hash chain. Exit status 0 when every record is intact; 1 naming the first record that was changed, removed, inserted or reordered.</source>
        <translation>校验审计日志的哈希链。所有记录完好时退出码为 0；否则指出第一条被修改、删除、插入或调换顺序的记录，退出码为 1。</translation>
    </message>
    <message>
        <location line="+10" />
        <source>audit log intact: %1 records</source>
        <translation>审计日志完好：共 %1 条记录</translation>
    </message>
    <message>
        <location line="+4" />
        <source>audit log broken at record %1: %2</source>
        <translation>审计日志在第 %1 条记录处断裂：%2</translation>
    </message>
    <message>
        <location line="+7" />
        <source>Only records of this operator.</source>
        <translation>仅显示该操作员的记录。</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Only this action or family (e.g. login).</source>
        <translation>仅显示该操作或该类操作（例如 login）。</translation>
    </message>
    <message>
        <location line="+1" />
        <source>At most this many, newest first (default 50).</source>
        <translation>最多显示这么多条，最新的在前（默认 50）。</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Print JSON lines.</source>
        <translation>以 JSON 行输出。</translation>
    </message>
    <message>
        <location line="+2" />
        <source>List audit records, newest first.</source>
        <translation>列出审计记录，最新的在前。</translation>
    </message>
    <message>
        <location line="+38" />
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
        <location filename="../app/cli/VaultCommand.cpp" line="+13" />
        <source>set PAYDESK_MASTER_KEY_FILE to the file holding the master passphrase</source>
        <translation>请将 PAYDESK_MASTER_KEY_FILE 设为存放主口令的文件</translation>
    </message>
    <message>
        <location line="+7" />
        <source>Tell whether the secret vault is set up and, with $PAYDESK_MASTER_KEY_FILE, whether that passphrase opens it (exit 1 if not).</source>
        <translation>显示密钥保险库是否已建立；若设置了 $PAYDESK_MASTER_KEY_FILE，还检查该口令能否打开保险库（不能则以 1 退出）。</translation>
    </message>
    <message>
        <location line="+10" />
        <source>vault: not set up</source>
        <translation>保险库：未建立</translation>
    </message>
    <message>
        <location line="+4" />
        <source>vault: set up</source>
        <translation>保险库：已建立</translation>
    </message>
    <message>
        <location line="+9" />
        <source>vault: set up, and the master passphrase opens it</source>
        <translation>保险库：已建立，主口令可以打开</translation>
    </message>
    <message>
        <location line="+7" />
        <source>Name of the secret.</source>
        <translation>密钥名称。</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Store a secret read from standard input (the line after the operator's password when that is read from standard input too). Needs vault.write and $PAYDESK_MASTER_KEY_FILE.</source>
        <translation>保存从标准输入读取的密钥（若操作员密码也从标准输入读取，则取其后一行）。需要 vault.write 权限和 $PAYDESK_MASTER_KEY_FILE。</translation>
    </message>
    <message>
        <location line="+5" />
        <source>give exactly one secret name</source>
        <translation>请给出且只给出一个密钥名称</translation>
    </message>
    <message>
        <location line="+11" />
        <source>Secret value: </source>
        <translation>密钥内容：</translation>
    </message>
    <message>
        <location line="+4" />
        <source>stored secret %1</source>
        <translation>已保存密钥 %1</translation>
    </message>
    <message>
        <location line="+8" />
        <source>List the names of the stored secrets (never their values). Needs vault.read.</source>
        <translation>列出已保存密钥的名称（绝不显示内容）。需要 vault.read 权限。</translation>
    </message>
    <message>
        <location line="+19" />
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
        <location filename="../app/cli/StatementCommand.cpp" line="-19" />
        <source>The statement: a WeChat Pay bill, an Alipay bill (the zip or its detail file), a UnionPay ZM file, zip or fileContent.</source>
        <translation>对账单文件：微信支付账单、支付宝账单（zip 或其中的明细文件）、银联 ZM 文件、zip 或 fileContent。</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Print every line as one JSON object per line (amounts as decimal strings) and nothing else.</source>
        <translation>只输出每一笔明细，每行一个 JSON 对象（金额为十进制字符串），不输出其他内容。</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Settlement date of a UnionPay ZM file, whose times carry no year, when its name does not tell it (INN&lt;yyMMdd&gt;…).</source>
        <translation>银联 ZM 文件的清算日期（其时间不带年份），文件名（INN&lt;yyMMdd&gt;…）无法给出时使用。</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Parse a channel statement, recognising its format from the content, and check it against the totals it prints. Prints the format, the files read, the number of lines and the payments' and refunds' counts, amounts and fees. Exit status 0 when every line parsed and every total matched, 1 otherwise (the error names file and line); with --json the lines printed before an error are not to be used.</source>
        <translation>解析渠道对账单（按内容识别格式），并与其自身打印的合计核对。输出格式、读取的文件、明细笔数以及支付与退款的笔数、金额和手续费。全部明细解析成功且所有合计一致时退出码为 0，否则为 1（错误信息指明文件和行号）；使用 --json 时，出错前已输出的明细不可使用。</translation>
    </message>
    <message>
        <location line="+9" />
        <source>unexpected argument '%1'</source>
        <translation>多余的参数“%1”</translation>
    </message>
    <message>
        <location line="+5" />
        <source>--date wants yyyy-mm-dd, not '%1'</source>
        <translation>--date 须为 yyyy-mm-dd，而不是“%1”</translation>
    </message>
    <message>
        <location line="+36" />
        <source>Format: %1</source>
        <translation>格式：%1</translation>
    </message>
    <message>
        <location line="+3" />
        <source>File: %1 (%2, %3 lines)</source>
        <translation>文件：%1（%2，%3 行）</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Lines: %1</source>
        <translation>明细：%1</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Payments: %1, amount %2, fee %3</source>
        <translation>支付：%1 笔，金额 %2，手续费 %3</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Refunds: %1, amount %2, fee %3</source>
        <translation>退款：%1 笔，金额 %2，手续费 %3</translation>
    </message>
    <message>
        <location line="+9" />
        <source>Usage: paydesk-cli statement SUBCOMMAND [options]

Subcommands:
  parse --file F [--json] [--date D]
                            Parse a channel statement (WeChat Pay, Alipay, UnionPay), check its
                            totals, print a summary or every line as JSON.

'paydesk-cli statement SUBCOMMAND --help' shows the options of each.
</source>
        <translation>用法：paydesk-cli statement 子命令 [选项]

子命令：
  parse --file F [--json] [--date D]
                            解析渠道对账单（微信支付、支付宝、银联），核对其合计，
                            输出汇总，或以 JSON 输出每一笔明细。

“paydesk-cli statement 子命令 --help”显示各子命令的选项。
</translation>
    </message>
</context>
<context>
    <name>Console</name>
    <message>
        <location filename="../app/console/main.cpp" line="+22" />
        <source>Paydesk payment operations console.</source>
        <translation>Paydesk 支付运营控制台。</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Database URL (default: $PAYDESK_DATABASE, else paydesk.db in the user's data directory).</source>
        <translation>数据库 URL（默认：$PAYDESK_DATABASE，未设置时为用户数据目录中的 paydesk.db）。</translation>
    </message>
    <message>
        <location line="+4" />
        <source>User interface language: zh_CN or en (default: the last one chosen, else the system's).</source>
        <translation>界面语言：zh_CN 或 en（默认：上次选择的语言，否则跟随系统）。</translation>
    </message>
    <message>
        <location line="+14" />
        <location line="+7" />
        <location line="+7" />
        <source>Paydesk</source>
        <translation>Paydesk</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The demo data could not be created: %1</source>
        <translation>无法创建演示数据：%1</translation>
    </message>
</context>
<context>
    <name>DemoDataDialog</name>
    <message>
        <location filename="../widgets/shell/DemoDataDialog.cpp" line="+20" />
        <source>Creating a demo database…</source>
        <translation>正在创建演示数据库…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Paydesk — first start</source>
        <translation>Paydesk — 首次启动</translation>
    </message>
</context>
<context>
    <name>DisplayFormat</name>
    <message>
        <location filename="../widgets/format/DisplayFormat.cpp" line="+46" />
        <source>Manual</source>
        <translation>手工</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Payment</source>
        <translation>支付</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Refund</source>
        <translation>退款</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Clearing</source>
        <translation>清算</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Channel funds</source>
        <translation>渠道到账</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Payout</source>
        <translation>出款</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Payout confirmed</source>
        <translation>出款成功</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Payout failed</source>
        <translation>出款失败</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Freeze</source>
        <translation>冻结</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Unfreeze</source>
        <translation>解冻</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Adjustment</source>
        <translation>调账</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Reversal</source>
        <translation>冲销</translation>
    </message>
</context>
<context>
    <name>Error</name>
    <message>
        <location filename="../core/util/Error.cpp" line="+15" />
        <source>No error</source>
        <translation>无错误</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The amount is empty</source>
        <translation>金额为空</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The amount is not a plain decimal number</source>
        <translation>金额不是合法的十进制数</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The amount has more decimals than its currency allows</source>
        <translation>金额的小数位数超过该币种允许的位数</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The amount is too large</source>
        <translation>金额过大</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Unknown currency</source>
        <translation>未知币种</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The amounts are in different currencies</source>
        <translation>金额币种不一致</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The calculation overflows</source>
        <translation>计算结果溢出</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The rate is not a valid number</source>
        <translation>费率不是合法的数值</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The rate is out of range</source>
        <translation>费率超出范围</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Invalid argument</source>
        <translation>参数无效</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The database URL is not valid</source>
        <translation>数据库 URL 无效</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The database cannot be opened</source>
        <translation>无法打开数据库</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The database was created by a newer Paydesk; upgrade this program</source>
        <translation>该数据库由更新版本的 Paydesk 创建，请升级本程序</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Upgrading the database schema failed</source>
        <translation>升级数据库结构失败</translation>
    </message>
    <message>
        <location line="+1" />
        <source>A database query failed</source>
        <translation>数据库查询失败</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The database transaction failed</source>
        <translation>数据库事务失败</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The journal entry needs at least two postings</source>
        <translation>会计分录至少需要两条明细</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The journal entry does not balance</source>
        <translation>会计分录借贷不平衡</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The journal entry has no valid business date</source>
        <translation>会计分录缺少有效的营业日期</translation>
    </message>
    <message>
        <location line="+1" />
        <source>A posting has a zero amount</source>
        <translation>分录明细金额为零</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The account name does not follow the chart of accounts</source>
        <translation>科目名称不符合会计科目表</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The account does not exist</source>
        <translation>科目不存在</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The account is closed</source>
        <translation>科目已关闭</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The posting's currency differs from the account's</source>
        <translation>明细币种与科目币种不一致</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The account would go below zero</source>
        <translation>科目余额将低于零</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The account still has a balance</source>
        <translation>科目仍有余额</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The account already exists</source>
        <translation>科目已存在</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The journal entry does not exist</source>
        <translation>会计分录不存在</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The journal entry has already been reversed</source>
        <translation>该会计分录已被冲销</translation>
    </message>
    <message>
        <location line="+1" />
        <source>A reversal cannot itself be reversed</source>
        <translation>冲销分录本身不能再被冲销</translation>
    </message>
    <message>
        <location line="+1" />
        <source>This event has already been posted</source>
        <translation>该事件已经记过账</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The file cannot be read</source>
        <translation>无法读取文件</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The file cannot be written</source>
        <translation>无法写入文件</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The JSON is malformed</source>
        <translation>JSON 格式错误</translation>
    </message>
    <message>
        <location line="+1" />
        <source>An external tool failed</source>
        <translation>外部工具执行失败</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location line="+1" />
        <source>You do not have permission for this action</source>
        <translation>您没有执行此操作的权限</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Wrong user name or password</source>
        <translation>用户名或密码错误</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The operator is locked after too many failed logins</source>
        <translation>登录失败次数过多，该操作员已被锁定</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The operator is disabled</source>
        <translation>该操作员已停用</translation>
    </message>
    <message>
        <location line="+1" />
        <source>No such operator</source>
        <translation>没有该操作员</translation>
    </message>
    <message>
        <location line="+1" />
        <source>An operator with this user name already exists</source>
        <translation>该用户名的操作员已存在</translation>
    </message>
    <message>
        <location line="+1" />
        <source>User names are 3 to 32 letters, digits, dots, dashes or underscores</source>
        <translation>用户名为 3 到 32 个字母、数字、点、连字符或下划线</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Unknown role</source>
        <translation>未知角色</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The password must have at least 12 characters</source>
        <translation>密码至少需要 12 个字符</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The password was used recently; choose another</source>
        <translation>该密码最近用过，请换一个</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The password must not contain the user name</source>
        <translation>密码中不能包含用户名</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The password must be changed before anything else</source>
        <translation>必须先修改密码</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Paydesk already has operators; sign in instead</source>
        <translation>Paydesk 已有操作员，请直接登录</translation>
    </message>
    <message>
        <location line="+1" />
        <source>This would leave no active administrator</source>
        <translation>这样将没有可用的管理员</translation>
    </message>
    <message>
        <location line="+1" />
        <source>You cannot disable yourself or remove your own administrator role</source>
        <translation>不能停用自己，也不能去掉自己的管理员角色</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The secret vault has not been set up</source>
        <translation>密钥保险库尚未建立</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The secret vault is already set up</source>
        <translation>密钥保险库已经建立</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The secret vault is locked; unlock it with the master passphrase</source>
        <translation>密钥保险库已锁定，请用主口令解锁</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Wrong master passphrase</source>
        <translation>主口令错误</translation>
    </message>
    <message>
        <location line="+1" />
        <source>No such secret in the vault</source>
        <translation>保险库中没有该密钥</translation>
    </message>
    <message>
        <location line="+1" />
        <source>A cryptographic operation failed</source>
        <translation>加密运算失败</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The encrypted data failed its integrity check</source>
        <translation>加密数据未通过完整性校验</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The file is not a statement format Paydesk knows</source>
        <translation>该文件不是 Paydesk 认识的对账单格式</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The statement has a malformed line</source>
        <translation>对账单中有格式错误的行</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The statement's totals do not match its lines</source>
        <translation>对账单的合计与明细不符</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The statement ends early (no totals)</source>
        <translation>对账单不完整（缺少合计）</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The statement is not in the expected text encoding</source>
        <translation>对账单的文字编码不符合预期</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The key or certificate cannot be read</source>
        <translation>无法读取密钥或证书</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The certificate is not valid or not trusted</source>
        <translation>证书无效或不受信任</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The signature does not verify</source>
        <translation>签名验证失败</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The channel did not answer in time</source>
        <translation>渠道未能及时应答</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The channel could not be reached or failed</source>
        <translation>无法连接渠道或渠道出错</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The channel refused the request</source>
        <translation>渠道拒绝了请求</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The channel has no such order or refund</source>
        <translation>渠道没有该订单或退款</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The order's state at the channel does not allow this</source>
        <translation>该订单在渠道的状态不允许此操作</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The channel refused our signature or credentials</source>
        <translation>渠道拒绝了我方的签名或凭据</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The channel's answer cannot be understood</source>
        <translation>无法解读渠道的应答</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The callback is too old or from the future</source>
        <translation>回调已过期或时间超前</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The callback cannot be understood</source>
        <translation>无法解读回调内容</translation>
    </message>
    <message>
        <location line="+34" />
        <source>Unknown error</source>
        <translation>未知错误</translation>
    </message>
</context>
<context>
    <name>RoleText</name>
    <message>
        <location filename="../widgets/operators/RoleText.cpp" line="+11" />
        <source>Administrator</source>
        <translation>管理员</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Onboarding</source>
        <translation>入驻</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Support</source>
        <translation>客服</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Finance</source>
        <translation>财务</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Approver</source>
        <translation>审批</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Auditor</source>
        <translation>审计</translation>
    </message>
</context>
<context>
    <name>Sandbox</name>
    <message>
        <location filename="../app/sandbox/main.cpp" line="+33" />
        <source>paydesk-sandbox listening on %1 (loopback only)</source>
        <translation>paydesk-sandbox 正在 %1 监听（仅本机回环）</translation>
    </message>
    <message>
        <location line="+1" />
        <source>  CA certificate (trust this):  %1</source>
        <translation>  CA 证书（请信任此证书）：%1</translation>
    </message>
    <message>
        <location line="+1" />
        <source>  credentials directory:        %1</source>
        <translation>  凭据目录：                   %1</translation>
    </message>
    <message>
        <location line="+1" />
        <source>  WeChat Pay v3:   %1  mchid %2, appid %3, merchant serial %4</source>
        <translation>  微信支付 v3：    %1  商户号 %2，appid %3，商户证书序列号 %4</translation>
    </message>
    <message>
        <location line="+4" />
        <source>  Alipay gateway:  %1/gateway.do  app_id %2</source>
        <translation>  支付宝网关：      %1/gateway.do  app_id %2</translation>
    </message>
    <message>
        <location line="+1" />
        <source>  UnionPay:        %1/gateway/api/  file %1/unionpay/file  merId %2, certId %3</source>
        <translation>  银联：            %1/gateway/api/  文件 %1/unionpay/file  商户号 %2，certId %3</translation>
    </message>
    <message>
        <location line="+3" />
        <source>  control API:     %1/__sandbox  (pay, faults, trades, callbacks, settings, statement)</source>
        <translation>  控制接口：        %1/__sandbox（pay、faults、trades、callbacks、settings、statement）</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Stop with Ctrl+C.</source>
        <translation>按 Ctrl+C 停止。</translation>
    </message>
    <message>
        <location line="+21" />
        <source>A local stand-in for WeChat Pay v3, the Alipay gateway and the UnionPay gateway, over HTTPS on 127.0.0.1.

Commands:
  serve                 Run the sandbox (the default). Keys and certificates are made on first start.
  pay ORDER             The simulated payer pays ORDER (--fail: the payment fails).
  fault NAME            Switch a fault on (or --off) for the run or one --trade. Faults:
                        drop-callback, duplicate-callback, delay (--value ms), timeout (the request is
                        carried out, the answer never comes), server-error, bad-signature;
                        statement faults (on until --off): statement-amount-differs (--value fen,
                        default 1), missing-from-statement, extra-trade-in-statement (--value fen),
                        refund-at-channel-only (--value fen, default all).
  faults                List the faults switched on (--clear: switch all off).
  trades, callbacks     Show the sandbox's trades, or its notifications and their delivery attempts.</source>
        <translation>在 127.0.0.1 上通过 HTTPS 模拟微信支付 v3、支付宝网关和银联网关的本地替身。

命令：
  serve                 运行沙箱（默认）。首次启动时生成密钥和证书。
  pay ORDER             模拟付款人支付订单 ORDER（--fail：支付失败）。
  fault NAME            为整个运行或某一 --trade 打开（或 --off 关闭）故障。故障：
                        drop-callback、duplicate-callback、delay（--value 毫秒）、timeout（请求已执行，
                        但应答永不返回）、server-error、bad-signature；
                        对账单类故障（持续到 --off）：statement-amount-differs（--value 分，
                        默认 1）、missing-from-statement、extra-trade-in-statement（--value 分）、
                        refund-at-channel-only（--value 分，默认全额）。
  faults                列出已打开的故障（--clear：全部关闭）。
  trades, callbacks     显示沙箱的交易，或其通知及各次投递尝试。</translation>
    </message>
    <message>
        <location line="+16" />
        <source>Directory of keys and certificates (default: $PAYDESK_SANDBOX_DIR or %1).</source>
        <translation>密钥与证书目录（默认：$PAYDESK_SANDBOX_DIR 或 %1）。</translation>
    </message>
    <message>
        <location line="+0" />
        <source>dir</source>
        <translation>目录</translation>
    </message>
    <message>
        <location line="+1" />
        <source>serve: port on 127.0.0.1 (default 9443; 0: any free port).</source>
        <translation>serve：127.0.0.1 上的端口（默认 9443；0 表示任一空闲端口）。</translation>
    </message>
    <message>
        <location line="+0" />
        <source>port</source>
        <translation>端口</translation>
    </message>
    <message>
        <location line="+1" />
        <source>serve: payers pay every new order after this many milliseconds (default: only when told).</source>
        <translation>serve：付款人在新订单创建后这么多毫秒自动支付（默认：仅在指令下支付）。</translation>
    </message>
    <message>
        <location line="+0" />
        <location line="+2" />
        <source>ms</source>
        <translation>毫秒</translation>
    </message>
    <message>
        <location line="-1" />
        <source>serve: share of automatic payments that succeed, 0 to 1 (default 1).</source>
        <translation>serve：自动支付的成功比例，0 到 1（默认 1）。</translation>
    </message>
    <message>
        <location line="+0" />
        <source>rate</source>
        <translation>比例</translation>
    </message>
    <message>
        <location line="+1" />
        <source>serve: WeChat Pay and UnionPay refunds finish after this many milliseconds (default 500).</source>
        <translation>serve：微信支付和银联退款在这么多毫秒后完成（默认 500）。</translation>
    </message>
    <message>
        <location line="+1" />
        <source>serve: multiply the channels' callback retry intervals (default 1; 0.001 turns 15 s into 15 ms).</source>
        <translation>serve：渠道回调重试间隔的倍数（默认 1；0.001 把 15 秒变为 15 毫秒）。</translation>
    </message>
    <message>
        <location line="+0" />
        <source>factor</source>
        <translation>倍数</translation>
    </message>
    <message>
        <location line="+1" />
        <source>pay, fault, faults, trades, callbacks: the sandbox's base URL (default: the one serve wrote to the state directory).</source>
        <translation>pay、fault、faults、trades、callbacks：沙箱的基础 URL（默认：serve 写入状态目录的地址）。</translation>
    </message>
    <message>
        <location line="+0" />
        <source>url</source>
        <translation>URL</translation>
    </message>
    <message>
        <location line="+1" />
        <source>pay: the payment fails.</source>
        <translation>pay：支付失败。</translation>
    </message>
    <message>
        <location line="+1" />
        <source>pay: look ORDER up in this channel only (wechatpay, alipay, unionpay).</source>
        <translation>pay：只在该渠道中查找 ORDER（wechatpay、alipay、unionpay）。</translation>
    </message>
    <message>
        <location line="+0" />
        <source>channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <location line="+1" />
        <source>fault: only for this order number.</source>
        <translation>fault：仅对该订单号生效。</translation>
    </message>
    <message>
        <location line="+0" />
        <source>order</source>
        <translation>订单号</translation>
    </message>
    <message>
        <location line="+1" />
        <source>fault: milliseconds (delay) or fen (amounts).</source>
        <translation>fault：毫秒（延迟）或分（金额）。</translation>
    </message>
    <message>
        <location line="+0" />
        <location line="+1" />
        <source>n</source>
        <translation>数量</translation>
    </message>
    <message>
        <location line="+0" />
        <source>fault: apply this many times, then switch off (default: until --off; statement faults: always until --off).</source>
        <translation>fault：生效这么多次后自动关闭（默认：直到 --off；对账单类故障总是持续到 --off）。</translation>
    </message>
    <message>
        <location line="+1" />
        <source>fault: switch the fault off.</source>
        <translation>fault：关闭该故障。</translation>
    </message>
    <message>
        <location line="+1" />
        <source>faults: switch every fault off.</source>
        <translation>faults：关闭所有故障。</translation>
    </message>
    <message>
        <location line="+3" />
        <source>serve (default), pay, fault, faults, trades, callbacks</source>
        <translation>serve（默认）、pay、fault、faults、trades、callbacks</translation>
    </message>
    <message>
        <location line="+22" />
        <source>error: --value and --times take whole numbers</source>
        <translation>错误：--value 和 --times 须为整数</translation>
    </message>
    <message>
        <location line="+6" />
        <source>error: serve takes no arguments</source>
        <translation>错误：serve 不接受参数</translation>
    </message>
    <message>
        <location line="+21" />
        <source>error: invalid option value; see 'paydesk-sandbox --help'</source>
        <translation>错误：选项值无效；参见“paydesk-sandbox --help”</translation>
    </message>
    <message>
        <location line="+6" />
        <location filename="../app/sandbox/SandboxClient.cpp" line="+77" />
        <location line="+3" />
        <source>error: %1</source>
        <translation>错误：%1</translation>
    </message>
    <message>
        <location filename="../app/sandbox/SandboxClient.cpp" line="-51" />
        <source>error: no running sandbox found in %1 (start one with 'paydesk-sandbox serve', or pass --url)</source>
        <translation>错误：在 %1 中找不到正在运行的沙箱（请用“paydesk-sandbox serve”启动，或传入 --url）</translation>
    </message>
    <message>
        <location line="+6" />
        <source>error: cannot read the sandbox CA: %1</source>
        <translation>错误：无法读取沙箱 CA：%1</translation>
    </message>
    <message>
        <location line="+12" />
        <source>usage: paydesk-sandbox pay ORDER [--fail] [--channel wechatpay|alipay|unionpay]</source>
        <translation>用法：paydesk-sandbox pay 订单号 [--fail] [--channel wechatpay|alipay|unionpay]</translation>
    </message>
    <message>
        <location line="+8" />
        <source>usage: paydesk-sandbox fault NAME [--trade ORDER] [--value N] [--times N] [--off]</source>
        <translation>用法：paydesk-sandbox fault 故障名 [--trade 订单号] [--value N] [--times N] [--off]</translation>
    </message>
    <message>
        <location line="+15" />
        <source>error: unknown command '%1'; see 'paydesk-sandbox --help'</source>
        <translation>错误：未知命令“%1”；参见“paydesk-sandbox --help”</translation>
    </message>
</context>
<context>
    <name>paydesk::AuditModel</name>
    <message>
        <location filename="../widgets/audit/AuditModel.cpp" line="+52" />
        <source>ok</source>
        <translation>成功</translation>
    </message>
    <message>
        <location line="+2" />
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location line="+2" />
        <source>denied</source>
        <translation>拒绝</translation>
    </message>
    <message>
        <location line="+32" />
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Operator</source>
        <translation>操作员</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Object</source>
        <translation>对象</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <location line="+1" />
        <source>From</source>
        <translation>来源</translation>
    </message>
</context>
<context>
    <name>paydesk::AuditPanel</name>
    <message>
        <location filename="../widgets/audit/AuditPanel.cpp" line="+106" />
        <source>Record %1 · %2 · hash %3
%4</source>
        <translation>记录 %1 · %2 · 哈希 %3
%4</translation>
    </message>
    <message>
        <location line="+28" />
        <source>Verifying…</source>
        <translation>正在校验…</translation>
    </message>
    <message>
        <location line="+23" />
        <source>Operator</source>
        <translation>操作员</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <location line="+1" />
        <source>e.g. login, ledger.post</source>
        <translation>例如 login、ledger.post</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Dates</source>
        <translation>日期</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Search</source>
        <translation>查询(&amp;S)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Verify chain</source>
        <translation>校验哈希链(&amp;V)</translation>
    </message>
    <message numerus="yes">
        <location line="+7" />
        <source>Intact: all %n record(s) verify.</source>
        <translation>
            <numerusform>完好：全部 %n 条记录校验通过。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3" />
        <source>Tampering detected at record %1: %2</source>
        <translation>发现篡改，位于第 %1 条记录：%2</translation>
    </message>
</context>
<context>
    <name>paydesk::BalancesView</name>
    <message>
        <location filename="../widgets/ledger/BalancesView.cpp" line="+110" />
        <location line="+6" />
        <source>Export trial balance</source>
        <translation>导出试算平衡表</translation>
    </message>
    <message>
        <location line="-5" />
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <location line="+23" />
        <source>Balances as of</source>
        <translation>余额截至</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Latest (all postings)</source>
        <translation>最新（全部过账）</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <location line="+7" />
        <source>balanced</source>
        <translation>平衡</translation>
    </message>
    <message>
        <location line="+1" />
        <source>NOT balanced</source>
        <translation>不平衡</translation>
    </message>
    <message>
        <location line="+1" />
        <source>%1: debits %2, credits %3 — %4</source>
        <translation>%1：借方合计 %2，贷方合计 %3 — %4</translation>
    </message>
    <message>
        <location line="+4" />
        <source>No accounts yet.</source>
        <translation>尚无科目。</translation>
    </message>
</context>
<context>
    <name>paydesk::ConsoleApp</name>
    <message>
        <location filename="../widgets/shell/ConsoleApp.cpp" line="+45" />
        <source>Choose your own password</source>
        <translation>设置您自己的密码</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Your password was set by an administrator. Choose your own before you continue.</source>
        <translation>您的密码由管理员设置，请先设置自己的密码再继续。</translation>
    </message>
    <message>
        <location line="+17" />
        <source>Unlock the secret vault</source>
        <translation>解锁密钥保险库</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Enter the master passphrase to use channel keys and application secrets in this session. You can skip this and unlock later from the Account menu.</source>
        <translation>输入主口令后，本次会话即可使用渠道密钥和应用密钥。也可以跳过，稍后从“账户”菜单解锁。</translation>
    </message>
    <message>
        <location line="+8" />
        <source>Skip</source>
        <translation>跳过</translation>
    </message>
</context>
<context>
    <name>paydesk::FirstRunDialog</name>
    <message>
        <location filename="../widgets/shell/FirstRunDialog.cpp" line="+29" />
        <source>Paydesk — first start</source>
        <translation>Paydesk — 首次启动</translation>
    </message>
    <message>
        <location line="+10" />
        <source>Production</source>
        <translation>生产</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Test</source>
        <translation>测试</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Demo</source>
        <translation>演示</translation>
    </message>
    <message>
        <location line="+4" />
        <source>This database has no operators yet. Create the first administrator, and choose the master passphrase that encrypts channel keys and application secrets. Paydesk cannot recover a lost master passphrase.</source>
        <translation>该数据库还没有操作员。请创建首个管理员，并设置用于加密渠道密钥和应用密钥的主口令。主口令丢失后 Paydesk 无法找回。</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Administrator:</source>
        <translation>管理员：</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Password:</source>
        <translation>密码：</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Password again:</source>
        <translation>再次输入密码：</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Master passphrase:</source>
        <translation>主口令：</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Passphrase again:</source>
        <translation>再次输入主口令：</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Environment:</source>
        <translation>运行环境：</translation>
    </message>
    <message numerus="yes">
        <location line="+21" />
        <source>The password needs at least %n characters.</source>
        <translation>
            <numerusform>密码至少需要 %n 个字符。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2" />
        <source>The two passwords differ.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
    <message>
        <location line="+2" />
        <source>The master passphrase needs at least 12 characters.</source>
        <translation>主口令至少需要 12 个字符。</translation>
    </message>
    <message>
        <location line="+2" />
        <source>The two passphrases differ.</source>
        <translation>两次输入的主口令不一致。</translation>
    </message>
</context>
<context>
    <name>paydesk::JournalModel</name>
    <message>
        <location filename="../widgets/ledger/JournalModel.cpp" line="+56" />
        <source>This entry has lines in more than one currency; the amount is the sum of its debit lines.</source>
        <translation>该分录含多个币种的明细，金额为其借方明细之和。</translation>
    </message>
    <message>
        <location line="+7" />
        <source>%1 of #%2</source>
        <translation>%1 #%2</translation>
    </message>
    <message>
        <location line="+15" />
        <source>Entry</source>
        <translation>分录</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Business date</source>
        <translation>营业日期</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Reference</source>
        <translation>业务单号</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Memo</source>
        <translation>摘要</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Posted by</source>
        <translation>过账人</translation>
    </message>
</context>
<context>
    <name>paydesk::JournalPanel</name>
    <message>
        <location filename="../widgets/ledger/JournalPanel.cpp" line="+70" />
        <location line="+212" />
        <source>All accounts</source>
        <translation>全部科目</translation>
    </message>
    <message>
        <location line="-95" />
        <source>Amounts are written like 88.00 (at most two decimals).</source>
        <translation>金额格式如 88.00（最多两位小数）。</translation>
    </message>
    <message>
        <location line="+13" />
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message numerus="yes">
        <location line="+2" />
        <source>%n entries</source>
        <translation>
            <numerusform>共 %n 笔分录</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2" />
        <source>%n entries shown; scroll for more</source>
        <translation>
            <numerusform>已显示 %n 笔分录，向下滚动加载更多</numerusform>
        </translation>
    </message>
    <message>
        <location line="+16" />
        <source>Entry #%1 · %2 · %3 · %4</source>
        <translation>分录 #%1 · %2 · %3 · %4</translation>
    </message>
    <message>
        <location line="+4" />
        <source>reverses #%1</source>
        <translation>冲销 #%1</translation>
    </message>
    <message>
        <location line="+2" />
        <source>reversed by #%1</source>
        <translation>已被 #%1 冲销</translation>
    </message>
    <message>
        <location line="+34" />
        <location line="+6" />
        <source>Export journal</source>
        <translation>导出日记账</translation>
    </message>
    <message>
        <location line="-5" />
        <source>ledger-cli journals (*.ledger *.dat)</source>
        <translation>ledger-cli 日记账 (*.ledger *.dat)</translation>
    </message>
    <message>
        <location line="+10" />
        <location line="+9" />
        <source>Account</source>
        <translation>科目</translation>
    </message>
    <message>
        <location line="-8" />
        <source>Business dates</source>
        <translation>营业日期</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location line="+1" />
        <source>from (e.g. 88.00)</source>
        <translation>从（如 88.00）</translation>
    </message>
    <message>
        <location line="+1" />
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Reference</source>
        <translation>业务单号</translation>
    </message>
    <message>
        <location line="+1" />
        <source>order no., refund no., batch…</source>
        <translation>订单号、退款单号、批次号…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Search</source>
        <translation>查询(&amp;S)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Export journal…</source>
        <translation>导出日记账…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Currency</source>
        <translation>币种</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Debit</source>
        <translation>借方</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Credit</source>
        <translation>贷方</translation>
    </message>
</context>
<context>
    <name>paydesk::LedgerPanel</name>
    <message>
        <location filename="../widgets/ledger/LedgerPanel.cpp" line="+38" />
        <source>Balances &amp;&amp; trial balance</source>
        <translation>余额与试算平衡</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Journal</source>
        <translation>日记账</translation>
    </message>
</context>
<context>
    <name>paydesk::LoginDialog</name>
    <message>
        <location filename="../widgets/shell/LoginDialog.cpp" line="+22" />
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Paydesk — sign in</source>
        <translation>Paydesk — 登录</translation>
    </message>
    <message>
        <location line="+11" />
        <source>Database: %1</source>
        <translation>数据库：%1</translation>
    </message>
    <message>
        <location line="+3" />
        <source>User name:</source>
        <translation>用户名：</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Password:</source>
        <translation>密码：</translation>
    </message>
    <message>
        <location line="+7" />
        <source>Environment: %1</source>
        <translation>环境：%1</translation>
    </message>
    <message>
        <location line="+18" />
        <source>Enter your user name and password.</source>
        <translation>请输入用户名和密码。</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Signing in…</source>
        <translation>正在登录…</translation>
    </message>
    <message>
        <location line="+15" />
        <source>Too many failed sign-ins: this operator is locked until %1.</source>
        <translation>登录失败次数过多：该操作员已锁定至 %1。</translation>
    </message>
</context>
<context>
    <name>paydesk::MainWindow</name>
    <message>
        <location filename="../widgets/shell/MainWindow.cpp" line="+152" />
        <source>Paydesk — payment operations console</source>
        <translation>Paydesk — 支付运营控制台</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Ledger</source>
        <translation>账务</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Audit log</source>
        <translation>审计日志</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Operators &amp; roles</source>
        <translation>操作员与角色</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Welcome</source>
        <translation>欢迎</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Your roles (%1) have no panels in this version yet.</source>
        <translation>您的角色（%1）在当前版本中暂无可用面板。</translation>
    </message>
    <message>
        <location line="+4" />
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Sign &amp;out</source>
        <translation>退出登录(&amp;O)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Account</source>
        <translation>账户(&amp;A)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Change &amp;password…</source>
        <translation>修改密码(&amp;P)…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Unlock secret &amp;vault…</source>
        <translation>解锁密钥保险库(&amp;V)…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Lock screen</source>
        <translation>锁定屏幕(&amp;L)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;About Paydesk</source>
        <translation>关于 Paydesk(&amp;A)</translation>
    </message>
    <message>
        <location line="+7" />
        <source>Signed in as %1 (%2)</source>
        <translation>当前登录：%1（%2）</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Production</source>
        <translation>生产</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Test</source>
        <translation>测试</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Demo</source>
        <translation>演示</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Environment: %1</source>
        <translation>环境：%1</translation>
    </message>
    <message>
        <location line="+0" />
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Database: %1</source>
        <translation>数据库：%1</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Vault: not set up</source>
        <translation>保险库：未建立</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Vault: unlocked</source>
        <translation>保险库：已解锁</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Vault: locked</source>
        <translation>保险库：已锁定</translation>
    </message>
    <message>
        <location line="+13" />
        <source>Paydesk is locked</source>
        <translation>Paydesk 已锁定</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Paydesk locked itself after a time without use. Enter the password of %1 to go on.</source>
        <translation>Paydesk 在一段时间无操作后已自动锁定。请输入 %1 的密码以继续。</translation>
    </message>
    <message>
        <location line="+8" />
        <source>Sign out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <location line="+15" />
        <source>Change password</source>
        <translation>修改密码</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Choose a new password of at least 12 characters that you have not used recently.</source>
        <translation>请设置一个至少 12 个字符、最近未使用过的新密码。</translation>
    </message>
    <message>
        <location line="+12" />
        <source>Unlock the secret vault</source>
        <translation>解锁密钥保险库</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Enter the master passphrase.</source>
        <translation>请输入主口令。</translation>
    </message>
    <message>
        <location line="+12" />
        <source>About Paydesk</source>
        <translation>关于 Paydesk</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&lt;h3&gt;Paydesk %1&lt;/h3&gt;&lt;p&gt;Console for an aggregated payment platform: merchants, channels, orders, reconciliation, clearing and settlement over a double-entry ledger.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Paydesk %1&lt;/h3&gt;&lt;p&gt;聚合支付平台运营控制台：基于复式记账的商户、渠道、订单、对账、清算与结算管理。&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>paydesk::OperatorDialog</name>
    <message>
        <location filename="../widgets/operators/OperatorDialog.cpp" line="+21" />
        <source>New operator</source>
        <translation>新建操作员</translation>
    </message>
    <message>
        <location line="+7" />
        <source>Roles of %1</source>
        <translation>%1 的角色</translation>
    </message>
    <message>
        <location line="+22" />
        <source>Must choose a new password at the first sign-in</source>
        <translation>首次登录时必须设置新密码</translation>
    </message>
    <message>
        <location line="+3" />
        <source>User name:</source>
        <translation>用户名：</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Name:</source>
        <translation>姓名：</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Initial password:</source>
        <translation>初始密码：</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Again:</source>
        <translation>再次输入：</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Roles</source>
        <translation>角色</translation>
    </message>
    <message>
        <location line="+37" />
        <source>Choose at least one role.</source>
        <translation>请至少选择一个角色。</translation>
    </message>
    <message numerus="yes">
        <location line="+6" />
        <source>The password needs at least %n characters.</source>
        <translation>
            <numerusform>密码至少需要 %n 个字符。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2" />
        <source>The two passwords differ.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
</context>
<context>
    <name>paydesk::OperatorModel</name>
    <message>
        <location filename="../widgets/operators/OperatorModel.cpp" line="+62" />
        <source>Disabled</source>
        <translation>已停用</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Locked until %1</source>
        <translation>锁定至 %1</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Active, must change password</source>
        <translation>正常，须修改密码</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Active</source>
        <translation>正常</translation>
    </message>
    <message>
        <location line="+1" />
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <location line="+10" />
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Roles</source>
        <translation>角色</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Last sign-in</source>
        <translation>最近登录</translation>
    </message>
</context>
<context>
    <name>paydesk::OperatorsPanel</name>
    <message>
        <location filename="../widgets/operators/OperatorsPanel.cpp" line="+93" />
        <source>&amp;Enable</source>
        <translation>启用(&amp;E)</translation>
    </message>
    <message>
        <location line="+0" />
        <source>&amp;Disable</source>
        <translation>停用(&amp;D)</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Done.</source>
        <translation>已完成。</translation>
    </message>
    <message>
        <location line="+29" />
        <source>Reset password of %1</source>
        <translation>重置 %1 的密码</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Set a temporary password. %1 must choose a new one at the next sign-in; a lockout is lifted.</source>
        <translation>设置一个临时密码。%1 下次登录时必须设置新密码；锁定状态同时解除。</translation>
    </message>
    <message>
        <location line="+21" />
        <source>&amp;New operator…</source>
        <translation>新建操作员(&amp;N)…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>R&amp;oles…</source>
        <translation>角色(&amp;O)…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Reset &amp;password…</source>
        <translation>重置密码(&amp;P)…</translation>
    </message>
</context>
<context>
    <name>paydesk::PasswordDialog</name>
    <message>
        <location filename="../widgets/common/PasswordDialog.cpp" line="+28" />
        <source>Current:</source>
        <translation>当前：</translation>
    </message>
    <message>
        <location line="+2" />
        <source>New:</source>
        <translation>新的：</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Again:</source>
        <translation>再次输入：</translation>
    </message>
    <message numerus="yes">
        <location line="+35" />
        <source>At least %n characters.</source>
        <translation>
            <numerusform>至少 %n 个字符。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2" />
        <source>The two entries differ.</source>
        <translation>两次输入不一致。</translation>
    </message>
</context>
<context>
    <name>paydesk::TrialBalanceModel</name>
    <message>
        <location filename="../widgets/ledger/TrialBalanceModel.cpp" line="+29" />
        <source>Bank deposits</source>
        <translation>银行存款</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Channel receivable</source>
        <translation>应收账款-渠道</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Settlement in transit</source>
        <translation>在途资金</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Suspense</source>
        <translation>挂账</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Payable to merchants</source>
        <translation>应付商户</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Fee income</source>
        <translation>手续费收入</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Channel fees</source>
        <translation>渠道手续费</translation>
    </message>
    <message>
        <location line="+16" />
        <source>%1, balance on its own side: %2</source>
        <translation>%1，按科目方向的余额：%2</translation>
    </message>
    <message>
        <location line="+10" />
        <source>Open</source>
        <translation>正常</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Closed</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <location line="+10" />
        <source>Code</source>
        <translation>科目代码</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Type</source>
        <translation>科目类别</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Account</source>
        <translation>科目</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Currency</source>
        <translation>币种</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Debit</source>
        <translation>借方</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Credit</source>
        <translation>贷方</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
</context>
</TS>