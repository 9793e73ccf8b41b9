-- Resolving discrepancies (docs/reconciliation.md "Resolving"). Money parked in suspense stays
-- there until a second resolution places it: parked_entry_id is the park entry, kept while a
-- follow-up is proposed (a rejected follow-up returns the discrepancy to parked). An
-- assign_to_merchant proposal names the merchant in assign_merchant_no.
ALTER TABLE recon_discrepancy ADD COLUMN parked_entry_id BIGINT REFERENCES journal_entry (id);
ALTER TABLE recon_discrepancy ADD COLUMN assign_merchant_no TEXT NOT NULL DEFAULT '';
-- Clearing asks, per merchant and day, which orders paid that day are reconciled.
CREATE INDEX payment_order_by_merchant_paid ON payment_order (merchant_id, paid_at);
