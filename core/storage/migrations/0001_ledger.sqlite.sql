-- Journal entries and postings are immutable: corrections are new reversing entries.
CREATE TRIGGER journal_entry_no_update BEFORE UPDATE ON journal_entry
BEGIN
    SELECT RAISE(ABORT, 'journal entries are immutable');
END;

CREATE TRIGGER journal_entry_no_delete BEFORE DELETE ON journal_entry
BEGIN
    SELECT RAISE(ABORT, 'journal entries are immutable');
END;

CREATE TRIGGER ledger_posting_no_update BEFORE UPDATE ON ledger_posting
BEGIN
    SELECT RAISE(ABORT, 'postings are immutable');
END;

CREATE TRIGGER ledger_posting_no_delete BEFORE DELETE ON ledger_posting
BEGIN
    SELECT RAISE(ABORT, 'postings are immutable');
END;
