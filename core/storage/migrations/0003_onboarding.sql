-- Onboarding (DESIGN.md §1, §4, §7, §10): merchants and their documents, applications and
-- their signing keys, channel accounts, fee rates and routing. Amounts are integers of fen,
-- rates integers of parts per million, instants milliseconds since 1970 (UTC).

-- A merchant and where it is in the workflow:
-- draft → submitted → approved | rejected (→ draft); approved → active ⇄ frozen → closed.
CREATE TABLE merchant (
    id {pk},
    merchant_no TEXT NOT NULL UNIQUE,
    legal_name TEXT NOT NULL,
    short_name TEXT NOT NULL,
    -- Legal and short name in lower case (Unicode, done by the program): the list's name search
    -- is one case-sensitive LIKE on one column, also on PostgreSQL (no ILIKE over two columns).
    search_name TEXT NOT NULL DEFAULT '',
    type TEXT NOT NULL CHECK (type IN ('individual', 'enterprise')),
    -- Unified social credit code (enterprises) or resident ID number (individuals).
    registration_no TEXT NOT NULL DEFAULT '',
    contact_name TEXT NOT NULL DEFAULT '',
    contact_phone TEXT NOT NULL DEFAULT '',
    contact_email TEXT NOT NULL DEFAULT '',
    industry TEXT NOT NULL DEFAULT '',
    bank_account_name TEXT NOT NULL DEFAULT '',
    bank_name TEXT NOT NULL DEFAULT '',
    bank_branch TEXT NOT NULL DEFAULT '',
    bank_account_no TEXT NOT NULL DEFAULT '',
    currency TEXT NOT NULL DEFAULT 'CNY',
    settlement_cycle TEXT NOT NULL DEFAULT 'T1' CHECK (settlement_cycle IN ('T1', 'TN', 'manual')),
    settlement_days INTEGER NOT NULL DEFAULT 1 CHECK (settlement_days BETWEEN 1 AND 30),
    minimum_payout BIGINT NOT NULL DEFAULT 0 CHECK (minimum_payout >= 0),
    reserve_ppm INTEGER NOT NULL DEFAULT 0 CHECK (reserve_ppm BETWEEN 0 AND 1000000),
    status TEXT NOT NULL DEFAULT 'draft'
        CHECK (status IN ('draft', 'submitted', 'approved', 'rejected', 'active', 'frozen', 'closed')),
    rejection_reason TEXT NOT NULL DEFAULT '',
    submitted_by TEXT NOT NULL DEFAULT '',
    submitted_at BIGINT,
    reviewed_by TEXT NOT NULL DEFAULT '',
    reviewed_at BIGINT,
    -- While frozen: the journal entry of the freeze, whose amount unfreezing moves back.
    freeze_entry_id BIGINT REFERENCES journal_entry (id),
    created_at BIGINT NOT NULL,
    created_by TEXT NOT NULL,
    updated_at BIGINT NOT NULL,
    -- Bumped by every change; a change made from a stale copy is refused.
    version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX merchant_by_status ON merchant (status, id);
CREATE INDEX merchant_by_registration ON merchant (registration_no);
CREATE INDEX merchant_by_phone ON merchant (contact_phone);

-- The merchant's story as its detail view shows it: status changes and edits.
CREATE TABLE merchant_history (
    id {pk},
    merchant_id BIGINT NOT NULL REFERENCES merchant (id),
    at BIGINT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    from_status TEXT NOT NULL DEFAULT '',
    to_status TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX merchant_history_by_merchant ON merchant_history (merchant_id, id);

-- Documents (资料备案), kept whole: a replaced document stays, marked superseded.
CREATE TABLE merchant_document (
    id {pk},
    merchant_id BIGINT NOT NULL REFERENCES merchant (id),
    kind TEXT NOT NULL
        CHECK (kind IN ('business_licence', 'legal_id_front', 'legal_id_back', 'bank_account_proof', 'other')),
    file_name TEXT NOT NULL,
    media_type TEXT NOT NULL CHECK (media_type IN ('image/png', 'image/jpeg', 'application/pdf')),
    size BIGINT NOT NULL CHECK (size > 0),
    sha256 TEXT NOT NULL,
    content {blob} NOT NULL,
    superseded INTEGER NOT NULL DEFAULT 0 CHECK (superseded IN (0, 1)),
    uploaded_at BIGINT NOT NULL,
    uploaded_by TEXT NOT NULL
);
CREATE INDEX merchant_document_by_merchant ON merchant_document (merchant_id, kind, id);

-- Applications that call the gateway: the platform's own (merchant_id NULL) or a merchant's.
CREATE TABLE application (
    id {pk},
    app_id TEXT NOT NULL UNIQUE,
    merchant_id BIGINT REFERENCES merchant (id),
    name TEXT NOT NULL,
    -- Enabled payment methods, comma separated method names (wechat.native, alipay.precreate, …).
    methods TEXT NOT NULL DEFAULT '',
    notify_url TEXT NOT NULL DEFAULT '',
    -- Comma separated IPv4/IPv6 addresses or CIDR ranges; empty: any.
    ip_allowlist TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'enabled' CHECK (status IN ('enabled', 'disabled')),
    created_at BIGINT NOT NULL,
    created_by TEXT NOT NULL,
    updated_at BIGINT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX application_by_merchant ON application (merchant_id, id);

-- Request signing keys. RSA2: the application's public key (not a secret). HMAC-SHA256: the
-- secret lives in the vault under `secret_name`; only its fingerprint is here. A rotated key
-- stays valid until `valid_until` (the overlap window).
CREATE TABLE application_key (
    id {pk},
    application_id BIGINT NOT NULL REFERENCES application (id),
    kind TEXT NOT NULL CHECK (kind IN ('rsa2', 'hmac_sha256')),
    public_key TEXT NOT NULL DEFAULT '',
    secret_name TEXT NOT NULL DEFAULT '',
    fingerprint TEXT NOT NULL,
    valid_from BIGINT NOT NULL,
    valid_until BIGINT,
    created_at BIGINT NOT NULL,
    created_by TEXT NOT NULL,
    CHECK ((kind = 'rsa2' AND public_key <> '') OR (kind = 'hmac_sha256' AND secret_name <> ''))
);
CREATE INDEX application_key_by_application ON application_key (application_id, id);

-- A channel account: the platform's shared account, or a merchant's own (owner_merchant_id).
-- Credentials are vault secrets named channel/<channel>/<channel_merchant_id>/<item>, shared by
-- accounts of the same channel merchant id (a service provider's sub-merchants).
CREATE TABLE channel_account (
    id {pk},
    name TEXT NOT NULL UNIQUE,
    channel TEXT NOT NULL CHECK (channel IN ('wechatpay', 'alipay', 'unionpay')),
    mode TEXT NOT NULL CHECK (mode IN ('shared', 'own')),
    owner_merchant_id BIGINT REFERENCES merchant (id),
    channel_merchant_id TEXT NOT NULL,
    sub_merchant_id TEXT NOT NULL DEFAULT '',
    channel_app_id TEXT NOT NULL DEFAULT '',
    base_url TEXT NOT NULL,
    file_url TEXT NOT NULL DEFAULT '',
    notify_url TEXT NOT NULL DEFAULT '',
    -- Extra CA certificates (PEM) to trust for this channel's HTTPS, e.g. the sandbox's; not secret.
    ca_certificates TEXT NOT NULL DEFAULT '',
    currency TEXT NOT NULL DEFAULT 'CNY',
    per_transaction_limit BIGINT NOT NULL DEFAULT 0 CHECK (per_transaction_limit >= 0),
    daily_limit BIGINT NOT NULL DEFAULT 0 CHECK (daily_limit >= 0),
    status TEXT NOT NULL DEFAULT 'enabled' CHECK (status IN ('enabled', 'disabled')),
    last_test_at BIGINT,
    last_test_result TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    created_by TEXT NOT NULL,
    updated_at BIGINT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    UNIQUE (channel, channel_merchant_id, sub_merchant_id),
    CHECK ((mode = 'own') = (owner_merchant_id IS NOT NULL))
);

-- What went through an account per business date, for the daily limit. Kept by the payment
-- module in the same transaction as the payment.
CREATE TABLE channel_account_usage (
    channel_account_id BIGINT NOT NULL REFERENCES channel_account (id),
    business_date {date} NOT NULL,
    amount BIGINT NOT NULL DEFAULT 0,
    count BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (channel_account_id, business_date)
);

-- Fee rates, effective-dated: the rate on day D is the row with the latest effective_from <= D.
-- Rows are never changed once in effect; a later row supersedes.
CREATE TABLE channel_cost_rate (
    id {pk},
    channel_account_id BIGINT NOT NULL REFERENCES channel_account (id),
    method TEXT NOT NULL,
    rate_ppm INTEGER NOT NULL CHECK (rate_ppm BETWEEN 0 AND 1000000),
    effective_from {date} NOT NULL,
    created_at BIGINT NOT NULL,
    created_by TEXT NOT NULL,
    UNIQUE (channel_account_id, method, effective_from)
);

CREATE TABLE fee_template (
    id {pk},
    name TEXT NOT NULL UNIQUE,
    description TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    created_by TEXT NOT NULL,
    updated_at BIGINT NOT NULL
);

CREATE TABLE fee_template_rate (
    template_id BIGINT NOT NULL REFERENCES fee_template (id),
    method TEXT NOT NULL,
    rate_ppm INTEGER NOT NULL CHECK (rate_ppm BETWEEN 0 AND 1000000),
    PRIMARY KEY (template_id, method)
);

CREATE TABLE merchant_rate (
    id {pk},
    merchant_id BIGINT NOT NULL REFERENCES merchant (id),
    method TEXT NOT NULL,
    rate_ppm INTEGER NOT NULL CHECK (rate_ppm BETWEEN 0 AND 1000000),
    effective_from {date} NOT NULL,
    template_id BIGINT REFERENCES fee_template (id),
    created_at BIGINT NOT NULL,
    created_by TEXT NOT NULL,
    UNIQUE (merchant_id, method, effective_from)
);

-- For (merchant, method): candidate channel accounts, lowest priority number first, then by
-- weight among equals.
CREATE TABLE routing_rule (
    id {pk},
    merchant_id BIGINT NOT NULL REFERENCES merchant (id),
    method TEXT NOT NULL,
    channel_account_id BIGINT NOT NULL REFERENCES channel_account (id),
    priority INTEGER NOT NULL DEFAULT 1 CHECK (priority >= 1),
    weight INTEGER NOT NULL DEFAULT 1 CHECK (weight BETWEEN 1 AND 10000),
    enabled INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
    created_at BIGINT NOT NULL,
    created_by TEXT NOT NULL,
    updated_at BIGINT NOT NULL,
    UNIQUE (merchant_id, method, channel_account_id)
);
CREATE INDEX routing_rule_by_account ON routing_rule (channel_account_id);
