-- Platform settings (limits, switches) are read by every payment: caches of them start over when
-- they change, like those of the reference data (0008).
CREATE TRIGGER setting_insert_moves_reference_generation AFTER INSERT ON setting
BEGIN
    UPDATE reference_generation SET value = value + 1 WHERE id = 1;
END;

CREATE TRIGGER setting_update_moves_reference_generation AFTER UPDATE ON setting
BEGIN
    UPDATE reference_generation SET value = value + 1 WHERE id = 1;
END;

CREATE TRIGGER setting_delete_moves_reference_generation AFTER DELETE ON setting
BEGIN
    UPDATE reference_generation SET value = value + 1 WHERE id = 1;
END;
