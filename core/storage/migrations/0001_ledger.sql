-- Double-entry ledger (DESIGN.md §6). Amounts are integers of minor units, debit positive.

CREATE TABLE ledger_account (
    id {pk},
    name TEXT NOT NULL,
    currency TEXT NOT NULL,
    type_code INTEGER NOT NULL,
    category TEXT NOT NULL CHECK (category IN ('asset', 'liability', 'income', 'expense')),
    normal_sign INTEGER NOT NULL CHECK (normal_sign IN (1, -1)),
    non_negative INTEGER NOT NULL DEFAULT 0 CHECK (non_negative IN (0, 1)),
    status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
    balance BIGINT NOT NULL DEFAULT 0,
    opened_at BIGINT NOT NULL,
    closed_at BIGINT,
    UNIQUE (name, currency),
    -- The last guard against a race between two writers: a flagged account never goes below zero.
    CHECK (non_negative = 0 OR normal_sign * balance >= 0),
    CHECK (status = 'open' OR balance = 0)
);

-- One row per entry. `postings` is the entry's own record of its lines, in order, as JSON
-- [[account_id, amount], …]; ledger_posting below indexes the same lines by account.
CREATE TABLE journal_entry (
    id {pk},
    business_date {date} NOT NULL,
    kind TEXT NOT NULL,
    reference TEXT NOT NULL DEFAULT '',
    memo TEXT NOT NULL DEFAULT '',
    event_key TEXT,
    reverses_entry_id BIGINT REFERENCES journal_entry (id),
    created_at BIGINT NOT NULL,
    created_by TEXT NOT NULL DEFAULT '',
    -- Sum of the debit lines (the entry's size, for filtering by amount), and the lines.
    debit_total BIGINT NOT NULL,
    postings TEXT NOT NULL
);

-- Partial: most entries carry neither, and an index entry per row would only cost.
CREATE UNIQUE INDEX journal_entry_event_once ON journal_entry (event_key) WHERE event_key IS NOT NULL;
CREATE UNIQUE INDEX journal_entry_reversed_once ON journal_entry (reverses_entry_id) WHERE reverses_entry_id IS NOT NULL;
CREATE INDEX journal_entry_by_date ON journal_entry (business_date, id);

-- Every posting line, clustered by account: account statements, balances and the non-negative
-- history read an account's lines in entry order without a second index. The entry's own
-- `postings` serves "the lines of entry N"; `ledger check` proves the two agree.
CREATE TABLE ledger_posting (
    account_id BIGINT NOT NULL,
    entry_id BIGINT NOT NULL,
    line INTEGER NOT NULL,
    business_date {date} NOT NULL,
    amount BIGINT NOT NULL CHECK (amount <> 0),
    PRIMARY KEY (account_id, entry_id, line)
){without_rowid};

-- Net movement per account and business date: balances as of any date without summing
-- every posting. Kept in the same transaction as the postings; `ledger check` proves it.
CREATE TABLE ledger_account_day (
    account_id BIGINT NOT NULL REFERENCES ledger_account (id),
    business_date {date} NOT NULL,
    delta BIGINT NOT NULL,
    PRIMARY KEY (account_id, business_date)
){without_rowid};
