-- Refunds never left unrecorded (issue 16): what the channel last said about each refund and how
-- often it was asked, so that the sweep settles refunds still `requested` (the answer was lost,
-- or the process died between recording the refund and asking) by what the channel says, asks
-- again with the same refund number only when the channel has none, and finance sees the ones
-- that stay unsettled. The dialect files make platform settings move the reference generation.

-- Times the refund request was sent to the channel (the first send counts; the same refund
-- number every time) and when it was last sent.
ALTER TABLE payment_refund ADD COLUMN asks INTEGER NOT NULL DEFAULT 0;
ALTER TABLE payment_refund ADD COLUMN asked_at BIGINT;
-- The channel's last word on the refund and when it came: a refund state (succeeded,
-- processing, failed, not_found, abnormal) or the error code of a call that got no usable
-- answer (channel_timeout, channel_rejected, …), with the channel's own text.
ALTER TABLE payment_refund ADD COLUMN checked_at BIGINT;
ALTER TABLE payment_refund ADD COLUMN channel_answer TEXT NOT NULL DEFAULT '';
ALTER TABLE payment_refund ADD COLUMN channel_text TEXT NOT NULL DEFAULT '';
