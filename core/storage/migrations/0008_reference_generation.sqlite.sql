-- One trigger per reference table and kind of change: each moves the generation counter.
CREATE TRIGGER merchant_insert_moves_reference_generation AFTER INSERT ON merchant
BEGIN
    UPDATE reference_generation SET value = value + 1 WHERE id = 1;
END;

CREATE TRIGGER merchant_update_moves_reference_generation AFTER UPDATE ON merchant
BEGIN
    UPDATE reference_generation SET value = value + 1 WHERE id = 1;
END;

CREATE TRIGGER merchant_delete_moves_reference_generation AFTER DELETE ON merchant
BEGIN
    UPDATE reference_generation SET value = value + 1 WHERE id = 1;
END;

CREATE TRIGGER application_insert_moves_reference_generation AFTER INSERT ON application
BEGIN
    UPDATE reference_generation SET value = value + 1 WHERE id = 1;
END;

CREATE TRIGGER application_update_moves_reference_generation AFTER UPDATE ON application
BEGIN
    UPDATE reference_generation SET value = value + 1 WHERE id = 1;
END;

CREATE TRIGGER application_delete_moves_reference_generation AFTER DELETE ON application
BEGIN
    UPDATE reference_generation SET value = value + 1 WHERE id = 1;
END;

CREATE TRIGGER application_key_insert_moves_reference_generation AFTER INSERT ON application_key
BEGIN
    UPDATE reference_generation SET value = value + 1 WHERE id = 1;
END;

CREATE TRIGGER application_key_update_moves_reference_generation AFTER UPDATE ON application_key
BEGIN
    UPDATE reference_generation SET value = value + 1 WHERE id = 1;
END;

CREATE TRIGGER application_key_delete_moves_reference_generation AFTER DELETE ON application_key
BEGIN
    UPDATE reference_generation SET value = value + 1 WHERE id = 1;
END;

CREATE TRIGGER channel_account_insert_moves_reference_generation AFTER INSERT ON channel_account
BEGIN
    UPDATE reference_generation SET value = value + 1 WHERE id = 1;
END;

CREATE TRIGGER channel_account_update_moves_reference_generation AFTER UPDATE ON channel_account
BEGIN
    UPDATE reference_generation SET value = value + 1 WHERE id = 1;
END;

CREATE TRIGGER channel_account_delete_moves_reference_generation AFTER DELETE ON channel_account
BEGIN
    UPDATE reference_generation SET value = value + 1 WHERE id = 1;
END;

CREATE TRIGGER channel_cost_rate_insert_moves_reference_generation AFTER INSERT ON channel_cost_rate
BEGIN
    UPDATE reference_generation SET value = value + 1 WHERE id = 1;
END;

CREATE TRIGGER channel_cost_rate_update_moves_reference_generation AFTER UPDATE ON channel_cost_rate
BEGIN
    UPDATE reference_generation SET value = value + 1 WHERE id = 1;
END;

CREATE TRIGGER channel_cost_rate_delete_moves_reference_generation AFTER DELETE ON channel_cost_rate
BEGIN
    UPDATE reference_generation SET value = value + 1 WHERE id = 1;
END;

CREATE TRIGGER fee_template_insert_moves_reference_generation AFTER INSERT ON fee_template
BEGIN
    UPDATE reference_generation SET value = value + 1 WHERE id = 1;
END;

CREATE TRIGGER fee_template_update_moves_reference_generation AFTER UPDATE ON fee_template
BEGIN
    UPDATE reference_generation SET value = value + 1 WHERE id = 1;
END;

CREATE TRIGGER fee_template_delete_moves_reference_generation AFTER DELETE ON fee_template
BEGIN
    UPDATE reference_generation SET value = value + 1 WHERE id = 1;
END;

CREATE TRIGGER fee_template_rate_insert_moves_reference_generation AFTER INSERT ON fee_template_rate
BEGIN
    UPDATE reference_generation SET value = value + 1 WHERE id = 1;
END;

CREATE TRIGGER fee_template_rate_update_moves_reference_generation AFTER UPDATE ON fee_template_rate
BEGIN
    UPDATE reference_generation SET value = value + 1 WHERE id = 1;
END;

CREATE TRIGGER fee_template_rate_delete_moves_reference_generation AFTER DELETE ON fee_template_rate
BEGIN
    UPDATE reference_generation SET value = value + 1 WHERE id = 1;
END;

CREATE TRIGGER merchant_rate_insert_moves_reference_generation AFTER INSERT ON merchant_rate
BEGIN
    UPDATE reference_generation SET value = value + 1 WHERE id = 1;
END;

CREATE TRIGGER merchant_rate_update_moves_reference_generation AFTER UPDATE ON merchant_rate
BEGIN
    UPDATE reference_generation SET value = value + 1 WHERE id = 1;
END;

CREATE TRIGGER merchant_rate_delete_moves_reference_generation AFTER DELETE ON merchant_rate
BEGIN
    UPDATE reference_generation SET value = value + 1 WHERE id = 1;
END;

CREATE TRIGGER routing_rule_insert_moves_reference_generation AFTER INSERT ON routing_rule
BEGIN
    UPDATE reference_generation SET value = value + 1 WHERE id = 1;
END;

CREATE TRIGGER routing_rule_update_moves_reference_generation AFTER UPDATE ON routing_rule
BEGIN
    UPDATE reference_generation SET value = value + 1 WHERE id = 1;
END;

CREATE TRIGGER routing_rule_delete_moves_reference_generation AFTER DELETE ON routing_rule
BEGIN
    UPDATE reference_generation SET value = value + 1 WHERE id = 1;
END;
