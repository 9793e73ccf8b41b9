-- Platform settings (limits, switches) are read by every payment: caches of them start over when
-- they change, like those of the reference data (0008).
CREATE TRIGGER setting_moves_reference_generation AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON setting
    FOR EACH STATEMENT EXECUTE FUNCTION move_reference_generation();
