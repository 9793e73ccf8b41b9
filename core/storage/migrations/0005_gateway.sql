-- The gateway (DESIGN.md §2, §11): nonces seen in signed requests, and the notifications the
-- platform owes applications. Instants are milliseconds since 1970 (UTC).

-- A signed request's nonce, kept while its timestamp is inside the accepted window: the same
-- (application, nonce) twice is a replay. Rows older than the window are deleted by the sweep.
CREATE TABLE gateway_nonce (
    app_id TEXT NOT NULL,
    nonce TEXT NOT NULL,
    seen_at BIGINT NOT NULL,
    PRIMARY KEY (app_id, nonce)
);
CREATE INDEX gateway_nonce_by_age ON gateway_nonce (seen_at);

-- A notification to an application's notify URL, written in the same unit of work as the change
-- it reports (an outbox: it cannot be lost), then posted and retried on the schedule until the
-- application answers "success". status: pending → delivered | failed; resend makes it pending.
CREATE TABLE payment_notification (
    id {pk},
    order_id BIGINT NOT NULL REFERENCES payment_order (id),
    refund_id BIGINT REFERENCES payment_refund (id),
    application_id BIGINT NOT NULL REFERENCES application (id),
    kind TEXT NOT NULL CHECK (kind IN ('payment', 'refund')),
    url TEXT NOT NULL,
    body TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
    attempts INTEGER NOT NULL DEFAULT 0,
    -- failed attempts since the last success or resend: where the retry schedule stands
    round_failures INTEGER NOT NULL DEFAULT 0,
    next_at BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    delivered_at BIGINT,
    updated_at BIGINT NOT NULL
);
CREATE INDEX payment_notification_due ON payment_notification (status, next_at);
CREATE INDEX payment_notification_by_order ON payment_notification (order_id, id);

-- Every attempt to post a notification, with what came back.
CREATE TABLE notification_attempt (
    id {pk},
    notification_id BIGINT NOT NULL REFERENCES payment_notification (id),
    attempt INTEGER NOT NULL,
    at BIGINT NOT NULL,
    http_status INTEGER NOT NULL DEFAULT 0,
    duration_ms INTEGER NOT NULL DEFAULT 0,
    outcome TEXT NOT NULL CHECK (outcome IN ('delivered', 'rejected', 'unreachable')),
    response TEXT NOT NULL DEFAULT '',
    UNIQUE (notification_id, attempt)
);

-- The scheduler asks the channel about refunds still under way, oldest first.
CREATE INDEX payment_refund_by_status ON payment_refund (status, requested_at);
