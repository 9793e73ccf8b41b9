-- A channel account's daily usage is kept in slots: each writer adds to a slot of its own and
-- the day's usage is the sum of the account's slots. With one row per account and day, every
-- payment through an account (a shared service-provider account carries many merchants) queued
-- on that row's lock, held until its transaction was on disk, so one account's payments were
-- written one commit flush at a time. The totals are unchanged: existing rows become slot 0.
CREATE TABLE channel_account_usage_slots (
    channel_account_id BIGINT NOT NULL REFERENCES channel_account (id),
    business_date {date} NOT NULL,
    slot INTEGER NOT NULL CHECK (slot >= 0),
    amount BIGINT NOT NULL DEFAULT 0,
    count BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (channel_account_id, business_date, slot)
);
INSERT INTO channel_account_usage_slots (channel_account_id, business_date, slot, amount, count)
    SELECT channel_account_id, business_date, 0, amount, count FROM channel_account_usage;
DROP TABLE channel_account_usage;
ALTER TABLE channel_account_usage_slots RENAME TO channel_account_usage;
