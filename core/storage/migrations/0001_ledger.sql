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

CREATE TABLE journal_entry (
    id {pk},
    business_date {date} NOT NULL,
    kind TEXT NOT NULL,
    reference TEXT NOT NULL DEFAULT '',
    memo TEXT NOT NULL DEFAULT '',
    event_key TEXT UNIQUE,
    reverses_entry_id BIGINT UNIQUE REFERENCES journal_entry (id),
    created_at BIGINT NOT NULL,
    created_by TEXT NOT NULL DEFAULT ''
);

CREATE INDEX journal_entry_by_date ON journal_entry (business_date, id);
CREATE INDEX journal_entry_by_reference ON journal_entry (reference);

CREATE TABLE ledger_posting (
    entry_id BIGINT NOT NULL REFERENCES journal_entry (id),
    line INTEGER NOT NULL,
    account_id BIGINT NOT NULL REFERENCES ledger_account (id),
    amount BIGINT NOT NULL CHECK (amount <> 0),
    PRIMARY KEY (entry_id, line)
){without_rowid};

CREATE INDEX ledger_posting_by_account ON ledger_posting (account_id, entry_id);

-- Net movement per account and business date: balances as of any date without summing
-- every posting. Kept in the same transaction as the postings; `ledger check` proves it.
CREATE TABLE ledger_account_day (
    account_id BIGINT NOT NULL REFERENCES ledger_account (id),
    business_date {date} NOT NULL,
    delta BIGINT NOT NULL,
    PRIMARY KEY (account_id, business_date)
){without_rowid};
