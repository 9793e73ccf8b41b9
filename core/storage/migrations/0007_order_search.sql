-- Support's order search (docs/order-search.md). Every id a caller can read out is one index
-- seek; every filter the search offers has an index that yields its rows newest first, so a
-- page is a short walk along one index (keyset paging on created_at, id), never a sort of all
-- matches. Partial indexes leave out the empty values most rows carry.
CREATE INDEX payment_order_by_merchant_order_no ON payment_order (merchant_order_no);
CREATE INDEX payment_order_by_channel_transaction ON payment_order (channel_transaction_id)
    WHERE channel_transaction_id <> '';
CREATE INDEX payment_order_by_payer ON payment_order (payer_id) WHERE payer_id <> '';
CREATE INDEX payment_refund_by_merchant_refund_no ON payment_refund (merchant_refund_no);
CREATE INDEX payment_refund_by_channel_refund ON payment_refund (channel_refund_id) WHERE channel_refund_id <> '';

CREATE INDEX payment_order_by_time ON payment_order (created_at, id);
DROP INDEX payment_order_by_status;
CREATE INDEX payment_order_by_status ON payment_order (status, created_at, id);
DROP INDEX payment_order_by_merchant;
CREATE INDEX payment_order_by_merchant ON payment_order (merchant_id, created_at, id);
CREATE INDEX payment_order_by_application ON payment_order (application_id, created_at, id);
CREATE INDEX payment_order_by_account ON payment_order (channel_account_id, created_at, id);
CREATE INDEX payment_order_by_method ON payment_order (method, created_at, id);
CREATE INDEX payment_order_by_amount ON payment_order (amount, created_at, id);
