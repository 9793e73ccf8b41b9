-- The key keeps the table's name (PostgreSQL names it after the table it was created in).
ALTER INDEX channel_account_usage_slots_pkey RENAME TO channel_account_usage_pkey;
