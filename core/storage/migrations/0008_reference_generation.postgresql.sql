-- Once per statement that changes a reference table, whatever the rows.
CREATE FUNCTION move_reference_generation() RETURNS trigger AS $$
BEGIN
    UPDATE reference_generation SET value = value + 1 WHERE id = 1;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER merchant_moves_reference_generation AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON merchant
    FOR EACH STATEMENT EXECUTE FUNCTION move_reference_generation();

CREATE TRIGGER application_moves_reference_generation AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON application
    FOR EACH STATEMENT EXECUTE FUNCTION move_reference_generation();

CREATE TRIGGER application_key_moves_reference_generation AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON application_key
    FOR EACH STATEMENT EXECUTE FUNCTION move_reference_generation();

CREATE TRIGGER channel_account_moves_reference_generation AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON channel_account
    FOR EACH STATEMENT EXECUTE FUNCTION move_reference_generation();

CREATE TRIGGER channel_cost_rate_moves_reference_generation AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON channel_cost_rate
    FOR EACH STATEMENT EXECUTE FUNCTION move_reference_generation();

CREATE TRIGGER fee_template_moves_reference_generation AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON fee_template
    FOR EACH STATEMENT EXECUTE FUNCTION move_reference_generation();

CREATE TRIGGER fee_template_rate_moves_reference_generation AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON fee_template_rate
    FOR EACH STATEMENT EXECUTE FUNCTION move_reference_generation();

CREATE TRIGGER merchant_rate_moves_reference_generation AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON merchant_rate
    FOR EACH STATEMENT EXECUTE FUNCTION move_reference_generation();

CREATE TRIGGER routing_rule_moves_reference_generation AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON routing_rule
    FOR EACH STATEMENT EXECUTE FUNCTION move_reference_generation();
