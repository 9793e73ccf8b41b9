-- Payments (DESIGN.md §2, §6, §7, §11): orders and refunds made through the gateway, and the
-- story of each. Amounts are integers of fen, instants milliseconds since 1970 (UTC).

-- An order: created → paying → succeeded | failed | closed; succeeded → partially_refunded →
-- refunded. (application_id, merchant_order_no) is the idempotency key of the create request;
-- request_hash tells a repeated request from a different one under the same key.
CREATE TABLE payment_order (
    id {pk},
    order_no TEXT NOT NULL UNIQUE,
    application_id BIGINT NOT NULL REFERENCES application (id),
    merchant_id BIGINT NOT NULL REFERENCES merchant (id),
    merchant_order_no TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    method TEXT NOT NULL,
    amount BIGINT NOT NULL CHECK (amount > 0),
    currency TEXT NOT NULL,
    subject TEXT NOT NULL,
    notify_url TEXT NOT NULL DEFAULT '',
    expires_at BIGINT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('created', 'paying', 'succeeded', 'failed', 'closed',
                                           'partially_refunded', 'refunded')),
    channel_account_id BIGINT NOT NULL REFERENCES channel_account (id),
    channel_transaction_id TEXT NOT NULL DEFAULT '',
    payer_id TEXT NOT NULL DEFAULT '',
    -- What the payer needs (code_url, prepay_id or the UnionPay form) as JSON.
    prepay TEXT NOT NULL DEFAULT '',
    merchant_rate_ppm BIGINT NOT NULL CHECK (merchant_rate_ppm BETWEEN 0 AND 1000000),
    merchant_fee BIGINT NOT NULL CHECK (merchant_fee BETWEEN 0 AND amount),
    channel_rate_ppm BIGINT NOT NULL CHECK (channel_rate_ppm BETWEEN 0 AND 1000000),
    channel_fee BIGINT NOT NULL CHECK (channel_fee BETWEEN 0 AND amount),
    refunded_amount BIGINT NOT NULL DEFAULT 0 CHECK (refunded_amount BETWEEN 0 AND amount),
    business_date {date} NOT NULL,
    paid_at BIGINT,
    -- The journal entry of the payment: set once, with the status change to succeeded.
    entry_id BIGINT REFERENCES journal_entry (id),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    UNIQUE (application_id, merchant_order_no)
);
CREATE INDEX payment_order_by_status ON payment_order (status, created_at);
CREATE INDEX payment_order_by_merchant ON payment_order (merchant_id, created_at);

-- A refund of an order: requested → processing → succeeded | failed.
-- (application_id, merchant_refund_no) is the idempotency key of the refund request.
CREATE TABLE payment_refund (
    id {pk},
    refund_no TEXT NOT NULL UNIQUE,
    order_id BIGINT NOT NULL REFERENCES payment_order (id),
    application_id BIGINT NOT NULL REFERENCES application (id),
    merchant_refund_no TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    amount BIGINT NOT NULL CHECK (amount > 0),
    merchant_fee BIGINT NOT NULL DEFAULT 0 CHECK (merchant_fee >= 0),
    channel_fee BIGINT NOT NULL DEFAULT 0 CHECK (channel_fee >= 0),
    reason TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL CHECK (status IN ('requested', 'processing', 'succeeded', 'failed')),
    channel_refund_id TEXT NOT NULL DEFAULT '',
    requested_at BIGINT NOT NULL,
    succeeded_at BIGINT,
    entry_id BIGINT REFERENCES journal_entry (id),
    updated_at BIGINT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    UNIQUE (application_id, merchant_refund_no)
);
CREATE INDEX payment_refund_by_order ON payment_refund (order_id, id);

-- Everything that happened to an order, in order: the create request, channel calls and their
-- answers, callbacks with their verification, queries, notifications, refunds, ledger entries.
-- detail is a JSON snapshot with secrets masked.
CREATE TABLE payment_event (
    id {pk},
    order_id BIGINT NOT NULL REFERENCES payment_order (id),
    refund_id BIGINT REFERENCES payment_refund (id),
    at BIGINT NOT NULL,
    kind TEXT NOT NULL,
    result TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX payment_event_by_order ON payment_event (order_id, id);
