-- The chunks are zlib-compressed already: PostgreSQL keeps them out of line without trying to
-- compress them again.
ALTER TABLE recon_statement_chunk ALTER COLUMN data SET STORAGE EXTERNAL;
