-- Operators, the tamper-evident audit log, the secret vault and platform settings (DESIGN.md §10).

CREATE TABLE operator (
    id {pk},
    username TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL DEFAULT '',
    roles TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
    password_hash TEXT NOT NULL,
    password_changed_at BIGINT NOT NULL,
    must_change_password INTEGER NOT NULL DEFAULT 0,
    failed_logins INTEGER NOT NULL DEFAULT 0,
    locked_until BIGINT,
    last_login_at BIGINT,
    created_at BIGINT NOT NULL,
    created_by TEXT NOT NULL DEFAULT ''
);

CREATE TABLE operator_password_history (
    id {pk},
    operator_id BIGINT NOT NULL REFERENCES operator (id),
    password_hash TEXT NOT NULL,
    set_at BIGINT NOT NULL
);
CREATE INDEX operator_password_history_by_operator ON operator_password_history (operator_id, id);

-- Each record carries the SHA-256 of the previous one; seq runs 1, 2, 3… without gaps.
CREATE TABLE audit_log (
    seq BIGINT PRIMARY KEY,
    at BIGINT NOT NULL,
    actor TEXT NOT NULL,
    source TEXT NOT NULL,
    action TEXT NOT NULL,
    object TEXT NOT NULL DEFAULT '',
    result TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT '',
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE INDEX audit_log_by_actor ON audit_log (actor, seq);
CREATE INDEX audit_log_by_action ON audit_log (action, seq);
CREATE INDEX audit_log_by_time ON audit_log (at, seq);

-- The data key, wrapped (AES-256-GCM) under a key derived (scrypt) from the master passphrase.
CREATE TABLE vault_key (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    kdf TEXT NOT NULL,
    salt {blob} NOT NULL,
    nonce {blob} NOT NULL,
    wrapped_key {blob} NOT NULL,
    created_at BIGINT NOT NULL,
    rotated_at BIGINT
);

-- Secrets encrypted under the data key; the name is the AES-GCM associated data.
CREATE TABLE vault_secret (
    name TEXT PRIMARY KEY,
    nonce {blob} NOT NULL,
    ciphertext {blob} NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    updated_by TEXT NOT NULL
);

CREATE TABLE setting (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
