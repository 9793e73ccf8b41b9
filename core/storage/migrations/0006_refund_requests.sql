-- Refunds asked for by operators (console or cli), DESIGN.md §10 maker-checker: one at or below
-- the approval threshold is made at once; a larger one waits for an approver who is not the
-- requester. status: pending → approved (the refund is made) | rejected; executed for refunds
-- that needed no approval; failed when the refund could not be made after approval.
CREATE TABLE refund_request (
    id {pk},
    order_id BIGINT NOT NULL REFERENCES payment_order (id),
    amount BIGINT NOT NULL CHECK (amount > 0),
    reason TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected', 'executed', 'failed')),
    requested_by TEXT NOT NULL,
    requested_at BIGINT NOT NULL,
    decided_by TEXT NOT NULL DEFAULT '',
    decided_at BIGINT,
    decision_note TEXT NOT NULL DEFAULT '',
    refund_id BIGINT REFERENCES payment_refund (id),
    version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX refund_request_by_status ON refund_request (status, requested_at);
CREATE INDEX refund_request_by_order ON refund_request (order_id, id);
