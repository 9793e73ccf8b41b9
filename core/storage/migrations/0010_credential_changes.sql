-- Changes of channel trust material under maker-checker (DESIGN.md §10, §12): what callbacks
-- and channel answers are verified with, and what Paydesk signs with, is proposed by one
-- operator and takes effect only when another approves. The proposed items wait sealed under
-- the vault's data key (AES-256-GCM, never in clear); `sealed` is emptied once the change is
-- decided, withdrawn or expired. `fingerprints` holds the old and new material's fingerprints
-- (certificate SHA-256 and serial, key SHA-256 over the SubjectPublicKeyInfo, keyed HMAC of
-- symmetric secrets), never the material. The items belong to every account with the same
-- channel and channel merchant id (they share one vault prefix).
-- status: pending → approved | rejected | withdrawn | expired.
CREATE TABLE channel_credential_change (
    id {pk},
    channel_account_id BIGINT NOT NULL REFERENCES channel_account (id),
    channel TEXT NOT NULL,
    channel_merchant_id TEXT NOT NULL,
    items TEXT NOT NULL,
    fingerprints TEXT NOT NULL,
    sealed {blob},
    status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected', 'withdrawn', 'expired')),
    proposed_by TEXT NOT NULL,
    proposed_by_id BIGINT NOT NULL,
    proposed_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    decided_by TEXT NOT NULL DEFAULT '',
    decided_at BIGINT,
    note TEXT NOT NULL DEFAULT '',
    CHECK ((status = 'pending') = (sealed IS NOT NULL))
);
CREATE INDEX channel_credential_change_by_status ON channel_credential_change (status, expires_at);
CREATE INDEX channel_credential_change_by_account ON channel_credential_change (channel_account_id, id);

-- When the account's trust material last changed by approval: for 24 hours after it, every
-- callback of the account is confirmed by a query to the channel before anything is posted.
ALTER TABLE channel_account ADD COLUMN trust_changed_at BIGINT;
