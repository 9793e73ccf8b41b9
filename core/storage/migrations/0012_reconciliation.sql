-- Reconciliation (对账, issue 18, DESIGN.md §8, §11): the statement files kept as they came,
-- every run of one channel account and bill date, the items a run did not match, and the pool of
-- discrepancies that stay open across runs until someone resolves them. Amounts are integers of
-- minor units, instants milliseconds since 1970 (UTC). bill_date is the channel's business day
-- in the platform's zone, the same kind of column as payment_order.business_date so the two
-- compare without casts.

-- A statement file, kept byte for byte (compressed in recon_statement_chunk) with its SHA-256
-- (lowercase hex): the same file twice for one account and date is one row. sha256 stays NULL
-- while the chunks are still being written (each chunk commits on its own so that keeping a
-- multi-GB bill never holds SQLite's writer lock for long); a NULL row left by a crash is
-- garbage that StatementFileStore::removeUnfinished clears.
CREATE TABLE recon_statement_file (
    id {pk},
    channel_account_id BIGINT NOT NULL REFERENCES channel_account (id),
    bill_date {date} NOT NULL,
    sha256 TEXT CHECK (sha256 IS NULL OR length(sha256) = 64),
    byte_size BIGINT NOT NULL DEFAULT 0 CHECK (byte_size >= 0),
    chunk_count INTEGER NOT NULL DEFAULT 0 CHECK (chunk_count >= 0),
    -- The statement parser's name for the layout (statementFormatName: wechat-all, alipay-detail,
    -- unionpay-zm, …).
    format TEXT NOT NULL,
    file_name TEXT NOT NULL,
    origin TEXT NOT NULL CHECK (origin IN ('download', 'import')),
    kept_at BIGINT NOT NULL,
    kept_by TEXT NOT NULL,
    UNIQUE (channel_account_id, bill_date, sha256)
);

-- The file in order: each chunk is at most 1 MiB of the original, zlib-compressed on its own, so
-- neither writing nor reading ever holds more than one chunk and no value nears bytea's limits.
CREATE TABLE recon_statement_chunk (
    file_id BIGINT NOT NULL REFERENCES recon_statement_file (id) ON DELETE CASCADE,
    seq INTEGER NOT NULL CHECK (seq >= 0),
    data {blob} NOT NULL,
    PRIMARY KEY (file_id, seq)
);

-- One run: running → completed | failed | cancelled | abandoned (running with no heartbeat for
-- longer than the lease: its process died). A later completed run of the same account and date
-- supersedes the earlier one (superseded_by_run_id); both stay in the history. summary and
-- settings are JSON text; error says why a run failed, was cancelled or abandoned.
CREATE TABLE recon_run (
    id {pk},
    channel_account_id BIGINT NOT NULL REFERENCES channel_account (id),
    bill_date {date} NOT NULL,
    statement_file_id BIGINT REFERENCES recon_statement_file (id),
    status TEXT NOT NULL CHECK (status IN ('running', 'completed', 'failed', 'cancelled', 'abandoned')),
    superseded_by_run_id BIGINT REFERENCES recon_run (id),
    started_at BIGINT NOT NULL,
    heartbeat_at BIGINT NOT NULL,
    finished_at BIGINT,
    started_by TEXT NOT NULL,
    summary TEXT NOT NULL DEFAULT '{}',
    settings TEXT NOT NULL DEFAULT '{}',
    error TEXT NOT NULL DEFAULT ''
);
-- The run lock (DESIGN §11): at most one running run per account and date, across processes.
-- A row committed before matching starts rather than a lock held for the run: SQLite's writer
-- lock held that long would stall the gateway, and a crashed holder is taken over by its lease.
CREATE UNIQUE INDEX recon_run_lock ON recon_run (channel_account_id, bill_date) WHERE status = 'running';
CREATE INDEX recon_run_by_account_date ON recon_run (channel_account_id, bill_date, id);
CREATE INDEX recon_run_by_date ON recon_run (bill_date, id);

-- What a run did not match: discrepancies and carried_over items (matched ones are only counted
-- in the summary). A side the item lacks has NULL amounts and empty ids. match_key is the pool's
-- key (see recon_discrepancy). Items are written tens of thousands at a time, only by
-- ReconciliationRunStore::finish for the run it has just completed: like ledger_posting they
-- carry no foreign keys, whose checks, one per row, would cost more than the writing itself.
CREATE TABLE recon_item (
    id {pk},
    run_id BIGINT NOT NULL,
    category TEXT NOT NULL CHECK (category IN ('channel_only', 'platform_only', 'amount_mismatch', 'status_mismatch',
                                               'fee_mismatch', 'duplicate_in_statement', 'carried_over')),
    record_type TEXT NOT NULL CHECK (record_type IN ('payment', 'refund')),
    match_key TEXT NOT NULL,
    order_no TEXT NOT NULL DEFAULT '',
    refund_no TEXT NOT NULL DEFAULT '',
    channel_transaction_id TEXT NOT NULL DEFAULT '',
    channel_refund_no TEXT NOT NULL DEFAULT '',
    channel_amount BIGINT,
    platform_amount BIGINT,
    channel_fee BIGINT,
    platform_fee BIGINT,
    currency TEXT NOT NULL,
    channel_status TEXT NOT NULL DEFAULT '',
    platform_status TEXT NOT NULL DEFAULT '',
    trade_time BIGINT,
    platform_time BIGINT,
    statement_file TEXT NOT NULL DEFAULT '',
    line_number BIGINT NOT NULL DEFAULT 0,
    platform_row_id BIGINT,
    first_listed_line BIGINT,
    carried INTEGER NOT NULL DEFAULT 0 CHECK (carried IN (0, 1))
);
CREATE INDEX recon_item_by_run ON recon_item (run_id, id);
-- The next day's run reads the day's carried items of the account's current run.
CREATE INDEX recon_item_carried ON recon_item (run_id) WHERE category = 'carried_over';
-- The order's story looks its reconciliation lines up by order number.
CREATE INDEX recon_item_by_order ON recon_item (order_no) WHERE order_no <> '';

-- The discrepancy pool: one row per problem, found again (not duplicated) by every rerun of the
-- day through its natural key (channel_account_id, bill_date, record_type, match_key). match_key
-- is our own number when the item has it (order_no for payments, refund_no for refunds), else
-- the channel's (transaction id, refund number): our number is on both sides whatever happened
-- (the channel echoes it; a lost callback leaves our side without the channel's id), so a
-- transaction gets the same key on every rerun whichever side it was seen on. A duplicate line
-- has the key with "#duplicate" appended, so it does not merge with a mismatch of the same
-- transaction. status: open → proposed → resolved (or back to open when rejected); gone when a
-- later run of the same day no longer has it (and open again should a still later run find it).
-- version: optimistic lock of propose and decide. The columns a run's completion writes in bulk
-- (from its own run and items, and the order's merchant) carry no foreign keys, as in recon_item.
CREATE TABLE recon_discrepancy (
    id {pk},
    channel_account_id BIGINT NOT NULL,
    bill_date {date} NOT NULL,
    record_type TEXT NOT NULL CHECK (record_type IN ('payment', 'refund')),
    match_key TEXT NOT NULL,
    category TEXT NOT NULL CHECK (category IN ('channel_only', 'platform_only', 'amount_mismatch', 'status_mismatch',
                                               'fee_mismatch', 'duplicate_in_statement')),
    order_no TEXT NOT NULL DEFAULT '',
    refund_no TEXT NOT NULL DEFAULT '',
    channel_transaction_id TEXT NOT NULL DEFAULT '',
    first_run_id BIGINT NOT NULL,
    latest_run_id BIGINT NOT NULL,
    latest_item_id BIGINT NOT NULL,
    -- NULL when unknown: a channel_only item with no order of ours.
    merchant_id BIGINT,
    status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'proposed', 'resolved', 'gone')),
    resolution TEXT,
    proposed_by TEXT NOT NULL DEFAULT '',
    proposed_at BIGINT,
    note TEXT NOT NULL DEFAULT '',
    decided_by TEXT NOT NULL DEFAULT '',
    decided_at BIGINT,
    reject_reason TEXT NOT NULL DEFAULT '',
    ledger_entry_id BIGINT REFERENCES journal_entry (id),
    found_at BIGINT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    UNIQUE (channel_account_id, bill_date, record_type, match_key)
);
CREATE INDEX recon_discrepancy_by_status ON recon_discrepancy (status, id);
-- The panel's chart counts them per bill date and category.
CREATE INDEX recon_discrepancy_by_date ON recon_discrepancy (bill_date, category);
CREATE INDEX recon_discrepancy_by_order ON recon_discrepancy (order_no) WHERE order_no <> '';
-- Clearing asks, per merchant and day, which orders are still in an unresolved discrepancy.
CREATE INDEX recon_discrepancy_by_merchant ON recon_discrepancy (merchant_id, status) WHERE merchant_id IS NOT NULL;
-- ... and which of the merchant's orders of a business date there are.
CREATE INDEX payment_order_by_merchant_date ON payment_order (merchant_id, business_date);
