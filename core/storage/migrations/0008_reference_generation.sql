-- Reference data (merchants, applications and their keys, channel accounts, fee rates, routing
-- rules) is read by every payment and changes seldom. Every change to it, from any process, moves
-- this one counter, so a cache of reference data is exact when it starts over each time the
-- counter has moved (core/storage/ReferenceGeneration.h). The dialect files add the triggers.
CREATE TABLE reference_generation (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    value BIGINT NOT NULL
);
INSERT INTO reference_generation (id, value) VALUES (1, 1);
